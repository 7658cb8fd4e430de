import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService
import ZhengdunSheets

/// How `report ledger` writes the ledger.
enum LedgerFormat: String, CaseIterable {
    case csv, xlsx, md, json
}

extension ReportCommand {
    /// `zhengdun report ledger [--plan P1] [--phase KEY] [--overdue] [--person ID] [--format csv|md|json] [--output FILE]`.
    struct Ledger: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract: say(
                en: "The task ledger (任务落实台账): one row per task, with its dates, lateness, escalation, last note and evidence.",
                zh: "任务落实台账：每项任务一行，含各项日期、逾期、督办级别、最新说明和佐证材料。"),
            discussion: say(
                en:
                    "CSV is RFC 4180 with a UTF-8 byte order mark, so that Excel shows the Chinese; xlsx is an Excel workbook (header frozen, times as dates, columns sized for Chinese); Markdown is a table; JSON is described in docs/json.md.",
                zh: "CSV 带字节顺序标记，电子表格软件打开时中文不会乱码；xlsx 为 Excel 工作簿（表头冻结，时间为日期格式，列宽适合中文）；Markdown 为表格；JSON 格式见 docs/json.md。"))

        @OptionGroup var selection: PlanSelection
        @Option(
            help: ArgumentHelp(
                say(
                    en: "Only this phase, by its key (survey, rectification, consolidation).",
                    zh: "只看此阶段，按其键名（survey、rectification、consolidation）。"), valueName: "key")) var phase: String?
        @Flag(help: ArgumentHelp(Help.overdueOnly)) var overdue = false
        @Option(help: ArgumentHelp(say(en: "Only the tasks this person is responsible for.", zh: "只看此人负责的任务。"), valueName: "person"))
        var person: String?
        @Option(help: ArgumentHelp(say(en: "csv, xlsx, md or json.", zh: "csv、xlsx、md 或 json 格式。"))) var format = LedgerFormat.md.rawValue
        @Option(
            help: ArgumentHelp(
                say(
                    en: "Write the ledger to this file, whole or not at all, instead of to standard output.",
                    zh: "把台账写入此文件（要么完整写入，要么不写），而不是输出到标准输出。"), valueName: "file"))
        var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            guard let format = LedgerFormat(rawValue: format) else {
                throw Refusal(
                    .expectedOneOf(option: "--format", text: "\(format)", values: .alternatives(LedgerFormat.allCases.map(\.rawValue))))
            }
            let (plan, campaign) = try selection.parsed()
            let query = LedgerQuery(
                plan: plan, campaign: campaign, phase: phase.map { PhaseKey($0) }, overdue: overdue, person: person.map { PersonID($0) })
            let (rows, zone) = try Gateway.perform(ShowLedger(query), database)
            let table = LedgerTable(zone: zone)
            switch format {
            case .csv: try OutputFile.write(table.csv(rows), to: output)
            case .xlsx:
                // The workbook holds both ledgers: the tasks, and the problems of the same plans.
                var (problems, _) = try Gateway.perform(ListProblems(query.plan, campaign: query.campaign), database)
                if let person = query.person { problems.removeAll { $0.responsible != person } }
                if overdue { problems.removeAll { !$0.overdue } }
                try Self.write(
                    Workbook(sheets: [table.sheet(rows), ProblemLedgerTable(zone: zone).sheet(problems)]), to: output)
            case .md: try OutputFile.write(table.markdown(rows), to: output)
            case .json: try OutputFile.write(try JSONOutput.text(rows, zone: zone) + "\n", to: output)
            }
        }

        /// A workbook is bytes for a file, not for a terminal.
        static func write(_ workbook: Workbook, to output: String?) throws {
            guard output != nil || isatty(STDOUT_FILENO) == 0 else { throw Refusal(.workbookNeedsFile) }
            do {
                try OutputFile.write(try workbook.data(), to: output)
            } catch let error as WorkbookError {
                throw Refusal(.workbookFailed(problem: error.description))
            }
        }
    }

    /// `zhengdun report problems [--plan P1] [--format csv|xlsx|md|json] [--output FILE]`.
    struct Problems: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "problems",
            abstract: say(
                en:
                    "The rectification ledger by problem (问题整改台账): one row per item of the problem list, with its leader, person, deadline, progress and evidence.",
                zh: "问题整改台账：问题清单每项一行，含责任领导、责任人、整改时限、整改进展、完成情况和佐证材料。"),
            discussion: say(
                en: "CSV carries a UTF-8 byte order mark; xlsx is the workbook of both ledgers (tasks and problems).",
                zh: "CSV 带字节顺序标记；xlsx 为含任务台账和问题整改台账两张工作表的工作簿。"))

        @OptionGroup var selection: PlanSelection
        @Option(help: ArgumentHelp(say(en: "csv, xlsx, md or json.", zh: "csv、xlsx、md 或 json 格式。"))) var format = LedgerFormat.md.rawValue
        @Option(help: ArgumentHelp(say(en: "Write to this file instead of standard output.", zh: "写入此文件，不输出到屏幕。"), valueName: "file"))
        var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            guard let format = LedgerFormat(rawValue: format) else {
                throw Refusal(
                    .expectedOneOf(option: "--format", text: "\(format)", values: .alternatives(LedgerFormat.allCases.map(\.rawValue))))
            }
            let (plan, campaign) = try selection.parsed()
            let (items, zone) = try Gateway.perform(ListProblems(plan, campaign: campaign), database)
            let table = ProblemLedgerTable(zone: zone)
            switch format {
            case .csv: try OutputFile.write(table.csv(items), to: output)
            case .xlsx:
                let (rows, _) = try Gateway.perform(ShowLedger(LedgerQuery(plan: plan, campaign: campaign)), database)
                try Ledger.write(Workbook(sheets: [table.sheet(items), LedgerTable(zone: zone).sheet(rows)]), to: output)
            case .md: try OutputFile.write(table.markdown(items), to: output)
            case .json: try OutputFile.write(try JSONOutput.text(items, zone: zone) + "\n", to: output)
            }
        }
    }
}
