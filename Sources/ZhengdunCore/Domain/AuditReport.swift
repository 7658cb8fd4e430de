/// What `audit verify` found in the event log (审计日志): how much it read, each break in the
/// hash chain, and the chain's head to keep elsewhere.
public struct AuditReport: Sendable, Codable {
    public var events: Int
    public var evidence: Int
    /// Each problem names the row it concerns; empty when the log is intact.
    public var problems: [Message]
    /// The chain's last event and its hash, to be kept outside the database.
    public var head: ChainAnchor?
    /// The anchor checked against the log, when one was given.
    public var anchor: ChainAnchor?

    public init(events: Int, evidence: Int, problems: [Message], head: ChainAnchor?, anchor: ChainAnchor?) {
        self.events = events
        self.evidence = evidence
        self.problems = problems
        self.head = head
        self.anchor = anchor
    }

    public var intact: Bool { problems.isEmpty }
}
