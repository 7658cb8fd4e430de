import Foundation
import ZhengdunCore

/// An item of a plan's problem list as `problem show` and the 整改台账 show it: what it is,
/// who leads it and who answers for it, its deadline, how the rectification went, its evidence.
public struct ProblemView: Codable, Sendable {
    /// A word on the rectification: a progress note (整改进展) or the report handed in (报送).
    public struct Note: Codable, Sendable {
        public var at: Date
        /// The name of the person who wrote it.
        public var by: String
        public var text: String
    }

    public struct EvidenceInfo: Codable, Sendable {
        public var name: String
        public var sha256: String
        public var bytes: Int
    }

    public var plan: Int64
    public var village: String
    /// Its number in the plan: `Q3` is 3.
    public var number: Int
    public var kind: String
    public var kindTitle: String
    /// 问题具体表现.
    public var detail: String
    /// 整改措施.
    public var remedy: String
    public var measure: MeasureKey?
    public var measureTitle: String?
    public var goal: String?
    public var goalTitle: String?
    /// 责任领导.
    public var leader: PersonID
    public var leaderName: String
    /// The rectification task it was handed over as.
    public var task: Int64?
    /// 责任人.
    public var responsible: PersonID?
    public var responsibleName: String?
    /// 整改时限, as now; `originalDeadline` as first set.
    public var deadline: Date?
    public var originalDeadline: Date?
    public var state: ProblemState
    public var taskState: TaskState?
    public var overdue: Bool
    public var workingDaysLate: Int?
    public var recordedAt: Date
    /// 销号时间.
    public var closedAt: Date?
    public var carriedAt: Date?
    public var carriedReason: String?
    /// The latest report of the work done (报送), which says how it was completed.
    public var report: String?
    /// Progress notes and reports, oldest first.
    public var notes: [Note]
    public var evidence: [EvidenceInfo]

    /// `Q3`.
    public var label: String { "Q\(number)" }

    enum CodingKeys: String, CodingKey {
        case plan, village, number, kind, kindTitle = "kind_title", detail, remedy, measure, measureTitle = "measure_title"
        case goal, goalTitle = "goal_title", leader, leaderName = "leader_name", task, responsible
        case responsibleName = "responsible_name", deadline, originalDeadline = "original_deadline", state
        case taskState = "task_state", overdue, workingDaysLate = "working_days_late", recordedAt = "recorded_at"
        case closedAt = "closed_at", carriedAt = "carried_at", carriedReason = "carried_reason", report, notes, evidence
    }
}
