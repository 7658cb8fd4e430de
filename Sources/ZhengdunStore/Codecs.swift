import Foundation
import GRDB
import ZhengdunCore

// How the core's types are stored: ids and keys as their raw value, states by name, rules and
// dates as the text a workflow file would hold.

extension Tagged: SQLExpressible where RawValue: DatabaseValueConvertible {}
extension Tagged: StatementBinding where RawValue: DatabaseValueConvertible {}
extension Tagged: DatabaseValueConvertible where RawValue: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Self? {
        RawValue.fromDatabaseValue(dbValue).map(Self.init(rawValue:))
    }
}

// Straight from SQLite's column to the value, without the general path through DatabaseValue.
extension Tagged: StatementColumnConvertible where RawValue: StatementColumnConvertible {
    public init?(sqliteStatement: SQLiteStatement, index: CInt) {
        guard let raw = RawValue(sqliteStatement: sqliteStatement, index: index) else { return nil }
        self.init(rawValue: raw)
    }
}

extension TaskState: StatementColumnConvertible {
    public init?(sqliteStatement: SQLiteStatement, index: CInt) {
        self.init(rawValue: String(sqliteStatement: sqliteStatement, index: index))
    }
}

extension PlanState: StatementColumnConvertible {
    public init?(sqliteStatement: SQLiteStatement, index: CInt) {
        self.init(name: String(sqliteStatement: sqliteStatement, index: index))
    }
}

extension TaskState: SQLExpressible {}
extension TaskState: StatementBinding {}
extension TaskState: DatabaseValueConvertible {}

extension PlanState: SQLExpressible {}
extension PlanState: StatementBinding {}
extension PlanState: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { name.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> PlanState? {
        String.fromDatabaseValue(dbValue).map(PlanState.init(name:))
    }
}

/// Core values written as text (`10wd`, `2026-03-04`).
extension DatabaseValueConvertible where Self: TextCoded {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Self? {
        String.fromDatabaseValue(dbValue).flatMap { try? Self.parse($0) }
    }
}

extension DeadlineRule: SQLExpressible {}
extension DeadlineRule: StatementBinding {}
extension DeadlineRule: DatabaseValueConvertible {}
extension LocalDate: SQLExpressible {}
extension LocalDate: StatementBinding {}
extension LocalDate: DatabaseValueConvertible {}

/// Instants are stored as milliseconds since 1970 (UTC): compact, ordered, exact. Rounded, not
/// truncated, so that a date read back and written again keeps its value.
enum Millis {
    static func from(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(millis) / 1000) }
}
