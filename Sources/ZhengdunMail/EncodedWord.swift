/// RFC 2047 encoded-words, so that Chinese subjects and names survive every mail system.
enum EncodedWord {
    /// A header text: as is when it is short printable ASCII, else B-encoded UTF-8 words, each
    /// under 75 characters, never splitting a character.
    static func text(_ value: String) -> String {
        if value.utf8.count <= 60 && value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && !value.contains("=?") {
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

    /// `=?UTF-8?B?…?=` words of at most 36 bytes of text each (48 base64 characters, a 60-character
    /// word that leaves room for the header name on a line of 78), never
    /// splitting a character's bytes between two words.
    private static func words(_ value: String) -> [String] {
        var value = value
        return value.withUTF8 { bytes in
            var words: [String] = []
            var start = 0
            repeat {
                // The longest run of whole characters that fits: never end before a
                // continuation byte (10xxxxxx).
                var end = min(start + 36, bytes.count)
                while end < bytes.count && end > start + 1 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
                var word = Array("=?UTF-8?B?".utf8)
                Base64.append(Array(bytes[start..<end]), to: &word)
                word += "?=".utf8
                words.append(String(decoding: word, as: UTF8.self))
                start = end
            } while start < bytes.count
            return words
        }
    }
}

/// Base64 (RFC 4648), for encoded-words and message bodies.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        append(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `bytes` in base64 on one line.
    static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        append(bytes, lineLength: .max, to: &out)
    }

    /// Base64 in lines of 76 characters, CRLF-terminated, for a message body.
    static func lines(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        appendLines(bytes, to: &out)
        return out
    }

    static func appendLines(_ bytes: [UInt8], to out: inout [UInt8]) {
        append(bytes, lineLength: 76, to: &out)
        if !bytes.isEmpty { out += [0x0D, 0x0A] }
    }

    /// Four characters for each three bytes, padded; a CRLF between lines of `lineLength`
    /// characters (a multiple of four).
    private static func append(_ bytes: [UInt8], lineLength: Int, to out: inout [UInt8]) {
        let characters = (bytes.count + 2) / 3 * 4
        let breaks = lineLength == .max || characters == 0 ? 0 : (characters - 1) / lineLength
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "="), count: characters + breaks * 2))
        let perLine = lineLength == .max ? bytes.count : lineLength / 4 * 3
        out.withUnsafeMutableBufferPointer { buffer in
            alphabet.withUnsafeBufferPointer { table in
                bytes.withUnsafeBufferPointer { input in
                    var position = start
                    var index = 0
                    while index < input.count {
                        if index > 0 && index % perLine == 0 {
                            buffer[position] = 0x0D
                            buffer[position + 1] = 0x0A
                            position += 2
                        }
                        // A line's worth of whole groups, then what is left of the last one.
                        let end = min(index + perLine - index % perLine, input.count)
                        while index + 3 <= end {
                            let n = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                            buffer[position] = table[Int(n >> 18 & 63)]
                            buffer[position + 1] = table[Int(n >> 12 & 63)]
                            buffer[position + 2] = table[Int(n >> 6 & 63)]
                            buffer[position + 3] = table[Int(n & 63)]
                            index += 3
                            position += 4
                        }
                        if index < end {
                            let rest = end - index
                            let n = UInt32(input[index]) << 16 | (rest == 2 ? UInt32(input[index + 1]) << 8 : 0)
                            buffer[position] = table[Int(n >> 18 & 63)]
                            buffer[position + 1] = table[Int(n >> 12 & 63)]
                            if rest == 2 { buffer[position + 2] = table[Int(n >> 6 & 63)] }
                            index = end
                            position += 4
                        }
                    }
                }
            }
        }
    }
}
