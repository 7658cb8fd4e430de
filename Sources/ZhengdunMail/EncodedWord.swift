/// RFC 2047 encoded-words, so that Chinese subjects and names survive every mail system.
enum EncodedWord {
    /// A header text: as is when it is short printable ASCII, else B-encoded UTF-8 words, each
    /// under 75 characters, never splitting a character.
    static func text(_ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !value.contains("=?") && value.utf8.count <= 60 {
            return value
        }
        return words(value).joined(separator: "\r\n ")
    }

    /// A display name: plain when it is a simple ASCII phrase, else encoded.
    static func phrase(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || " .-_'".unicodeScalars.contains(scalar)
        }
        return plain && !value.isEmpty ? value : words(value).joined(separator: " ")
    }

    /// `=?UTF-8?B?…?=` words of at most 45 bytes of text each (60 base64 characters).
    private static func words(_ value: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in value {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(Base64.encode(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Base64.encode(chunk))?=") }
        return words
    }
}

/// Base64 (RFC 4648), for encoded-words and message bodies.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 in lines of 76 characters, CRLF-terminated, for a message body.
    static func lines(_ bytes: [UInt8]) -> String {
        let encoded = Array(encode(bytes).utf8)
        var out = ""
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            out += String(decoding: encoded[start..<end], as: UTF8.self) + "\r\n"
            start = end
        }
        return out
    }
}
