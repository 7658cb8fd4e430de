import Foundation
import GRDB
import GRDBSQLite

/// A statement a scheduler pass runs thousands of times, bound and stepped through SQLite's own
/// interface: the generic argument path costs more than the insert itself. Used only inside a
/// transaction GRDB opened, for plain inserts and deletes.
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
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .text(let text):
                code = text.utf8CString.withUnsafeBufferPointer {
                    sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count - 1), Self.transient)
                }
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .blob(let data):
                code = data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
            case .null:
                code = sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        let result = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard result == SQLITE_DONE else { throw error(result) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
    }

    /// SQLite copies the bound bytes (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension FastStatement.Value {
    static func text(_ text: String?) -> Self { text.map { .text($0) } ?? .null }
    static func integer(_ number: Int64?) -> Self { number.map { .integer($0) } ?? .null }
    static func integer(_ number: Int?) -> Self { number.map { .integer(Int64($0)) } ?? .null }
    static func bool(_ flag: Bool) -> Self { .integer(flag ? 1 : 0) }
}
