/// The mail settings of the configuration, and delivery that stops.
extension Message {
    public static let retryFirstTooShort = Message(
        en: "retry: first must be at least a minute, or failed messages are tried again back to back",
        zh: "retry：first 至少为 1 分钟，否则失败后会一次紧接一次地重发")

    public static let keepSentTooShort = Message(
        en: "keep_sent: sent messages are kept at least a day (90d, for instance)",
        zh: "keep_sent：已发邮件至少保留 1 天（如 90d）")

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
