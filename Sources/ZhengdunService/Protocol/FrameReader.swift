import Foundation
import ZhengdunCore

/// A request frame put together from the bytes of a socket as they come (docs/protocol.md): a
/// 4-byte big-endian length, then that many bytes. No I/O: the daemon's poll loop feeds it what
/// `recv` gave, and it answers with the frames completed or a refusal, so that it can be tested
/// and fuzzed in-process.
///
/// Each byte is copied once, into a buffer reserved in one piece as soon as the length is known:
/// receiving a frame is linear in its size. Pages of the buffer not yet written are not touched,
/// so a frame that claims much and sends little costs about what it sent.
public struct FrameReader: Sendable {
    /// The largest payload accepted.
    public let maximum: Int
    /// The header's bytes as they come, then the payload's.
    private var header: UInt32 = 0
    private var headerBytes = 0
    private var payload = Data()
    private var expected: Int?
    private var refusal: Message?

    public init(maximum: Int = SocketFrames.maximumBytes) {
        self.maximum = maximum
    }

    /// What bytes fed so far came to.
    public struct Fed: Sendable, Equatable {
        /// The payloads completed, in order.
        public var frames: [Data] = []
        /// Why the stream is refused; no frame after it is read.
        public var refusal: Message?
    }

    /// Bytes of the frame under way held in memory (the header's count as they come).
    public var buffered: Int { expected == nil ? headerBytes : payload.count }

    /// How many bytes end the frame under way: a reader that asks for no more than this never
    /// takes a byte of what follows the frame.
    public var wanted: Int {
        guard let expected else { return 4 - headerBytes }
        return max(1, expected - payload.count)
    }

    /// Whether bytes of a frame have come that do not yet make it whole.
    public var isPartial: Bool { headerBytes > 0 }

    /// The refusal once the stream was refused.
    public var refused: Message? { refusal }

    /// Takes the next bytes of the stream.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Fed {
        var fed = Fed()
        guard refusal == nil else {
            fed.refusal = refusal
            return fed
        }
        var offset = 0
        while offset < bytes.count {
            if let expected {
                let take = min(expected - payload.count, bytes.count - offset)
                payload.append(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, count: take)
                offset += take
            } else {
                header = header << 8 | UInt32(bytes[offset])
                headerBytes += 1
                offset += 1
                if headerBytes == 4 {
                    let length = Int(header)
                    guard length <= maximum else {
                        refusal = Message.requestTooLarge(bytes: length, maximum: maximum)
                        fed.refusal = refusal
                        return fed
                    }
                    expected = length
                    payload = Data(capacity: length)
                }
            }
            if let expected, payload.count == expected {
                fed.frames.append(payload)
                payload = Data()
                header = 0
                headerBytes = 0
                self.expected = nil
            }
        }
        return fed
    }

    /// Takes the next bytes of the stream.
    public mutating func feed(_ bytes: some ContiguousBytes) -> Fed {
        bytes.withUnsafeBytes { feed($0) }
    }
}
