import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// How `report ledger` writes the ledger.
enum LedgerFormat: String, CaseIterable {
    case csv, md, json
}

extension ReportCommand {
    /// `zhengdun report ledger [--plan P1] [--phase KEY] [--overdue] [--person ID] [--format csv|md|json] [--output FILE]`.
    struct Ledger: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract: "The rectification ledger (整改台账): one row per task, with its dates, lateness, escalation and last note.",
            discussion: "CSV is RFC 4180 with a UTF-8 byte order mark, so that Excel shows the Chinese; Markdown is a table; JSON is described in docs/json.md.")

        @Option(help: "Only this plan (P1 or 1).") var plan: String?
        @Option(help: ArgumentHelp("Only this phase, by its key (survey, rectification, consolidation).", valueName: "key")) var phase: String?
        @Flag(help: "Only tasks past their deadline and still waiting on their assignee.") var overdue = false
        @Option(help: ArgumentHelp("Only the tasks this person is responsible for.", valueName: "person")) var person: String?
        @Option(help: "csv, md or json.") var format = LedgerFormat.md.rawValue
        @Option(help: ArgumentHelp("Write the ledger to this file, whole or not at all, instead of to standard output.", valueName: "file"))
        var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            guard let format = LedgerFormat(rawValue: format) else {
                throw Refusal(.expectedOneOf, ["option": "--format", "text": "\(format)", "values": .alternatives(LedgerFormat.allCases.map(\.rawValue))])
            }
            let query = LedgerQuery(plan: try plan.map(Parse.plan), phase: phase.map { PhaseKey($0) }, overdue: overdue,
                                    person: person.map { PersonID($0) })
            let (response, zone) = try Gateway.perform(.ledger(query), database)
            let rows = try Gateway.unwrap(response) { if case .ledger(let rows) = $0 { return rows }; return nil }
            let table = LedgerTable(zone: zone)
            switch format {
            case .csv: try OutputFile.write(table.csv(rows), to: output)
            case .md: try OutputFile.write(table.markdown(rows), to: output)
            case .json: try OutputFile.write(try JSONOutput.text(rows, zone: zone) + "\n", to: output)
            }
        }
    }
}
