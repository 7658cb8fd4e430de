import Foundation
import GRDB
import ZhengdunCore

/// A working-day calendar as last read from the workflows folder; plans name it.
public struct CalendarRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "calendar"

    public var name: String
    public var yaml: String
    public var sha256: String
    public var updatedAt: Date

    public init(name: String, yaml: String, updatedAt: Date) {
        self.name = name
        self.yaml = yaml
        sha256 = SHA256.hex(yaml)
        self.updatedAt = updatedAt
    }

    public init(row: Row) {
        name = row["name"]
        yaml = row["yaml"]
        sha256 = row["sha256"]
        updatedAt = Millis.date(row["updated_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["name"] = name
        container["yaml"] = yaml
        container["sha256"] = sha256
        container["updated_at"] = Millis.from(updatedAt)
    }
}
