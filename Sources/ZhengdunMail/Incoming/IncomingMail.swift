/// One RFC 5322 message as a mail server hands it over (pipe delivery), decoded: a village
/// Party secretary's reply to a notice, or the auto-reply or bounce that came back instead.
/// Reading is lenient about everything real mail clients get wrong, and bounded for what a
/// hostile sender could build: it never traps and never takes more than linear time.
public struct IncomingMail: Sendable {
    /// The largest message read; a reply with its photos is far below it.
    public static let maximumSize = 32 << 20

    /// Unfolded, in order; values RFC 2047-decoded.
    public var headers: [(name: String, value: String)]
    /// The addr-spec of From: (domain lowercased), nil if there is none or it cannot be read.
    public var from: String?
    /// The addr-specs of To, Cc, Delivered-To, X-Original-To and Envelope-To, in that order,
    /// each once: the address the reply was sent to is among them.
    public var recipients: [String]
    /// Without angle brackets.
    public var messageID: String?
    /// The ids of In-Reply-To, then of References, without brackets, each once: the notice
    /// this message answers is among them.
    public var inReplyTo: [String]
    /// Decoded; "" when there is none.
    public var subject: String
    /// The body as text, lines ending in LF: the text/plain part when there is one, else the
    /// HTML reduced to text.
    public var text: String
    /// The files sent, inline images included; none from a message quoted inside it.
    public var attachments: [IncomingAttachment]
    /// What machine sent it, nil for a message written by a person.
    public var automatic: AutomaticMail?

    /// The first header named `name`, case-insensitively.
    public func header(_ name: String) -> String? {
        let lowercased = name.lowercased()
        return headers.first { $0.name.lowercased() == lowercased }?.value
    }

    public static func parse(_ bytes: [UInt8]) throws(IncomingMailError) -> IncomingMail {
        guard !bytes.isEmpty else { throw IncomingMailError("the message is empty") }
        guard bytes.count <= maximumSize else {
            throw IncomingMailError("the message is \(bytes.count) bytes, more than the \(maximumSize) read")
        }
        // An mbox "From " line (envelope sender and date) is no header: skip it.
        var start = 0
        if bytes.starts(with: "From ".utf8) {
            while start < bytes.count && bytes[start] != 0x0A { start += 1 }
            start = min(start + 1, bytes.count)
        }
        let (entity, startsWithHeader) = Entity.parse(bytes, start..<bytes.count)
        guard startsWithHeader else { throw IncomingMailError("the message does not start with a header field (Name: value)") }
        let known: Set<String> = ["from", "date", "message-id", "subject"]
        guard entity.headers.contains(where: { known.contains($0.key) }) else {
            throw IncomingMailError("the message has none of the headers From, Date, Message-ID and Subject")
        }

        var walker = MIMEWalker(bytes: bytes)
        let texts = walker.walk(entity)
        var mail = IncomingMail(
            headers: entity.headers.map { ($0.name, $0.value) },
            from: entity.header("from").flatMap { HeaderSyntax.addresses($0.text).first },
            recipients: [], messageID: entity.header("message-id").flatMap { HeaderSyntax.messageIDs($0.text).first },
            inReplyTo: [], subject: entity.header("subject")?.value ?? "",
            text: lineFeeds(
                !texts.plain.isEmpty ? texts.plain.joined(separator: "\n") : texts.html.map(HTMLText.reduce).joined(separator: "\n")),
            attachments: walker.attachments, automatic: nil)

        var seen = Set<String>()
        for name in ["to", "cc", "delivered-to", "x-original-to", "envelope-to"] {
            for header in entity.headers where header.key == name {
                for address in HeaderSyntax.addresses(header.text) where seen.insert(address.lowercased()).inserted {
                    mail.recipients.append(address)
                }
            }
        }
        var seenIDs = Set<String>()
        for name in ["in-reply-to", "references"] {
            for header in entity.headers where header.key == name {
                mail.inReplyTo += HeaderSyntax.messageIDs(header.text).filter { seenIDs.insert($0).inserted }
            }
        }
        mail.automatic = mail.classify(entity: entity, walker: walker)
        return mail
    }

    /// CRLF as LF: to Swift `"\r\n"` is one Character, which a split on `"\n"` would not see.
    private static func lineFeeds(_ text: String) -> String {
        text.contains("\r\n") ? text.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n") : text
    }
}

/// A file that came with a message: a photo of a sign-in sheet, a Word report.
public struct IncomingAttachment: Sendable {
    /// Its file name without any directory or control character; made up when it had none.
    public var name: String
    /// `type/subtype`, lowercased.
    public var contentType: String
    /// Exactly the bytes sent.
    public var data: [UInt8]
    /// Shown in the message body (an image in HTML, or marked inline) rather than attached.
    public var isInline: Bool

    public init(name: String, contentType: String, data: [UInt8], isInline: Bool) {
        self.name = name
        self.contentType = contentType
        self.data = data
        self.isInline = isInline
    }
}

/// A message no person wrote, which must never count as a secretary's action.
public enum AutomaticMail: Sendable, Equatable {
    /// An out-of-office or other auto-reply, or any other machine-made mail.
    case autoReply
    /// A bounce: the notice did not reach someone.
    case deliveryStatus(DeliveryStatus)
}

/// What a bounce says: which notice failed, for whom, and whether trying again can help.
public struct DeliveryStatus: Sendable, Equatable {
    /// The Message-ID of the message that was not delivered, without brackets, when the
    /// bounce quotes it.
    public var originalMessageID: String?
    /// The addresses it could not be delivered to, when the bounce says.
    public var failedRecipients: [String]
    /// True when delivery failed for good (5.x.x); false for a delay or a temporary failure.
    public var permanent: Bool

    public init(originalMessageID: String?, failedRecipients: [String], permanent: Bool) {
        self.originalMessageID = originalMessageID
        self.failedRecipients = failedRecipients
        self.permanent = permanent
    }
}

/// Bytes that are not a mail message: what is wrong with them, in one line (`mail-in` says
/// that it is not mail).
public struct IncomingMailError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
