/// Where a plan stands: `draft → survey (摸底准备) → rectification (集中整改) → consolidation
/// (巩固提高) → accepted (验收通过)`, or `cancelled`. The phases are the workflow's own.
public enum PlanState: Sendable, Hashable, CustomStringConvertible {
    /// Created, nothing issued yet.
    case draft
    case inPhase(PhaseKey)
    /// The last gate passed: the branch is accepted as turned around (验收通过).
    case accepted
    /// Under watch again after the look back found the branch slipping back (反弹): a finding
    /// reopened an item of the problem list or ordered rectification.
    case rebound
    /// Signed off after the look back (销号): the rectification is over for good.
    case closed
    case cancelled

    /// `draft`, the phase key, `accepted` or `cancelled`: how the state is stored and shown.
    public var name: String {
        switch self {
        case .draft: return "draft"
        case .inPhase(let phase): return phase.rawValue
        case .accepted: return "accepted"
        case .rebound: return "rebound"
        case .closed: return "closed"
        case .cancelled: return "cancelled"
        }
    }

    public init(name: String) {
        switch name {
        case "draft": self = .draft
        case "accepted": self = .accepted
        case "rebound": self = .rebound
        case "closed": self = .closed
        case "cancelled": self = .cancelled
        default: self = .inPhase(PhaseKey(name))
        }
    }

    public var description: String { name }

    /// The state in the reader's language, for a message: a phase by its key.
    public var word: Message {
        switch self {
        case .draft: return .planDraft
        case .inPhase(let phase): return .text(phase.rawValue)
        case .accepted: return .planAccepted
        case .rebound: return .planRebound
        case .closed: return .planClosed
        case .cancelled: return .planCancelled
        }
    }

    /// The state as prose names it in the reader's language: a phase by its title in the
    /// workflow (`phaseTitle`), any other state by its word (验收通过), never by its key.
    public func named(phaseTitle: (PhaseKey) -> String?) -> Message {
        if case .inPhase(let phase) = self { return .text(phaseTitle(phase) ?? phase.rawValue) }
        return word
    }

    /// Accepted, signed off or cancelled: no phase runs. (An accepted plan may still have its
    /// look back ahead of it.)
    public var isFinished: Bool { self == .accepted || self == .closed || self == .cancelled }

    /// The phase whose work a plan does now: its phase, or in a rebound its look back's.
    public func workingPhase(in workflow: Workflow) -> PhaseKey? {
        switch self {
        case .inPhase(let key): return key
        case .rebound: return workflow.lookBack?.phase.key
        case .draft, .accepted, .closed, .cancelled: return nil
        }
    }
}

extension PlanState: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(name: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
