import Foundation
import ZhengdunCore

#if canImport(Glibc)
import Glibc
#endif

/// The right to deliver for one database file: to run scheduler passes and hand its outbox to
/// the transport. One process holds it at a time, whoever runs it: the daemon for its whole life,
/// or a local `run-due` while it runs. A second deliverer is refused before it opens the
/// database, so nothing is queued or sent twice.
///
/// The lock is `flock(2)` on a file beside the database (`zhengdun.db.lock`), not a lock on the
/// database itself: SQLite keeps POSIX `fcntl` locks on the database file, and those belong to
/// the process, not to the descriptor, so any other descriptor of that file closed in the process
/// (GRDB opening and closing a reader, say) would silently drop a lock of ours, and a lock of ours
/// could collide with SQLite's own byte ranges. `flock` locks are separate from `fcntl` locks on
/// Linux, belong to the open file description, and go when the process ends however it ends
/// (SIGKILL included), so a crashed deliverer never leaves the database locked. The file is
/// opened close-on-exec, so that a sendmail child never inherits the lock and holds it past its
/// parent. The holder writes who it is into the file (`zhengdund 1234`), so that the refusal can
/// name it; the lock, not the text, decides.
public final class DeliveryLock: Sendable {
    /// Who may hold the lock.
    public enum Role: String, Sendable {
        case daemon = "zhengdund"
        case runDue = "run-due"
    }

    /// The process holding the lock, as it named itself.
    public struct Holder: Sendable, Equatable {
        /// Nil when the holder has not (yet) written its name.
        public var role: Role?
        public var pid: Int32

        var label: Message { pid > 0 ? "\(pid)" : "?" }
    }

    /// The database the lock is for.
    public let database: String
    private let descriptor: Int32

    private init(database: String, descriptor: Int32) {
        self.database = database
        self.descriptor = descriptor
    }

    deinit {
        // The name goes with the lock (a process killed leaves it, which is why the lock decides);
        // closing the only descriptor of the open file description releases the lock.
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }

    /// The lock file for the database at `database`: beside the file itself, whatever symbolic
    /// link names it, so that every path to one database finds one lock.
    public static func file(for database: String) -> String {
        let url = URL(fileURLWithPath: database)
        return (FileManager.default.fileExists(atPath: database) ? url.resolvingSymlinksInPath() : url).path + ".lock"
    }

    /// Refuses, naming the holder, when another process delivers for the database: for a
    /// deliverer to ask before it opens the database at all. Creates nothing.
    public static func refuseIfHeld(for database: String, taking role: Role) throws(StoreError) {
        if let holder = holder(of: database) { throw refusal(database, holder, taking: role) }
    }

    /// Takes the lock for `role`, or refuses in one line naming who holds it. Never waits for a
    /// deliverer: a pass or a burst may take minutes.
    public static func take(for database: String, as role: Role) throws(StoreError) -> DeliveryLock {
        let path = file(for: database)
        var descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        // A lock file someone else made, which we may read but not write, locks all the same.
        if descriptor < 0 && (errno == EACCES || errno == EROFS) { descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
        guard descriptor >= 0 else {
            throw StoreError(.cannotOpen, .deliveryLockUnusable(path: "\(path)", detail: .systemError(errno)))
        }
        // Root working on another user's database (the daemon's, stopped) leaves the lock file to
        // the database's owner, as SQLite does with its log files, so that the daemon can still
        // write its name into it.
        var owner = stat()
        if getuid() == 0 && stat(database, &owner) == 0 { _ = fchown(descriptor, owner.st_uid, owner.st_gid) }
        // Another process may be looking at the lock (`holder(of:)` holds it shared for a
        // moment): wait that moment out, half a second at most, but never for a deliverer.
        var attempts = 0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                close(descriptor)
                throw StoreError(
                    .cannotOpen, .deliveryLockUnusable(path: "\(path)", detail: .systemError(failure)))
            }
            attempts += 1
            if attempts == 50 {
                let holder = read(descriptor) ?? Holder(role: nil, pid: 0)
                close(descriptor)
                throw refusal(database, holder, taking: role)
            }
            usleep(10_000)
        }
        // Say who holds it, for the refusals of others.
        let name = Array("\(role.rawValue) \(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 {
            _ = name.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return DeliveryLock(database: database, descriptor: descriptor)
    }

    /// Who holds the lock of the database at `database`, if anyone. Looks without creating
    /// anything, so that it works beside a read-only database too.
    public static func holder(of database: String) -> Holder? {
        let descriptor = open(file(for: database), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // A shared lock is granted unless a deliverer holds the exclusive one; it is let go at once.
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return nil
        }
        return read(descriptor) ?? Holder(role: nil, pid: 0)
    }

    /// The holder's name as written in the file.
    private static func read(_ descriptor: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let words = String(decoding: buffer[..<count], as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count == 2, let role = Role(rawValue: String(words[0])), let pid = Int32(words[1]) else {
            return Holder(role: nil, pid: 0)
        }
        return Holder(role: role, pid: pid)
    }

    private static func refusal(_ database: String, _ holder: Holder, taking role: Role) -> StoreError {
        switch (holder.role, role) {
        case (.daemon?, .runDue):
            return StoreError(.busy, .daemonDeliversForDatabase(path: "\(database)", pid: holder.label))
        case (.daemon?, .daemon):
            return StoreError(.busy, .anotherDaemonServesDatabase(pid: holder.label, path: "\(database)"))
        default:
            return StoreError(.busy, .runDueDeliversForDatabase(pid: holder.label, path: "\(database)"))
        }
    }
}
