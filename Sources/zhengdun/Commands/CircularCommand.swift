import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun circular issue|list`.
struct CircularCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "circular", abstract: say(en: "Issue and list circulars (通报), the numbered documents.", zh: "发出和查看通报（带文号的正式文件）。"),
        subcommands: [Issue.self, List.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: say(
                en: "Issue a circular now: numbered, kept and mailed to those it is addressed to and the leaders.",
                zh: "立即发出一份通报：编文号、存档并发送给主送对象和领导。"))

        @Option(
            help: ArgumentHelp(
                say(en: "Only this plan (P1 or 1); every running plan when left out.", zh: "只通报此方案（P1 或 1）；不指定则通报所有正在整顿的方案。"))) var plan:
            String?
        @Option(
            help: ArgumentHelp(
                say(en: "Only this campaign's running plans (C1 or 1).", zh: "只通报此项整顿工作中正在整顿的方案（C1 或 1）。")))
        var campaign: String?
        @Flag(
            name: .customLong("dry-run"),
            help: ArgumentHelp(
                say(en: "Only say what would be issued: no number taken, nothing kept or sent.", zh: "只显示将发出的通报，不编号、不记录、不发送。")))
        var dryRun = false
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(Help.circularsAsJSON)) var json = false

        func run() throws {
            let (plan, campaign) = try PlanSelection.parse(plan: plan, campaign: campaign)
            let (issued, zone) = try Gateway.perform(IssueCircular(plan, campaign: campaign, dryRun: dryRun, as: acting.person), database)
            if json {
                try JSONOutput.print(issued, zone: zone)
            } else {
                let (document, title, count) = (issued.documentNumber, issued.title, issued.recipients.count)
                print(
                    say(
                        dryRun
                            ? .circularRehearsed(document: document, title: title, count: count)
                            : .circularIssued(document: document, title: title, count: count)))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(en: "List the circulars issued.", zh: "列出已发出的通报。"))

        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.circularsAsJSON)) var json = false

        func run() throws {
            let (circulars, zone) = try Gateway.perform(ListCirculars(), database)
            if json {
                try JSONOutput.print(circulars, zone: zone)
                return
            }
            guard !circulars.isEmpty else {
                print(say(.circularNoneIssued))
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
