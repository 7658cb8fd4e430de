import Foundation
import GRDB
import ZhengdunCore

/// A person known to zhengdun: cadres, secretaries, inspectors.
public struct PersonRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "person"

    public var id: PersonID
    public var name: String
    public var email: String
    /// The Unix account the daemon recognises them by.
    public var unixUser: String?
    public var createdAt: Date

    public init(id: PersonID, name: String, email: String, unixUser: String?, createdAt: Date) {
        self.id = id
        self.name = name
        self.email = email
        self.unixUser = unixUser
        self.createdAt = createdAt
    }

    public init(row: Row) {
        id = PersonID(row["id"] as String)
        name = row["name"]
        email = row["email"]
        unixUser = row["unix_user"]
        createdAt = Millis.date(row["created_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.rawValue
        container["name"] = name
        container["email"] = email
        container["unix_user"] = unixUser
        container["created_at"] = Millis.from(createdAt)
    }
}
