import Foundation
import Testing
import ZhengdunCore

@testable import ZhengdunService

@Suite("The frame reader: a request frame from the socket's bytes as they come")
struct FrameReaderTests {
    static func frame(_ payload: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: UInt32(payload.count).bigEndian) { Array($0) } + payload
    }

    @Test("A whole frame at once gives its payload")
    func wholeFrame() {
        var reader = FrameReader()
        let fed = reader.feed(Self.frame(Array("{\"version\":2}".utf8)))
        #expect(fed.frames == [Data("{\"version\":2}".utf8)])
        #expect(fed.refusal == nil)
        #expect(!reader.isPartial && reader.buffered == 0)
    }

    @Test("A frame cut at every point, fed byte by byte or in two pieces, gives the same payload, once")
    func splitAnywhere() {
        let payload = Array("{\"version\":2,\"request\":{\"people\":{}}}".utf8)
        let bytes = Self.frame(payload)
        for cut in 0...bytes.count {
            var reader = FrameReader()
            let first = reader.feed(Array(bytes[..<cut]))
            let second = reader.feed(Array(bytes[cut...]))
            #expect(first.frames + second.frames == [Data(payload)], "cut at \(cut)")
        }
        var reader = FrameReader()
        var frames: [Data] = []
        for byte in bytes { frames += reader.feed([byte]).frames }
        #expect(frames == [Data(payload)])
    }

    @Test("Back-to-back frames, an empty one among them, come out in order")
    func framesInOrder() {
        var reader = FrameReader()
        let fed = reader.feed(Self.frame([1, 2]) + Self.frame([]) + Self.frame([3]))
        #expect(fed.frames == [Data([1, 2]), Data(), Data([3])])
    }

    @Test(
        "A length at the limit is read; one byte over is refused as soon as the header is in, naming both numbers, and the reader stays refused"
    )
    func lengthAtAndOverTheLimit() {
        var atLimit = FrameReader(maximum: 1000)
        #expect(atLimit.feed(Self.frame([UInt8](repeating: 7, count: 1000))).frames.first?.count == 1000)

        var over = FrameReader(maximum: 1000)
        let header = withUnsafeBytes(of: UInt32(1001).bigEndian) { Array($0) }
        #expect(over.feed(Array(header[..<3])).refusal == nil)
        let refused = over.feed([header[3]] + [UInt8](repeating: 0, count: 10))
        #expect(refused.refusal == Message.requestTooLarge(bytes: 1001, maximum: 1000))
        #expect(refused.frames.isEmpty)
        #expect(over.feed(Self.frame([1])).refusal == refused.refusal, "nothing read after a refusal")

        var largest = FrameReader()
        let claimed = largest.feed([0xFF, 0xFF, 0xFF, 0xFF])
        #expect(claimed.refusal == Message.requestTooLarge(bytes: Int(UInt32.max), maximum: SocketFrames.maximumBytes))
    }

    @Test("`wanted` never reaches past the frame under way: a reader that asks for no more never takes a byte of the next")
    func wantedStopsAtTheFrameEnd() {
        var reader = FrameReader()
        #expect(reader.wanted == 4)
        _ = reader.feed([0, 0])
        #expect(reader.wanted == 2)
        _ = reader.feed([0, 10])
        #expect(reader.wanted == 10)
        _ = reader.feed([UInt8](repeating: 1, count: 7))
        #expect(reader.wanted == 3 && reader.buffered == 7 && reader.isPartial)
        #expect(reader.feed([1, 1, 1]).frames.count == 1)
        #expect(reader.wanted == 4 && reader.buffered == 0)
    }

    @Test("A 64 MiB frame fed in 64 KiB pieces is put together whole, byte for byte", .tags(.large))
    func largeFrameInPieces() {
        let size = 64 << 20
        var payload = [UInt8](repeating: 0, count: size)
        for index in stride(from: 0, to: size, by: 4096) { payload[index] = UInt8(truncatingIfNeeded: index >> 12) }
        let bytes = Self.frame(payload)
        var reader = FrameReader()
        var frames: [Data] = []
        bytes.withUnsafeBytes { all in
            for start in stride(from: 0, to: all.count, by: 64 << 10) {
                frames += reader.feed(UnsafeRawBufferPointer(rebasing: all[start..<min(all.count, start + (64 << 10))])).frames
            }
        }
        #expect(frames.count == 1)
        #expect(frames.first == Data(payload))
    }
}
