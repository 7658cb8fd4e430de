/// Text refused for its characters or its length, and values out of range.
extension Message {
    public static func inputRefusedCharacter(what: Message, kind: Message, code: String, position: Int) -> Message {
        Message(
            en: "\(what) holds \(kind) (\(code)) at character \(position), which is not allowed",
            zh: "\(what)的第 \(position) 个字符是\(kind)（\(code)），不能使用")
    }

    public static let inputKindControl = Message(
        en: "a control character",
        zh: "控制字符")

    public static let inputKindBidi = Message(
        en: "a bidirectional control",
        zh: "文字方向控制符")

    public static let inputKindInvisible = Message(
        en: "an invisible character",
        zh: "不可见字符")

    public static let inputKindReplacement = Message(
        en: "the replacement character of unreadable text",
        zh: "乱码替换符")

    public static func inputTooLong(what: Message, count: Int, maximum: Int) -> Message {
        Message(
            en: "\(what) is \(count) characters long, at most \(maximum) are allowed",
            zh: "\(what)不能超过 \(maximum) 个字符（现有 \(count) 个）")
    }

    public static func inputNotUTF8Byte(byte: String, offset: Int) -> Message {
        Message(
            en: "not UTF-8 text: byte \(byte) at offset \(offset)",
            zh: "不是 UTF-8 文本：第 \(offset) 字节为 \(byte)")
    }

    public static func inputYearOutOfRange(date: String, first: String, last: String) -> Message {
        Message(
            en: "\(date) is outside the years \(first)–\(last); check the year",
            zh: "\(date) 超出 \(first) 至 \(last) 年的范围，请检查年份")
    }

    public static func inputDeadlineOutOfRange(what: Message, date: String, first: String, last: String) -> Message {
        Message(
            en: "\(what) would fall on \(date), outside the years \(first)–\(last)",
            zh: "\(what)将落在 \(date)，超出 \(first) 至 \(last) 年的范围")
    }

    public static func inputPhasesTooLong(days: Int, years: Int) -> Message {
        Message(
            en: "the phases together plan about \(days) days, more than \(years) years; shorten their lengths",
            zh: "各阶段计划用时合计约 \(days) 天，超过 \(years) 年；请缩短阶段时长")
    }
}
