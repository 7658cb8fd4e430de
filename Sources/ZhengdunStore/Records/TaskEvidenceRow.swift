import Foundation
import GRDB
import ZhengdunCore

/// Which evidence a submission carried, under the name it was handed in with.
public struct TaskEvidenceRow: Sendable, Hashable, PersistableRecord {
    public static let databaseTableName = "task_evidence"

    public var eventID: Int64
    public var taskID: TaskID
    public var sha256: String
    public var name: String

    public init(eventID: Int64, taskID: TaskID, sha256: String, name: String) {
        self.eventID = eventID
        self.taskID = taskID
        self.sha256 = sha256
        self.name = name
    }

    public func encode(to container: inout PersistenceContainer) {
        container["event_id"] = eventID
        container["task_id"] = taskID
        container["sha256"] = sha256
        container["name"] = name
    }
}
