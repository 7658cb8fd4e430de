import Foundation
import ZhengdunCore

#if canImport(Glibc)
import Glibc
#endif

/// The socket protocol between `zhengdun` and `zhengdund`, version 4 (docs/protocol.md): one
/// request, one answer, each one frame — a 4-byte big-endian length, then that many bytes of
/// JSON. A frame longer than `maximumBytes`, one that stops short, or one that is not the JSON of
/// a request is refused, and the connection closed.
public enum SocketFrames {
    public static let version = 4
    /// Room for the largest submission (64 MiB of evidence, in base64) and no more.
    public static let maximumBytes = 96 << 20

    /// The version alone, read before the rest so that a frame of another version is refused
    /// as such even when the rest would not decode.
    struct Versioned: Codable {
        var version: Int
    }

    /// `{"version": 4, "request": {"NAME": REQUEST}}`.
    struct RequestEnvelope<Request: ServiceRequest>: Encodable {
        var request: Request

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: NameKey.self)
            try container.encode(SocketFrames.version, forKey: NameKey("version"))
            var named = container.nestedContainer(keyedBy: NameKey.self, forKey: NameKey("request"))
            try named.encode(request, forKey: NameKey(Request.name))
        }
    }

    /// A request as the daemon reads it: whichever of `ServiceRequests.all` its one key names.
    struct ReadRequest: Decodable {
        var request: any ServiceRequest

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: NameKey.self)
            let named = try container.nestedContainer(keyedBy: NameKey.self, forKey: NameKey("request"))
            guard named.allKeys.count == 1, let key = named.allKeys.first else {
                throw DecodingError.dataCorruptedError(
                    forKey: NameKey("request"), in: container, debugDescription: "a request names exactly one request")
            }
            guard let type = ServiceRequests.byName[key.stringValue] else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: named, debugDescription: "no request is called \(TypedText.excerpt(key.stringValue))")
            }
            func read<Request: ServiceRequest>(_ type: Request.Type) throws -> any ServiceRequest {
                try named.decode(Request.self, forKey: key)
            }
            request = try read(type)
        }
    }

    /// `{"version": 4, "answer": ANSWER}` or `{"version": 4, "refused": MESSAGE}`.
    struct AnswerEnvelope<Answer: Codable>: Codable {
        var version = SocketFrames.version
        var answer: Answer?
        var refused: Message?
    }

    /// A key spelled at run time: a request's name.
    struct NameKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public static func encode<Request: ServiceRequest>(_ request: Request) throws -> Data {
        frame(try requestPayload(request))
    }

    static func requestPayload<Request: ServiceRequest>(_ request: Request) throws -> Data {
        try Wire.encode(RequestEnvelope(request: request))
    }

    public static func encode<Answer: Codable>(answer: Answer) throws -> Data {
        frame(try Wire.encode(AnswerEnvelope(answer: answer)))
    }

    public static func encode(refusal: Message) throws -> Data {
        frame(try Wire.encode(AnswerEnvelope<Bool>(refused: refusal)))
    }

    /// A refusal that a command line of protocol version 2 or 3 reads and prints as it is: in
    /// that version's envelope, as the one message of its catalogue that says a text as it is
    /// (`{"key": "verbatim", "arguments": {"text": …}}`). `nil` for any other version, whose
    /// envelope this side does not know.
    public static func olderClientRefusal(_ text: String, speaking spoken: Int) throws -> Data? {
        struct Verbatim: Encodable { var key = "verbatim"; var arguments: [String: String] }
        let said = Verbatim(arguments: ["text": text])
        switch spoken {
        case 2:
            struct Refused: Encodable { var _0: Verbatim }
            struct Response: Encodable { var refused: Refused }
            struct Envelope: Encodable { var version = 2; var response: Response }
            return frame(try Wire.encode(Envelope(response: Response(refused: Refused(_0: said)))))
        case 3:
            struct Envelope: Encodable { var version = 3; var refused: Verbatim }
            return frame(try Wire.encode(Envelope(refused: said)))
        default:
            return nil
        }
    }

    /// The request in a payload, or why it is none: a frame of another version is refused as
    /// such (`socketVersionNotSpoken`, with the version spoken) even when the rest would not decode.
    public static func decodeRequest(_ payload: Data) throws -> any ServiceRequest {
        let spoken = try Wire.decode(Versioned.self, from: payload).version
        guard spoken == version else {
            throw SocketError(.socketVersionNotSpoken(spoken: spoken, version: version), kind: .versionNotSpoken(spoken))
        }
        return try Wire.decode(ReadRequest.self, from: payload).request
    }

    /// The answer in a payload; a refusal is thrown as one.
    public static func decodeAnswer<Answer: Codable>(_ type: Answer.Type, from payload: Data) throws -> Answer {
        let spoken = try Wire.decode(Versioned.self, from: payload).version
        guard spoken == version else { throw SocketError(.socketDaemonVersion(spoken: spoken, version: version)) }
        let envelope = try Wire.decode(AnswerEnvelope<Answer>.self, from: payload)
        if let refused = envelope.refused { throw Refusal(refused) }
        guard let answer = envelope.answer else { throw Refusal(.unexpectedAnswer) }
        return answer
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
        guard length <= maximumBytes else {
            throw SocketError(.socketFrameTooLarge(length: length, maximum: maximumBytes))
        }
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
                    throw SocketError(.socketCannotWrite(reason: .systemError(errno)), kind: .cannotWrite)
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
                throw SocketError(.socketCannotRead(reason: .systemError(errno)))
            }
            if ready == 0 { continue }
            let wanted = min(chunk.count, count - data.count)
            let got = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, wanted, 0) }
            if got < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw SocketError(.socketCannotRead(reason: .systemError(errno)))
            }
            if got == 0 { throw SocketError(.socketClosedMidFrame) }
            data.append(contentsOf: chunk[..<got])
        }
        return data
    }
}
