import Foundation
import GRDB
import GRDBSQLite

/// A statement a scheduler pass runs thousands of times, bound and stepped through SQLite's own
/// interface: the generic argument path costs more than the insert itself. Used only inside a
/// transaction GRDB opened: the pass's inserts and deletes, and its reads of due timers, tasks,
/// plans and role bindings.
struct FastStatement {
    private let statement: Statement
    private let connection: OpaquePointer

    init(_ db: Database, _ sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        connection = db.sqliteConnection!
    }

    /// Values to bind, in order.
    enum Value {
        case text(String)
        case integer(Int64)
        case blob(Data)
        case null
    }

    func execute(_ values: [Value]) throws {
        let handle = try bound(values)
        let result = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard result == SQLITE_DONE else { throw error(result) }
    }

    /// Inserts `rows` into `target`, a table and its columns (`outbox (id, …)`), each row the
    /// values of those columns in order; up to 16 rows to a statement, as a statement's fixed
    /// cost is most of a small row's.
    ///
    /// `INSERT OR FAIL`: a row that breaks a constraint stops its statement and keeps the rows
    /// before it, where plain `INSERT` would undo them; the error then undoes the whole
    /// transaction, as every error here does. So SQLite need not copy every page a statement
    /// changes before changing it (for a pass, about a page a row for each index, each row going
    /// to another leaf), provided the table's references are checked when the transaction
    /// commits, as the ledger's and the outbox's are (migration v4).
    static func insert(_ db: Database, into target: String, _ rows: [[Value]]) throws {
        guard let columns = rows.first?.count else { return }
        // Written once for a full statement's rows, and again only for the last few.
        var sql = (rows: 0, text: "")
        var start = 0
        while start < rows.count {
            let count = min(16, rows.count - start)
            if sql.rows != count {
                let one = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
                sql = (count, "INSERT OR FAIL INTO " + target + " VALUES " + Array(repeating: one, count: count).joined(separator: ", "))
            }
            try FastStatement(db, sql.text).execute(Array(rows[start..<start + count].joined()))
            start += count
        }
    }

    /// The parameters of an `IN (…)` list of `count` values: as many marks as the next power of
    /// two, so that lists of any length share a few statements, prepared once and kept (parsing
    /// a few hundred marks costs more than running the query); the marks past `count` are bound
    /// to NULL, which `IN` never matches.
    static func list(_ count: Int) -> (marks: String, padding: [Value]) {
        var power = 3
        while 1 << power < count { power += 1 }
        let size = 1 << power
        let marks = power < listMarks.count ? listMarks[power] : Array(repeating: "?", count: size).joined(separator: ",")
        return (marks, Array(repeating: .null, count: size - count))
    }

    /// The marks of lists of 1, 2, 4 … 4,096 values, written once.
    private static let listMarks = (0...12).map { Array(repeating: "?", count: 1 << $0).joined(separator: ",") }

    /// Each row the statement returns, read by `decode`.
    func rows<Decoded>(_ values: [Value], _ decode: (Columns) throws -> Decoded) throws -> [Decoded] {
        var rows: [Decoded] = []
        try each(values) { rows.append(try decode($0)) }
        return rows
    }

    /// Each row the statement returns, read by `decode`, under the key it gives: for rows of
    /// many columns, which are then copied once.
    func rows<Key: Hashable, Decoded>(
        _ values: [Value], by key: (Decoded) -> Key, _ decode: (Columns) throws -> Decoded
    ) throws -> [Key: Decoded] {
        var rows: [Key: Decoded] = [:]
        try each(values) { columns in
            let row = try decode(columns)
            rows[key(row)] = row
        }
        return rows
    }

    /// Hands each row the statement returns to `body`, until there are no more.
    private func each(_ values: [Value], _ body: (Columns) throws -> Void) throws {
        let handle = try bound(values)
        defer { sqlite3_reset(handle) }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: try body(Columns(handle: handle))
            case SQLITE_DONE: return
            case let code: throw error(code)
            }
        }
    }

    /// The columns of the current row, by position.
    struct Columns: ColumnReader {
        let handle: OpaquePointer

        func integer(_ index: Int32) -> Int64? {
            sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, index)
        }

        func text(_ index: Int32) -> String? {
            guard let bytes = sqlite3_column_text(handle, index) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, index))), as: UTF8.self)
        }
    }

    private func bound(_ values: [Value]) throws -> OpaquePointer {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        // Every parameter is bound below, so none keeps a value from the last run.
        precondition(values.count == Int(sqlite3_bind_parameter_count(handle)), "\(values.count) values for \(statement.sql)")
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .text(var text):
                // A native string's bytes are read in place; SQLite copies them.
                code = text.withUTF8 { bytes in
                    sqlite3_bind_text(
                        handle, index, UnsafeRawPointer(bytes.baseAddress ?? Self.empty).assumingMemoryBound(to: CChar.self),
                        Int32(bytes.count), Self.transient)
                }
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .blob(let data):
                code = data.withUnsafeBytes {
                    sqlite3_bind_blob(handle, index, $0.baseAddress ?? UnsafeRawPointer(Self.empty), Int32($0.count), Self.transient)
                }
            case .null:
                code = sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        return handle
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
    }

    /// Where an empty text's or blob's bytes are, for SQLite, which reads a null pointer as NULL.
    private static var empty: UnsafePointer<UInt8> { ("" as StaticString).utf8Start }

    /// SQLite copies the bound bytes (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension FastStatement.Value {
    static func text(_ text: String?) -> Self { text.map { .text($0) } ?? .null }
    static func integer(_ number: Int64?) -> Self { number.map { .integer($0) } ?? .null }
    static func integer(_ number: Int?) -> Self { number.map { .integer(Int64($0)) } ?? .null }
    static func bool(_ flag: Bool) -> Self { .integer(flag ? 1 : 0) }
}

/// A result row's columns by position, as integers and texts (NULL as nil): GRDB's rows and
/// SQLite's own, so that a record is read the same way from either.
protocol ColumnReader {
    func integer(_ index: Int32) -> Int64?
    func text(_ index: Int32) -> String?
}

extension Row: ColumnReader {
    func integer(_ index: Int32) -> Int64? { self[Int(index)] }
    func text(_ index: Int32) -> String? { self[Int(index)] }
}
