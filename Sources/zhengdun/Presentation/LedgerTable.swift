import Foundation
import ZhengdunCore
import ZhengdunService
import ZhengdunSheets

/// A column of the ledger (整改台账), in the order the columns are written.
enum LedgerColumn: String, CaseIterable {
    case plan, village, phase, measure, task, title, responsible, deadline
    case originalDeadline = "original_deadline"
    case state, acknowledged, submitted, verified
    case workingDaysLate = "working_days_late"
    case escalationLevel = "escalation_level"
    case lastNote = "last_note"
    case evidence

    /// The header of the column, in the reader's language.
    var label: String {
        switch self {
        case .plan: return say(.ledgerPlan)
        case .village: return say(.ledgerVillage)
        case .phase: return say(.ledgerPhase)
        case .measure: return say(.ledgerMeasure)
        case .task: return say(.ledgerTask)
        case .title: return say(.ledgerTitleColumn)
        case .responsible: return say(.ledgerResponsible)
        case .deadline: return say(.ledgerDeadline)
        case .originalDeadline: return say(.ledgerOriginalDeadline)
        case .state: return say(.ledgerState)
        case .acknowledged: return say(.ledgerAcknowledged)
        case .submitted: return say(.ledgerSubmitted)
        case .verified: return say(.ledgerVerified)
        case .workingDaysLate: return say(.ledgerWorkingDaysLate)
        case .escalationLevel: return say(.ledgerEscalationLevel)
        case .lastNote: return say(.ledgerLastNote)
        case .evidence: return say(en: "Evidence", zh: "佐证材料")
        }
    }
}

/// The ledger as a table: a header of labels and a row of text cells per task, in the
/// deployment's timezone; written as CSV for spreadsheets or Markdown for documents.
struct LedgerTable {
    let zone: TimeZone

    /// A cell's text. Times are ISO 8601 for a spreadsheet (`readable` false) and as a table
    /// writes them for a document (3月5日 18:00, with the year when the ledger spans years).
    func cell(_ column: LedgerColumn, of row: LedgerRow, readable: Bool = false, withYear: Bool = false) -> String {
        func time(_ date: Date?) -> String {
            date.map { readable ? zone.localDateTime($0).tabular(in: .current, withYear: withYear) : zone.localDateTime($0).description }
                ?? ""
        }
        let task = row.task
        let details = row.details
        switch column {
        case .plan: return "P\(task.plan)"
        case .village: return task.village
        case .phase: return details.phaseTitle
        case .measure: return details.measureTitle ?? details.measure?.rawValue ?? ""
        case .task: return "T\(task.id)"
        case .title: return task.title
        case .responsible: return "\(task.assigneeName) (\(task.assignee))"
        case .deadline: return time(task.deadline)
        case .originalDeadline: return time(details.originalDeadline)
        case .state: return Render.state(task.state)
        case .acknowledged: return time(details.acknowledgedAt)
        case .submitted: return time(details.submittedAt)
        case .verified: return time(details.verifiedAt)
        case .workingDaysLate: return String(task.workingDaysLate ?? 0)
        // No 督办 sent: a dash, as a ledger kept by hand leaves it, not a level "0".
        case .escalationLevel: return details.escalationLevel == 0 ? "—" : String(details.escalationLevel)
        case .lastNote: return details.lastNote ?? ""
        case .evidence: return Self.evidence(details)
        }
    }

    /// The files handed in, and what the workflow asks for that is missing with the reason given:
    /// `会议记录.jpg、签到表.jpg；缺：照片（会场未拍照）`.
    static func evidence(_ details: LedgerRow.Details) -> String {
        var text = details.evidence.joined(separator: say(en: ", ", zh: "、"))
        // Before the first report, what is asked for; after it, what is missing.
        if details.submittedAt == nil, !details.evidenceAsked.isEmpty {
            return say(en: "asked: ", zh: "应交：") + details.evidenceAsked.joined(separator: say(en: ", ", zh: "、"))
        }
        if !details.evidenceMissing.isEmpty {
            let missing = details.evidenceMissing.joined(separator: say(en: ", ", zh: "、"))
            let why = details.missingReason.map { say(en: " (\($0))", zh: "（\($0)）") } ?? ""
            text += (text.isEmpty ? "" : say(en: "; ", zh: "；")) + say(en: "missing: ", zh: "缺：") + missing + why
        }
        return text
    }

