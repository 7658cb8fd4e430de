/// A role's standing duty with no deadline (常态化职责): the work team's random inspections
/// (随机检查督导, 六（四）). Nobody is reminded of it or escalated for it; each inspection the
/// role's holders record counts towards it, and reports say how often it was done.
public struct Duty: Sendable, Hashable, Codable {
    public var key: String
    public var title: String
    public var description: String?
    /// Where the plan asks for it, e.g. `六（四）`.
    public var source: String?
    /// The role whose holders do it.
    public var role: RoleKey
    /// The phases it belongs to; empty for every phase.
    public var phases: [PhaseKey]

    public init(key: String, title: String, description: String? = nil, source: String? = nil, role: RoleKey, phases: [PhaseKey] = []) {
        self.key = key
        self.title = title
        self.description = description
        self.source = source
        self.role = role
        self.phases = phases
    }

    /// Whether it is done in `phase`.
    public func belongs(to phase: PhaseKey) -> Bool { phases.isEmpty || phases.contains(phase) }
}
