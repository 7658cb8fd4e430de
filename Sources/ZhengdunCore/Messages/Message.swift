/// Something said to a person, in every language zhengdun speaks: its English and its Chinese.
/// Each message is written once, as a member of `Message` beside the others of its subject
/// (`Message+Tasks.swift`, …), with its texts side by side and its values as typed parameters:
///
///     public static func onlyAssignee(assignee: String, verb: Message) -> Message {
///         Message(
///             en: "only the assignee (\(assignee)) may \(verb) this task",
///             zh: "只有责任人（\(assignee)）可以\(verb)此任务")
///     }
///
/// A value that is itself a message (a verb, a role, a time) is said in the language of the
/// text it stands in. Refusals carry messages from the core and the service to the command line
/// (through the daemon's socket too), which says them in the reader's language; `description`
/// is the English, for logs.
public struct Message: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public let english: String
    public let chinese: String

    /// A message with a text in each language, each value said in the language of its text.
    public init(en: Phrase<English>, zh: Phrase<Chinese>) {
        english = en.text
        chinese = zh.text
    }

    /// A message whose texts are already written out: a value given in each language.
    public init(english: String, chinese: String) {
        self.english = english
        self.chinese = chinese
    }

    /// Text that reads the same in every language: a name, an id, a path.
    public init(stringLiteral value: String) { self.init(english: value, chinese: value) }
    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(stringLiteral: String(stringInterpolation: stringInterpolation))
    }

    public func text(in language: Language) -> String {
        switch language {
        case .en: return english
        case .zh: return chinese
        }
    }

    public var description: String { english }

    /// Set to a `Language` in an encoder's `userInfo` to write messages as their text in that
    /// language (the command line's `--json`); without it they are written with both texts
    /// (the socket), to be said on the other side.
    public static let languageKey = CodingUserInfoKey(rawValue: "zhengdun.language")!

    enum CodingKeys: String, CodingKey {
        case en, zh
    }

    public func encode(to encoder: any Encoder) throws {
        if let language = encoder.userInfo[Self.languageKey] as? Language {
            var container = encoder.singleValueContainer()
            try container.encode(text(in: language))
        } else {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(english, forKey: .en)
            try container.encode(chinese, forKey: .zh)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        english = try container.decode(String.self, forKey: .en)
        chinese = try container.decode(String.self, forKey: .zh)
    }
}

/// One language's text of a message, written as a string literal whose interpolated values are
/// said in that language: `"任务 \(task)：\(refusal)"` with `refusal` a message gives its Chinese.
public struct Phrase<In: SpokenLanguage>: ExpressibleByStringInterpolation, Sendable {
    public let text: String

    public init(stringLiteral value: String) { text = value }
    public init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + 16 * interpolationCount) }
        public mutating func appendLiteral(_ literal: String) { text += literal }
        /// Text as it is: a name, an id, a path.
        public mutating func appendInterpolation(_ value: String) { text += value }
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        public mutating func appendInterpolation(_ value: Int64) { text += String(value) }
        /// A message in this phrase's language.
        public mutating func appendInterpolation(_ value: Message) { text += value.text(in: In.language) }
        /// A time in a sentence: `3月5日（星期四）18:00` in Chinese, `2026-03-05 18:00` in English.
        public mutating func appendInterpolation(_ value: LocalDateTime) { text += Message.time(value).text(in: In.language) }
        /// The word for `count`: `one` for 1, `other` for any other count.
        public mutating func appendInterpolation(_ count: Int, one: String, other: String) { text += count == 1 ? one : other }
    }
}

/// A language a phrase is written in.
public protocol SpokenLanguage: Sendable {
    static var language: Language { get }
}

public enum English: SpokenLanguage {
    public static let language = Language.en
}

public enum Chinese: SpokenLanguage {
    public static let language = Language.zh
}

extension Message {
    /// Text as it is, the same in every language.
    public static func text(_ text: String) -> Message { Message(english: text, chinese: text) }

    /// Items one after another: `a, b, c` in English, `a、b、c` in Chinese.
    public static func list(_ items: [Message]) -> Message {
        Message(english: items.map(\.english).joined(separator: ", "), chinese: items.map(\.chinese).joined(separator: "、"))
    }

    /// `a`, `a or b`, `a, b or c` (`a、b或c`); no items: “no role”.
    public static func alternatives(_ items: [String]) -> Message {
        guard let last = items.last else { return .noRole }
        guard items.count > 1 else { return .text(last) }
        let first = list(items.dropLast().map(text))
        return Message(en: "\(first) or \(last)", zh: "\(first)或\(last)")
    }

    /// A value given in each language, for words that differ beyond translation.
    public static func perLanguage(en: String, zh: String) -> Message { Message(english: en, chinese: zh) }
}

/// The languages zhengdun speaks.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en
    case zh

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

/// Text quoted from what a person or a file gave, as a message may repeat it: cut to its first
/// `TypedText.excerptLength` characters, control characters shown as code points
/// (`TypedText.excerpt`), so that a refusal stays one readable line whatever it quotes.
public struct Quoted: Sendable, Hashable, ExpressibleByStringInterpolation {
    public let text: String

    public init(_ text: String) { self.text = TypedText.excerpt(text) }
    public init(stringLiteral value: String) { self.init(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }
}

extension Phrase.StringInterpolation {
    public mutating func appendInterpolation(_ value: Quoted) { text += value.text }
}
