import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun workflow check|show FILE`.
struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: "Check or show a workflow file.",
        subcommands: [Check.self, Show.self]
    )
}

extension WorkflowCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a workflow file and its calendar; list every problem with file:line:column.")

        @Argument(help: "The workflow file (YAML).")
        var file: String

        @Flag(help: "Print the summary as JSON.")
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
            abstract: "Show a workflow: phases and their tasks with roles and deadline rules.")

        @Argument(help: "The workflow file (YAML).")
        var file: String

        @Option(help: "Also show each deadline's date for a plan starting on this date (YYYY-MM-DD), phases following each other as planned.")
        var start: String?

        @Option(help: "The timezone for --start.")
        var timezone = Timeline.defaultZoneIdentifier

        @Flag(help: "Print the workflow as JSON.")
        var json = false

        func run() throws {
            let startDate = try start.map { text throws(Refusal) -> LocalDate in
                do throws(ParseFailure) { return try LocalDate.parse(text) } catch { throw Refusal(.optionProblem, ["option": "--start", "problem": .message(error.message)]) }
            }
            guard let zone = TimeZone(identifier: timezone) else { throw Refusal(.optionProblem, ["option": "--timezone", "problem": .said(.unknownTimezone, ["zone": "\(timezone)"])]) }
            let loaded = try WorkflowFile.load(file)
            printWarnings(loaded.warnings)
            let timeline = Timeline(calendar: loaded.calendar, zone: zone)
            let schedule = startDate.map { BaselineSchedule(loaded.workflow, start: $0, timeline: timeline) }
            if json {
                try JSONOutput.print(WorkflowDocument(workflow: loaded.workflow, schedule: schedule), zone: zone)
            } else {
                print(WorkflowText.render(loaded.workflow, schedule: schedule))
                for warning in schedule?.calendarWarnings ?? [] { printWarning("\(file): warning: \(warning)") }
            }
        }
    }
}

private func printWarnings(_ warnings: [Diagnostic]) {
    for warning in warnings { printWarning(warning.description) }
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
