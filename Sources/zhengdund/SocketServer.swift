import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import ZhengdunCore
import ZhengdunService

/// The daemon's Unix socket. One thread waits on every connection at once with poll(2), reading
/// requests as their bytes come; a complete request goes to a small pool of workers, which answer
/// and close. Whatever a client does — send garbage, claim a huge frame, stop half way, never
/// send at all — costs the daemon a bounded buffer and a deadline, never a thread.
final class SocketServer: @unchecked Sendable {
    // Safe to share: the connection table and the buffers are touched only by the poll thread;
    // the workers get their own copy of a request and the descriptor, and `stopped` is atomic.

    struct Limits {
        /// Connections waiting for their request at once, in all and from one account; more are
        /// accepted and refused straight away, so no one account can crowd out the others.
        var connections = 512
        var connectionsPerAccount = 64
        /// How long a client has to send its whole request.
        var requestDeadline: TimeInterval = 10
        /// Bytes of requests held at once, over all connections, from the first byte until the
        /// answer is written.
        var heldBytes = 200 << 20
        /// Requests handled at the same time.
        var workers = 4
    }

    typealias Handler = @Sendable (_ request: Data, _ peer: PeerCredentials?) -> Data

    let path: String
    private let limits: Limits
    private let handler: Handler
    private let onRefused: @Sendable (Message) -> Void
    private var listener: Int32 = -1
    private var wake: (read: Int32, write: Int32) = (-1, -1)
    private let stopped = Atomic<Bool>(false)
    private let held = Atomic<Int>(0)
    private let inFlight = DispatchGroup()
    private let workers: DispatchQueue
    private let workerSlots: DispatchSemaphore
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    init(path: String, limits: Limits = Limits(), handler: @escaping Handler, refused: @escaping @Sendable (Message) -> Void) {
        self.path = path
        self.limits = limits
        self.handler = handler
        onRefused = refused
        workers = DispatchQueue(label: "zhengdun.socket.workers", attributes: .concurrent)
        workerSlots = DispatchSemaphore(value: limits.workers)
    }

