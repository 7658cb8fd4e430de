import Foundation
import GRDB
import ZhengdunCore

/// A person known to zhengdun: cadres, secretaries, inspectors.
public struct PersonRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord, MillisecondDates {
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

    enum CodingKeys: String, CodingKey {
        case id, name, email, unixUser = "unix_user", createdAt = "created_at"
    }
}
