import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun circular issue|list`.
struct CircularCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "circular", abstract: say(.helpIssueAndListCirculars), subcommands: [Issue.self, List.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "issue", abstract: say(.helpIssueACircularNow))

        @Option(help: ArgumentHelp(say(.helpCircularOnlyThisPlan))) var plan: String?
        @Flag(name: .customLong("dry-run"), help: ArgumentHelp(say(.helpCircularDryRun))) var dryRun = false
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheCircularsAsJSON))) var json = false

        func run() throws {
            let (issued, zone) = try Gateway.perform(IssueCircular(try plan.map(Parse.plan), dryRun: dryRun, as: acting.person), database)
            if json {
                try JSONOutput.print(issued, zone: zone)
            } else {
                let values: [String: MessageValue] = [
                    "document": .text(issued.documentNumber), "title": .text(issued.title), "count": .number(issued.recipients.count),
                ]
                print(say(dryRun ? .circularRehearsed : .circularIssued, values))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: say(.helpListIssuedCirculars))

        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheCircularsAsJSON))) var json = false

        func run() throws {
            let (circulars, zone) = try Gateway.perform(ListCirculars(), database)
            if json {
                try JSONOutput.print(circulars, zone: zone)
                return
            }
            guard !circulars.isEmpty else {
                print(say(.circularNoneIssued, [:]))
                return
            }
            var table = TextTable([
                say(.headerDocumentNumber), say(.headerCircularTitle), say(.headerIssued), say(.headerPlans), say(.headerRecipients),
            ])
            for circular in circulars {
                table.add([
                    circular.documentNumber, circular.title, zone.localDateTime(circular.issuedAt).date.documentDate(in: .current),
                    circular.plans.map { "P\($0)" }.joined(separator: " "), "\(circular.recipients.count)",
                ])
            }
            print(table.render())
        }
    }
}
