import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun report progress|circular|ledger|problems|acceptance`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: say(
            en: "Progress reports, circulars (通报), the ledgers (任务落实台账, 整改台账) and the acceptance report (验收报告), as of now.",
            zh: "截至现在的进展报告、通报、任务落实台账、问题整改台账和验收报告。"),
        subcommands: [Progress.self, Circular.self, Ledger.self, Problems.self, Acceptance.self, Ranking.self])

    struct Options: ParsableArguments {
        @OptionGroup var selection: PlanSelection
        @Option(help: ArgumentHelp(say(en: "text, md or json; html for the progress report.", zh: "text、md、json 或 html（仅进展报告）格式。")))
        var format = "text"
        @OptionGroup var database: DatabaseOptions

        /// The plan or campaign and the format, one of `formats`.
        func parsed(_ formats: [ReportFormat]) throws -> (plan: PlanID?, campaign: CampaignID?, format: ReportFormat) {
            guard let format = ReportFormat(rawValue: format), formats.contains(format) else {
                throw Refusal(
                    .expectedOneOf(option: "--format", text: "\(format)", values: .alternatives(formats.map(\.rawValue))))
            }
            let (plan, campaign) = try selection.parsed()
            return (plan, campaign, format)
        }
    }

    struct Progress: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "progress",
            abstract: say(
                en: "Each running plan's phase, tasks by state, the overdue and the red/yellow/green light.",
                zh: "每个进行中方案的阶段、按状态统计的任务、逾期任务和红黄绿灯。"))

        @OptionGroup var options: Options

        func run() throws {
            let (plan, campaign, format) = try options.parsed([.text, .md, .html, .json])
            if format == .html {
                // The page comes whole from the service, written from the stored templates.
                let (page, _) = try Gateway.perform(ShowProgressPage(plan, campaign: campaign), options.database)
                FileHandle.standardOutput.write(Data(page.utf8))
                return
            }
            let (report, zone) = try Gateway.perform(ShowProgress(plan, campaign: campaign), options.database)
            if format == .json {
                try JSONOutput.print(report, zone: zone)
            } else {
                print(ReportText(zone: zone, format: format, language: .current).progress(report))
            }
        }
    }

    struct Circular: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "circular",
            abstract: say(en: "Who is seriously late and what inspections ordered (通报).", zh: "谁严重逾期，督查责令了哪些整改（通报）。"))

        @OptionGroup var selection: PlanSelection
        @Option(
            help: ArgumentHelp(
                say(
                    en: "text, md or json; an issued circular (--number) as text, html, pdf or json.",
                    zh: "text、md 或 json；已发出的通报（--number）用 text、html、pdf 或 json。"))) var format = "text"
        @Option(
            help: ArgumentHelp(
                say(en: "Print the issued circular of this number (the serial in its document number).", zh: "打印已发出的第几号通报（文号中的序号）。")))
        var number: Int?
        @Option(help: ArgumentHelp(say(en: "The year of the circular; this year unless given.", zh: "通报所属年份，默认今年。"))) var year: Int?
        @Option(help: ArgumentHelp(say(en: "Write to this file instead of standard output.", zh: "写入此文件，不输出到屏幕。"), valueName: "file"))
        var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            guard let number else {
                // The state of things now, as the next circular would name them.
                guard let format = ReportFormat(rawValue: format), [.text, .md, .json].contains(format) else {
                    if ["html", "pdf"].contains(self.format) { throw Refusal(.circularFormatNeedsNumber(format: "\(self.format)")) }
                    throw Refusal(
                        .expectedOneOf(option: "--format", text: "\(self.format)", values: .alternatives(["text", "md", "json"])))
                }
                let (plan, campaign) = try selection.parsed()
                let (report, zone) = try Gateway.perform(ShowCircular(plan, campaign: campaign), database)
                if format == .json {
                    try JSONOutput.print(report, zone: zone)
                } else {
                    try OutputFile.write(ReportText(zone: zone, format: format, language: .current).circular(report) + "\n", to: output)
                }
                return
            }
            guard selection.plan == nil && selection.campaign == nil else { throw Refusal(.circularNumberAndPlan) }
            guard ["text", "html", "pdf", "json"].contains(format) else {
                throw Refusal(
                    .expectedOneOf(option: "--format", text: "\(format)", values: .alternatives(["text", "html", "pdf", "json"])))
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
