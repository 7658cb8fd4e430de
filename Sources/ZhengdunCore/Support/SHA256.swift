/// SHA-256 (FIPS 180-4): content addresses for evidence files and the links of the event log's
/// hash chain. Small and dependency-free; checked against the standard's test vectors.
public struct SHA256: Sendable {
    private var state: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    public init() {
        pending.reserveCapacity(64)
    }

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        // Whole blocks straight from the caller's bytes when they lie in one piece of memory;
        // otherwise, and for what is left over, a byte at a time through `pending`.
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            var offset = 0
            while offset < buffer.count {
                if pending.isEmpty && buffer.count - offset >= 64 {
                    compress(UnsafeBufferPointer(rebasing: buffer[offset..<offset + 64]))
                    offset += 64
                } else {
                    let taken = min(64 - pending.count, buffer.count - offset)
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[offset..<offset + taken]))
                    offset += taken
                    if pending.count == 64 { compressPending() }
                }
            }
            length &+= UInt64(buffer.count)
        }
        guard done == nil else { return }
        for byte in bytes {
            pending.append(byte)
            length &+= 1
            if pending.count == 64 { compressPending() }
        }
    }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update($0) }
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public mutating func finalize() -> String {
        let bits = length &* 8
        // 0x80, zeros to 56 bytes into a block, then the length in bits, big-endian: one block,
        // or two when the last holds more than 55 bytes.
        let blocks = pending.count < 56 ? 1 : 2
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: blocks * 64) { tail in
            tail.initialize(repeating: 0)
            for (index, byte) in pending.enumerated() { tail[index] = byte }
            tail[pending.count] = 0x80
            for index in 0..<8 { tail[blocks * 64 - 1 - index] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * index)) }
            for block in 0..<blocks { compress(UnsafeBufferPointer(rebasing: tail[block * 64..<block * 64 + 64])) }
        }
        pending.removeAll(keepingCapacity: true)
        return String(unsafeUninitializedCapacity: 64) { hex in
            let digits: StaticString = "0123456789abcdef"
            for (index, word) in state.enumerated() {
                for nibble in 0..<8 {
                    hex[index * 8 + nibble] = digits.utf8Start[Int(word >> UInt32(28 - 4 * nibble) & 0xF)]
                }
            }
            return 64
        }
    }

    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash = SHA256()
        hash.update(bytes)
        return hash.finalize()
    }

    public static func hex(_ text: String) -> String { hex(text.utf8) }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    private mutating func compressPending() {
        let block = pending
        block.withUnsafeBufferPointer { compress($0) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Mixes one 64-byte block into the state.
    private mutating func compress(_ block: UnsafeBufferPointer<UInt8>) {
        // The message schedule lives on the stack: a hash per outgoing message is common.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            Self.k.withUnsafeBufferPointer { k in
                for i in 0..<16 {
                    w[i] = UInt32(block[i * 4]) << 24 | UInt32(block[i * 4 + 1]) << 16 | UInt32(block[i * 4 + 2]) << 8 | UInt32(block[i * 4 + 3])
                }
                for i in 16..<64 {
                    let s0 = w[i - 15].rotatedRight(7) ^ w[i - 15].rotatedRight(18) ^ (w[i - 15] >> 3)
                    let s1 = w[i - 2].rotatedRight(17) ^ w[i - 2].rotatedRight(19) ^ (w[i - 2] >> 10)
                    w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                }
                var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
                for i in 0..<64 {
                    let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
                    let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ majority
                    (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                }
                state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
                state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
            }
        }
    }
}

private extension UInt32 {
    func rotatedRight(_ count: UInt32) -> UInt32 { (self >> count) | (self << (32 - count)) }
}
