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

    public static var databaseSelection: [any SQLSelectable] { ["id", "name", "email", "unix_user", "created_at"].map { Column($0) } }
    static let select = "SELECT id, name, email, unix_user, created_at FROM person"

    public init(row: Row) {
        id = row[0]
        name = row[1]
        email = row[2]
        unixUser = row[3]
        createdAt = Millis.date(row[4])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id.rawValue
        container["name"] = name
        container["email"] = email
        container["unix_user"] = unixUser
        container["created_at"] = Millis.from(createdAt)
    }
}
