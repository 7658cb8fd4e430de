import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun workflow check|show FILE`.
struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: say(en: "Check or show a workflow file.", zh: "检查或显示工作流文件。"),
        subcommands: [Check.self, Show.self]
    )
}

extension WorkflowCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: say(
                en: "Validate a workflow file and its calendar; list every problem with file:line:column.",
                zh: "校验工作流文件及其工作日历；逐一列出每个问题及其所在的文件、行和列。"))

        @Argument(help: ArgumentHelp(Help.workflowFile))
        var file: String

        @Flag(help: ArgumentHelp(say(en: "Print the summary as JSON.", zh: "以 JSON 输出摘要。")))
        var json = false

        func run() throws {
            let loaded = try WorkflowFile.load(file)
            printWarnings(loaded.warnings)
            let summary = WorkflowSummary(loaded)
            if json {
                try JSONOutput.print(summary, zone: .gmt)
            } else {
                print(summary.text)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: say(en: "Show a workflow: phases and their tasks with roles and deadline rules.", zh: "显示工作流：各阶段及其任务、角色和时限规则。"))

        @Argument(help: ArgumentHelp(Help.workflowFile))
        var file: String

        @Option(
            help: ArgumentHelp(
                say(
                    en:
                        "Also show each deadline's date for a plan starting on this date (YYYY-MM-DD), phases following each other as planned.",
                    zh: "假定方案从此日期（YYYY-MM-DD）开始、各阶段按计划时长依次推进，列出每项任务的办结日期。")))
        var start: String?

        @Option(help: ArgumentHelp(say(en: "The timezone for --start.", zh: "--start 所用的时区。")))
        var timezone = Timeline.defaultZoneIdentifier

        @Flag(help: ArgumentHelp(say(en: "Print the workflow as JSON.", zh: "以 JSON 输出工作流。")))
        var json = false

        func run() throws {
            let startDate = try start.map { text throws(Refusal) -> LocalDate in
                do throws(ParseFailure) { return try DateRange.check(try LocalDate.parse(text)) } catch {
                    throw Refusal(.optionProblem(option: "--start", problem: error.message))
                }
            }
            guard let zone = TimeZone(identifier: timezone) else {
                throw Refusal(.optionProblem(option: "--timezone", problem: .unknownTimezone(zone: timezone)))
            }
            let loaded = try WorkflowFile.load(file)
            printWarnings(loaded.warnings)
            let timeline = Timeline(calendar: loaded.calendar, zone: zone)
            let schedule = startDate.map { BaselineSchedule(loaded.workflow, start: $0, timeline: timeline) }
            if json {
                try JSONOutput.print(WorkflowDocument(workflow: loaded.workflow, schedule: schedule), zone: zone)
            } else {
                print(WorkflowText.render(loaded.workflow, schedule: schedule))
                if let warning = schedule?.calendarWarning {
                    printWarning(Message.diagnosticWarning(location: "\(file)", message: warning).text(in: .current))
                }
            }
        }
    }
}

private func printWarnings(_ warnings: [Diagnostic]) {
    for warning in warnings { printWarning(warning.text(in: .current)) }
}

private func printWarning(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// `workflow show --json`: the workflow as its file declares it, plus the baseline schedule
/// when `--start` is given.
private struct WorkflowDocument: Encodable {
    var workflow: Workflow
    var schedule: BaselineSchedule?
}
