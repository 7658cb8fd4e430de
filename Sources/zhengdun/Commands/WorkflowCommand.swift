import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun workflow check|show FILE`.
struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: say(.helpCheckOrShowAWorkflowFile),
        subcommands: [Check.self, Show.self]
    )
}

extension WorkflowCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: say(.helpValidateAWorkflowFileAndIts))

        @Argument(help: ArgumentHelp(say(.helpTheWorkflowFileYAML)))
        var file: String

        @Flag(help: ArgumentHelp(say(.helpPrintTheSummaryAsJSON)))
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
            abstract: say(.helpShowAWorkflowPhasesAndTheir))

        @Argument(help: ArgumentHelp(say(.helpTheWorkflowFileYAML)))
        var file: String

        @Option(help: ArgumentHelp(say(.helpAlsoShowEachDeadlineSDate)))
        var start: String?

        @Option(help: ArgumentHelp(say(.helpTheTimezoneForStart)))
        var timezone = Timeline.defaultZoneIdentifier

        @Flag(help: ArgumentHelp(say(.helpPrintTheWorkflowAsJSON)))
        var json = false

        func run() throws {
            let startDate = try start.map { text throws(Refusal) -> LocalDate in
                do throws(ParseFailure) { return try DateRange.check(try LocalDate.parse(text)) } catch {
                    throw Refusal(.optionProblem, ["option": "--start", "problem": .message(error.message)])
                }
            }
            guard let zone = TimeZone(identifier: timezone) else {
                throw Refusal(.optionProblem, ["option": "--timezone", "problem": .said(.unknownTimezone, ["zone": "\(timezone)"])])
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
                    printWarning(Message(.diagnosticWarning, ["location": "\(file)", "message": .message(warning)]).text(in: .current))
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
