import Foundation
import ZhengdunCore

#if canImport(Glibc)
import Glibc
#endif

/// The command line's side of the socket.
public enum SocketClient {
    /// How long a request may take before the command line gives up.
    public static let timeout: TimeInterval = 300

    /// Sends `request` to the daemon at `path` and returns its answer; a refusal is thrown.
    public static func perform<Request: ServiceRequest>(_ request: Request, socket path: String) throws -> Request.Answer {
        let frame = try SocketFrames.encode(request)
        let fd = try connect(path)
        defer { close(fd) }
        return try exchange(on: fd, answering: Request.self) { try SocketFrames.write(frame, to: fd) }
    }

    /// Sends a request with `send` and reads the answer. A daemon that refuses early (a request
    /// too large, too many connections) answers and closes while the request is still going out:
    /// its refusal is then what the command line shows, not the broken pipe.
    static func exchange<Request: ServiceRequest>(on fd: Int32, answering _: Request.Type, send: () throws -> Void) throws -> Request.Answer
    {
        do {
            try send()
        } catch let failure as SocketError where failure.kind == .cannotWrite {
            // The daemon's refusal, if it sent one; else the broken pipe.
            guard let payload = try? SocketFrames.read(from: fd, deadline: Date().addingTimeInterval(5)) else { throw failure }
            do {
                return try SocketFrames.decodeAnswer(Request.Answer.self, from: payload)
            } catch let refusal as Refusal {
                throw refusal
            } catch {
                throw failure
            }
        }
        let payload = try SocketFrames.read(from: fd, deadline: Date().addingTimeInterval(timeout))
        return try SocketFrames.decodeAnswer(Request.Answer.self, from: payload)
    }

    public static func connect(_ path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError(.socketCannotMake(reason: .systemError(errno))) }
        var address = try UnixAddress(path)
        let result = withUnsafePointer(to: &address.storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, address.length) }
        }
        guard result == 0 else {
            let reason = Message.systemError(errno)
            close(fd)
            throw SocketError(.socketCannotReach(path: "\(path)", reason: reason))
        }
        return fd
    }
}
