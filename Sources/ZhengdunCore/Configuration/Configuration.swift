import Foundation

/// The one configuration file both programs read (`--config`, `ZHENGDUN_CONFIG`, else
/// `/etc/zhengdun/zhengdun.yaml` when present, else these defaults). Every key is documented in
/// `deploy/zhengdun.yaml`.
public struct Configuration: Sendable, Hashable {
    public enum Transport: String, Sendable, Hashable, CaseIterable {
        case sendmail, maildir
    }

    public enum LogLevel: String, Sendable, Hashable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical
    }

    /// How a failed message is tried again: `attempts` tries in all, waiting `first` after the
    /// first failure and twice as long after each next one, never more than `maximum`.
    public struct Retry: Sendable, Hashable {
        public var attempts: Int
        public var first: TimeInterval
        public var maximum: TimeInterval

        public init(attempts: Int, first: TimeInterval, maximum: TimeInterval) {
            self.attempts = attempts
            self.first = first
            self.maximum = maximum
        }

        /// How long to wait after the `attempt`th failure (1-based), before jitter.
        public func delay(after attempt: Int) -> TimeInterval {
            min(maximum, first * pow(2, Double(max(0, attempt - 1))))
        }
    }

    public struct Mail: Sendable, Hashable {
        /// `Name <address>`: who notices come from.
        public var from: String
        public var transport: Transport
        /// The sendmail command line, run without a shell.
        public var sendmail: [String]
        public var maildir: String?
        public var retry: Retry
        /// The language of the mail templates: zh-CN (default) or en.
        public var language: String
        /// How long a sent message stays in the outbox (`keep_sent`); the ledger keeps the notice.
        public var keepSent: TimeInterval = 90 * 86_400
        /// The largest message handed to the transport (`max_message_size`), in bytes: under a
        /// stock Postfix's 10,240,000, so that the weekly report is not refused by the server.
        public var maxMessageSize = 8 << 20
        /// The bounds of `max_message_size`.
        public static let messageSizes = (64 << 10)...(1 << 30)
        /// When notices go out (`send_window`): office hours on working days unless set;
        /// nil (`always`) sends each notice the moment it falls due.
        public var sendWindow: SendWindow? = .officeHours
        /// Whom a person without an account on this server asks to acknowledge or report a task
        /// (`contact`, e.g. `镇组织办，电话 0596-1234567`): their notices name it instead of the
        /// commands they cannot run.
        public var contact: String?
        /// The address replies come back to (`reply_to`, e.g. `zzb@town.example.cn`), which the
        /// mail server hands to `zhengdun mail-in`: a notice that asks its reader to act carries
        /// it with a token after a `+` (`zzb+…@town.example.cn`). Unset, notices carry no reply
        /// address and say how to act by command or whom to ask.
        public var replyTo: String?
        /// The file of keys that sign reply tokens (`reply_keys`); beside the database unless set.
        public var replyKeys: String?
        /// How long a key replaced by a new one still checks the tokens it signed
        /// (`reply_key_grace`): notices sent before a rotation can still be answered.
        public var replyKeyGrace: TimeInterval = 60 * 86_400
        /// The folder that keeps an incoming message `mail-in` could not act on (`kept`), for
        /// `doctor` to report; beside the database unless set.
        public var kept: String?

        /// The longest a reply address's local part may be (RFC 5321, 4.5.3.1.1).
        public static let localPartLimit = 64
        /// The characters a reply token takes in a local part, with the `+` before it.
        public static let tokenLength = 29
    }

    public var database: String?
    public var socket: String?
    /// Who may connect to the socket (who they are is then read from the kernel): permission bits.
    /// 0660 unless set: the daemon's account and the socket's group. Without `socket_group` that
    /// group is the daemon's own, whose members may read its database anyway (the unit's
    /// UMask=0027), so the socket opens the daemon to no one who could not already read
    /// everything; 0666 would open it to every local account.
    public var socketMode: UInt16
    /// The group the socket file is given, when set.
    public var socketGroup: String?
    public var workflows: String?
    public var timezone: String
    public var adminGroup: String?
    public var logLevel: LogLevel
    public var mail: Mail
    /// How circulars (通报) are numbered, addressed and signed (`circular:`).
    public var circular = CircularStyle.defaults
    /// The 企业微信 and 钉钉 groups notices are posted to (`chat:`).
    public var chat = ChatConfiguration()

    public static let defaults = Configuration(
        database: nil, socket: nil, socketMode: 0o660, socketGroup: nil, workflows: nil, timezone: Timeline.defaultZoneIdentifier,
        adminGroup: nil, logLevel: .info,
        mail: Mail(
            from: "镇组织办 <zhengdun@localhost.localdomain>", transport: .sendmail,
            sendmail: ["/usr/sbin/sendmail", "-t", "-oi"], maildir: nil,
            retry: Retry(attempts: 8, first: 60, maximum: 6 * 3600), language: "zh-CN"))

    /// Where the configuration file is installed, and where the daemon keeps what the file
    /// leaves unsaid.
    public static let systemPath = "/etc/zhengdun/zhengdun.yaml"
    public static let daemonDatabase = "/var/lib/zhengdun/zhengdun.db"
    public static let daemonSocket = "/run/zhengdun/zhengdun.sock"
    public static let daemonWorkflows = "/etc/zhengdun/workflows"

    /// The daemon's socket: where it listens, and where the command line looks for it.
    public var socketPath: String { socket ?? Self.daemonSocket }

    /// The deployment's timezone (validated when the file is read).
    public var zone: TimeZone { TimeZone(identifier: timezone) ?? TimeZone(identifier: Timeline.defaultZoneIdentifier)! }

    /// Reads a configuration file's bytes; bytes that are not UTF-8 are reported at the line
    /// and column of the first bad one.
    public static func load(bytes: some Collection<UInt8>, file: String) throws(InvalidSource) -> Loaded<Configuration> {
        switch UTF8Text.decode(bytes, file: file) {
        case .success(let text): return try load(text, file: file)
        case .failure(let diagnostic): throw InvalidSource([diagnostic])
        }
    }

    /// Reads a configuration file; every problem is reported at its line and column.
    public static func load(_ text: String, file: String) throws(InvalidSource) -> Loaded<Configuration> {
        let root = try SchemaReader.root(text, file: file, expecting: .whatAConfiguration)
        var reader = SchemaReader()
        var config = Configuration.defaults
        guard
            let top = reader.fields(
                root, of: .whatTheConfiguration,
                allowed: [
                    "database", "socket", "socket_mode", "socket_group", "workflows", "timezone", "admin_group", "log_level", "mail",
                    "circular", "chat",
                ])
        else { return try reader.finish(nil as Configuration?) }
        config.database = reader.text(top["database"], "database")
        config.socket = reader.text(top["socket"], "socket")
        if let mode = reader.parsed(
            top["socket_mode"], "socket_mode",
            { (text) throws(ParseFailure) -> UInt16 in
                guard text.count == 4, text.hasPrefix("0"), let mode = UInt16(text, radix: 8), mode <= 0o777 else {
                    throw ParseFailure(.notAFileMode(text: "\(text)"))
                }
                return mode
            })
        {
            config.socketMode = mode
        }
        config.socketGroup = reader.text(top["socket_group"], "socket_group")
        config.workflows = reader.text(top["workflows"], "workflows")
        if let node = top["timezone"], let zone = reader.text(node, "timezone") {
            if TimeZone(identifier: zone) == nil {
                reader.error(at: node.location, .fieldProblem(what: "timezone", problem: .unknownTimezone(zone: zone)))
            } else {
                config.timezone = zone
            }
        }
        config.adminGroup = reader.text(top["admin_group"], "admin_group")
        if let level = reader.parsed(
            top["log_level"], "log_level",
            { (text) throws(ParseFailure) -> LogLevel in
                guard let level = LogLevel(rawValue: text) else {
                    throw ParseFailure(.notALogLevel(text: "\(text)", levels: .list(LogLevel.allCases.map { .text($0.rawValue) })))
                }
                return level
            })
        {
            config.logLevel = level
        }
        if let node = top["mail"] { config.mail = reader.mail(node, defaults: config.mail) }
        if let node = top["circular"] { config.circular = reader.circular(node, defaults: config.circular) }
        if let node = top["chat"] { config.chat = reader.chat(node) }
        return try reader.finish(config)
    }
}

