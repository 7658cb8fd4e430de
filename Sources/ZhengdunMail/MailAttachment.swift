/// A file sent with a message (附件): its name, which may be Chinese, its type and its bytes,
/// sent in base64 exactly as given.
public struct MailAttachment: Sendable, Hashable {
    /// The name the recipient sees (`整顿工作进展报告-2026-03-09.html`).
    public let filename: String
    /// A plain ASCII name for mail programs that cannot read RFC 2231 names.
    public let fallbackFilename: String
    /// The media type, set by zhengdun itself (`text/html`).
    public let mediaType: String
    /// For text: the charset of `content`.
    public let charset: String?
    public let content: [UInt8]
    /// The MIME part, encoded once: a circular goes to every branch of the township with the
    /// same document, and each copy of the attachment shares these bytes.
    let part: [UInt8]

    public init(filename: String, fallbackFilename: String, mediaType: String, charset: String? = nil, content: [UInt8]) {
        self.filename = filename
        self.fallbackFilename = fallbackFilename
        self.mediaType = mediaType
        self.charset = charset
        self.content = content
        part = Self.part(filename: filename, fallbackFilename: fallbackFilename, mediaType: mediaType, charset: charset, content: content)
    }

    /// The MIME part: the name per RFC 2231 (`filename*=UTF-8''…`, continued over several lines
    /// when long) with the plain name after it, and the content in base64.
    private static func part(filename: String, fallbackFilename: String, mediaType: String, charset: String?, content: [UInt8]) -> [UInt8] {
        let fallback = plain(fallbackFilename)
        var head = "Content-Type: \(mediaType)" + (charset.map { "; charset=\($0)" } ?? "") + ";\r\n name=\"\(fallback)\"\r\n"
        head += "Content-Disposition: attachment;\r\n " + extendedFilename(filename).joined(separator: ";\r\n ")
        head += ";\r\n filename=\"\(fallback)\"\r\n"
        head += "Content-Transfer-Encoding: base64\r\n\r\n"
        return Array(head.utf8) + Base64.lines(content)
    }

    /// `filename*=UTF-8''%E6%95%B4…`, or for a long name `filename*0*=UTF-8''…`, `filename*1*=…`
    /// (RFC 2231 §3–4), never splitting an escape, each under 78 characters with its line's indent.
    static func extendedFilename(_ name: String) -> [String] {
        let hexDigits = Array("0123456789ABCDEF")
        var tokens: [String] = []
        for byte in (name.isEmpty ? "attachment" : name).utf8 {
            if attributeCharacters.contains(byte) {
                tokens.append(String(UnicodeScalar(byte)))
            } else {
                tokens.append("%\(hexDigits[Int(byte >> 4)])\(hexDigits[Int(byte & 15)])")
            }
        }
        let encoded = tokens.joined()
        if encoded.count <= 56 { return ["filename*=UTF-8''" + encoded] }
        var sections: [String] = []
        var current = ""
        for token in tokens {
            if current.count + token.count > 54 {
                sections.append(current)
                current = ""
            }
            current += token
        }
        sections.append(current)
        return sections.enumerated().map { index, value in "filename*\(index)*=" + (index == 0 ? "UTF-8''" : "") + value }
    }

    /// RFC 2231's attribute-char: printable ASCII except specials, space, `*`, `'`, `%`.
    private static let attributeCharacters: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8))

    /// The name with anything but letters, digits, `.`, `-` and `_` made `_`, and cut to 60
    /// characters keeping its extension: safe inside quotes on a header line.
    static func plain(_ name: String) -> String {
        var plain = String(
            name.unicodeScalars.map { scalar -> Character in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || ".-_".unicodeScalars.contains(scalar)
                    ? Character(scalar) : "_"
            })
        if plain.count > 60 {
            let dot = plain.lastIndex(of: ".").map { plain[$0...] }.flatMap { $0.count <= 10 ? String($0) : nil } ?? ""
            plain = String(plain.prefix(60 - dot.count)) + dot
        }
        return plain.isEmpty ? "attachment" : plain
    }
}
