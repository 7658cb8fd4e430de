/// The text of an HTML-only reply, as lines a person would read, for clients (QQ邮箱, 网易 on
/// the web, Outlook) that send no text/plain part. Quoting survives as `> ` lines, so that
/// `ReplyText` can cut it off like a plain-text quote: a `<blockquote>`'s lines are prefixed,
/// and so is everything after a client's own quote container (QQ's `isReplyContent`, Gmail's
/// `gmail_quote`, Outlook's `divRplyFwdMsg`), which some of them do not put in a blockquote.
/// One pass over the HTML: every search for a closing `>` or `</style>` consumes what it reads.
enum HTMLText {
    static func reduce(_ html: String) -> String {
        var reducer = Reducer(Array(html.utf8))
        reducer.run()
        return reducer.result()
    }

    /// The attribute text that marks where a mail client's quote of the earlier message begins.
    static let quoteContainers = [
        "isforwardcontent", "isreplycontent", "gmail_quote", "divrplyfwdmsg", "appendonsend", "yahoo_quoted", "mail-quote",
        "ntes-mailmaster-quote",
    ]

    private struct Reducer {
        let html: [UInt8]
        var out: [UInt8] = []
        var index = 0
        var quoteDepth = 0
        /// Everything from a client's quote container on is quoted, however its tags nest.
        var quotedForGood = false
        var atLineStart = true
        var pendingSpace = false
        var preformatted = 0

        init(_ html: [UInt8]) {
            self.html = html
            out.reserveCapacity(html.count / 2)
        }

        mutating func run() {
            while index < html.count {
                let byte = html[index]
                if byte == UInt8(ascii: "<") {
                    tag()
                } else if byte == UInt8(ascii: "&") {
                    entity()
                } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    if preformatted > 0 {
                        if byte == 0x0A { newline() } else if byte != 0x0D { text([byte]) }
                    } else {
                        pendingSpace = true
                    }
                    index += 1
                } else {
                    // A run of plain text at once.
                    var end = index + 1
                    while end < html.count {
                        let next = html[end]
                        if next == UInt8(ascii: "<") || next == UInt8(ascii: "&") || next <= 0x20 { break }
                        end += 1
                    }
                    text(html[index..<end])
                    index = end
                }
            }
        }

