import Foundation
import ZhengdunCore
import ZhengdunService
import ZhengdunSheets

/// A column of the 整改台账 as offices keep it, one row per problem, in the order written.
enum ProblemColumn: CaseIterable {
    case village, number, kind, detail, remedy, goal, leader, responsible, deadline, progress, completion, closed, closedAt
    case evidence, remarks

    var label: String {
        switch self {
        case .village: return say(en: "Village", zh: "村")
        case .number: return say(en: "No.", zh: "序号")
        case .kind: return say(en: "Kind", zh: "问题类别")
        case .detail: return say(en: "What it looks like", zh: "问题具体表现")
        case .remedy: return say(en: "Remedy", zh: "整改措施")
        case .goal: return say(en: "Goal", zh: "整改目标")
        case .leader: return say(en: "Leader", zh: "责任领导")
        case .responsible: return say(en: "Responsible", zh: "责任人")
        case .deadline: return say(en: "Deadline", zh: "整改时限")
        case .progress: return say(en: "Progress", zh: "整改进展")
        case .completion: return say(en: "Completion", zh: "完成情况")
        case .closed: return say(en: "Closed", zh: "是否销号")
        case .closedAt: return say(en: "Closed on", zh: "销号时间")
        case .evidence: return say(en: "Evidence", zh: "佐证材料")
        case .remarks: return say(en: "Remarks", zh: "备注")
        }
    }
}

/// The 整改台账 (problem by problem) as a table: for the terminal, CSV, Markdown and a sheet
/// of the ledger workbook. Times are the deployment's.
struct ProblemLedgerTable {
    let zone: TimeZone

    var render: Render { Render(zone: zone) }

    /// A cell's text; times in ISO 8601 for a spreadsheet, as prose for people (`readable`).
    func cell(_ column: ProblemColumn, of item: ProblemView, readable: Bool = false) -> String {
        func time(_ date: Date?) -> String {
            date.map { readable ? render.prose($0) : zone.localDateTime($0).description } ?? ""
        }
        switch column {
        case .village: return item.village
        case .number: return item.label
        case .kind: return item.kindTitle
        case .detail: return item.detail
        case .remedy: return item.remedy
        case .goal: return item.goalTitle ?? ""
        case .leader: return item.leaderName
        case .responsible: return item.responsibleName ?? ""
        case .deadline: return time(item.deadline)
        case .progress:
            return item.notes.map { "\(render.prose($0.at))\u{20}\($0.by)：\($0.text)" }.joined(separator: "\n")
        case .completion:
            let state = item.state.word
            guard let report = item.report, item.state == .closed || item.taskState == .submitted else { return say(state) }
            return item.state == .closed
                ? say(en: "done: \(report)", zh: "已完成：\(report)") : say(en: "reported: \(report)", zh: "已报送待销号：\(report)")
        case .closed: return item.state == .closed ? say(en: "yes", zh: "是") : say(en: "no", zh: "否")
        case .closedAt: return time(item.closedAt)
        case .evidence: return item.evidence.map(\.name).joined(separator: say(en: ", ", zh: "、"))
        case .remarks:
            var remarks: [String] = []
            if let reason = item.carriedReason { remarks.append(say(en: "carried over: \(reason)", zh: "转入长效：\(reason)")) }
            if let deadline = item.deadline, let original = item.originalDeadline, deadline != original {
                remarks.append(say(en: "extended; first due \(time(original))", zh: "已延期，原时限\(render.prose(original))"))
            }
            if let late = item.workingDaysLate, late > 0 { remarks.append(Self.late(late)) }
            return remarks.joined(separator: say(en: "; ", zh: "；"))
        }
    }

    func cells(_ items: [ProblemView], readable: Bool = false) -> [[String]] {
        [ProblemColumn.allCases.map(\.label)] + items.map { item in ProblemColumn.allCases.map { cell($0, of: item, readable: readable) } }
    }

    func csv(_ items: [ProblemView]) -> String { LedgerTable.csv(cells: cells(items)) }

    func markdown(_ items: [ProblemView]) -> String { LedgerTable.markdown(title: Self.title, cells: cells(items, readable: true)) }

    /// The short list for the terminal: number, kind, what, who, by when, where it stands.
    func list(_ items: [ProblemView]) -> String {
        var table = TextTable([
            say(en: "Plan", zh: "方案"), ProblemColumn.number.label, ProblemColumn.kind.label, ProblemColumn.detail.label,
            ProblemColumn.responsible.label, ProblemColumn.deadline.label, say(en: "State", zh: "状态"),
        ])
        for item in items {
            table.add([
                "P\(item.plan)", item.label, item.kindTitle, TypedText.firstLine(item.detail, atMost: 24), item.responsibleName ?? "",
                item.deadline.map { render.prose($0) } ?? "",
                say(item.state.word) + (item.workingDaysLate.map { say(en: " (", zh: "（") + Self.late($0) + say(en: ")", zh: "）") } ?? ""),
            ])
        }
        return table.render()
    }

    /// One item, a fact a line, as `problem show` prints it.
    func show(_ item: ProblemView) -> String {
        var facts = TextTable([], indent: 0)
        for column in ProblemColumn.allCases where column != .village {
            let text = cell(column, of: item, readable: true)
            guard !text.isEmpty else { continue }
            facts.add([column.label, text.replacingOccurrences(of: "\n", with: "\n\u{3000}\u{3000}")])
        }
        facts.add([say(en: "Plan", zh: "方案"), "P\(item.plan) \(item.village)"])
        if let task = item.task { facts.add([say(en: "Task", zh: "整改任务"), "T\(task)"]) }
        return facts.render()
    }

    /// The sheet of the ledger workbook: dates as dates, the rest as text.
    func sheet(_ items: [ProblemView]) -> Workbook.Sheet {
        let time = { (date: Date?) in LedgerTable.cell(date, in: zone) }
        let rows: [[Workbook.Cell]] = items.map { item in
            ProblemColumn.allCases.map { column in
                switch column {
                case .deadline: return time(item.deadline)
                case .closedAt: return time(item.closedAt)
                default:
                    let text = cell(column, of: item, readable: column == .progress || column == .remarks)
                    return text.isEmpty ? .empty : .text(text)
                }
            }
        }
        return Workbook.Sheet(name: Self.title, header: ProblemColumn.allCases.map(\.label), rows: rows)
    }

    static func late(_ days: Int) -> String { say(en: "\(days) working days late", zh: "逾期\(days)个工作日") }

    static var title: String { say(en: "Rectification ledger by problem", zh: "问题整改台账") }
}
