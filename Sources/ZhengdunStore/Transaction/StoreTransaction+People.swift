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

    // MARK: Calendars

    public func save(_ calendar: CalendarRow) throws {
        try calendar.upsert(db)
    }

    public func calendar(_ name: String) throws -> CalendarRow? {
        try CalendarRow.fetchOne(db, key: name)
    }
}
