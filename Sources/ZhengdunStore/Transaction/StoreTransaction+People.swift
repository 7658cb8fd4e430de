import Foundation
import GRDB
import ZhengdunCore

extension StoreTransaction {
    public func insert(_ person: PersonRow) throws {
        try person.insert(db)
    }

    public func person(_ id: PersonID) throws -> PersonRow? {
        try PersonRow.fetchOne(db, key: id.rawValue)
    }

    public func person(unixUser: String) throws -> PersonRow? {
        try PersonRow.filter(Column("unix_user") == unixUser).fetchOne(db)
    }

    public func people() throws -> [PersonRow] {
        try PersonRow.order(Column("id")).fetchAll(db)
    }

    public func people(_ ids: some Collection<PersonID>) throws -> [PersonID: PersonRow] {
        let rows = try PersonRow.filter(keys: ids.map(\.rawValue)).fetchAll(db)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
    }

    // MARK: Workflow snapshots

    /// Stores a workflow text once under its SHA-256; returns the address.
    public func storeWorkflow(key: String, version: Int, yaml: String) throws -> String {
        let sha256 = SHA256.hex(yaml)
        try db.execute(sql: "INSERT OR IGNORE INTO workflow (sha256, key, version, yaml) VALUES (?, ?, ?, ?)",
                       arguments: [sha256, key, version, yaml])
        return sha256
    }

    public func workflowText(_ sha256: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT yaml FROM workflow WHERE sha256 = ?", arguments: [sha256])
    }

    // MARK: Calendars

    public func save(_ calendar: CalendarRow) throws {
        try calendar.upsert(db)
    }

    public func calendar(_ name: String) throws -> CalendarRow? {
        try CalendarRow.fetchOne(db, key: name)
    }
}
