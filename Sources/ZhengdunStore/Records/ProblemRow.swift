import Foundation
import GRDB
import ZhengdunCore

/// An item of a plan's problem list (问题清单), numbered in the plan (`Q1`, `Q2` …): its kind
/// (后进原因), what it looks like in this village, how it is to be put right (整改措施) and the
/// goal it serves, who leads it (责任领导). Who answers for it (责任人), its deadline, its progress
/// and its evidence are its rectification task's; carrying it over is its own.
public struct ProblemRow: Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "problem"

    public var id: Int64?
    public var planID: PlanID
    /// Its number in the plan, from 1 without a gap.
    public var number: Int
    /// A problem kind of the workflow (`legacy-problems`).
    public var kind: String
    /// 问题具体表现: what it looks like in this village.
    public var detail: String
    /// 整改措施: how it is to be put right.
    public var remedy: String
    /// The workflow's measure it falls under, when named.
    public var measure: MeasureKey?
    /// The workflow's goal it serves (整改目标), when named.
    public var goal: String?
    /// 责任领导: the leader copied on every 督办 of the item.
    public var leaderID: PersonID
    public var recordedAt: Date
    public var recordedBy: PersonID?
    /// When and why it was carried over into the long-term work (转入长效).
    public var carriedAt: Date?
    public var carriedReason: String?

    public init(
        planID: PlanID, number: Int, kind: String, detail: String, remedy: String, measure: MeasureKey?, goal: String?,
        leaderID: PersonID, recordedAt: Date, recordedBy: PersonID?
    ) {
        self.planID = planID
        self.number = number
        self.kind = kind
        self.detail = detail
        self.remedy = remedy
        self.measure = measure
        self.goal = goal
        self.leaderID = leaderID
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }

    public init(row: Row) {
        id = row["id"]
        planID = row["plan_id"]
        number = row["number"]
        kind = row["kind"]
        detail = row["detail"]
        remedy = row["remedy"]
        measure = (row["measure"] as String?).map { MeasureKey($0) }
        goal = row["goal"]
        leaderID = row["leader_id"]
        recordedAt = Millis.date(row["recorded_at"])
        recordedBy = row["recorded_by"]
        carriedAt = (row["carried_at"] as Int64?).map(Millis.date)
        carriedReason = row["carried_reason"]
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["plan_id"] = planID
        container["number"] = number
        container["kind"] = kind
        container["detail"] = detail
        container["remedy"] = remedy
        container["measure"] = measure
        container["goal"] = goal
        container["leader_id"] = leaderID
        container["recorded_at"] = Millis.from(recordedAt)
        container["recorded_by"] = recordedBy
        container["carried_at"] = carriedAt.map(Millis.from)
        container["carried_reason"] = carriedReason
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// `Q3`, as the office numbers the list.
    public var label: String { "Q\(number)" }
}
