import Foundation
import ServiceLifecycle
import Synchronization
import ZhengdunCore
import ZhengdunService

#if canImport(Glibc)
import Glibc
#endif

/// The daemon's Unix socket. One thread waits on every connection at once with poll(2), reading
/// requests as their bytes come and writing answers as the client takes them; a complete request
/// goes to a small pool of workers, which hand the answer back to the poll thread. Whatever a
/// client does — send garbage, claim a huge frame, stop half way, never send at all, never read
/// its answer — costs the daemon a bounded buffer and a deadline, never a thread.
///
/// As a service, `prepare` binds the socket before the daemon says it is ready (a client that
/// connects early waits in the backlog), `run()` serves until a graceful shutdown or
/// cancellation, then stops accepting, answers the requests in hand and removes the socket file.
final class SocketServer: ServiceLifecycle.Service, @unchecked Sendable {
    // Safe to share: `listener` and `wake` are set in `prepare` before `run()` starts the poll
    // thread and never change after; the connection table, the frame readers and the answers
    // being written are touched only by the poll thread; the workers get their own copy of a
    // request, hand their answer back through the `answered` Mutex, and `stopped` and `held` are
    // atomic.

    struct Limits {
        /// Connections open at once, in all and from one account, from accepting until the
        /// answer is written; more are accepted and refused straight away, so no one account can
        /// crowd out the others.
        var connections = 512
        var connectionsPerAccount = 64
        /// How long a client has to send its whole request.
        var requestDeadline: TimeInterval = 10
        /// How long a client may take no byte of its answer before the daemon gives up on it, and
        /// how long it may take for the whole answer.
        var answerStall: TimeInterval = 10
        var answerDeadline: TimeInterval = 120
        /// Bytes of requests held at once, over all connections, from the first byte until a
        /// worker has answered.
        var heldBytes = 200 << 20
        /// Requests handled at the same time.
        var workers = 4
    }

    typealias Handler = @Sendable (_ request: Data, _ peer: PeerCredentials?) -> Data

    let path: String
    private let limits: Limits
    private let handler: Handler
    private let onRefused: @Sendable (Message) -> Void
    private let onDropped: @Sendable (String) -> Void
    private var listener: Int32 = -1
    private var wake: (read: Int32, write: Int32) = (-1, -1)
    private let stopped = Atomic<Bool>(false)
    private let held = Atomic<Int>(0)
    /// Answers the workers have finished, by descriptor, for the poll thread to write.
    private let answered = Mutex<[(fd: Int32, answer: Data)]>([])
    private let workers: DispatchQueue
    private let workerSlots: DispatchSemaphore

    init(
        path: String, limits: Limits = Limits(), handler: @escaping Handler, refused: @escaping @Sendable (Message) -> Void,
        dropped: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.path = path
        self.limits = limits
        self.handler = handler
        onRefused = refused
        onDropped = dropped
        workers = DispatchQueue(label: "zhengdun.socket.workers", attributes: .concurrent)
        workerSlots = DispatchSemaphore(value: limits.workers)
    }

