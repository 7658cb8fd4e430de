import Foundation
import GRDB
import ZhengdunCore

/// An inspection (督查) and what it found.
public struct InspectionRow: Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "inspection"

    public var id: Int64?
    public var planID: PlanID
    public var phase: PhaseKey
    public var inspectorID: PersonID
    public var at: Date
    public var finding: String
    public var ordersRectification: Bool
    /// The standing duty it was done under (随机检查督导), when the inspector's role has one.
    public var duty: String?

    public init(
        planID: PlanID, phase: PhaseKey, inspectorID: PersonID, at: Date, finding: String, ordersRectification: Bool, duty: String? = nil
    ) {
        self.duty = duty
        self.planID = planID
        self.phase = phase
        self.inspectorID = inspectorID
        self.at = at
        self.finding = finding
        self.ordersRectification = ordersRectification
    }

    public init(row: Row) {
        id = row["id"]
        planID = row["plan_id"]
        phase = row["phase"]
        inspectorID = row["inspector_id"]
        at = Millis.date(row["at"])
        finding = row["finding"]
        ordersRectification = row["orders_rectification"]
        duty = row["duty"]
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["plan_id"] = planID
        container["phase"] = phase
        container["inspector_id"] = inspectorID
        container["at"] = Millis.from(at)
        container["finding"] = finding
        container["orders_rectification"] = ordersRectification
        container["duty"] = duty
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
