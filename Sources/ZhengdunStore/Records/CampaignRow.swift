import Foundation
import GRDB
import ZhengdunCore

/// A campaign (整顿工作) as stored: its title. Its plans point to it, the township's own among them.
public struct CampaignRow: Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "campaign"

    public var id: CampaignID?
    public var title: String
    public var createdAt: Date

    public init(title: String, createdAt: Date) {
        self.title = title
        self.createdAt = createdAt
    }

    public init(row: Row) {
        id = row["id"]
        title = row["title"]
        createdAt = Millis.date(row["created_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["title"] = title
        container["created_at"] = Millis.from(createdAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = CampaignID(inserted.rowID)
    }
}

/// A 问责 record: the measure taken against a person, why, and the task or inspection it answers for.
public struct AccountabilityRow: Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "accountability"

    public var id: Int64?
    public var personID: PersonID
    public var kind: AccountabilityKind
    public var reason: String
    public var planID: PlanID
    public var taskID: TaskID?
    public var inspectionID: Int64?
    public var recordedBy: PersonID?
    public var at: Date

    public init(
        personID: PersonID, kind: AccountabilityKind, reason: String, planID: PlanID, taskID: TaskID?, inspectionID: Int64?,
        recordedBy: PersonID?, at: Date
    ) {
        self.personID = personID
        self.kind = kind
        self.reason = reason
        self.planID = planID
        self.taskID = taskID
        self.inspectionID = inspectionID
        self.recordedBy = recordedBy
        self.at = at
    }

    public init(row: Row) throws {
        id = row["id"]
        personID = row["person_id"]
        let word: String = row["kind"]
        guard let kind = AccountabilityKind(rawValue: word) else {
            throw StoreError(.corrupt, .storedWordUnreadable(record: "accountability \(id ?? 0)", column: "kind", value: word))
        }
        self.kind = kind
        reason = row["reason"]
        planID = row["plan_id"]
        taskID = row["task_id"]
        inspectionID = row["inspection_id"]
        recordedBy = row["recorded_by"]
        at = Millis.date(row["at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["person_id"] = personID
        container["kind"] = kind.rawValue
        container["reason"] = reason
        container["plan_id"] = planID
        container["task_id"] = taskID
        container["inspection_id"] = inspectionID
        container["recorded_by"] = recordedBy
        container["at"] = Millis.from(at)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
