/// Where a task stands: `issued (已下发) → acknowledged (已签收) → submitted (已办结待验收) →
/// verified (已验收销号)`; `returned (退回整改)` sends it back to work with a new deadline;
/// `cancelled`. Overdue and escalation level are derived from the deadline, the clock and the
/// history, never stored.
public enum TaskState: String, Sendable, Hashable, Codable, CaseIterable {
    case issued
    case acknowledged
    case submitted
    case verified
    case returned
    case cancelled

    /// Still somebody's work: not verified nor cancelled.
    public var isOpen: Bool { self != .verified && self != .cancelled }

    /// Waiting on its assignee: the deadline binds, reminders and escalation apply.
    public var isAwaitingAssignee: Bool { self == .issued || self == .acknowledged || self == .returned }

    /// The state's name in Chinese, as reports and mail print it whatever the reader's language.
    public var chineseName: String { word.chinese }
}

extension TaskState {
    /// The state in the reader's language, for a message.
    public var word: Message {
        switch self {
        case .issued: return .stateIssued
        case .acknowledged: return .stateAcknowledged
        case .submitted: return .stateSubmitted
        case .verified: return .stateVerified
        case .returned: return .stateReturned
        case .cancelled: return .stateCancelled
        }
    }
}
