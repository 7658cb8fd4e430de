/// RFC 2047 encoded-words, so that Chinese subjects and names survive every mail system.
enum EncodedWord {
    /// A header text, written at the end of `out`: as is when it is short printable ASCII, else
    /// B-encoded UTF-8 words, each under 75 characters, never splitting a character.
    static func append(text value: String, to out: inout [UInt8]) {
        if value.utf8.count <= 60 && value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && !value.contains("=?") {
            out += value.utf8
        } else {
            appendWords(value, separator: "\r\n ", to: &out)
        }
    }

    /// A display name: plain when it is a simple ASCII phrase, else encoded.
    static func phrase(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || " .-_'".unicodeScalars.contains(scalar)
        }
        if plain && !value.isEmpty { return value }
        var out: [UInt8] = []
        appendWords(value, separator: " ", to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `=?UTF-8?B?…?=` words of at most 36 bytes of text each (48 base64 characters, a 60-character
    /// word that leaves room for the header name on a line of 78), never splitting a character's
    /// bytes between two words; `separator` between them.
    private static func appendWords(_ value: String, separator: StaticString, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            repeat {
                // The longest run of whole characters that fits: never end before a
                // continuation byte (10xxxxxx).
                var end = min(start + 36, bytes.count)
                while end < bytes.count && end > start + 1 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
                if start > 0 { out += UnsafeBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount) }
                out += "=?UTF-8?B?".utf8
                Base64.append(UnsafeBufferPointer(rebasing: bytes[start..<end]), lineLength: .max, to: &out)
                out += "?=".utf8
                start = end
            } while start < bytes.count
        }
    }
}
