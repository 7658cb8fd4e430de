import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun indicator set|survey|list`: the goals' indicators, as acceptance checks them.
struct IndicatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator",
        abstract: say(
            en: "The indicators of the goals (整顿目标): record their values and the satisfaction survey.",
            zh: "整顿目标指标：填报指标数值和群众满意度测评。"),
        subcommands: [Set.self, Survey.self, List.self])

    struct Recording: ParsableArguments {
        @Option(help: ArgumentHelp(Help.note)) var note: String?
        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp(say(en: "Files that bear it out: ledgers, tallies, minutes.", zh: "佐证材料：台账、统计表、会议记录等。"), valueName: "file"))
        var evidence: [String] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(Help.outcomeAsJSON)) var json = false

        func record(_ record: IndicatorRecord, in plan: String) throws {
            let id = try Parse.plan(plan)
            let (report, zone) = try Gateway.perform(evidence: evidence, database) { files in
                RecordIndicator(id, record, note: note, evidence: files, as: acting.person)
            }
            if json { return try JSONOutput.print(report, zone: zone) }
            print(IndicatorCommand.table(report))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: say(en: "Record the value of an indicator, with its evidence.", zh: "填报一项指标的数值，附佐证材料。"))

        @Argument(help: ArgumentHelp(Help.plan)) var plan: String
        @Argument(
            help: ArgumentHelp(say(en: "The indicator, by its key or its title.", zh: "指标，写其名称（如 群众满意率）或键名。"), valueName: "indicator"))
        var key: String
        @Argument(help: ArgumentHelp(say(en: "A number, or 是/否 (yes/no).", zh: "数字，或“是”“否”。"), valueName: "value")) var value: String
        @Flag(help: ArgumentHelp(say(en: "The value before the rectification (整顿前).", zh: "整顿前的数值（基数）。"))) var baseline = false
        @OptionGroup var recording: Recording

        func run() throws { try recording.record(.value(key: key, value: value, baseline: baseline), in: plan) }
    }

    struct Survey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "survey",
            abstract: say(
                en: "Record the satisfaction survey (群众满意度测评); the rate is computed from it.",
                zh: "填报群众满意度测评结果，据此计算满意率。"),
            discussion: say(
                en: "The rate is the satisfied and the basically satisfied out of the forms returned, to one decimal place.",
                zh: "满意率＝（满意＋基本满意）÷ 回收份数，保留一位小数。"))

        @Argument(help: ArgumentHelp(Help.plan)) var plan: String
        @Option(help: ArgumentHelp(say(en: "Forms handed out.", zh: "发放份数。"))) var issued: Int
        @Option(help: ArgumentHelp(say(en: "Forms returned.", zh: "回收份数。"))) var returned: Int
        @Option(help: ArgumentHelp(say(en: "Satisfied.", zh: "满意份数。"))) var satisfied: Int
        @Option(name: .customLong("basically-satisfied"), help: ArgumentHelp(say(en: "Basically satisfied.", zh: "基本满意份数。")))
        var basicallySatisfied: Int
        @Option(help: ArgumentHelp(say(en: "Dissatisfied.", zh: "不满意份数。"))) var dissatisfied: Int
        @OptionGroup var recording: Recording

        func run() throws {
            let survey = SatisfactionSurvey(
                issued: issued, returned: returned, satisfied: satisfied, basicallySatisfied: basicallySatisfied,
                dissatisfied: dissatisfied)
            try recording.record(.survey(survey), in: plan)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(en: "The plan's goals and their indicators, as they stand.", zh: "方案的整顿目标及其指标现状。"))

        @Argument(help: ArgumentHelp(Help.plan)) var plan: String
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.listAsJSON)) var json = false

        func run() throws {
            let (report, zone) = try Gateway.perform(ShowAcceptance(try Parse.plan(plan)), database)
            if json { try JSONOutput.print(report.goals, zone: zone) } else { print(IndicatorCommand.table(report)) }
        }
    }

    /// Goal by goal, each indicator with its value before and now, its target and verdict.
    static func table(_ report: AcceptanceReport) -> String {
        // Chinese names indicators by title, which `indicator set` takes as well as the key.
        let zh = Language.current == .zh
        var table = TextTable(
            [say(en: "Goal", zh: "整顿目标"), say(en: "Indicator", zh: "指标")] + (zh ? [] : ["Key"])
                + [say(en: "Before", zh: "整顿前"), say(en: "Now", zh: "现值"), say(en: "Target", zh: "目标"), say(en: "Verdict", zh: "评定")])
        for goal in report.goals {
            for (index, line) in goal.indicators.enumerated() {
                let indicator = line.indicator
                let unit = indicator.judge == .yesNo ? "" : indicator.unit
                let verdict: String
                switch line.met {
                case true?: verdict = say(en: "met", zh: "达标")
                case false?: verdict = say(en: "not met", zh: "未达标")
                case nil: verdict = say(en: "not recorded", zh: "尚未填报")
                }
                table.add(
                    [index == 0 ? goal.title : "", indicator.title] + (zh ? [] : [indicator.key]) + [
                        line.baseline.map { say(indicator.says($0)) + unit } ?? "", line.value.map { say(indicator.says($0)) + unit } ?? "",
                        say(indicator.requirement), verdict + (indicator.blocking ? "" : say(en: " (reference)", zh: "（参考）")),
                    ])
            }
        }
        return table.render()
    }
}

extension ReportCommand {
    /// `zhengdun report acceptance P1 [--format text|html|pdf|json] [--output FILE]`.
    struct Acceptance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "acceptance",
            abstract: say(
                en: "The acceptance report (验收报告): the goals one by one, with their indicators and verdicts.",
                zh: "验收报告：对照整顿目标逐项说明指标完成情况。"))

        @Argument(help: ArgumentHelp(Help.plan)) var plan: String
        @Option(help: ArgumentHelp(say(en: "text, html, pdf or json.", zh: "text、html、pdf 或 json 格式。"))) var format = "text"
        @Option(help: ArgumentHelp(say(en: "Write to this file instead of standard output.", zh: "写入此文件，不输出到屏幕。"), valueName: "file"))
        var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            guard ["text", "html", "pdf", "json"].contains(format) else {
                throw Refusal(
                    .expectedOneOf(option: "--format", text: "\(format)", values: .alternatives(["text", "html", "pdf", "json"])))
            }
            let (report, zone) = try Gateway.perform(ShowAcceptance(try Parse.plan(plan)), database)
            let document = AcceptanceText(zone: zone)
            switch format {
            case "text": try OutputFile.write(document.text(report), to: output)
            case "html": try OutputFile.write(document.html(report), to: output)
            case "json": try OutputFile.write(try JSONOutput.text(report, zone: zone) + "\n", to: output)
            default: try OutputFile.write(try Chromium.pdf(document.html(report)), to: output)
            }
        }
    }
}
