/// Walks a message's MIME tree (RFC 2045–2046) once, collecting the text a person wrote, the
/// files they sent, and what a delivery report says. Depth and part count are bounded, so that
/// no message, however built, takes more than a pass or two over its bytes.
struct MIMEWalker {
    static let maximumDepth = 10
    static let maximumParts = 200

    let bytes: [UInt8]
    private(set) var parts = 0
    private(set) var attachments: [IncomingAttachment] = []
    /// From a delivery report's message/rfc822 or text/rfc822-headers part.
    private(set) var originalMessageID: String?
    /// The field groups of a message/delivery-status part: the per-message group first, then
    /// one a recipient.
    private(set) var deliveryStatusGroups: [[(name: String, value: String)]] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The text bodies of a subtree, plain and HTML apart, so that multipart/alternative can
    /// choose.
    struct Texts {
        var plain: [String] = []
        var html: [String] = []
    }

    mutating func walk(_ entity: Entity, depth: Int = 0, parent: String? = nil) -> Texts {
        guard depth <= Self.maximumDepth else { return Texts() }
        let contentType = MIMEParameters(entity.header("content-type")?.text)
        var mediaType = contentType.value
        if !mediaType.contains("/") { mediaType = parent == "multipart/digest" ? "message/rfc822" : "text/plain" }
        if mediaType.hasPrefix("multipart/"), let boundary = contentType["boundary"], !boundary.isEmpty {
            return walkMultipart(entity, mediaType: mediaType, boundary: boundary, depth: depth)
        }
        if mediaType.hasPrefix("multipart/") { mediaType = "text/plain" }  // no boundary: read it as text
        return walkLeaf(entity, mediaType: mediaType, contentType: contentType, parent: parent)
    }

    private mutating func walkMultipart(_ entity: Entity, mediaType: String, boundary: String, depth: Int) -> Texts {
        var children: [Texts] = []
        for range in splitParts(entity.body, boundary: Array("--\(boundary)".utf8)) {
            guard parts < Self.maximumParts else { break }
            parts += 1
            children.append(walk(Entity.parse(bytes, range).entity, depth: depth + 1, parent: mediaType))
        }
        switch mediaType {
        case "multipart/alternative":
            // The plain version when there is one: it is what the person typed.
            var texts = Texts()
            if let plain = children.first(where: { !$0.plain.isEmpty }) { texts.plain = plain.plain }
            if let html = children.first(where: { !$0.html.isEmpty }) { texts.html = html.html }
            return texts
        case "multipart/signed":
            // The signed content; the second part is the signature.
            return children.first ?? Texts()
        default:
            var texts = Texts()
            for child in children {
                texts.plain += child.plain
                texts.html += child.html
            }
            return texts
        }
    }

    static let signatureTypes: Set<String> = ["application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"]

    private mutating func walkLeaf(_ entity: Entity, mediaType: String, contentType: MIMEParameters, parent: String?) -> Texts {
        let encoding = TransferEncoding(header: entity.header("content-transfer-encoding")?.text)
        switch mediaType {
        case "message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers", "message/global-headers":
            // A message quoted whole (a forward, or a report's copy of the original): none of its
            // text or files are the reply's, but a report's copy names the message that failed.
            let data = encoding.decode(bytes[entity.body])
            let quoted = Entity.parse(data, data.indices).entity
            if originalMessageID == nil, let id = quoted.header("message-id").flatMap({ HeaderSyntax.messageIDs($0.text).first }) {
                originalMessageID = id
            }
            return Texts()
        case "message/delivery-status", "message/global-delivery-status":
            deliveryStatusGroups += Self.fieldGroups(Charset.decode(encoding.decode(bytes[entity.body]), label: nil))
            return Texts()
        default:
            break
        }
        if parent == "multipart/signed" && Self.signatureTypes.contains(mediaType) { return Texts() }
        if mediaType.hasPrefix("message/") { return Texts() }  // read receipts and the like
        let disposition = MIMEParameters(entity.header("content-disposition")?.text)
        let filename = disposition["filename"] ?? contentType["name"]
        let data = encoding.decode(bytes[entity.body])
        if disposition.value != "attachment" && filename == nil && (mediaType == "text/plain" || mediaType == "text/html") {
            let text = Charset.decode(data, label: contentType["charset"])
            return mediaType == "text/plain" ? Texts(plain: [text]) : Texts(html: [text])
        }
        let inline =
            disposition.value == "inline"
            || (parent == "multipart/related" && disposition.value != "attachment" && entity.header("content-id") != nil)
        attachments.append(
            IncomingAttachment(
                name: Self.safeName(filename, number: attachments.count + 1, mediaType: mediaType), contentType: mediaType, data: data,
                isInline: inline))
        return Texts()
    }

