import Foundation

/// One notice as posted to a group robot (群消息): a title and a markdown text, and whom to @.
///
/// The markdown text is what the group sees. The title is what DingTalk shows in the chat list and
/// the notification (its `markdown.title`); WeCom markdown has no title field, so a WeCom robot gets
/// the text only and the text should carry its own heading.
public struct ChatPost: Sendable, Equatable {
    public var title: String
    public var markdown: String
    /// Mobile numbers to @ (DingTalk `at.atMobiles`). DingTalk only highlights a number that the
    /// text also contains as `@138…`; WeCom markdown cannot @ by mobile, so it is not sent there.
    public var atMobiles: [String]
    /// Whether to @ everyone in the group (DingTalk `at.isAtAll`).
    public var atAll: Bool

    /// The line a cut text ends with, so nobody takes a shortened notice for the whole of it: the
    /// full notice also goes out by mail.
    public static let truncationNote = "\n\n……（全文见邮件）"

    public init(title: String, markdown: String, atMobiles: [String] = [], atAll: Bool = false) {
        self.title = title
        self.markdown = markdown
        self.atMobiles = atMobiles
        self.atAll = atAll
    }

    /// The JSON request body for `robot`, keys sorted (so equal posts give equal bytes), the text cut
    /// to the robot's ``ChatRobot/markdownByteLimit`` by ``fitted(_:toBytes:)``.
    public func body(for robot: ChatRobot) -> [UInt8] {
        let text = Self.fitted(markdown, toBytes: robot.markdownByteLimit)
        let encoder = JSONEncoder()
        // Slashes unescaped: links stay readable in the recorded body; JSON allows both forms.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            switch robot {
            case .wecom:
                return Array(try encoder.encode(WeComBody(markdown: .init(content: text))))
            case .dingtalk:
                let at = atMobiles.isEmpty && !atAll ? nil : DingTalkBody.At(atMobiles: atMobiles, isAtAll: atAll)
                return Array(try encoder.encode(DingTalkBody(markdown: .init(title: title, text: text), at: at)))
            }
        } catch {
            // Strings, arrays and booleans always encode; only non-finite numbers can fail.
            preconditionFailure("a chat post's JSON could not be encoded: \(error)")
        }
    }

    /// `text` if it takes at most `limit` UTF-8 bytes; otherwise its longest beginning made of whole
    /// characters (extended grapheme clusters, so no Chinese character, emoji or combining mark is
    /// split) that still fits with ``truncationNote`` after it, and the note.
    public static func fitted(_ text: String, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        let budget = limit - truncationNote.utf8.count
        // A limit too small for the note itself only happens with made-up limits; still never
        // exceed it.
        guard budget >= 0 else { return prefix(of: text, fittingIn: limit) }
        return prefix(of: text, fittingIn: budget) + truncationNote
    }

    /// The longest beginning of `text` made of whole characters that takes at most `bytes` bytes.
    private static func prefix(of text: String, fittingIn bytes: Int) -> String {
        var used = 0
        var end = text.startIndex
        for character in text {
            let size = character.utf8.count
            if used + size > bytes { break }
            used += size
            end = text.index(after: end)
        }
        return String(text[..<end])
    }
}

/// `{"msgtype":"markdown","markdown":{"content":…}}`, 企业微信群机器人 markdown.
private struct WeComBody: Encodable {
    struct Markdown: Encodable { var content: String }
    var msgtype = "markdown"
    var markdown: Markdown
}

/// `{"msgtype":"markdown","markdown":{"title":…,"text":…},"at":{…}}`, 钉钉自定义机器人 markdown;
/// `at` is left out when nobody is @-ed.
private struct DingTalkBody: Encodable {
    struct Markdown: Encodable {
        var title: String
        var text: String
    }
    struct At: Encodable {
        var atMobiles: [String]
        var isAtAll: Bool
    }
    var msgtype = "markdown"
    var markdown: Markdown
    var at: At?
}
