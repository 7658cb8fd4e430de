import Dispatch
import Foundation
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Notices commits that other processes make to the database while the daemon sleeps (an
/// administrator's change with `--force`, a repair by hand), so that what they made due goes out
/// on time rather than at the next instant the timers were armed for. The kernel tells of writes
/// to the database and its write-ahead log (inotify on their folder, which holds on however the
/// log file comes and goes); after a short settling time the watcher asks the daemon's own
/// connection for `PRAGMA data_version`, which changes only when another connection committed,
/// so that the daemon's own commits wake nothing. It never polls: between writes it waits in
/// the kernel. As a service it watches from `run()` until a graceful shutdown or cancellation.
final class DatabaseWatcher: Service {
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "zhengdun.watcher")
    /// Made in `init`, given its handler and activated in `start()`, cancelled in `stop()`. Not
    /// marked Sendable by Dispatch, but safe to share: a Dispatch source is a thread-safe object
    /// (libdispatch takes its own locks in `setEventHandler`, `activate` and `cancel`), and this
    /// reference to it never changes.
    nonisolated(unsafe) private let source: any DispatchSourceRead
    /// The names in the folder whose writes count: the database and its log.
    private let names: Set<String>
    private let version: @Sendable () throws -> Int
    private let changed: @Sendable () -> Void
    private let failed: @Sendable (any Error) -> Void
    /// The version last seen, and whether a look is already planned.
    private let state = Mutex<(seen: Int?, planned: Bool)>((nil, false))

    /// How long writes must settle before the watcher looks: a burst of commits by another
    /// process wakes the daemon once or twice, not once per commit.
    static let settle: DispatchTimeInterval = .milliseconds(100)

    /// - Parameters:
    ///   - version: `PRAGMA data_version` on the daemon's connection.
    ///   - changed: another process committed (poke the timers).
    ///   - failed: told about an error reading the version; the watcher goes on.
    init(
        database: String, version: @escaping @Sendable () throws -> Int, changed: @escaping @Sendable () -> Void,
        failed: @escaping @Sendable (any Error) -> Void
    ) throws {
        let url = URL(fileURLWithPath: database).resolvingSymlinksInPath()
        names = [url.lastPathComponent, url.lastPathComponent + "-wal"]
        self.version = version
        self.changed = changed
        self.failed = failed
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError("inotify_init1: \(String(cString: strerror(errno)))") }
        let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)
        guard inotify_add_watch(descriptor, url.deletingLastPathComponent().path, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw WatchError("inotify_add_watch \(url.deletingLastPathComponent().path): \(reason)")
        }
        source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
    }

    deinit {
        close(descriptor)
    }

    /// Notes the version as it is now and watches until a graceful shutdown or cancellation.
    func run() async {
        look(reporting: false)
        source.setEventHandler { [weak self] in self?.drain() }
        source.activate()
        // Thrown only for cancellation, which ends the watch as a graceful shutdown does.
        try? await gracefulShutdown()
        source.cancel()
    }

    /// Reads every event waiting; plans one look if any concerns the database.
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 8192)
        var concerned = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            // struct inotify_event: wd, mask, cookie, len (32 bits each), then len bytes of name.
            while offset + 16 <= count {
                let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
                let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
                let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 || names.contains(String(decoding: nameBytes, as: UTF8.self)) { concerned = true }
                offset += 16 + length
            }
        }
        guard concerned else { return }
        let plan = state.withLock { state in
            defer { state.planned = true }
            return !state.planned
        }
        if plan { queue.asyncAfter(deadline: .now() + Self.settle) { [weak self] in self?.look(reporting: true) } }
    }

    private func look(reporting: Bool) {
        // Writes from now on plan another look, so none goes unseen while this one reads.
        state.withLock { $0.planned = false }
        do {
            let now = try version()
            let moved = state.withLock { state in
                defer { state.seen = now }
                return state.seen != nil && state.seen != now
            }
            if moved && reporting { changed() }
        } catch {
            failed(error)
        }
    }
}

struct WatchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
