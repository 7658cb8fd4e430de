/// A structured MIME header value such as `multipart/mixed; boundary="b1"` or
/// `attachment; filename*=UTF-8''%E6%95%B4.docx`: its main token and its parameters, decoded.
struct MIMEParameters {
    /// The value before the first `;`, lowercased (`text/plain`, `attachment`).
    var value: String
    /// Parameter values by lowercased name, with RFC 2231 continuations joined and charsets
    /// decoded, and RFC 2047 words decoded where clients (wrongly, but commonly) put them.
    var parameters: [String: String]

    subscript(name: String) -> String? { parameters[name] }

    init(_ header: String?) {
        guard let header else {
            value = ""
            parameters = [:]
            return
        }
        let pieces = Self.split(header)
        value = pieces.first.map { $0.stripping(" \t").lowercased() } ?? ""
        // Plain and RFC 2231 pieces, by name: `filename*1*` is section 1 of `filename`, encoded.
        var plain: [String: String] = [:]
        var sections: [String: [(index: Int, encoded: Bool, value: String)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = String(piece[..<equals]).stripping(" \t").lowercased()
            guard !name.isEmpty else { continue }
            let rawValue = Self.unquote(String(piece[piece.index(after: equals)...]).stripping(" \t"))
            guard let star = name.firstIndex(of: "*") else {
                if plain[name] == nil { plain[name] = rawValue }
                continue
            }
            let base = String(name[..<star])
            let rest = name[name.index(after: star)...]
            if rest.isEmpty {
                sections[base, default: []].append((0, true, rawValue))
            } else {
                let encoded = rest.hasSuffix("*")
                let number = encoded ? rest.dropLast() : rest
                // Sections beyond a hundred are no file name anyone sent.
                guard let index = Int(number), index >= 0, index < 100 else { continue }
                sections[base, default: []].append((index, encoded, rawValue))
            }
        }
        var parameters: [String: String] = [:]
        for (name, value) in plain { parameters[name] = EncodedWord.decode(value) }
        for (name, pieces) in sections {
            parameters[name] = Self.join(pieces)
        }
        self.parameters = parameters
    }

    /// RFC 2231 sections in order: the first encoded one starts with `charset'language'`, the
    /// encoded ones are percent-encoded bytes, and the bytes of all are decoded together (a
    /// character may be split between two sections).
    private static func join(_ sections: [(index: Int, encoded: Bool, value: String)]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (position, section) in sections.sorted(by: { $0.index < $1.index }).enumerated() {
            var text = Substring(section.value)
            if section.encoded && position == 0 {
                let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3 {
                    charset = parts[0].isEmpty ? nil : String(parts[0])
                    text = parts[2]
                }
            }
            bytes += section.encoded ? percentDecoded(text.utf8) : Array(text.utf8)
        }
        return Charset.decode(bytes, label: charset)
    }

    private static func percentDecoded(_ text: Substring.UTF8View) -> [UInt8] {
        let input = Array(text)
        var out: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
                let value = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                out.append(value)
                index += 3
            } else {
                out.append(input[index])
                index += 1
            }
        }
        return out
    }

    /// The pieces between `;`s that are not inside quotes; no more than a few hundred, which is
    /// more than any sender's Content-Type or Content-Disposition has.
    private static func split(_ header: String) -> [Substring] {
        var pieces: [Substring] = []
        let utf8 = header.utf8
        var start = utf8.startIndex
        var quoted = false
        var escaped = false
        var index = utf8.startIndex
        // The delimiters are ASCII, so a UTF-8 index at one is a character boundary.
        while index < utf8.endIndex && pieces.count < 500 {
            let byte = utf8[index]
            if escaped {
                escaped = false
            } else if quoted && byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if byte == UInt8(ascii: ";") && !quoted {
                pieces.append(header[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if pieces.count < 500 { pieces.append(header[start...]) }
        return pieces
    }

    /// A quoted-string's content with its backslash escapes undone; anything else as it is.
    /// A filename with a Windows path in quotes keeps its backslashes when they escape
    /// nothing a quoted-string needs escaped, so that the path can still be cut off.
    static func unquote(_ text: String) -> String {
        guard text.hasPrefix("\""), text.count >= 2 else { return text }
        var out = ""
        var escaped = false
        for character in text.dropFirst() {
            if escaped {
                if character != "\"" && character != "\\" { out.append("\\") }
                out.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                break
            } else {
                out.append(character)
            }
        }
        return out
    }
}