        mutating func result() -> String {
            // Lines without trailing spaces; at most one blank line in a row; none at either end.
            var lines: [Substring] = []
            var blank = 0
            for line in String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                var line = line
                while line.last == " " { line = line.dropLast() }
                let isBlank = line.allSatisfy { $0 == " " || $0 == ">" }
                if isBlank {
                    blank += 1
                    if blank > 1 || lines.isEmpty { continue }
                } else {
                    blank = 0
                }
                lines.append(line)
            }
            while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == ">" }) { lines.removeLast() }
            return lines.joined(separator: "\n")
        }

        /// How many `> ` a line gets: a quote's depth is all that matters to cutting it, and a
        /// bound keeps a thousand nested blockquotes from writing a thousand marks a line.
        private var depth: Int { min(quoteDepth + (quotedForGood ? 1 : 0), 8) }

        private mutating func text<C: Collection<UInt8>>(_ bytes: C) {
            if atLineStart {
                for _ in 0..<depth { out += "> ".utf8 }
                atLineStart = false
                pendingSpace = false
            } else if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out += bytes
        }

        private mutating func newline() {
            if atLineStart && depth > 0 {
                // A blank line inside a quote stays a quote line, so that a quote is one block.
                for _ in 0..<depth { out += ">".utf8 }
            }
            out.append(0x0A)
            atLineStart = true
            pendingSpace = false
        }

        private mutating func lineBreak() {
            if !atLineStart { newline() }
        }

        private func position(of pattern: [UInt8], from start: Int, ignoringCase: Bool) -> Int? {
            guard let first = pattern.first else { return nil }
            var index = start
            while index + pattern.count <= html.count {
                let byte = ignoringCase ? html[index] | 0x20 : html[index]
                if byte == first && zip(html[index..<index + pattern.count], pattern).allSatisfy({ (ignoringCase ? $0 | 0x20 : $0) == $1 })
                {
                    return index
                }
                index += 1
            }
            return nil
        }

        private mutating func tag() {
            // `a < b` is text: a tag starts with a letter, `/` or `!`.
            let next = index + 1 < html.count ? html[index + 1] | 0x20 : 0
            guard
                (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z")) || next == UInt8(ascii: "/") | 0x20
                    || next == UInt8(ascii: "!") | 0x20
            else {
                text([UInt8(ascii: "<")])
                index += 1
                return
            }
            // A comment, which may hold `>`.
            if html[index...].starts(with: "<!--".utf8) {
                index = position(of: Array("-->".utf8), from: index + 4, ignoringCase: false).map { $0 + 3 } ?? html.count
                return
            }
            // The closing `>`, outside quoted attribute values.
            var end = index + 1
            var quote: UInt8 = 0
            while end < html.count {
                let byte = html[end]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                end += 1
            }
            guard end < html.count else {
                // No `>` after this `<`, so none after any later one either: the rest is text.
                text(html[index...])
                index = html.count
                return
            }
            let inside = html[(index + 1)..<end]
            index = end + 1
            var nameStart = inside.startIndex
            let closing = inside.first == UInt8(ascii: "/")
            if closing { nameStart += 1 }
            var nameEnd = nameStart
            while nameEnd < inside.endIndex {
                let byte = inside[nameEnd]
                guard (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39) else {
                    break
                }
                nameEnd += 1
            }
            let name = String(decoding: inside[nameStart..<nameEnd].map { $0 | 0x20 }, as: UTF8.self)
            switch name {
            // Not `head` itself: an unclosed one would hide the whole body, and what it holds
            // besides these is tags without text.
            case "style", "script", "title", "xml":
                guard !closing else { return }
                // Skip to its closing tag; without one, to the end.
                index = position(of: Array("</\(name)".utf8), from: index, ignoringCase: true) ?? html.count
                if index < html.count, let close = html[index...].firstIndex(of: UInt8(ascii: ">")) {
                    index = close + 1
                } else {
                    index = html.count
                }
            case "br":
                newline()
            case "p", "div", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "center", "dd", "dt":
                lineBreak()
            case "li":
                lineBreak()
            case "td", "th":
                if closing { pendingSpace = true }
            case "pre":
                lineBreak()
                preformatted = max(0, preformatted + (closing ? -1 : 1))
            case "blockquote":
                lineBreak()
                quoteDepth = max(0, quoteDepth + (closing ? -1 : 1))
            default:
                break
            }
            if !closing && !quotedForGood {
                let attributes = String(decoding: inside[nameEnd...], as: UTF8.self).lowercased()
                if Self.quoteContainerAttributes.contains(where: { attributes.contains($0) }) {
                    lineBreak()
                    quotedForGood = true
                }
            }
        }

        static let quoteContainerAttributes = HTMLText.quoteContainers

        private mutating func entity() {
            // `&name;`, `&#20013;` or `&#x4e2d;`, at most a few characters; else a literal `&`.
            var end = index + 1
            while end < html.count && end - index <= 10 && html[end] != UInt8(ascii: ";") && html[end] > 0x20
                && html[end] != UInt8(ascii: "&")
                && html[end] != UInt8(ascii: "<")
            {
                end += 1
            }
            guard end < html.count, html[end] == UInt8(ascii: ";"), end > index + 1 else {
                text([UInt8(ascii: "&")])
                index += 1
                return
            }
            let name = String(decoding: html[(index + 1)..<end], as: UTF8.self)
            index = end + 1
            var scalar: Unicode.Scalar?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
            } else {
                scalar = Self.entities[name] ?? Self.entities[name.lowercased()]
            }
            guard let scalar, scalar.value != 0 else {
                text(Array("&\(name);".utf8))
                return
            }
            // A non-breaking space is a space to a reader; one that HTML does not collapse.
            if scalar == "\u{A0}" || scalar == " " {
                text([0x20])
                return
            }
            if scalar == "\n" {
                newline()
                return
            }
            text(Array(String(Character(scalar)).utf8))
        }

        static let entities: [String: Unicode.Scalar] = [
            "nbsp": "\u{A0}", "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "copy": "©", "reg": "®", "middot": "·",
            "mdash": "—", "ndash": "–", "hellip": "…", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "emsp": "\u{2003}",
            "ensp": "\u{2002}", "thinsp": "\u{2009}", "yen": "¥", "times": "×", "divide": "÷", "bull": "•", "laquo": "«", "raquo": "»",
        ]
    }
}
