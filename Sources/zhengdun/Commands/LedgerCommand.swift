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
            abstract: say(.helpTheRectificationLedgerOneRowPer),
            discussion: say(.helpCSVIsRFC4180WithA))

        @Option(help: ArgumentHelp(say(.helpOnlyThisPlanP1Or1))) var plan: String?
        @Option(help: ArgumentHelp(say(.helpOnlyThisPhaseByItsKey), valueName: "key")) var phase: String?
        @Flag(help: ArgumentHelp(say(.helpOnlyTasksPastTheirDeadlineAnd))) var overdue = false
        @Option(help: ArgumentHelp(say(.helpOnlyTheTasksThisPersonIs), valueName: "person")) var person: String?
        @Option(help: ArgumentHelp(say(.helpCsvMdOrJson))) var format = LedgerFormat.md.rawValue
        @Option(help: ArgumentHelp(say(.helpWriteTheLedgerToThisFile), valueName: "file"))
        var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            guard let format = LedgerFormat(rawValue: format) else {
                throw Refusal(
                    .expectedOneOf,
                    ["option": "--format", "text": "\(format)", "values": .alternatives(LedgerFormat.allCases.map(\.rawValue))])
            }
            let query = LedgerQuery(
                plan: try plan.map(Parse.plan), phase: phase.map { PhaseKey($0) }, overdue: overdue,
                person: person.map { PersonID($0) })
            let (rows, zone) = try Gateway.perform(ShowLedger(query), database)
            let table = LedgerTable(zone: zone)
            switch format {
            case .csv: try OutputFile.write(table.csv(rows), to: output)
            case .md: try OutputFile.write(table.markdown(rows), to: output)
            case .json: try OutputFile.write(try JSONOutput.text(rows, zone: zone) + "\n", to: output)
            }
        }
    }
}