private extension SchemaReader {
    mutating func mail(_ node: YAMLNode, defaults: Configuration.Mail) -> Configuration.Mail {
        var mail = defaults
        guard
            let fields = fields(
                node, of: "mail",
                allowed: [
                    "from", "transport", "sendmail", "maildir", "retry", "language", "keep_sent", "max_message_size", "send_window",
                    "contact", "reply_to", "reply_keys", "reply_key_grace", "kept",
                ])
        else { return mail }
        if let node = fields["language"], let language = text(node, "language") {
            if ["zh-CN", "en"].contains(language) {
                mail.language = language
            } else {
                error(at: node.location, .languageNoTemplates(language: "\(language)"))
            }
        }
        if let node = fields["from"], let from = text(node, "from") {
            if Self.looksLikeAddress(from) { mail.from = from } else { error(at: node.location, .fromNotAddress(from: "\(from)")) }
        }
        if let transport = parsed(
            fields["transport"], "transport",
            { (text) throws(ParseFailure) -> Configuration.Transport in
                guard let transport = Configuration.Transport(rawValue: text) else {
                    throw ParseFailure(.notATransport(text: "\(text)"))
                }
                return transport
            })
        {
            mail.transport = transport
        }
        if let node = fields["sendmail"] {
            let words = list(node, of: "sendmail").compactMap { text($0, .whatSendmailWord) }
            if words.isEmpty {
                error(at: node.location, .sendmailNoCommand)
            } else if !words[0].hasPrefix("/") {
                error(at: node.location, .sendmailNotAbsolute(command: "\(words[0])"))
            } else {
                mail.sendmail = words
            }
        }
        mail.maildir = text(fields["maildir"], "maildir") ?? mail.maildir
        if mail.transport == .maildir && mail.maildir == nil {
            error(at: fields.keyLocation("transport"), .maildirNeeded)
        }
        if let node = fields["retry"], let retry = self.fields(node, of: "retry", allowed: ["attempts", "first", "max"]) {
            mail.retry.attempts = integer(retry["attempts"], "attempts", in: 1...100) ?? mail.retry.attempts
            mail.retry.first = duration(retry["first"], "first") ?? mail.retry.first
            mail.retry.maximum = duration(retry["max"], "max") ?? mail.retry.maximum
            if mail.retry.first < 1, let first = retry["first"] {
                error(at: first.location, .retryFirstTooShort)
            } else if mail.retry.maximum < mail.retry.first {
                error(at: node.location, .retryMaxShorter)
            }
        }
        if let node = fields["keep_sent"], let keep = duration(node, "keep_sent") {
            if keep >= 86_400 { mail.keepSent = keep } else { error(at: node.location, .keepSentTooShort) }
        }
        if let size = parsed(fields["max_message_size"], "max_message_size", Self.messageSize) { mail.maxMessageSize = size }
        if let window = parsed(fields["send_window"], "send_window", Self.sendWindow) { mail.sendWindow = window }
        if let node = fields["contact"], let contact = text(node, "contact") { mail.contact = contact }
        if let node = fields["reply_to"], let address = text(node, "reply_to") {
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            if address.contains("<") || !Self.looksLikeAddress(address) || address.contains("+") || !address.allSatisfy(\.isASCII) {
                error(at: node.location, .replyToNotPlain(address: "\(address)"))
            } else if parts[0].utf8.count + Configuration.Mail.tokenLength > Configuration.Mail.localPartLimit {
                error(
                    at: node.location,
                    .replyToTooLong(
                        address: "\(address)", room: Configuration.Mail.localPartLimit - Configuration.Mail.tokenLength))
            } else {
                mail.replyTo = address
            }
        }
        mail.replyKeys = text(fields["reply_keys"], "reply_keys") ?? mail.replyKeys
        if let node = fields["reply_key_grace"], let grace = duration(node, "reply_key_grace") { mail.replyKeyGrace = grace }
        mail.kept = text(fields["kept"], "kept") ?? mail.kept
        return mail
    }

