import Testing

@testable import ZhengdunCore

@Suite("HMAC-SHA256")
struct HMACSHA256Tests {
    static func bytes(_ byte: UInt8, _ count: Int) -> [UInt8] { [UInt8](repeating: byte, count: count) }

    /// RFC 4231, section 4: test cases 1–4, 6 and 7 (case 5 is the truncated tag, below).
    @Test(
        "The RFC 4231 test vectors",
        arguments: [
            (bytes(0x0B, 20), Array("Hi There".utf8), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (
                Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (bytes(0xAA, 20), bytes(0xDD, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            (Array(1...25), bytes(0xCD, 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            (
                bytes(0xAA, 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
            (
                bytes(0xAA, 131),
                Array(
                    ("This is a test using a larger than block-size key and a larger than block-size data. "
                        + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
            ),
        ])
    func vectors(_ key: [UInt8], _ message: [UInt8], _ tag: String) {
        let hmac = HMACSHA256(key: key)
        #expect(hmac.hex(for: message) == tag)
        #expect(hmac.code(for: message).count == 32)
        #expect(hmac.isValid(hmac.code(for: message), for: message))
    }

    @Test("RFC 4231 case 5: the first 128 bits of the tag are the truncated vector")
    func truncated() {
        let hmac = HMACSHA256(key: Self.bytes(0x0C, 20))
        #expect(hmac.hex(for: "Test With Truncation").prefix(32) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test("Text is tagged as its UTF-8 bytes, and bytes not in one piece of memory tag the same")
    func textAndScatteredBytes() {
        let hmac = HMACSHA256(key: Array(0..<32))
        // Python: hmac.new(bytes(range(32)), 'T12.reply/li-si 整顿'.encode(), hashlib.sha256).hexdigest()
        let expected = "68a005b2be6d2a5d6d3af4a5d9feb115829b21d40e8eb59fcc994d7044c5cf70"
        #expect(hmac.hex(for: "T12.reply/li-si 整顿") == expected)
        #expect(hmac.hex(for: AnySequence(Array("T12.reply/li-si 整顿".utf8))) == expected)
    }

    @Test("base64url carries the tag in 43 characters with no padding and no '+' or '/'")
    func base64URL() {
        let hmac = HMACSHA256(key: Array("Jefe".utf8))
        // Python: base64.urlsafe_b64encode(tag).rstrip(b'=')
        #expect(hmac.base64URL(for: "what do ya want for nothing?") == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM")
        #expect(HMACSHA256.base64URL([0xFB, 0xFF]) == "-_8")
    }

    @Test("A tag for another message, under another key, or cut short is not valid")
    func invalidTags() {
        let hmac = HMACSHA256(key: Array("town key".utf8))
        let message = Array("T3/li-si".utf8)
        let tag = hmac.code(for: message)
        #expect(hmac.isValid(tag, for: message))
        #expect(!hmac.isValid(tag, for: Array("T4/li-si".utf8)))
        #expect(!HMACSHA256(key: Array("other key".utf8)).isValid(tag, for: message))
        #expect(!hmac.isValid(tag.prefix(16), for: message))
        #expect(!hmac.isValid([UInt8](), for: message))
    }
}
