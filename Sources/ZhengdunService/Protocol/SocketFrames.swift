import Foundation
import ZhengdunCore
#if canImport(Glibc)
import Glibc
#endif

/// The socket protocol between `zhengdun` and `zhengdund`, version 2 (docs/protocol.md): one
/// request, one response, each one frame — a 4-byte big-endian length, then that many bytes of
/// JSON. A frame longer than `maximumBytes`, one that stops short, or one that is not the JSON of
/// a request is refused, and the connection closed.
public enum SocketFrames {
    public static let version = 2
    /// Room for the largest submission (64 MiB of evidence, in base64) and no more.
    public static let maximumBytes = 96 << 20

    /// The version alone, read before the rest so that a frame of another version is refused
    /// as such even when the rest would not decode.
    struct Versioned: Codable {
        var version: Int
    }

    struct RequestEnvelope: Codable {
        var version: Int
        var request: ServiceRequest
    }

    struct ResponseEnvelope: Codable {
        var version: Int
        var response: ServiceResponse
    }

    public static func encode(_ request: ServiceRequest) throws -> Data {
        frame(try Wire.encode(RequestEnvelope(version: version, request: request)))
    }

    public static func encode(_ response: ServiceResponse) throws -> Data {
        frame(try Wire.encode(ResponseEnvelope(version: version, response: response)))
    }

    public static func decodeRequest(_ payload: Data) throws -> ServiceRequest {
        let spoken = try Wire.decode(Versioned.self, from: payload).version
        guard spoken == version else { throw SocketError(.socketVersionNotSpoken, ["spoken": .number(spoken), "version": .number(version)]) }
        return try Wire.decode(RequestEnvelope.self, from: payload).request
    }

    public static func decodeResponse(_ payload: Data) throws -> ServiceResponse {
        let spoken = try Wire.decode(Versioned.self, from: payload).version
        guard spoken == version else { throw SocketError(.socketDaemonVersion, ["spoken": .number(spoken), "version": .number(version)]) }
        return try Wire.decode(ResponseEnvelope.self, from: payload).response
    }

    static func frame(_ payload: Data) -> Data {
        let length = UInt32(payload.count).bigEndian
        var frame = withUnsafeBytes(of: length) { Data($0) }
        frame.append(payload)
        return frame
    }

    /// Reads one frame from `fd`, giving up after `deadline`.
    public static func read(from fd: Int32, deadline: Date) throws -> Data {
        let header = try readExactly(4, from: fd, deadline: deadline)
        let length = Int(header.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).bigEndian })
        guard length <= maximumBytes else { throw SocketError(.socketFrameTooLarge, ["length": .number(length), "maximum": .number(maximumBytes)]) }
        return try readExactly(length, from: fd, deadline: deadline)
    }

    /// Writes all of `data` to `fd`.
    public static func write(_ data: Data, to fd: Int32) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SocketError(.socketCannotWrite, ["reason": "\(String(cString: strerror(errno)))"])
                }
                offset += written
            }
        }
    }

    /// Reads exactly `count` bytes, growing the buffer only as bytes arrive, so that a frame that
    /// claims much and sends little costs little.
    static func readExactly(_ count: Int, from fd: Int32, deadline: Date) throws -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: min(count, 64 << 10))
        while data.count < count {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw SocketError(.socketTooSlow) }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left, 3600) * 1000) + 1)
            if ready < 0 {
                if errno == EINTR { continue }
                throw SocketError(.socketCannotRead, ["reason": "\(String(cString: strerror(errno)))"])
            }
            if ready == 0 { continue }
            let wanted = min(chunk.count, count - data.count)
            let got = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, wanted, 0) }
            if got < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw SocketError(.socketCannotRead, ["reason": "\(String(cString: strerror(errno)))"])
            }
            if got == 0 { throw SocketError(.socketClosedMidFrame) }
            data.append(contentsOf: chunk[..<got])
        }
        return data
    }
}

/// A socket that could not be used, in one line.
/// What went wrong on the socket, as a message of the catalogue.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    public var message: Message
    public init(_ key: MessageKey, _ arguments: [String: MessageValue] = [:]) { message = Message(key, arguments) }
    public var description: String { message.description }
}

/// The command line's side of the socket.
public enum SocketClient {
    /// How long a request may take before the command line gives up.
    public static let timeout: TimeInterval = 300

    public static func perform(_ request: ServiceRequest, socket path: String) throws -> ServiceResponse {
        let frame = try SocketFrames.encode(request)
        let fd = try connect(path)
        defer { close(fd) }
        return try exchange(on: fd) { try SocketFrames.write(frame, to: fd) }
    }

    /// Sends a request with `send` and reads the answer. A daemon that refuses early (a request
    /// too large, too many connections) answers and closes while the request is still going out:
    /// its refusal is then what the command line shows, not the broken pipe.
    static func exchange(on fd: Int32, send: () throws -> Void) throws -> ServiceResponse {
        do {
            try send()
        } catch let failure as SocketError where failure.message.key == .socketCannotWrite {
            guard let payload = try? SocketFrames.read(from: fd, deadline: Date().addingTimeInterval(5)),
                  let response = try? SocketFrames.decodeResponse(payload) else { throw failure }
            return response
        }
        let payload = try SocketFrames.read(from: fd, deadline: Date().addingTimeInterval(timeout))
        return try SocketFrames.decodeResponse(payload)
    }

    public static func connect(_ path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError(.socketCannotMake, ["reason": "\(String(cString: strerror(errno)))"]) }
        var address = try UnixAddress(path)
        let result = withUnsafePointer(to: &address.storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, address.length) }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw SocketError(.socketCannotReach, ["path": "\(path)", "reason": "\(reason)"])
        }
        return fd
    }
}

/// A `sockaddr_un` for a path.
public struct UnixAddress {
    public var storage = sockaddr_un()
    public var length: socklen_t

    public init(_ path: String) throws {
        storage.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard bytes.count < capacity else { throw SocketError(.socketPathTooLong, ["path": "\(path)", "maximum": .number(capacity - 1)]) }
        withUnsafeMutableBytes(of: &storage.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
            buffer[bytes.count] = 0
        }
        length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
    }
}
