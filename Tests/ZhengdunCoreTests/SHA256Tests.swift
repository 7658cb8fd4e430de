import Foundation
import Testing

@testable import ZhengdunCore

@Suite("SHA-256")
struct SHA256Tests {
    @Test(
        "The FIPS 180-4 test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func vectors(_ text: String, _ digest: String) {
        #expect(SHA256.hex(text) == digest)
    }

    @Test("A million 'a's, fed in uneven pieces")
    func million() {
        var hash = SHA256()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
        var left = 1_000_000
        while left > 0 {
            hash.update(piece.prefix(min(left, piece.count)))
            left -= min(left, piece.count)
        }
        #expect(hash.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(
        "Bytes that are not in one piece of memory hash the same, across block and padding edges",
        arguments: [0, 1, 55, 56, 63, 64, 65, 119, 200])
    func scattered(_ count: Int) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = SHA256()
        whole.update(bytes)
        var scattered = SHA256()
        scattered.update(AnySequence(bytes))
        var split = SHA256()
        split.update(bytes.prefix(count / 3))
        split.update(AnySequence(bytes.dropFirst(count / 3)))
        let digest = whole.finalize()
        #expect(scattered.finalize() == digest)
        #expect(split.finalize() == digest)
        // Python's hashlib over the same bytes.
        let independent = [
            55: "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b",
            64: "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd",
            119: "3d610547d68216dedf7435a4fb6260353911f6b3fd3f18805ddb8be285d726fe",
        ]
        if let expected = independent[count] { #expect(digest == expected) }
    }

    @Test("Chinese text hashes as its UTF-8 bytes, like sha256sum")
    func chinese() {
        // printf '整顿' | sha256sum
        #expect(SHA256.hex("整顿") == "fc1af12172b57665bcc9063960cf2e505e14d90fec7be5340d0057ef25773851")
    }

    @Test("Digests recorded from the hand-written implementation stay the same: nothing, and Chinese text over many blocks")
    func recorded() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // 1 080 bytes of UTF-8: 16 full blocks and a part.
        let text = String(repeating: "软弱涣散基层党组织整顿，", count: 30)
        #expect(SHA256.hex(text) == "6eb2588721b54cbb572192df42e0dba464908fbb35a9c45870a851d8a58426c0")
        var pieces = SHA256()
        for line in text.split(separator: "，", omittingEmptySubsequences: false).dropLast() { pieces.update(line + "，") }
        #expect(pieces.finalize() == "6eb2588721b54cbb572192df42e0dba464908fbb35a9c45870a851d8a58426c0")
    }
}
