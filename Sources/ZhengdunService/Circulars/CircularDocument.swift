import Foundation
import ZhengdunCore

/// A circular (通报) as an official document, in the one language it was issued in: the 文号,
/// the title (关于…的通报), whom it is addressed to (主送), an opening citing the plan (方案),
/// numbered items, the requirements (要求), the issuing body (落款) and the date it was written
/// (成文日期). What is stored and printed; every rendering only lays these words out.
public struct CircularDocument: Codable, Sendable, Hashable {
    public var language: String
    /// The 文号: `XX镇组办〔2026〕3号`.
    public var number: String
    public var year: Int
    public var serial: Int
    public var title: String
    /// The 主送 line, without its closing colon.
    public var addressees: String
    public var opening: String
    /// The items, each a paragraph, numbered when laid out (一、二、…).
    public var items: [String]
    public var requirements: [String]
    public var issuer: String
    /// The 成文日期, with its year: `2026年3月5日`.
    public var date: String
    /// The plans the circular covers.
    public var plans: [Int64]

    /// The document as plain lines, in the order a reader reads it: addressees, opening, the
    /// numbered items and requirements, issuer and date (a chat group's post).
    public var plainText: String {
        ([addressees.isEmpty ? "" : addressees + (language == "en" ? ":" : "：")] + [opening]
            + items.enumerated().map { itemNumber($0) + $1 } + requirements.enumerated().map { requirementNumber($0) + $1 }
            + [issuer, date]).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The `index`th (from 0) of a list's numbers: 一、 … 十、 十一、 in Chinese; `1.` in English.
    public func itemNumber(_ index: Int) -> String {
        language == "en" ? "\(index + 1). " : Self.chineseNumeral(index + 1) + "、"
    }

    /// The numbers of the requirements: （一） … in Chinese, one level below the items.
    public func requirementNumber(_ index: Int) -> String {
        language == "en" ? "(\(index + 1)) " : "（\(Self.chineseNumeral(index + 1))）"
    }

    static func chineseNumeral(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0 && n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10
        let units = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (units == 0 ? "" : digits[units])
    }

    /// The document as plain text, laid out as printed: the 文号 and title centred above, the
    /// 主送 line, the body, and the 落款 and date at the right.
    public var text: String {
        let english = language == "en"
        let indent = english ? "" : "　　"
        var lines = [number, "", title, "", addressees + (english ? ":" : "："), ""]
        lines.append(indent + opening)
        for (index, item) in items.enumerated() { lines.append(indent + itemNumber(index) + item) }
        lines.append(indent + (english ? "Requirements" : "有关要求如下："))
        for (index, requirement) in requirements.enumerated() { lines.append(indent + requirementNumber(index) + requirement) }
        lines += ["", "", String(repeating: " ", count: 24) + issuer, String(repeating: " ", count: 24) + date]
        return lines.joined(separator: "\n")
    }
}

/// A circular as issued: its document and what the database keeps beside it.
public struct IssuedCircular: Codable, Sendable {
    public var year: Int
    public var number: Int
    public var documentNumber: String
    public var title: String
    public var issuedAt: Date
    public var plans: [Int64]
    public var recipients: [PersonID]
    public var contentSHA256: String
    public var notice: String
    /// Whether it was only rehearsed (`circular issue --dry-run`): nothing was kept.
    public var dryRun: Bool
    public var document: CircularDocument?

    enum CodingKeys: String, CodingKey {
        case year, number, documentNumber = "document_number", title, issuedAt = "issued_at", plans, recipients
        case contentSHA256 = "content_sha256", notice, dryRun = "dry_run", document
    }
}

/// A stored circular to print: its record and, for HTML and PDF, the page.
public struct CircularPrint: Codable, Sendable {
    public var circular: IssuedCircular
    public var html: String?
}