    /// Binds the socket (replacing a stale file no daemon answers on), gives it `mode` and
    /// `group`, and starts serving.
    func start(mode: UInt16, group: UInt32?) throws {
        if FileManager.default.fileExists(atPath: path) {
            if let probe = try? SocketClient.connect(path) {
                close(probe)
                throw SocketError(.socketAnotherDaemon, ["path": "\(path)"])
            }
            unlink(path)
        }
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard listener >= 0 else { throw SocketError(.socketCannotMake, ["reason": "\(String(cString: strerror(errno)))"]) }
        var address = try UnixAddress(path)
        let bound = withUnsafePointer(to: &address.storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, address.length) }
        }
        guard bound == 0 else { throw SocketError(.socketCannotBind, ["path": "\(path)", "reason": "\(String(cString: strerror(errno)))"]) }
        guard chmod(path, mode_t(mode)) == 0 else { throw SocketError(.socketCannotSetMode, ["path": "\(path)", "reason": "\(String(cString: strerror(errno)))"]) }
        if let group, chown(path, UInt32.max, group) != 0 {
            throw SocketError(.socketCannotGiveGroup, ["path": "\(path)", "reason": "\(String(cString: strerror(errno)))"])
        }
        guard listen(listener, 128) == 0 else { throw SocketError(.socketCannotListen, ["path": "\(path)", "reason": "\(String(cString: strerror(errno)))"]) }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw SocketError(.socketCannotMakePipe, ["reason": "\(String(cString: strerror(errno)))"]) }
        for end in pipeEnds { Self.setNonBlocking(end) }
        wake = (pipeEnds[0], pipeEnds[1])
        let thread = Thread { [self] in
            self.serve()
            self.finished.signal()
        }
        thread.name = "zhengdun.socket"
        thread.start()
        self.thread = thread
    }

    /// Stops accepting, lets the requests being handled finish, and removes the socket file.
    func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(wake.write, &byte, 1)
        finished.wait()
        inFlight.wait()
        unlink(path)
    }

    private struct Connection {
        var fd: Int32
        var peer: PeerCredentials?
        var deadline: Date
        var buffer = Data()
        /// The request's length once its 4-byte header has come.
        var expected: Int?
    }

    private func serve() {
        var connections: [Connection] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        /// Lets go of a connection that will not be answered, and of the bytes it held.
        func drop(_ connection: Connection, refusing reason: Message? = nil) {
            if let reason { refuse(connection.fd, reason) } else { close(connection.fd) }
            held.subtract(connection.buffer.count, ordering: .relaxed)
        }
        defer {
            for connection in connections { drop(connection) }
            close(listener)
            close(wake.read)
            close(wake.write)
        }
        while !stopped.load(ordering: .sequentiallyConsistent) {
            var polls = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0), pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            polls += connections.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let nearest = connections.map(\.deadline).min().map { max(0, $0.timeIntervalSinceNow) } ?? 60
            let ready = poll(&polls, nfds_t(polls.count), Int32(min(nearest, 60) * 1000) + 1)
            if ready < 0 && errno != EINTR { break }
            if stopped.load(ordering: .sequentiallyConsistent) { break }

            var keep: [Connection] = []
            for (index, var connection) in connections.enumerated() {
                let events = polls[index + 2].revents
                if connection.deadline < Date() {
                    drop(connection, refusing: Message(.requestTooSlow, ["seconds": .number(Int(limits.requestDeadline))]))
                    continue
                }
                guard events & Int16(POLLIN | POLLHUP | POLLERR) != 0 else {
                    keep.append(connection)
                    continue
                }
                let wanted = connection.expected.map { $0 - connection.buffer.count } ?? (4 - connection.buffer.count)
                let got = chunk.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, min($0.count, max(1, wanted)), 0) }
                if got < 0 && (errno == EAGAIN || errno == EINTR) {
                    keep.append(connection)
                    continue
                }
                if got <= 0 {
                    // Closed before a whole request: nothing to answer.
                    drop(connection)
                    continue
                }
                if held.load(ordering: .relaxed) + got > limits.heldBytes {
                    drop(connection, refusing: Message(.daemonBusy))
                    continue
                }
                connection.buffer.append(contentsOf: chunk[..<got])
                held.add(got, ordering: .relaxed)
                if connection.expected == nil && connection.buffer.count == 4 {
                    let length = Int(connection.buffer.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).bigEndian })
                    guard length <= SocketFrames.maximumBytes else {
                        drop(connection, refusing: Message(.requestTooLarge, ["bytes": .number(length), "maximum": .number(SocketFrames.maximumBytes)]))
                        continue
                    }
                    connection.expected = 4 + length
                }
                if let expected = connection.expected, connection.buffer.count == expected {
                    // The worker lets go of the bytes once it has answered.
                    dispatch(connection.fd, connection.buffer, peer: connection.peer)
                    continue
                }
                keep.append(connection)
            }
            connections = keep

            if polls[1].revents & Int16(POLLIN) != 0 {
                while true {
                    let fd = accept(listener, nil, nil)
                    if fd < 0 { break }
                    Self.setNonBlocking(fd)
                    let peer = PeerCredentials.of(fd)
                    guard connections.count < limits.connections else {
                        refuse(fd, Message(.tooManyConnections))
                        continue
                    }
                    guard connections.count(where: { $0.peer?.uid == peer?.uid }) < limits.connectionsPerAccount else {
                        refuse(fd, Message(.accountConnections, ["count": .number(limits.connectionsPerAccount)]))
                        continue
                    }
                    connections.append(Connection(fd: fd, peer: peer, deadline: Date().addingTimeInterval(limits.requestDeadline)))
                }
            }
        }
    }

    /// Hands a whole request to a worker, which answers and closes.
    private func dispatch(_ fd: Int32, _ frame: Data, peer: PeerCredentials?) {
        inFlight.enter()
        workers.async { [self] in
            defer { inFlight.leave() }
            workerSlots.wait()
            defer { workerSlots.signal() }
            let response = handler(frame.dropFirst(4), peer)
            answer(fd, response)
            held.subtract(frame.count, ordering: .relaxed)
        }
    }

    /// Answers with a refusal, as far as the client still listens, and closes.
    private func refuse(_ fd: Int32, _ reason: Message) {
        onRefused(reason)
        if let frame = try? SocketFrames.encode(ServiceResponse.refused(reason)) {
            _ = frame.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        }
        close(fd)
    }

    /// Non-blocking, and closed across exec (the daemon runs sendmail).
    private static func setNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
    }

    private func answer(_ fd: Int32, _ response: Data) {
        // Back to blocking, with a time limit, for the answer.
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        try? SocketFrames.write(response, to: fd)
        close(fd)
    }
}
