/// Where an item of a plan's problem list (问题清单) stands. An item is handed to its person as
/// a rectification task, and stands where that task stands: nobody has taken it in hand yet,
/// it is being put right (签收, 报送, 退回整改), it is closed (已销号), or it was carried over
/// into the long-term work (转入长效) with a reason.
public enum ProblemState: String, Sendable, Hashable, Codable, CaseIterable {
    /// 未整改: handed over, not yet acknowledged.
    case open
    /// 整改中.
    case inHand = "in_hand"
    /// 已销号: the rectification verified with its evidence.
    case closed
    /// 转入长效: not to be finished in this campaign, carried over with a reason.
    case carried
    /// Stopped with its plan.
    case cancelled

    /// The item's state from its task's and whether it was carried over.
    public init(task: TaskState, carried: Bool) {
        switch task {
        case .issued: self = .open
        case .acknowledged, .submitted, .returned: self = .inHand
        case .verified: self = .closed
        case .cancelled: self = carried ? .carried : .cancelled
        }
    }

    /// Whether the gate that waits for the problem list is satisfied with the item.
    public var isSettled: Bool { self == .closed || self == .carried || self == .cancelled }

    public var word: Message {
        switch self {
        case .open: return .problemOpen
        case .inHand: return .problemInHand
        case .closed: return .problemClosed
        case .carried: return .problemCarried
        case .cancelled: return .planCancelled
        }
    }
}
