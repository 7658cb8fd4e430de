import Foundation
import GRDB
import ZhengdunCore

extension StoreTransaction {
    public func insert(_ person: PersonRow) throws {
        try person.insert(db)
    }

    public func person(_ id: PersonID) throws -> PersonRow? {
        try one(PersonRow.self, PersonRow.select + " WHERE id = ?", [id])
    }

    public func person(unixUser: String) throws -> PersonRow? {
        try PersonRow.filter(Column("unix_user") == unixUser).fetchOne(db)
    }

    public func people() throws -> [PersonRow] {
        try PersonRow.order(Column("id")).fetchAll(db)
    }

    /// Several people by id, a few hundred to a query.
    public func people(_ ids: some Collection<PersonID>) throws -> [PersonID: PersonRow] {
        let ids = Array(Set(ids))
        var people: [PersonID: PersonRow] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let part = ids[start..<min(start + 500, ids.count)]
            let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
            for row in try PersonRow.fetchAll(
                db, sql: PersonRow.select + " WHERE id IN (\(marks))", arguments: StatementArguments(part.map(\.rawValue)))
            {
                people[row.id] = row
            }
        }
        return people
    }

    // MARK: Workflow snapshots

    /// Stores a workflow text once under its SHA-256; returns the address.
    public func storeWorkflow(key: String, version: Int, yaml: String) throws -> String {
        let sha256 = SHA256.hex(yaml)
        try db.execute(
            sql: "INSERT OR IGNORE INTO workflow (sha256, key, version, yaml) VALUES (?, ?, ?, ?)",
            arguments: [sha256, key, version, yaml])
        return sha256
    }

    public func workflowText(_ sha256: String) throws -> String? {
        try String.fetchOne(try db.cachedStatement(sql: "SELECT yaml FROM workflow WHERE sha256 = ?"), arguments: [sha256])
    }

    // MARK: Mail templates

    /// Replaces the stored templates of `language`; returns whether anything changed.
    @discardableResult
    public func saveTemplates(_ texts: [String: String], language: String, at instant: Date) throws -> Bool {
        guard try templates(language: language) != texts else { return false }
        try run("DELETE FROM template WHERE language = ?", [language])
        for (name, text) in texts {
            try run(
                "INSERT INTO template (language, name, text, updated_at) VALUES (?, ?, ?, ?)", [language, name, text, Millis.from(instant)])
        }
        return true
    }

    /// The stored templates of `language`, by name.
    public func templates(language: String) throws -> [String: String] {
        let rows = try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT name, text FROM template WHERE language = ?"), arguments: [language])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as String) })
    }

    // MARK: Calendars

    public func save(_ calendar: CalendarRow) throws {
        try calendar.upsert(db)
    }

    /// The SHA-256 of a stored calendar's text: enough to find it already parsed.
    public func calendarSHA256(_ name: String) throws -> String? {
        try String.fetchOne(try db.cachedStatement(sql: "SELECT sha256 FROM calendar WHERE name = ?"), arguments: [name])
    }

    public func calendar(_ name: String) throws -> CalendarRow? {
        try one(CalendarRow.self, "SELECT * FROM calendar WHERE name = ?", [name])
    }
}
