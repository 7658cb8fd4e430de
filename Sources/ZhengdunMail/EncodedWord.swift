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

    /// `=?UTF-8?B?…?=` words of at most 36 bytes of text each (48 base64 characters, a 60-character
    /// word that leaves room for the header name on a line of 78), never
    /// splitting a character's bytes between two words.
    private static func words(_ value: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        chunk.reserveCapacity(48)
        for scalar in value.unicodeScalars {
            let width = scalar.value < 0x80 ? 1 : scalar.value < 0x800 ? 2 : scalar.value < 0x10000 ? 3 : 4
            if chunk.count + width > 36 {
                words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=")
                chunk.removeAll(keepingCapacity: true)
            }
            chunk.append(contentsOf: UTF8.encode(scalar)!)
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=") }
        return words
    }
}

/// Base64 (RFC 4648), for encoded-words and message bodies.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        String(decoding: encoded(bytes, lineLength: nil), as: UTF8.self)
    }

    /// Base64 in lines of 76 characters, CRLF-terminated, for a message body.
    static func lines(_ bytes: [UInt8]) -> [UInt8] {
        encoded(bytes, lineLength: 76)
    }

    private static func encoded(_ bytes: [UInt8], lineLength: Int?) -> [UInt8] {
        // Four characters for each three bytes, padded; a CRLF after every `lineLength`.
        var flat = [UInt8](repeating: UInt8(ascii: "="), count: (bytes.count + 2) / 3 * 4)
        flat.withUnsafeMutableBufferPointer { out in
            alphabet.withUnsafeBufferPointer { table in
                var index = 0
                var position = 0
                while index + 3 <= bytes.count {
                    let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
                    out[position] = table[Int(n >> 18 & 63)]
                    out[position + 1] = table[Int(n >> 12 & 63)]
                    out[position + 2] = table[Int(n >> 6 & 63)]
                    out[position + 3] = table[Int(n & 63)]
                    index += 3
                    position += 4
                }
                let rest = bytes.count - index
                if rest > 0 {
                    let n = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
                    out[position] = table[Int(n >> 18 & 63)]
                    out[position + 1] = table[Int(n >> 12 & 63)]
                    if rest == 2 { out[position + 2] = table[Int(n >> 6 & 63)] }
                }
            }
        }
        guard let lineLength else { return flat }
        var lines: [UInt8] = []
        lines.reserveCapacity(flat.count + (flat.count / lineLength + 1) * 2)
        var start = 0
        while start < flat.count {
            let end = min(start + lineLength, flat.count)
            lines.append(contentsOf: flat[start..<end])
            lines.append(0x0D)
            lines.append(0x0A)
            start = end
        }
        return lines
    }
}
