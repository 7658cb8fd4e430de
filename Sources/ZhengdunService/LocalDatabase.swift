import Foundation
import ZhengdunCore
import ZhengdunStore

/// A database file this process works on itself, with no daemon in between: the command line's
/// route when there is no socket. One process delivers for a file (the daemon, or one
/// `run-due`): a pass runs only under the delivery lock, and any other change is refused while
/// the daemon holds it, unless an administrator forces it for maintenance (`force`, which never
/// runs a pass). Who holds the lock is asked before the database is opened, so that a refused
/// command opens (and migrates) nothing.
public struct LocalDatabase: Sendable {
    public var path: String
    public var configuration: Configuration
    /// Whether an administrator changes the database while the daemon holds it.
    public var force: Bool

    public init(path: String, configuration: Configuration, force: Bool = false) {
        self.path = path
        self.configuration = configuration
        self.force = force
    }

    /// The account running this process, as the owner of the file sees it.
    public var caller: Caller { Caller.local(databasePath: path) }

    /// Carries out `request` as this process's account, on the clock given (the machine's by
    /// default).
    public func perform<Request: ServiceRequest>(_ request: Request, clock: any WallClock = SystemClock()) throws -> Request.Answer {
        let passes = request is RunDue && request.writes
        if passes {
            try DeliveryLock.refuseIfHeld(for: path, taking: .runDue)
        } else if request.writes, let holder = DeliveryLock.holder(of: path), holder.role == .daemon {
            guard force else { throw Refusal(.daemonOwnsDatabase(path: "\(path)", pid: Int(holder.pid))) }
            guard caller.isAdministrator else { throw Refusal(.forceNeedsAdministrator(user: "\(caller.unixUser)")) }
        }
        let service = try self.service(clock: clock)
        // Taken once the database is known to be ours; held until the pass and its delivery are done.
        let lock = passes ? try DeliveryLock.take(for: path, as: .runDue) : nil
        return try withExtendedLifetime(lock) { try service.perform(request, for: caller) }
    }

    /// The service on the file, creating its folder the first time.
    public func service(clock: any WallClock = SystemClock()) throws -> Service {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Refusal(.cannotCreateDatabaseFolder(folder: "\(folder)"))
            }
        }
        return Service(store: try Store(path: path), clock: clock, configuration: configuration)
    }

    /// How the file's schema stands against this build's, read without changing the file.
    public func schema() throws -> SchemaState {
        let applied: [String]
        do {
            applied = try Store.appliedMigrations(at: path)
        } catch {
            guard error.kind == .cannotOpen && !FileManager.default.fileExists(atPath: path) else { throw error }
            return .missing
        }
        let known = Store.knownMigrations
        if applied == known { return .current(migrations: known.count) }
        if applied.count < known.count && Array(known.prefix(applied.count)) == applied {
            return .behind(migrations: known.count - applied.count)
        }
        return .other(applied: applied)
    }
}

/// Where a database file's schema stands against the migrations this build knows.
public enum SchemaState: Sendable, Equatable {
    /// Every migration applied.
    case current(migrations: Int)
    /// Older: this many migrations wait, applied when a command next opens it.
    case behind(migrations: Int)
    /// Migrations this build does not know: a newer build's, or another program's database.
    case other(applied: [String])
    /// No file yet.
    case missing
}
