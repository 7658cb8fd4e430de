/// One header field of an incoming message or of one of its MIME parts.
struct RawHeader {
    /// As the message spells it.
    var name: String
    /// `name` lowercased, to look headers up by.
    var key: String
    /// Unfolded, its raw 8-bit bytes read as UTF-8 or GB18030, RFC 2047 words not yet decoded:
    /// what addresses, ids and MIME parameters are read from, so that a decoded display name
    /// cannot add a `<`, `,` or `;` of its own.
    var text: String
    /// `text` with its encoded-words decoded: what a person reads.
    var value: String { EncodedWord.decode(text) }
}

/// A message or one of its MIME parts: its headers and where its body lies in the input.
struct Entity {
    var headers: [RawHeader]
    var body: Range<Int>

    /// The first header named `name` (lowercase), case-insensitively.
    func header(_ name: String) -> RawHeader? {
        headers.first { $0.key == name }
    }

    /// The headers and body of the bytes `range` of `bytes`. A first line that is not a header
    /// field means a part without headers (RFC 2046 allows it); `startsWithHeader` says whether
    /// there was one.
    static func parse(_ bytes: [UInt8], _ range: Range<Int>) -> (entity: Entity, startsWithHeader: Bool) {
        var headers: [RawHeader] = []
        var name: String?
        var value: [UInt8] = []
        var lineStart = range.lowerBound
        var bodyStart = range.upperBound

        func finish() {
            if let name {
                headers.append(RawHeader(name: name, key: name.lowercased(), text: Charset.decode(value[...], label: nil).stripping(" \t")))
            }
            name = nil
            value.removeAll(keepingCapacity: true)
        }

        while lineStart < range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = min(lineEnd + 1, range.upperBound)
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == lineStart {
                // The blank line that ends the header section.
                bodyStart = next
                break
            }
            let first = bytes[lineStart]
            if first == 0x20 || first == 0x09 {
                guard name != nil else {
                    // A continuation with nothing to continue: no header section here.
                    bodyStart = lineStart
                    break
                }
                // Unfolding removes the line break and keeps the white space after it.
                value += bytes[lineStart..<contentEnd]
            } else if let colon = headerColon(bytes, lineStart..<contentEnd) {
                finish()
                var nameEnd = colon
                while nameEnd > lineStart && (bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09) { nameEnd -= 1 }
                name = String(decoding: bytes[lineStart..<nameEnd], as: UTF8.self)
                value += bytes[(colon + 1)..<contentEnd]
            } else {
                // A line that is no header field: the body starts here, without a blank line.
                bodyStart = lineStart
                break
            }
            lineStart = next
        }
        finish()
        let startsWithHeader = !headers.isEmpty
        return (Entity(headers: headers, body: min(bodyStart, range.upperBound)..<range.upperBound), startsWithHeader)
    }

    /// Where the colon of a `Name: value` line is: a name of printable ASCII (white space
    /// allowed before the colon, as old mailers wrote it), nil for any other line.
    private static func headerColon(_ bytes: [UInt8], _ line: Range<Int>) -> Int? {
        var index = line.lowerBound
        var sawSpace = false
        while index < line.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return index > line.lowerBound ? index : nil }
            if byte == 0x20 || byte == 0x09 {
                sawSpace = true
            } else if byte <= 0x20 || byte >= 0x7F || sawSpace {
                return nil
            }
            index += 1
        }
        return nil
    }
}

/// Addresses and message ids, read from raw header text.
enum HeaderSyntax {
    /// The addr-specs of an address list (`"李四" <Li.Si@Town.cn>, b@c.cn (comment), group: d@e.cn;`),
    /// in order, each with its domain lowercased; elements that hold no address are left out.
    /// No one writes to more than `limit`; a header with more is read no further.
    static func addresses(_ text: String, limit: Int = 1000) -> [String] {
        var results: [String] = []
        var plain: [Unicode.Scalar] = []
        var angle: [Unicode.Scalar]?
        var inAngle = false
        var quoted = false
        var escaped = false
        var commentDepth = 0

        func finish() {
            if let address = addrSpec(angle ?? plain) { results.append(address) }
            plain.removeAll()
            angle = nil
            inAngle = false
        }

        for scalar in text.unicodeScalars {
            if results.count >= limit { return results }
            if escaped {
                escaped = false
                if inAngle { angle?.append(scalar) }
                continue
            }
            if commentDepth > 0 {
                if scalar == "\\" {
                    escaped = true
                } else if scalar == "(" {
                    commentDepth += 1
                } else if scalar == ")" {
                    commentDepth -= 1
                }
                continue
            }
            if quoted {
                if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    quoted = false
                }
                // A quoted display name is no address; a quoted local part inside <> is kept.
                if inAngle { angle?.append(scalar) } else { plain.append(scalar) }
                continue
            }
            switch scalar {
            case "\"":
                quoted = true
                if inAngle { angle?.append(scalar) } else { plain.append(scalar) }
            case "(": commentDepth = 1
            case "<":
                inAngle = true
                angle = []
            case ">": inAngle = false
            case "," where !inAngle, ";" where !inAngle: finish()
            case ":" where !inAngle:
                // A group's name (or a source route's end inside <>, handled in addrSpec).
                plain.removeAll()
            default:
                if inAngle { angle?.append(scalar) } else { plain.append(scalar) }
            }
        }
        finish()
        return results
    }

    /// `local@domain` with the domain lowercased, nil unless the scalars are one.
    private static func addrSpec(_ scalars: [Unicode.Scalar]) -> String? {
        var text = String(String.UnicodeScalarView(scalars)).stripping(" \t\r\n")
        // An obsolete source route: `<@relay.example:user@host>`.
        if text.hasPrefix("@"), let colon = text.firstIndex(of: ":") { text = String(text[text.index(after: colon)...]) }
        guard let at = text.lastIndex(of: "@") else { return nil }
        let local = text[..<at]
        var domain = text[text.index(after: at)...].lowercased()
        if domain.hasSuffix(".") { domain.removeLast() }
        guard !local.isEmpty, !domain.isEmpty, local.utf8.count + domain.utf8.count <= 320,
            !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }),
            !domain.contains("@"), !domain.unicodeScalars.contains(where: { "\"<>()[],;\\".unicodeScalars.contains($0) })
        else { return nil }
        return "\(local)@\(domain)"
    }

    /// The ids of a Message-ID, In-Reply-To or References header, without their angle brackets.
    /// A header without brackets (some webmail writes them bare) gives its tokens with an `@`.
    static func messageIDs(_ text: String) -> [String] {
        var ids: [String] = []
        var current: [Unicode.Scalar]?
        for scalar in text.unicodeScalars {
            if scalar == "<" {
                current = []
            } else if scalar == ">" {
                if let id = current {
                    let trimmed = String(String.UnicodeScalarView(id)).stripping(" \t\r\n")
                    if !trimmed.isEmpty && !trimmed.contains(" ") { ids.append(trimmed) }
                }
                current = nil
            } else {
                current?.append(scalar)
            }
        }
        if ids.isEmpty && !text.contains("<") {
            ids = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init).filter { $0.contains("@") }
        }
        return ids
    }
}
