import ZhengdunCore

/// `circular issue|list` and `report circular`.
extension Message {
    static func circularRehearsed(document: String, title: String, count: Int) -> Message {
        Message(
            en: "dry run (nothing kept or sent): would issue circular \(document), “\(title)”, to \(count) people",
            zh: "试发（未记录、未发送）：将发出通报 \(document)《\(title)》，送 \(count) 人")
    }

    static let circularNoneIssued = Message(
        en: "No circular has been issued.",
        zh: "尚未发出通报。")

    static let headerDocumentNumber = Message(
        en: "Number",
        zh: "文号")

    static let headerCircularTitle = Message(
        en: "Title",
        zh: "标题")

    static let headerIssued = Message(
        en: "Issued",
        zh: "成文日期")

    static let headerPlans = Message(
        en: "Plans",
        zh: "方案")

    static let headerRecipients = Message(
        en: "Sent to",
        zh: "送达")

    static func circularFormatNeedsNumber(format: String) -> Message {
        Message(
            en: "--format \(format) prints an issued circular: say which with --number",
            zh: "--format \(format) 只用于已发出的通报：请用 --number 指明第几号")
    }

    static let circularNumberAndPlan = Message(
        en: "--number names an issued circular and cannot go with --plan",
        zh: "--number 指明已发出的通报，不能与 --plan 同用")

    static let chromiumMissing = Message(
        en:
            "Chromium was not found, so no PDF can be made: install chromium and a Chinese font (apt-get install chromium fonts-wqy-zenhei), or print the --format html page from a browser",
        zh: "没有找到 Chromium，无法生成 PDF：请安装 chromium 和中文字体（apt-get install chromium fonts-wqy-zenhei），或用 --format html 输出后在浏览器中打印")

    static func chromiumFailed(detail: String) -> Message {
        Message(
            en: "Chromium did not make the PDF: \(detail)",
            zh: "Chromium 未能生成 PDF：\(detail)")
    }
}
