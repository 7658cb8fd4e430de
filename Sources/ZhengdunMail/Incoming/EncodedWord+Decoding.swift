extension EncodedWord {
    /// `text` with its RFC 2047 encoded-words (`=?GBK?B?…?=`, `=?utf-8?Q?…?=`) decoded. The
    /// space between two adjacent words is dropped, as the RFC says; and adjacent words in one
    /// charset are decoded together, because clients such as Outlook and Foxmail cut a long
    /// subject into words wherever the byte count says, halfway through a Chinese character.
    static func decode(_ text: String) -> String {
        guard text.utf8.count >= 8, text.contains("=?") else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        // The words waiting to be decoded together.
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []
        var finder = TerminatorFinder(bytes: bytes)

        func flushWords() {
            guard let charset = pendingCharset else { return }
            out += Charset.decode(pendingBytes, label: charset).utf8
            pendingCharset = nil
            pendingBytes.removeAll(keepingCapacity: true)
        }

        var index = 0
        var literalStart = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?"),
                let word = parseWord(bytes, at: index, finder: &finder)
            else {
                index += 1
                continue
            }
            let literal = bytes[literalStart..<index]
            // White space between two words is dropped; any other text ends the run of words.
            let blank = literal.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if !(blank && pendingCharset != nil) {
                flushWords()
                out += literal
            }
            if let charset = pendingCharset, charset != word.charset {
                flushWords()
            }
            pendingCharset = word.charset
            pendingBytes += word.bytes
            index = word.end
            literalStart = word.end
        }
        flushWords()
        if literalStart < bytes.count { out += bytes[literalStart...] }
        return String(decoding: out, as: UTF8.self)
    }

    /// The word that starts at `start` (at its `=?`): its charset (lowercased), decoded bytes,
    /// and where it ends; nil if no well-formed word starts there.
    private static func parseWord(
        _ bytes: [UInt8], at start: Int, finder: inout TerminatorFinder
    )
        -> (charset: String, bytes: [UInt8], end: Int)?
    {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count && index - charsetStart <= 64 {
            let byte = bytes[index]
            if byte == UInt8(ascii: "?") { break }
            guard byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "=") else { return nil }
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "?"), index > charsetStart else { return nil }
        let charset = String(decoding: bytes[charsetStart..<index], as: UTF8.self).lowercased()
        guard index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "?") else { return nil }
        let encoding = bytes[index + 1] | 0x20  // lowercase
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        let textEnd = finder.next(from: textStart)
        // The word must close with `?=` before any white space.
        guard textEnd + 1 < bytes.count, bytes[textEnd] == UInt8(ascii: "?"), bytes[textEnd + 1] == UInt8(ascii: "=") else {
            return nil
        }
        let encoded = bytes[textStart..<textEnd]
        let decoded =
            encoding == UInt8(ascii: "b")
            ? TransferEncoding.base64(encoded) : TransferEncoding.quotedPrintable(encoded, underscoreIsSpace: true)
        return (charset, decoded, textEnd + 2)
    }
}

/// Finds the first `?=` or white space at or after a position, remembering its last answer so
/// that a header full of `=?` that never close is read in linear time, not once per `=?`.
struct TerminatorFinder {
    let bytes: [UInt8]
    private var from = Int.max
    private var found = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    private func isTerminator(_ index: Int) -> Bool {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { return true }
        return byte == UInt8(ascii: "?") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "=")
    }

    /// The position, or `bytes.count` when there is none.
    mutating func next(from start: Int) -> Int {
        if start >= from && start <= found { return found }
        // A little before the last search (a longer charset name moved it): only the gap is new.
        if start < from && from != Int.max && from - start <= 128 {
            var index = start
            while index < from {
                if isTerminator(index) { return index }
                index += 1
            }
            return found
        }
        var index = start
        while index < bytes.count && !isTerminator(index) { index += 1 }
        from = start
        found = index
        return index
    }
}