    func cells(_ rows: [LedgerRow], readable: Bool = false) -> [[String]] {
        let dates = rows.flatMap { row in
            [row.task.deadline, row.details.originalDeadline]
                + [row.details.acknowledgedAt, row.details.submittedAt, row.details.verifiedAt].compactMap { $0 }
        }
        let withYear = LocalDate.spanYears(dates.map { zone.localDateTime($0).date })
        return [LedgerColumn.allCases.map(\.label)]
            + rows.map { row in LedgerColumn.allCases.map { cell($0, of: row, readable: readable, withYear: withYear) } }
    }

    /// RFC 4180 with a byte order mark first, so that Excel reads the Chinese as UTF-8.
    func csv(_ rows: [LedgerRow]) -> String { Self.csv(cells: cells(rows)) }

    /// A header and rows of text cells as RFC 4180 with a byte order mark, for any ledger.
    static func csv(cells: [[String]]) -> String {
        "\u{FEFF}" + cells.map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A field quoted when it holds a comma, a quote or a line break, its quotes doubled. A field
    /// that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote
    /// first (OWASP's advice against CSV injection), so that a spreadsheet shows a typed note
    /// such as `=HYPERLINK(…)` as text instead of running it as a formula.
    static func csvField(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The ledger's sheet of a workbook: times as dates, the number of working days late and
    /// the 督办 level as numbers, the rest as text as the CSV has it.
    func sheet(_ rows: [LedgerRow]) -> Workbook.Sheet {
        let time = { (date: Date?) in Self.cell(date, in: zone) }
        let cells: [[Workbook.Cell]] = rows.map { row in
            LedgerColumn.allCases.map { column in
                switch column {
                case .deadline: return time(row.task.deadline)
                case .originalDeadline: return time(row.details.originalDeadline)
                case .acknowledged: return time(row.details.acknowledgedAt)
                case .submitted: return time(row.details.submittedAt)
                case .verified: return time(row.details.verifiedAt)
                case .workingDaysLate: return .number(Double(row.task.workingDaysLate ?? 0))
                case .escalationLevel:
                    return row.details.escalationLevel == 0 ? .text("—") : .number(Double(row.details.escalationLevel))
                default:
                    let text = cell(column, of: row)
                    return text.isEmpty ? .empty : .text(text)
                }
            }
        }
        return Workbook.Sheet(name: say(.ledgerTitle), header: LedgerColumn.allCases.map(\.label), rows: cells)
    }

    /// An instant as a workbook's date, in the deployment's timezone; empty when there is none.
    static func cell(_ date: Date?, in zone: TimeZone) -> Workbook.Cell {
        guard let date else { return .empty }
        let local = zone.localDateTime(date)
        return .dateTime(
            year: local.date.year, month: local.date.month, day: local.date.day, hour: local.time.hour, minute: local.time.minute)
    }

    func markdown(_ rows: [LedgerRow]) -> String { Self.markdown(title: say(.ledgerTitle), cells: cells(rows, readable: true)) }

    /// A header and rows of text cells as a Markdown table under a title, for any ledger.
    static func markdown(title: String, cells: [[String]]) -> String {
        "# " + title + "\n\n" + markdownRows(cells: cells) + "\n"
    }

    /// A header and rows of text cells as a Markdown table, without a title or a last line break.
    static func markdownRows(cells: [[String]]) -> String {
        let table = cells.map { "| " + $0.map(markdownCell).joined(separator: " | ") + " |" }
        let rule = "|" + String(repeating: " --- |", count: cells.first?.count ?? 0)
        return ([table[0], rule] + table.dropFirst()).joined(separator: "\n")
    }

    /// A cell that cannot break the table: pipes and emphasis escaped, line breaks as `<br>`.
    static func markdownCell(_ text: String) -> String {
        var cell = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "|", "*", "_", "`": cell += "\\" + String(scalar)
            case "<": cell += "&lt;"
            case "\r": continue
            case "\n": cell += "<br>"
            default: cell.unicodeScalars.append(scalar)
            }
        }
        return cell
    }
}
