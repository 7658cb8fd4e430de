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

    public var chineseName: String {
        switch self {
        case .issued: return "已下发"
        case .acknowledged: return "已签收"
        case .submitted: return "已办结待验收"
        case .verified: return "已验收销号"
        case .returned: return "退回整改"
        case .cancelled: return "已撤销"
        }
    }
}

extension TaskState {
    /// The state in the reader's language, for a message.
    public var word: MessageValue {
        switch self {
        case .issued: return .said(.stateIssued)
        case .acknowledged: return .said(.stateAcknowledged)
        case .submitted: return .said(.stateSubmitted)
        case .verified: return .said(.stateVerified)
        case .returned: return .said(.stateReturned)
        case .cancelled: return .said(.stateCancelled)
        }
    }
}