    /// The body ranges of a multipart body's parts (RFC 2046 §5.1.1): a delimiter line is
    /// `--boundary`, perhaps `--` after it, then only white space; the line break before it
    /// belongs to it. Preamble and epilogue are dropped; without a closing delimiter the last
    /// part runs to the end.
    private func splitParts(_ body: Range<Int>, boundary delimiter: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var partStart: Int?
        var lineStart = body.lowerBound
        while lineStart < body.upperBound && ranges.count < Self.maximumParts {
            var lineEnd = lineStart
            while lineEnd < body.upperBound && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if let closing = delimiterLine(lineStart..<lineEnd, delimiter) {
                if let start = partStart {
                    var end = lineStart
                    if end > start && bytes[end - 1] == 0x0A { end -= 1 }
                    if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                    ranges.append(start..<max(start, end))
                }
                partStart = closing ? nil : min(lineEnd + 1, body.upperBound)
                if closing { break }
            }
            lineStart = lineEnd + 1
        }
        if let start = partStart, ranges.count < Self.maximumParts { ranges.append(start..<body.upperBound) }
        return ranges
    }

    /// Whether a line is a delimiter: nil if not, true if it is the closing one.
    private func delimiterLine(_ line: Range<Int>, _ delimiter: [UInt8]) -> Bool? {
        guard line.count >= delimiter.count, bytes[line.lowerBound..<line.lowerBound + delimiter.count].elementsEqual(delimiter)
        else { return nil }
        var index = line.lowerBound + delimiter.count
        var closing = false
        if index + 1 < line.upperBound && bytes[index] == UInt8(ascii: "-") && bytes[index + 1] == UInt8(ascii: "-") {
            closing = true
            index += 2
        }
        // Only white space may follow; anything else is a longer boundary, a nested part's.
        while index < line.upperBound {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D else { return nil }
            index += 1
        }
        return closing
    }

    /// A file name fit to store: no directories (`../../etc/passwd` is `passwd`, `C:\x\a.doc` is
    /// `a.doc`), no control characters; a made-up name when nothing is left.
    static func safeName(_ name: String?, number: Int, mediaType: String) -> String {
        var name = name ?? ""
        name = String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.properties.generalCategory != .control }))
        if let slash = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) { name = String(name[name.index(after: slash)...]) }
        name = name.stripping(" \t")
        if name.isEmpty || name == "." || name == ".." {
            let extensions = [
                "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "application/pdf": ".pdf", "text/plain": ".txt",
                "text/html": ".html",
            ]
            name = "attachment-\(number)\(extensions[mediaType] ?? "")"
        }
        return name
    }

    /// `Name: value` fields in groups separated by blank lines, continuation lines unfolded (the
    /// body of a message/delivery-status part, RFC 3464).
    static func fieldGroups(_ text: String) -> [[(name: String, value: String)]] {
        var groups: [[(name: String, value: String)]] = []
        var group: [(name: String, value: String)] = []
        // "\r\n" is one Character in Swift: split on both.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !group.isEmpty { groups.append(group) }
                group = []
            } else if line.first == " " || line.first == "\t", !group.isEmpty {
                group[group.count - 1].value += " " + String(line).stripping(" \t")
            } else if let colon = line.firstIndex(of: ":") {
                group.append(
                    (String(line[..<colon]).stripping(" \t").lowercased(), String(line[line.index(after: colon)...]).stripping(" \t")))
            }
        }
        if !group.isEmpty { groups.append(group) }
        return groups
    }
}
