import Foundation
import GRDB
import ZhengdunCore

/// That a task may be submitted only once another is verified.
public struct TaskDependencyRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "task_dependency"

    public var taskID: TaskID
    public var dependsOnID: TaskID

    public init(taskID: TaskID, dependsOnID: TaskID) {
        self.taskID = taskID
        self.dependsOnID = dependsOnID
    }

    public init(row: Row) {
        taskID = row["task_id"]
        dependsOnID = row["depends_on_id"]
    }

    public func encode(to container: inout PersistenceContainer) {
        container["task_id"] = taskID
        container["depends_on_id"] = dependsOnID
    }
}
