import Foundation
import GRDB
import ZhengdunCore

/// When a plan's phase actually started and ended.
public struct PlanPhaseRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "plan_phase"

    public var planID: PlanID
    public var phase: PhaseKey
    public var ordinal: Int
    public var startedAt: Date
    public var endedAt: Date?

    public init(planID: PlanID, phase: PhaseKey, ordinal: Int, startedAt: Date, endedAt: Date? = nil) {
        self.planID = planID
        self.phase = phase
        self.ordinal = ordinal
        self.startedAt = startedAt
        self.endedAt = endedAt
    }

    public init(row: Row) {
        planID = row["plan_id"]
        phase = row["phase"]
        ordinal = row["ordinal"]
        startedAt = Millis.date(row["started_at"])
        endedAt = (row["ended_at"] as Int64?).map(Millis.date)
    }

    public func encode(to container: inout PersistenceContainer) {
        container["plan_id"] = planID
        container["phase"] = phase
        container["ordinal"] = ordinal
        container["started_at"] = Millis.from(startedAt)
        container["ended_at"] = endedAt.map(Millis.from)
    }
}
