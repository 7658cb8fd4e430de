/// The 通报: its number pattern in the configuration, and its issue.
extension Message {
    public static func circularNumberUnknownPlaceholder(placeholder: String) -> Message {
        Message(
            en:
                "“\(placeholder)” in the document number pattern is unknown: only the placeholders town, year and n (in braces) may be used",
            zh: "文号格式中的“\(placeholder)”无法识别：只能使用 town、year、n 三个占位符（写在花括号内）")
    }

    public static let circularNumberNeedsSerial = Message(
        en:
            "the document number pattern must hold the serial placeholder n (in braces) exactly once, or two circulars would share a number",
        zh: "文号格式必须恰好含有一个序号占位符 n（写在花括号内），否则两份通报会同一文号")

    public static func circularIssued(document: String, title: String, count: Int) -> Message {
        Message(
            en: "issued circular \(document), “\(title)”, to \(count) people",
            zh: "已发出通报 \(document)《\(title)》，送 \(count) 人")
    }
}
