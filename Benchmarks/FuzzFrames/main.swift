// zhengdun-fuzz-frames: the socket's frame reader fed random, mutated and boundary inputs,
// in-process, each split at random points, and checked against a plain model of the protocol.
//
//   zhengdun-fuzz-frames [INPUTS] [SEED]          default 1,000,000 inputs, seed 1
//
// For each input the frames the reader gives must be those of the model, in order, byte for
// byte; a refusal must be the model's (a length over the limit, naming the length and the
// limit) and be said in both languages; what is left of a frame under way must be what the
// reader holds; `wanted` must never reach past the frame under way. Prints the counts, the
// slowest input, and exits 1 at the first disagreement.
import Foundation
import ZhengdunCore
import ZhengdunService

/// SplitMix64: a small, seeded generator, so that a failing input can be found again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func header(_ length: UInt32) -> [UInt8] { withUnsafeBytes(of: length.bigEndian) { Array($0) } }

func bytes(_ count: Int, _ random: inout SplitMix) -> [UInt8] {
    (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
}

/// A request-like payload: JSON of the protocol, or not quite.
func payload(_ random: inout SplitMix) -> [UInt8] {
    let requests = [
        #"{"version":2,"request":{"people":{}}}"#, #"{"version":2,"request":{"runDue":{"dryRun":false,"send":true}}}"#,
        #"{"version":1,"request":{"plans":{}}}"#, #"{"version":2,"request":{"task":{"_0":3}}}"#, "", "{", "null",
    ]
    var text = Array(requests.randomElement(using: &random)!.utf8)
    if Bool.random(using: &random) { text += bytes(Int.random(in: 0...256, using: &random), &random) }
    return text
}

/// The input of one round and the limit its reader has.
func input(_ round: Int, _ random: inout SplitMix) -> (bytes: [UInt8], maximum: Int) {
    let full = SocketFrames.maximumBytes
    switch Int.random(in: 0..<6, using: &random) {
    case 0:  // random bytes
        return (bytes(Int.random(in: 0...600, using: &random), &random), full)
    case 1:  // one to three well-formed frames, maybe followed by part of another
        var stream: [UInt8] = []
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let body = payload(&random)
            stream += header(UInt32(body.count)) + body
        }
        if Bool.random(using: &random) {
            stream += Array(
                (header(UInt32.random(in: 0...100, using: &random)) + payload(&random)).prefix(Int.random(in: 0...20, using: &random)))
        }
        return (stream, full)
    case 2:  // a well-formed frame, mutated: bytes flipped, inserted, removed, cut
        let body = payload(&random)
        var stream = header(UInt32(body.count)) + body
        for _ in 0..<Int.random(in: 1...4, using: &random) where !stream.isEmpty {
            let at = Int.random(in: 0..<stream.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: stream[at] ^= UInt8.random(in: 1...255, using: &random)
            case 1: stream.insert(UInt8.random(in: 0...255, using: &random), at: at)
            case 2: stream.remove(at: at)
            default: stream = Array(stream[..<at])
            }
        }
        return (stream, full)
    case 3:  // the real limit: lengths at and around it, and the extremes, with a few bytes after
        let lengths: [Int] = [full - 2, full - 1, full, full + 1, full + 2, Int(UInt32.max), Int(UInt32.max) - 1, 1 << 31, 0, 1]
        let length = lengths.randomElement(using: &random)!
        return (header(UInt32(length)) + bytes(Int.random(in: 0...64, using: &random), &random), full)
    case 4:  // a small limit, whole frames at it, below it and above it
        let maximum = Int.random(in: 0...300, using: &random)
        let length = max(0, maximum + Int.random(in: -2...2, using: &random))
        var stream = header(UInt32(length)) + bytes(length, &random)
        if Bool.random(using: &random) {
            stream +=
                header(UInt32(Int.random(in: 0...maximum + 1, using: &random)))
                + bytes(Int.random(in: 0...maximum + 1, using: &random), &random)
        }
        return (stream, maximum)
    default:  // every so often a whole frame of the real limit's size, to see that it is taken
        if round % 50_000 == 0 {
            return (header(UInt32(full)) + [UInt8](repeating: 0x7B, count: full), full)
        }
        let length = Int.random(in: 0...16_384, using: &random)
        return (header(UInt32(length)) + bytes(length, &random), full)
    }
}

