import GRDB
import ZhengdunCore

/// A database that cannot be used, said in one line for a person.
public struct StoreError: ExplainedError {
    public enum Kind: Sendable {
        case notADatabase, readOnly, cannotOpen, busy, newerSchema, corrupt, full, other
    }

    public var kind: Kind
    public var message: Message

    init(_ kind: Kind, _ message: Message) {
        self.kind = kind
        self.message = message
    }

    /// The SQLite error in the words of the file it concerns.
    static func from(_ error: DatabaseError, path: String) -> StoreError {
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return StoreError(.notADatabase, .notAZhengdunDatabase(path: "\(path)", detail: "\(message)"))
        case .SQLITE_READONLY:
            return StoreError(.readOnly, .databaseReadOnly(path: "\(path)"))
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(.cannotOpen, .cannotOpenDatabase(path: "\(path)", detail: "\(message)"))
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.busy, .databaseBusy(path: "\(path)"))
        case .SQLITE_CORRUPT:
            return StoreError(.corrupt, .databaseDamaged(path: "\(path)", detail: "\(message)"))
        case .SQLITE_FULL:
            return StoreError(.full, .diskFull(path: "\(path)"))
        default:
            return StoreError(.other, .databaseError(path: "\(path)", detail: "\(message)"))
        }
    }
}