    /// Binds the socket (replacing a stale file no daemon answers on), gives it `mode` and
    /// `group`, and listens; `run()` serves.
    func prepare(mode: UInt16, group: UInt32?) throws {
        if FileManager.default.fileExists(atPath: path) {
            if let probe = try? SocketClient.connect(path) {
                close(probe)
                throw SocketError(.socketAnotherDaemon(path: "\(path)"))
            }
            unlink(path)
        }
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard listener >= 0 else { throw SocketError(.socketCannotMake(reason: .systemError(errno))) }
        var address = try UnixAddress(path)
        let bound = withUnsafePointer(to: &address.storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, address.length) }
        }
        guard bound == 0 else {
            throw SocketError(.socketCannotBind(path: "\(path)", reason: .systemError(errno)))
        }
        guard chmod(path, mode_t(mode)) == 0 else {
            throw SocketError(.socketCannotSetMode(path: "\(path)", reason: .systemError(errno)))
        }
        if let group, chown(path, UInt32.max, group) != 0 {
            throw SocketError(.socketCannotGiveGroup(path: "\(path)", reason: .systemError(errno)))
        }
        guard listen(listener, 128) == 0 else {
            throw SocketError(.socketCannotListen(path: "\(path)", reason: .systemError(errno)))
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw SocketError(.socketCannotMakePipe(reason: .systemError(errno))) }
        for end in pipeEnds { Self.setNonBlocking(end) }
        wake = (pipeEnds[0], pipeEnds[1])
    }

    /// Serves on a thread of its own (poll(2) blocks, which a task must not) until a graceful
    /// shutdown or cancellation; then lets the requests being handled finish and their answers be
    /// written (each within its deadline), and removes the socket file.
    func run() async {
        await withTaskCancellationOrGracefulShutdownHandler {
            await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
                let thread = Thread { [self] in
                    serve()
                    unlink(path)
                    finished.resume()
                }
                thread.name = "zhengdun.socket"
                thread.start()
            }
        } onCancelOrGracefulShutdown: {
            self.stop()
        }
    }

    /// Stops accepting; `run()` returns once the requests in hand are answered.
    func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        poke()
    }

    private func poke() {
        var byte: UInt8 = 1
        _ = Glibc.write(wake.write, &byte, 1)
    }

    /// One client, from accept until its answer is written or it is let go.
    private final class Connection {
        enum Phase {
            /// Its request is coming, until `deadline`.
            case reading
            /// A worker has its request.
            case handling
            /// Its answer is going out: `sent` bytes of it so far; given up after `deadline`, or
            /// once no byte was taken before `stall`.
            case writing
        }

        let fd: Int32
        let peer: PeerCredentials?
        var phase = Phase.reading
        var deadline: Date
        var reader = FrameReader()
        /// Bytes of its request counted in `held`.
        var counted = 0
        var answer = Data()
        var sent = 0
        var stall = Date.distantFuture

        init(fd: Int32, peer: PeerCredentials?, deadline: Date) {
            self.fd = fd
            self.peer = peer
            self.deadline = deadline
        }

        /// The events poll(2) should watch for.
        var events: Int16 {
            switch phase {
            case .reading: Int16(POLLIN)
            case .handling: 0
            case .writing: Int16(POLLOUT)
            }
        }

        /// When the poll thread must look at it again, whatever the client does.
        var due: Date? {
            switch phase {
            case .reading: deadline
            case .handling: nil
            case .writing: min(deadline, stall)
            }
        }
    }

    private func serve() {
        var connections: [Int32: Connection] = [:]
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        /// Lets go of a connection, and of the bytes it held, answering `reason` if given.
        func drop(_ connection: Connection, refusing reason: Message? = nil) {
            if let reason { refuse(connection.fd, reason) } else { close(connection.fd) }
            if connection.phase == .reading { held.subtract(connection.counted, ordering: .relaxed) }
            connections[connection.fd] = nil
        }
        defer {
            for connection in connections.values { drop(connection) }
            close(listener)
            close(wake.read)
            close(wake.write)
        }
        var listening = true
        while true {
            if stopped.load(ordering: .sequentiallyConsistent) && listening {
                // No new requests: those still coming are dropped, those handled are answered.
                listening = false
                for connection in connections.values where connection.phase == .reading { drop(connection) }
                let cutoff = Date().addingTimeInterval(limits.answerStall)
                for connection in connections.values where connection.phase == .writing {
                    connection.deadline = min(connection.deadline, cutoff)
                }
            }
            if !listening && connections.isEmpty { break }

            let order = Array(connections.values)
            var polls = [
                pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
                pollfd(fd: listening ? listener : -1, events: Int16(POLLIN), revents: 0),
            ]
            polls += order.map { pollfd(fd: $0.phase == .handling ? -1 : $0.fd, events: $0.events, revents: 0) }
            let nearest = order.compactMap(\.due).min().map { max(0, $0.timeIntervalSinceNow) } ?? 60
            let ready = poll(&polls, nfds_t(polls.count), Int32(min(nearest, 60) * 1000) + 1)
            if ready < 0 && errno != EINTR { break }

            if polls[0].revents & Int16(POLLIN) != 0 {
                var bytes = [UInt8](repeating: 0, count: 256)
                while Glibc.read(wake.read, &bytes, bytes.count) > 0 {}
            }
            // Answers the workers finished: write what the socket takes now, the rest as it
            // becomes writable.
            let finishedAnswers: [(fd: Int32, answer: Data)] = answered.withLock { answered in
                defer { answered.removeAll() }
                return answered
            }
            for (fd, answer) in finishedAnswers {
                guard let connection = connections[fd] else {
                    close(fd)
                    continue
                }
                let now = Date()
                connection.phase = Connection.Phase.writing
                connection.answer = answer
                connection.deadline = now.addingTimeInterval(stopped.load(ordering: .relaxed) ? limits.answerStall : limits.answerDeadline)
                connection.stall = now.addingTimeInterval(limits.answerStall)
                if write(connection) { connections[fd] = nil }
            }

            let now = Date()
            for (index, connection) in order.enumerated() where connections[connection.fd] === connection {
                let events = polls[index + 2].revents
                switch connection.phase {
                case .handling:
                    continue
                case .reading:
                    if connection.deadline < now {
                        drop(connection, refusing: Message.requestTooSlow(seconds: Int(limits.requestDeadline)))
                        continue
                    }
                    guard events & Int16(POLLIN | POLLHUP | POLLERR) != 0 else { continue }
                    switch read(connection, into: &chunk) {
                    case .more, .handed: break
                    case .closed: drop(connection)
                    case .refused(let reason): drop(connection, refusing: reason)
                    }
                case .writing:
                    if events & Int16(POLLOUT | POLLHUP | POLLERR) != 0 && write(connection) {
                        connections[connection.fd] = nil
                        continue
                    }
                    if connection.deadline < now || connection.stall < now {
                        onDropped(
                            "an answer of \(connection.answer.count) bytes not taken: \(connection.sent) sent when the daemon gave up on the reader (pid \(connection.peer.map { "\($0.pid)" } ?? "unknown"))"
                        )
                        close(connection.fd)
                        connections[connection.fd] = nil
                    }
                }
            }

            if listening && polls[1].revents & Int16(POLLIN) != 0 {
                while true {
                    let fd = accept(listener, nil, nil)
                    if fd < 0 { break }
                    Self.setNonBlocking(fd)
                    let peer = PeerCredentials.of(fd)
                    guard connections.count < limits.connections else {
                        refuse(fd, Message.tooManyConnections)
                        continue
                    }
                    guard connections.values.count(where: { $0.peer?.uid == peer?.uid }) < limits.connectionsPerAccount else {
                        refuse(fd, Message.accountConnections(count: limits.connectionsPerAccount))
                        continue
                    }
                    connections[fd] = Connection(fd: fd, peer: peer, deadline: Date().addingTimeInterval(limits.requestDeadline))
                }
            }
        }
    }

    private enum Read {
        /// More of the request is to come.
        case more
        /// The request is whole and a worker has it.
        case handed
        /// Closed before a whole request: nothing to answer.
        case closed
        case refused(Message)
    }

    /// Takes what the client sent; a whole request goes to a worker.
    private func read(_ connection: Connection, into chunk: inout [UInt8]) -> Read {
        let wanted = min(chunk.count, connection.reader.wanted)
        let got = chunk.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, wanted, 0) }
        if got < 0 && (errno == EAGAIN || errno == EINTR) { return .more }
        if got <= 0 { return .closed }
        if held.load(ordering: .relaxed) + got > limits.heldBytes { return .refused(Message.daemonBusy) }
        let fed = chunk.withUnsafeBytes { connection.reader.feed(UnsafeRawBufferPointer(rebasing: $0[..<got])) }
        if let refusal = fed.refusal { return .refused(refusal) }
        // One request per connection: `wanted` never reads past it. The worker lets go of the
        // bytes once it has answered.
        let holding = fed.frames.first?.count ?? connection.reader.buffered
        held.add(holding - connection.counted, ordering: .relaxed)
        connection.counted = holding
        if let frame = fed.frames.first {
            connection.phase = .handling
            dispatch(connection.fd, frame, peer: connection.peer)
            return .handed
        }
        return .more
    }

    /// Writes what the socket takes of an answer without waiting; closes once all is written (or
    /// the client went away) and says so.
    private func write(_ connection: Connection) -> Bool {
        while connection.sent < connection.answer.count {
            let written = connection.answer.withUnsafeBytes {
                send(connection.fd, $0.baseAddress! + connection.sent, $0.count - connection.sent, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { return false }
                break  // the client went away: nothing more to say to it
            }
            connection.sent += written
            connection.stall = Date().addingTimeInterval(limits.answerStall)
        }
        close(connection.fd)
        return true
    }

    /// Hands a whole request to a worker, whose answer goes back to the poll thread.
    private func dispatch(_ fd: Int32, _ payload: Data, peer: PeerCredentials?) {
        workers.async { [self] in
            workerSlots.wait()
            let response = handler(payload, peer)
            workerSlots.signal()
            held.subtract(payload.count, ordering: .relaxed)
            answered.withLock { $0.append((fd, response)) }
            poke()
        }
    }

    /// Answers with a refusal, as far as the client still listens, and closes.
    private func refuse(_ fd: Int32, _ reason: Message) {
        onRefused(reason)
        if let frame = try? SocketFrames.encode(refusal: reason) {
            _ = frame.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        }
        close(fd)
    }

    /// Non-blocking, and closed across exec (the daemon runs sendmail).
    private static func setNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
    }
}
