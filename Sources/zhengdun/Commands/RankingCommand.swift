import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

extension ReportCommand {
    /// `zhengdun report ranking [--campaign C1] [--format text|csv|xlsx|md|html|json] [--output FILE]`.
    struct Ranking: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ranking",
            abstract: say(
                en: "Compare a campaign's villages and score them and the people answerable for them (考核积分).",
                zh: "比较整顿工作中各村的进度，并按考核办法为各村及其责任人计分排名。"),
            discussion: say(
                en:
                    "Each score is shown with its inputs and the workflow's formula (assessment: in workflows/README.md), so that it can be checked by hand.",
                zh: "每项得分都列出计分依据和工作流中的计分办法（见 workflows/README.md 中“考核积分”一节），可以逐项手工核对。"))

        @Option(help: ArgumentHelp(Help.campaign)) var campaign: String?
        @Option(help: ArgumentHelp(say(en: "text, csv, xlsx, md, html or json.", zh: "text、csv、xlsx、md、html 或 json 格式。"))) var format =
            "text"
        @Option(help: ArgumentHelp(say(en: "Write to this file instead of standard output.", zh: "写入此文件，不输出到屏幕。"), valueName: "file"))
        var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let formats = ["text", "csv", "xlsx", "md", "html", "json"]
            guard formats.contains(format) else {
                throw Refusal(.expectedOneOf(option: "--format", text: "\(format)", values: .alternatives(formats)))
            }
            let (ranking, zone) = try Gateway.perform(ShowRanking(try campaign.map(Parse.campaign)), database)
            let table = RankingTable(zone: zone)
            switch format {
            case "csv": try OutputFile.write(table.csv(ranking), to: output)
            case "xlsx": try Ledger.write(table.workbook(ranking), to: output)
            case "md": try OutputFile.write(table.markdown(ranking), to: output)
            case "html": try OutputFile.write(table.html(ranking), to: output)
            case "json": try OutputFile.write(try JSONOutput.text(ranking, zone: zone) + "\n", to: output)
            default: try OutputFile.write(table.text(ranking) + "\n", to: output)
            }
        }
    }
}

/// `zhengdun accountability add|list`: 问责 records against the people answerable for a village.
struct AccountabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accountability",
        abstract: say(en: "Records of accountability (问责) of the people answerable for a village.", zh: "对村级责任人的问责记录。"),
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: say(
                en: "Record a measure against a person (the office director), with its reason and what it answers for.",
                zh: "记录对某人的问责措施（由领导小组办公室主任记录），写明事由及所涉任务或督查。"))

        @Argument(help: ArgumentHelp(say(en: "The person held to account.", zh: "被问责人。"), valueName: "person")) var person: String
        @Option(
            help: ArgumentHelp(
                say(
                    en: "提醒谈话, 批评教育, 通报批评, 诫勉谈话 or 调整岗位 (or talk, criticism, circulated, admonition, removal).",
                    zh: "提醒谈话、批评教育、通报批评、诫勉谈话或调整岗位。")))
        var kind: String
        @Option(help: ArgumentHelp(say(en: "Why.", zh: "问责事由。"))) var reason: String
        @Option(help: ArgumentHelp(Help.onlyPlan)) var plan: String?
        @Option(help: ArgumentHelp(say(en: "The task it answers for.", zh: "所涉任务。"), valueName: "task")) var task: String?
        @Option(help: ArgumentHelp(say(en: "The inspection it answers for, by number.", zh: "所涉督查记录的编号。"), valueName: "number"))
        var inspection: Int64?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(Help.outcomeAsJSON)) var json = false

        func run() throws {
            guard let kind = AccountabilityKind(word: kind) else {
                throw Refusal(
                    .expectedOneOf(option: "--kind", text: "\(kind)", values: .alternatives(AccountabilityKind.allCases.map(\.title))))
            }
            let draft = AccountabilityDraft(
                person: PersonID(person), kind: kind, reason: reason, plan: try plan.map(Parse.plan), task: try task.map(Parse.task),
                inspection: inspection)
            let (record, zone) = try Gateway.perform(RecordAccountability(draft, as: acting.person), database)
            if json {
                try JSONOutput.print(record, zone: zone)
            } else {
                print(
                    say(
                        en: "recorded \(record.kindTitle) of \(record.name) (P\(record.plan) \(record.village)): \(record.reason)",
                        zh: "已记录：\(record.name)（P\(record.plan) \(record.village)）\(record.kindTitle)，事由：\(record.reason)"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(en: "List the records, or one person's.", zh: "列出问责记录，或某人的问责记录。"))

        @Option(help: ArgumentHelp(say(en: "Only this person's records.", zh: "只看此人的记录。"), valueName: "person")) var person: String?
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.listAsJSON)) var json = false

        func run() throws {
            let (records, zone) = try Gateway.perform(ListAccountability(person.map { PersonID($0) }), database)
            if json { try JSONOutput.print(records, zone: zone); return }
            var table = TextTable([
                say(en: "Name", zh: "姓名"), say(en: "Plan", zh: "方案"), say(en: "Measure", zh: "问责方式"), say(en: "Reason", zh: "事由"),
                say(en: "Concerning", zh: "所涉"), say(en: "Recorded", zh: "记录时间"),
            ])
            let render = Render(zone: zone)
            for record in records {
                let concerning = [record.task.map { "T\($0)" }, record.inspection.map { say(en: "inspection \($0)", zh: "督查\($0)") }]
                    .compactMap { $0 }.joined(separator: " ")
                table.add([
                    record.name, "P\(record.plan) \(record.village)", record.kindTitle, record.reason, concerning, render.prose(record.at),
                ])
            }
            print(records.isEmpty ? say(en: "No records of accountability.", zh: "没有问责记录。") : table.render())
        }
    }
}
