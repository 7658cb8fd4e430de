import Foundation
import GRDB
import Synchronization
import ZhengdunCore

#if canImport(Glibc)
import Glibc
#endif

/// The zhengdun database: one SQLite file (WAL, foreign keys, a busy timeout), migrated when
/// opened. Every change goes through `write`, one transaction that commits whole or not at all.
///
/// A file we may write is served, from its first write on, by one `DatabasePool` (a writer and
/// read-only readers beside it, as GRDB recommends). Before that, and for a file we may only
/// read, a file in which SQLite cannot keep a write-ahead log or a database in memory, one
/// `DatabaseQueue` serves, whose reads wait for its writes. Either sits behind `any
/// DatabaseWriter`, and callers see no difference but speed.
public final class Store: Sendable {
    public let path: String
    /// What SQLite is given to open it: the path, or a URI for a database opened as immutable.
    private let location: String
    /// The connections, and how to open the pool that replaces them at the first `write`.
    private let database: Mutex<Connections>

    /// The connection a file is checked and first read on, or the pool that replaced it. The
    /// pool waits for the first write because GRDB's pool sets up WAL as it opens: it creates and
    /// drops a table whenever the log file is empty or missing, as it is after every clean close,
    /// which would change the file of a command that only reads.
    private struct Connections: Sendable {
        var writer: any DatabaseWriter
        /// The pool's configuration while `writer` is the connection the file was checked on; nil
        /// once the pool is open, and for a database that is never served by one.
        var poolConfiguration: GRDB.Configuration?
    }

    /// How long a command waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 10

