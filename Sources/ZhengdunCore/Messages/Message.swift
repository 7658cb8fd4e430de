/// Something said to a person, in whichever language they read: a key of the message catalogue
/// and the values its placeholders name. Refusals carry one from the core and the service to the
/// command line (through the daemon's socket too), which says it in the reader's language; its
/// `description` is the English, for logs.
public struct Message: Sendable, Hashable, Codable, CustomStringConvertible {
    public var key: MessageKey
    public var arguments: [String: MessageValue]

    public init(_ key: MessageKey, _ arguments: [String: MessageValue] = [:]) {
        self.key = key
        self.arguments = arguments
    }

    public var description: String { text(in: .en) }

    /// Set to a `Language` in an encoder's `userInfo` to write messages as their text in that
    /// language (the command line's `--json`); without it they are written as key and values
    /// (the socket), to be said on the other side.
    public static let languageKey = CodingUserInfoKey(rawValue: "zhengdun.language")!

    enum CodingKeys: String, CodingKey {
        case key, arguments
    }

    public func encode(to encoder: any Encoder) throws {
        if let language = encoder.userInfo[Self.languageKey] as? Language {
            var container = encoder.singleValueContainer()
            try container.encode(text(in: language))
        } else {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(arguments, forKey: .arguments)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(MessageKey.self, forKey: .key)
        arguments = try container.decode([String: MessageValue].self, forKey: .arguments)
    }

    /// The message in `language`: the catalogue's text with each `{name}` replaced by its
    /// value, and each `{name|one|other}` by the word for the count `name` holds.
    public func text(in language: Language) -> String {
        let template = Catalogue.text(key, in: language)
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let parts = rest[rest.index(after: open)..<close].split(separator: "|", omittingEmptySubsequences: false)
            let value = arguments[String(parts[0])]
            if parts.count == 3 {
                result += (value?.count == 1 ? parts[1] : parts[2])
            } else {
                result += value?.text(in: language) ?? ""
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

/// A value a message names: text as it is (a name, an id, a title), a number, another message
/// (said in the same language), or a list of these.
public indirect enum MessageValue: Sendable, Hashable, Codable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral {
    case text(String)
    case number(Int)
    case message(Message)
    case list([MessageValue])

    public init(stringLiteral value: String) { self = .text(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self = .text(String(stringInterpolation: stringInterpolation)) }
    public init(integerLiteral value: Int) { self = .number(value) }

    /// `a`, `a or b`, `a, b or c` (`a、b或c`); no items: “no role”.
    public static func alternatives(_ items: [String]) -> MessageValue {
        switch items.count {
        case 0: return .said(.noRole)
        case 1: return .text(items[0])
        default: return .said(.orList, ["first": .list(items.dropLast().map { .text($0) }), "last": .text(items.last!)])
        }
    }

    /// A key said in the reader's language.
    public static func said(_ key: MessageKey, _ arguments: [String: MessageValue] = [:]) -> MessageValue {
        .message(Message(key, arguments))
    }

    public func text(in language: Language) -> String {
        switch self {
        case .text(let text): return text
        case .number(let number): return String(number)
        case .message(let message): return message.text(in: language)
        case .list(let items): return items.map { $0.text(in: language) }.joined(separator: language.listSeparator)
        }
    }

    /// On the wire: text as a JSON string, a number as a number, a list as an array, a message
    /// as its object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .message(let message): try container.encode(message)
        case .list(let items): try container.encode(items)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let items = try? container.decode([MessageValue].self) {
            self = .list(items)
        } else {
            self = .message(try container.decode(Message.self))
        }
    }

    /// The count a plural form is chosen by.
    var count: Int? {
        switch self {
        case .number(let number): return number
        case .list(let items): return items.count
        default: return nil
        }
    }
}

/// The languages zhengdun speaks.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en
    case zh

    var listSeparator: String { self == .zh ? "、" : ", " }

    /// `zh`, `zh_CN.UTF-8`, `zh-Hans`, `en_US` …: Chinese for every zh tag, English for the rest.
    public init?(tag: String) {
        let lowered = tag.lowercased()
        if lowered == "zh" || lowered.hasPrefix("zh_") || lowered.hasPrefix("zh-") || lowered.hasPrefix("zh.") {
            self = .zh
        } else if lowered == "en" || lowered.hasPrefix("en_") || lowered.hasPrefix("en-") || lowered.hasPrefix("en.") {
            self = .en
        } else {
            return nil
        }
    }

    /// The language of the locale environment: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// that is set, Chinese when it is a zh locale, English otherwise.
    public init(environment: [String: String]) {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        self = locale.flatMap(Language.init(tag:)) ?? .en
    }
}
