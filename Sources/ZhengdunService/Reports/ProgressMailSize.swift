import Foundation
import ZhengdunCore
import ZhengdunMail

extension Service {
    /// The weekly report's mail within `mail.max_message_size`, so that the mail server does not
    /// refuse it (a stock Postfix takes 10,240,000 bytes): whole when it fits; else without the
    /// attached page of charts; else without the HTML alternative as well; else a note alone.
    /// Whatever is left out, the mail says so first, with the command that prints the page
    /// (`zhengdun report progress --format html`).
    func fittingMailSize(_ report: NoticeText.Message, key: String, plans: Int, from: MailAddress, at now: Date) -> NoticeText.Message {
        // Room for each recipient's own headers, which the measured copy does not carry.
        let limit = configuration.mail.maxMessageSize - (4 << 10)
        func size(_ message: NoticeText.Message) -> Int {
            Self.message(
                message, id: Self.messageID(keys: [key], to: PersonID("recipient"), from: from), keys: [key], at: from, from: from,
                zone: zone, at: now
            ).count
        }
        let full = size(report)
        if full <= limit { return report }
        let language: Language = configuration.mail.language.hasPrefix("zh") ? .zh : .en
        let (fullSize, sizeLimit) = (Self.megabytes(full), Self.megabytes(configuration.mail.maxMessageSize))
        var cut = report
        cut.attachments = []
        let notes: [(Message, keepHTML: Bool)] = [
            (.progressMailWithoutPage(size: fullSize, limit: sizeLimit), true),
            (.progressMailTextOnly(size: fullSize, limit: sizeLimit), false),
        ]
        for (message, keepHTML) in notes {
            let note = message.text(in: language)
            cut.body = note + "\n\n" + report.body
            cut.html = keepHTML ? report.html.map { Self.inserting(note, into: $0) } : nil
            if size(cut) <= limit { return cut }
        }
        return NoticeText.Message(
            subject: report.subject,
            body: Message.progressMailNoteOnly(plans: plans, size: fullSize, limit: sizeLimit).text(in: language) + "\n")
    }

    /// `8.4 MB`, `66 KB`: bytes in millions or thousands, as mail servers and file managers count them.
    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1_000_000) : "\((bytes + 999) / 1000) KB"
    }

    /// `html` with `note` as its first paragraph.
    static func inserting(_ note: String, into html: String) -> String {
        let escaped = note.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;")
        let paragraph = "<p style=\"border:1px solid #c00;padding:6px;color:#c00\">\(escaped)</p>"
        guard let body = html.range(of: "<body", options: .caseInsensitive), let end = html[body.upperBound...].firstIndex(of: ">") else {
            return paragraph + html
        }
        var result = html
        result.insert(contentsOf: paragraph, at: result.index(after: end))
        return result
    }
}
