import Foundation
import Testing
@testable import ZhengdunCore

@Suite("SHA-256")
struct SHA256Tests {
    @Test("The FIPS 180-4 test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
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

    @Test("Chinese text hashes as its UTF-8 bytes, like sha256sum")
    func chinese() {
        // printf '整顿' | sha256sum
        #expect(SHA256.hex("整顿") == "fc1af12172b57665bcc9063960cf2e505e14d90fec7be5340d0057ef25773851")
    }
}
