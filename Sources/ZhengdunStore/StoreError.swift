import GRDB

/// A database that cannot be used, said in one line for a person.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case notADatabase, readOnly, cannotOpen, busy, newerSchema, corrupt, full, other
    }

    public var kind: Kind
    public var description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// The SQLite error in the words of the file it concerns.
    static func from(_ error: DatabaseError, path: String) -> StoreError {
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return StoreError(.notADatabase, "\(path) is not a zhengdun database (\(message))")
        case .SQLITE_READONLY:
            return StoreError(.readOnly, "cannot write \(path): the database is read-only")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(.cannotOpen, "cannot open database \(path): \(message)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.busy, "the database \(path) is busy; try again")
        case .SQLITE_CORRUPT:
            return StoreError(.corrupt, "the database \(path) is damaged (\(message))")
        case .SQLITE_FULL:
            return StoreError(.full, "cannot write \(path): the disk is full")
        default:
            return StoreError(.other, "database error in \(path): \(message)")
        }
    }
}
