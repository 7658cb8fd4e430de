/// The mail settings of the configuration, and delivery that stops.
extension Message {
    public static let retryFirstTooShort = Message(
        en: "retry: first must be at least a minute, or failed messages are tried again back to back",
        zh: "retry：first 至少为 1 分钟，否则失败后会一次紧接一次地重发")

    public static let keepSentTooShort = Message(
        en: "keep_sent: sent messages are kept at least a day (90d, for instance)",
        zh: "keep_sent：已发邮件至少保留 1 天（如 90d）")

    public static func replyToNotPlain(address: Quoted) -> Message {
        Message(
            en: "reply_to: '\(address)' is not a plain address without '+' (user@host.domain); the token goes after a '+'",
            zh: "reply_to：“\(address)”应为不含“+”的纯地址（user@host.domain），凭证接在“+”之后")
    }

    public static func replyToTooLong(address: Quoted, room: Int) -> Message {
        Message(
            en: "reply_to: the part of '\(address)' before '@' leaves no room for the reply token: at most \(room) characters",
            zh: "reply_to：“\(address)”中“@”前的部分过长，放不下回复凭证：最多 \(room) 个字符")
    }

    public static func notARobot(text: Quoted) -> Message {
        Message(
            en: "robot: '\(text)' is not a group robot; expected wecom (企业微信) or dingtalk (钉钉)",
            zh: "robot：“\(text)”不是群机器人类型，应为 wecom（企业微信）或 dingtalk（钉钉）")
    }

    public static func webhookNotHTTPS(group: String) -> Message {
        Message(
            en: "webhook of chat group \(group): not an https:// address",
            zh: "群组 \(group) 的 webhook 不是 https:// 地址")
    }

    public static func secretOnlyForDingTalk(group: String) -> Message {
        Message(
            en: "secret of chat group \(group): only a dingtalk robot signs with a secret",
            zh: "群组 \(group) 的 secret：只有钉钉机器人使用加签密钥")
    }

    public static func noChatGroup(group: Quoted, groups: Message) -> Message {
        Message(
            en: "to: there is no chat group '\(group)' (groups: \(groups))",
            zh: "to：没有群组“\(group)”（已有：\(groups)）")
    }

    public static func notANoticeKind(text: Quoted, kinds: Message) -> Message {
        Message(
            en: "notices: '\(text)' is not a kind of notice; expected one of \(kinds)",
            zh: "notices：“\(text)”不是通知类型，应为以下之一：\(kinds)")
    }

    public static let notAReplyKey = Message(
        en: "not a reply key: expected its number (1–255), when it was made (ISO 8601) and its secret in base64",
        zh: "不是回复凭证密钥：应依次为编号（1–255）、生成时间（ISO 8601）和 base64 密钥")

    public static func notAMessageSize(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a message size; expected a number of bytes, or a number followed by K or M, as in 8M",
            zh: "“\(text)”不是邮件大小；应写字节数，或数字加 K、M，如 8M")
    }

    public static func messageSizeOutOfRange(text: Quoted) -> Message {
        Message(
            en: "the message size '\(text)' must be from 64K to 1024M",
            zh: "邮件大小“\(text)”须在 64K 到 1024M 之间")
    }

    public static func deliveryStopped(problem: Message) -> Message {
        Message(
            en: "the notices are recorded, but sending stopped: \(problem); the messages stay in the outbox for the next run",
            zh: "提醒已记录，但发信中断：\(problem)；邮件留在发件箱，下次运行时再发")
    }
}
