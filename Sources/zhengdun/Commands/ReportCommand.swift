import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun report progress|circular|ledger`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: say(.helpProgressReportsCircularsAndTheLedger),
        subcommands: [Progress.self, Circular.self, Ledger.self])

    struct Options: ParsableArguments {
        @Option(help: ArgumentHelp(say(.helpOnlyThisPlanP1Or1))) var plan: String?
        @Option(help: ArgumentHelp(say(.helpTextMdOrJsonHtmlFor))) var format = "text"
        @OptionGroup var database: DatabaseOptions

        /// The plan and the format, one of `formats`.
        func parsed(_ formats: [ReportFormat]) throws -> (plan: PlanID?, format: ReportFormat) {
            guard let format = ReportFormat(rawValue: format), formats.contains(format) else {
                throw Refusal(
                    .expectedOneOf, ["option": "--format", "text": "\(format)", "values": .alternatives(formats.map(\.rawValue))])
            }
            return (try plan.map(Parse.plan), format)
        }
    }

    struct Progress: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "progress", abstract: say(.helpEachRunningPlanSPhaseTasks))

        @OptionGroup var options: Options

        func run() throws {
            let (plan, format) = try options.parsed([.text, .md, .html, .json])
            if format == .html {
                // The page comes whole from the service, written from the stored templates.
                let (page, _) = try Gateway.perform(ShowProgressPage(plan), options.database)
                FileHandle.standardOutput.write(Data(page.utf8))
                return
            }
            let (report, zone) = try Gateway.perform(ShowProgress(plan), options.database)
            if format == .json {
                try JSONOutput.print(report, zone: zone)
            } else {
                print(ReportText(zone: zone, format: format, language: .current).progress(report))
            }
        }
    }

    struct Circular: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "circular", abstract: say(.helpWhoIsSeriouslyLateAndWhat))

        @Option(help: ArgumentHelp(say(.helpOnlyThisPlanP1Or1))) var plan: String?
        @Option(help: ArgumentHelp(say(.helpCircularFormats))) var format = "text"
        @Option(help: ArgumentHelp(say(.helpCircularNumber))) var number: Int?
        @Option(help: ArgumentHelp(say(.helpCircularYear))) var year: Int?
        @Option(help: ArgumentHelp(say(.helpCircularOutput), valueName: "file")) var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            guard let number else {
                // The state of things now, as the next circular would name them.
                guard let format = ReportFormat(rawValue: format), [.text, .md, .json].contains(format) else {
                    if ["html", "pdf"].contains(self.format) { throw Refusal(.circularFormatNeedsNumber, ["format": "\(self.format)"]) }
                    throw Refusal(
                        .expectedOneOf, ["option": "--format", "text": "\(self.format)", "values": .alternatives(["text", "md", "json"])])
                }
                let (report, zone) = try Gateway.perform(ShowCircular(try plan.map(Parse.plan)), database)
                if format == .json {
                    try JSONOutput.print(report, zone: zone)
                } else {
                    try OutputFile.write(ReportText(zone: zone, format: format, language: .current).circular(report) + "\n", to: output)
                }
                return
            }
            guard plan == nil else { throw Refusal(.circularNumberAndPlan) }
            guard ["text", "html", "pdf", "json"].contains(format) else {
                throw Refusal(
                    .expectedOneOf, ["option": "--format", "text": "\(format)", "values": .alternatives(["text", "html", "pdf", "json"])])
            }
            // A stored circular prints as it was issued: its words are the document's own.
            let (stored, zone) = try Gateway.perform(
                ShowIssuedCircular(number: number, year: year, page: ["html", "pdf"].contains(format)), database)
            switch format {
            case "text": try OutputFile.write(stored.circular.document!.text + "\n", to: output)
            case "json": try OutputFile.write(try JSONOutput.text(stored.circular, zone: zone) + "\n", to: output)
            case "html": try OutputFile.write(stored.html!, to: output)
            default: try OutputFile.write(try Chromium.pdf(stored.html!), to: output)
            }
        }
    }
}