    /// Opens (creating if need be) and migrates the database at `path`. A long-running owner of
    /// the database (the daemon) passes `checkpointWhenIdle`: commits then never stop to copy the
    /// write-ahead log into the file, and the owner calls `checkpoint()` in quiet moments instead,
    /// so that a notice due during a burst is never held up by a checkpoint's fsync.
    ///
    /// Nothing is written to the file until it is known to be a zhengdun database this build can
    /// use: another application's SQLite file, or one from a newer zhengdun, is refused byte for
    /// byte as it was found. (GRDB's own WAL set-up, which the pool runs as it opens, switches the
    /// journal mode and creates and drops a table whenever the log file is empty, which bumps the
    /// schema cookie: so the file is checked, switched to WAL and migrated on a plain connection,
    /// and the pool opens at the first write, on a file known to be ours.) A database we may read
    /// but not write (the file read-only to us, or its folder, where SQLite cannot make its log
    /// and shared-memory files) is opened for reading: listings work and every change is refused.
    public init(path: String, checkpointWhenIdle: Bool = false) throws(StoreError) {
        self.path = path
        let access = Self.access(path)
        location = access.location
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Self.busyTimeout)
        config.readonly = !access.writable
        config.label = "zhengdun"
        config.prepareDatabase { db in
            try db.execute(sql: Self.cachePragmas)
            // The pool's readers only read: what follows is for whoever writes.
            guard !db.configuration.readonly else { return }
            // Many applications choose NORMAL in WAL mode (sqlite.org/pragma.html#pragma_synchronous):
            // a commit survives a crash of the process, and waits for the disk only at checkpoints.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The write-ahead log is written over from its start after each checkpoint, so
            // that commits reuse space the file already has; it never keeps more than 64 MiB.
            try db.execute(sql: "PRAGMA journal_size_limit = \(Self.logSizeLimit)")
            if checkpointWhenIdle { try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: access.location, configuration: config)
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        } catch {
            throw StoreError(.cannotOpen, .cannotOpenDatabase(path: "\(path)", detail: "\(error)"))
        }
        database = Mutex(Connections(writer: queue))
        let state = try inspect()
        var logged = false
        if access.writable {
            logged = try translating {
                if try queue.read({ try String.fetchOne($0, sql: "PRAGMA journal_mode") }) == "wal" { return true }
                return try queue.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") } == "wal"
            }
        }
        if !state.complete {
            try translating { try Schema.migrator.migrate(queue) }
        }
        // A pool needs the write-ahead log; a file that cannot keep one stays on this connection.
        guard logged else { return }
        database.withLock { $0.poolConfiguration = config }
        // A long-running owner writes from its first pass on: its pool opens now, so that
        // `versionOfOthers` counts on one connection for the store's whole life.
        if checkpointWhenIdle { _ = try translating { try writer() } }
    }

    /// Where SQLite opens the database at `path`, and whether we may write it. A database whose
    /// folder we may not write, and which has no write-ahead log beside it, is opened as immutable:
    /// SQLite would otherwise need to create its shared-memory file there to read it, and nobody
    /// can be writing it, since a writer must have made the log in that folder.
    private static func access(_ path: String) -> (location: String, writable: Bool) {
        let folder = (path as NSString).deletingLastPathComponent
        let folderWritable = Glibc.access(folder.isEmpty ? "." : folder, W_OK) == 0
        let exists = FileManager.default.fileExists(atPath: path)
        let writable = folderWritable && (!exists || Glibc.access(path, W_OK) == 0)
        guard exists && !folderWritable && !FileManager.default.fileExists(atPath: path + "-wal") else { return (path, writable) }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return ("file:\(absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)?immutable=1", false)
    }

    /// A database in memory, for tests: one connection, which SQLite cannot share.
    public init(inMemory label: String = "memory") throws(StoreError) {
        path = ":memory:"
        location = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(named: nil, configuration: config)
        } catch {
            throw StoreError(.cannotOpen, .cannotOpenDatabase(path: ":memory:", detail: "\(error)"))
        }
        database = Mutex(Connections(writer: queue))
        if !(try inspect().complete) { try translating { try Schema.migrator.migrate(queue) } }
    }

    /// The connections as they are now, for reading and for what need not open the pool.
    private var connection: any DatabaseWriter { database.withLock { $0.writer } }

    /// The connections to write on: the pool, opened in place of the connection the file was
    /// checked on if it is not open yet. Reads still under way there end as they began.
    private func writer() throws -> any DatabaseWriter {
        try database.withLock { connections in
            guard let config = connections.poolConfiguration else { return connections.writer }
            let pool = try DatabasePool(path: location, configuration: config)
            connections = Connections(writer: pool)
            return pool
        }
    }

    /// Refuses a database that is not zhengdun's or that a newer zhengdun wrote; says whether
    /// every migration is applied. Only reads.
    private func inspect() throws(StoreError) -> (complete: Bool, applied: [String]) {
        let migrator = Schema.migrator
        let state = try translating {
            try connection.read { db in
                (
                    complete: try migrator.hasCompletedMigrations(db), superseded: try migrator.hasBeenSuperseded(db),
                    applied: try migrator.appliedIdentifiers(db),
                    foreign: try String.fetchAll(
                        db,
                        sql:
                            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'"
                    )
                )
            }
        }
        if state.applied.isEmpty && !state.foreign.isEmpty {
            throw StoreError(
                .notADatabase, .foreignDatabase(path: "\(path)", tables: .list(state.foreign.prefix(3).map { .text($0) })))
        }
        if state.superseded {
            let known = Set(migrator.migrations)
            let unknown = state.applied.filter { !known.contains($0) }.sorted().joined(separator: ", ")
            throw StoreError(.newerSchema, .newerDatabase(path: "\(path)", migrations: "\(unknown)"))
        }
        return (state.complete, Array(state.applied))
    }

    /// The names of the migrations applied to the database, oldest first.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try translating { try connection.read { try Schema.migrator.appliedMigrations($0) } }
    }

    public static var knownMigrations: [String] { Schema.migrator.migrations }

    /// A number that changes whenever another connection (another process) commits to the
    /// database, and never for this store's own commits (`PRAGMA data_version`): for noticing
    /// changes made beside the daemon.
    public func versionOfOthers() throws -> Int {
        // On the writing connection: a reader of the pool sees the writer's commits as others'.
        do {
            return try connection.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// The migrations applied to the database at `path`, read without changing the file (no
    /// migration, no journal mode): for checking a database another process owns. `doctor` calls
    /// it in a process that has no `Store` open, so this read-only connection is the process's
    /// only one to the file; it is closed before this returns.
    public static func appliedMigrations(at path: String) throws(StoreError) -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError(.cannotOpen, .noDatabaseAt(path: "\(path)")) }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: access(path).location, configuration: config)
            return try queue.read { db in
                try db.tableExists("grdb_migrations")
                    ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") : []
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        } catch {
            throw StoreError(.cannotOpen, .cannotOpenDatabase(path: "\(path)", detail: "\(error)"))
        }
    }

    /// Runs `body` in one write transaction: everything it does commits together, or nothing
    /// does if it throws. Errors from `body` pass through; database errors become `StoreError`.
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try writer().write { db in try body(StoreTransaction(db: db)) }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` as `write` would and then rolls everything back: what a command would do,
    /// without doing it (`run-due --dry-run`).
    public func rehearse<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        var result: T?
        do {
            // On the connections as they are: a rehearsal writes nothing, so opens no pool.
            try connection.writeWithoutTransaction { db in
                // Immediate: a rehearsal reads and then writes, and a deferred transaction whose
                // snapshot another process's commit made stale could not take the write lock at
                // all (SQLITE_BUSY at once); this one waits on the busy timeout like any writer.
                try db.inTransaction(.immediate) {
                    result = try body(StoreTransaction(db: db))
                    return .rollback
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
        return result!
    }

    /// A larger page cache and memory-mapped reads, for every connection: a township's database
    /// stays hot.
    private static let cachePragmas = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 1073741824"

    /// The most the write-ahead log file keeps after a checkpoint, in bytes.
    static let logSizeLimit = 64 << 20

    /// Copies the write-ahead log back into the database file and starts it again from its
    /// beginning, so that no commit soon after pays for a large checkpoint; for quiet moments.
    /// The file keeps its size (up to `logSizeLimit`): the next burst of commits writes over
    /// space it already has instead of growing it, which makes each commit's wait for the disk
    /// shorter.
    public func checkpoint() throws {
        do {
            _ = try connection.writeWithoutTransaction { try $0.checkpoint(.restart) }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Copies into the database file what the write-ahead log holds, waiting for no one, so
    /// that the next commit starts the log again from its beginning: after each batch of a long
    /// run of commits (delivery), which would otherwise grow the log without end.
    public func checkpointPassively() throws {
        do {
            _ = try connection.writeWithoutTransaction { try $0.checkpoint(.passive) }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Copies the write-ahead log into the database file and empties the log file: at a clean
    /// stop, so that the log does not keep its size while nothing runs.
    public func checkpointAndTruncate() throws {
        do {
            _ = try connection.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` on a consistent snapshot of the database: on a reader of the pool, beside
    /// any write under way.
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try connection.read { db in try body(StoreTransaction(db: db)) }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` on the database as last committed while the write transaction `tx` goes on,
    /// and hands `done` what it returned or threw. Since `tx` holds the write lock, no one commits
    /// meanwhile: `body` reads the state `tx` began from, without `tx`'s own changes, so it serves
    /// to read what `tx` does not change. On a pool, `body` runs on a reader, on a thread of its
    /// own, and this returns at once. One connection has only `tx` to read on: there `body` runs
    /// in `tx`, and this returns once `done` has been called.
    public func read<T>(
        beside tx: StoreTransaction, _ body: @escaping @Sendable (StoreTransaction) throws -> T,
        then done: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        guard let pool = connection as? DatabasePool else {
            done(Result { try body(tx) })
            return
        }
        DispatchQueue.global(qos: .userInitiated).async { [path] in
            done(
                Result {
                    do {
                        return try pool.read { db in try body(StoreTransaction(db: db)) }
                    } catch let error as DatabaseError {
                        throw StoreError.from(error, path: path)
                    }
                })
        }
    }

    private func translating<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.other, .databaseError(path: "\(path)", detail: "\(error)"))
        }
    }
}

/// The database within one transaction, through methods named for what they do.
public struct StoreTransaction {
    let db: Database

    // The statements the commands and the scheduler run again and again are compiled once per
    // connection and kept.

    func one<Record: FetchableRecord>(_ type: Record.Type, _ sql: String, _ arguments: StatementArguments) throws -> Record? {
        try Record.fetchOne(try db.cachedStatement(sql: sql), arguments: arguments)
    }

    func all<Record: FetchableRecord>(_ type: Record.Type, _ sql: String, _ arguments: StatementArguments) throws -> [Record] {
        try Record.fetchAll(try db.cachedStatement(sql: sql), arguments: arguments)
    }

    func run(_ sql: String, _ arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