    /// `8M`, `9500K` or a number of bytes, within `Mail.messageSizes`.
    static func messageSize(_ text: String) throws(ParseFailure) -> Int {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20]
        let unit = text.last.flatMap { units[$0] }
        let digits = unit == nil ? Substring(text) : text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = Int(digits), number >= 0,
            case let (bytes, overflow) = number.multipliedReportingOverflow(by: unit ?? 1), !overflow
        else {
            throw ParseFailure(.notAMessageSize(text: "\(text)"))
        }
        guard Configuration.Mail.messageSizes.contains(bytes) else { throw ParseFailure(.messageSizeOutOfRange(text: "\(text)")) }
        return bytes
    }

    /// `08:30-17:30`, or `always` for no window.
    static func sendWindow(_ text: String) throws(ParseFailure) -> SendWindow? {
        text == "always" ? nil : try SendWindow.parse(text)
    }

    /// `30s`-free lengths of time: minutes, hours or days, in seconds.
    mutating func duration(_ node: YAMLNode?, _ what: Message) -> TimeInterval? {
        guard let span = parsed(node, what, CalendarSpan.parse) else { return nil }
        switch span.unit {
        case .minutes: return TimeInterval(span.amount * 60)
        case .hours: return TimeInterval(span.amount * 3600)
        case .days: return TimeInterval(span.amount * 86_400)
        case .workingDays:
            error(at: node!.location, .retryUnit(what: what))
            return nil
        }
    }

    static func looksLikeAddress(_ text: String) -> Bool {
        let address: Substring
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<") {
            address = text[text.index(after: open)..<text.index(before: text.endIndex)]
        } else {
            address = Substring(text)
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