/// What the protocol says of a stream: its frames, the refusal if any, what is left under way.
func model(_ stream: [UInt8], maximum: Int) -> (frames: [[UInt8]], refusal: Message?, left: Int, partial: Bool) {
    var frames: [[UInt8]] = []
    var at = 0
    while stream.count - at >= 4 {
        let length = Int(UInt32(stream[at]) << 24 | UInt32(stream[at + 1]) << 16 | UInt32(stream[at + 2]) << 8 | UInt32(stream[at + 3]))
        guard length <= maximum else {
            return (frames, Message.requestTooLarge(bytes: length, maximum: maximum), 0, true)
        }
        guard stream.count - at - 4 >= length else { return (frames, nil, stream.count - at - 4, true) }
        frames.append(Array(stream[(at + 4)..<(at + 4 + length)]))
        at += 4 + length
    }
    return (frames, nil, stream.count - at, at < stream.count)
}

let arguments = CommandLine.arguments
let rounds = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let seed = arguments.count > 2 ? UInt64(arguments[2]) ?? 1 : 1
var random = SplitMix(state: seed)
var counts = (bytes: 0, frames: 0, refusals: 0, partial: 0, clean: 0, pieces: 0)
var slowest: (seconds: Double, round: Int) = (0, 0)
let started = Date()

for round in 0..<rounds {
    let (stream, maximum) = input(round, &random)
    let expected = model(stream, maximum: maximum)
    // Cut at random points into one to eight pieces.
    var cuts = (0..<Int.random(in: 0...7, using: &random)).map { _ in Int.random(in: 0...stream.count, using: &random) }
    cuts = ([0] + cuts + [stream.count]).sorted()
    let begun = Date()
    var reader = FrameReader(maximum: maximum)
    var frames: [Data] = []
    var refusal: Message?
    stream.withUnsafeBytes { all in
        for (from, to) in zip(cuts, cuts.dropFirst()) {
            let piece = UnsafeRawBufferPointer(rebasing: all[from..<to])
            // The daemon asks for no more than `wanted`: feed in such steps, as it does.
            var offset = 0
            repeat {
                let wanted = reader.wanted
                if wanted < 1 { print("round \(round) (seed \(seed)): wanted \(wanted)"); exit(1) }
                let step = UnsafeRawBufferPointer(rebasing: piece[offset..<min(piece.count, offset + wanted)])
                let fed = reader.feed(step)
                frames += fed.frames
                if let stated = fed.refusal { refusal = stated }
                offset += step.count
                counts.pieces += 1
            } while offset < piece.count && refusal == nil
            if refusal != nil { break }
        }
    }
    let seconds = Date().timeIntervalSince(begun)
    if seconds > slowest.seconds { slowest = (seconds, round) }

    func fail(_ what: String) -> Never {
        print("round \(round) (seed \(seed)), \(stream.count) bytes cut at \(cuts): \(what)")
        exit(1)
    }
    if frames.map({ Array($0) }) != expected.frames { fail("frames \(frames.map(\.count)), expected \(expected.frames.map(\.count))") }
    if refusal != expected.refusal { fail("refusal \(String(describing: refusal)), expected \(String(describing: expected.refusal))") }
    if let refusal {
        for language in Language.allCases where refusal.text(in: language).isEmpty || refusal.text(in: language).contains("{") {
            fail("refusal not said in \(language): \(refusal.text(in: language))")
        }
        counts.refusals += 1
    } else if reader.buffered != expected.left || reader.isPartial != expected.partial {
        fail("holds \(reader.buffered) bytes (partial: \(reader.isPartial)), expected \(expected.left) (partial: \(expected.partial))")
    } else if reader.isPartial {
        counts.partial += 1
    } else {
        counts.clean += 1
    }
    counts.bytes += stream.count
    counts.frames += frames.count
}

let elapsed = Date().timeIntervalSince(started)
print(
    """
    zhengdun-fuzz-frames: \(rounds) inputs (seed \(seed)), \(counts.bytes) bytes in \(counts.pieces) pieces, \(String(format: "%.1f", elapsed)) s
      frames read: \(counts.frames); refused (length over the limit, said in en and zh): \(counts.refusals)
      ended mid-frame: \(counts.partial); ended between frames: \(counts.clean)
      disagreements with the model: 0; slowest input: \(String(format: "%.1f", slowest.seconds * 1000)) ms (round \(slowest.round))
    """)
