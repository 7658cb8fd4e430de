import Foundation
import ZhengdunCore

/// What one scheduler pass did (or, dry, would do).
public struct PassReport: Codable, Sendable {
    public struct Sent: Codable, Sendable {
        public var key: String
        public var kind: NoticeKind
        public var plan: Int64?
        public var task: Int64?
        public var level: Int?
        public var dueAt: Date
        public var late: Bool
        /// Notices that fell due with this one and that it stands for.
        public var folded: [String]
        public var recipients: [PersonID]
        public var subject: String

        enum CodingKeys: String, CodingKey {
            case key, kind, plan, task, level, dueAt = "due_at", late, folded, recipients, subject
        }
    }

    public var at: Date
    /// Tasks the scheduler issued on its own (a recurring task's occurrences) and look backs begun.
    public var issued = 0
    public var notices: [Sent] = []
    /// Timers dropped because their task had moved on.
    public var stale = 0
    /// Messages put in the outbox.
    public var queued = 0
    /// When the next notice falls due: read once the pass's spent timers are swept, by whoever
    /// sweeps them (a pass alone would have to look past each of them).
    public var next: Date?
    /// What failed after the pass had committed (a later batch, delivery, the sweep): the
    /// notices above stand, and the command line says these as warnings, exit 3.
    public var warnings: [Message] = []
}
