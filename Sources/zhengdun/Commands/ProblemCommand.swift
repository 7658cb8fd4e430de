import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun problem add|list|show|note|close|carry`: the problem list (问题清单), item by item.
struct ProblemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problem",
        abstract: say(
            en: "The problem list (问题清单): record problems, follow them, close them one by one (销号).",
            zh: "问题清单：登记问题、跟踪整改、逐项销号。"),
        subcommands: [Add.self, List.self, Show.self, Note.self, Close.self, Carry.self])

    /// The plan and the item a command is about: `P1 Q3`.
    struct Item: ParsableArguments {
        @Argument(help: ArgumentHelp(Help.plan)) var plan: String
        @Argument(help: ArgumentHelp(say(en: "The item of the plan's list (Q3 or 3).", zh: "方案问题清单中的一项（Q3 或 3）。"), valueName: "item"))
        var item: String

        func parsed() throws -> (plan: PlanID, number: Int) {
            (try Parse.plan(plan), try Parse.problem(item))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: say(
                en: "Record a problem found in the village and hand it to the person who answers for it.",
                zh: "登记摸排发现的问题，并交给责任人整改。"))

        @Argument(help: ArgumentHelp(Help.plan)) var plan: String
        @Option(help: ArgumentHelp(say(en: "The kind of problem, by its key or title in the workflow.", zh: "问题类别，写后进原因的名称（如 遗留问题较多）或键名。")))
        var kind: String
        @Option(help: ArgumentHelp(say(en: "What it looks like in this village.", zh: "问题在本村的具体表现。"))) var detail: String
        @Option(help: ArgumentHelp(say(en: "How it is to be put right (整改措施).", zh: "整改措施。"))) var remedy: String
        @Option(help: ArgumentHelp(say(en: "The workflow's measure it falls under, by key or title.", zh: "所属整改措施，写名称或键名。"))) var measure:
            String?
        @Option(help: ArgumentHelp(say(en: "The goal it serves (整顿目标), by key or title.", zh: "对应的整顿目标，写名称或键名。"))) var goal: String?
        @Option(
            help: ArgumentHelp(say(en: "The leader (责任领导); by default as the workflow says.", zh: "责任领导；默认按工作流程。"), valueName: "person"))
        var leader: String?
        @Option(
            help: ArgumentHelp(
                say(en: "The person responsible (责任人); by default as the workflow says.", zh: "责任人；默认按工作流程。"), valueName: "person"))
        var responsible: String?
        @Option(help: ArgumentHelp(say(en: "When it must be put right: a rule from now (20wd) or a date.", zh: "整改时限：从现在起的规则（如 20wd）或日期。")))
        var due: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(Help.outcomeAsJSON)) var json = false

        func run() throws {
            let draft = ProblemDraft(
                kind: kind, detail: detail, remedy: remedy, measure: measure.map { MeasureKey($0) }, goal: goal,
                leader: leader.map { PersonID($0) }, responsible: responsible.map { PersonID($0) }, due: try Parse.rule(due, "--due"))
            let (item, zone) = try Gateway.perform(RecordProblem(try Parse.plan(plan), draft, as: acting.person), database)
            if json { return try JSONOutput.print(item, zone: zone) }
            print(
                say(
                    .problemRecorded(
                        plan: "\(item.plan)", item: "\(item.label)", task: "\(item.task ?? 0)",
                        responsible: "\(item.responsibleName ?? "")",
                        deadline: "\(item.deadline.map { Render(zone: zone).prose($0) } ?? "")")))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(en: "List the problem list of a plan, or of every plan.", zh: "列出方案（或全部方案）的问题清单。"))

        @Option(help: ArgumentHelp(Help.onlyPlan)) var plan: String?
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.listAsJSON)) var json = false

        func run() throws {
            let (items, zone) = try Gateway.perform(ListProblems(try plan.map(Parse.plan)), database)
            if json { try JSONOutput.print(items, zone: zone) } else { print(ProblemLedgerTable(zone: zone).list(items)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: say(en: "Show a problem with its progress and evidence.", zh: "显示一项问题及其整改进展和佐证材料。"))

        @OptionGroup var item: Item
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(say(en: "Print it as JSON.", zh: "以 JSON 格式输出。"))) var json = false

        func run() throws {
            let (plan, number) = try item.parsed()
            let (view, zone) = try Gateway.perform(ShowProblem(plan, number: number), database)
            if json { try JSONOutput.print(view, zone: zone) } else { print(ProblemLedgerTable(zone: zone).show(view)) }
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "note", abstract: say(en: "Note how the rectification of a problem is going (整改进展).", zh: "填报问题的整改进展。"))

        @OptionGroup var item: Item
        @Argument(help: ArgumentHelp(say(en: "What was done so far.", zh: "目前的整改进展。"), valueName: "text")) var text: String
        @OptionGroup var change: ChangeOptions

        func run() throws { try change.apply(.note(text), to: item) }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: say(
                en: "Close a problem (销号) whose rectification was reported, with evidence.",
                zh: "对已报送整改结果的问题验收销号，须有佐证材料。"))

        @OptionGroup var item: Item
        @Option(help: ArgumentHelp(Help.note)) var note: String?
        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp(say(en: "Files that show it was put right.", zh: "证明已整改到位的文件。"), valueName: "file"))
        var evidence: [String] = []
        @OptionGroup var change: ChangeOptions

        func run() throws {
            let (plan, number) = try item.parsed()
            let (view, zone) = try Gateway.perform(evidence: evidence, change.database) { files in
                ChangeProblem(plan, number: number, .close(note: note, evidence: files), as: change.acting.person)
            }
            try change.show(view, zone: zone)
        }
    }

    struct Carry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "carry",
            abstract: say(
                en: "Carry a problem over into the long-term work (转入长效), with the reason.", zh: "说明理由，将问题转入长效机制持续整改。"))

        @OptionGroup var item: Item
        @Option(help: ArgumentHelp(say(en: "Why it cannot be finished in this campaign.", zh: "本轮整顿中无法完成的理由。"))) var reason: String
        @OptionGroup var change: ChangeOptions

        func run() throws { try change.apply(.carry(reason: reason), to: item) }
    }

    struct ChangeOptions: ParsableArguments {
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(en: "Print the problem as JSON.", zh: "以 JSON 格式输出该问题。"))) var json = false

        func apply(_ request: ProblemChange, to item: Item) throws {
            let (plan, number) = try item.parsed()
            let (view, zone) = try Gateway.perform(ChangeProblem(plan, number: number, request, as: acting.person), database)
            try show(view, zone: zone)
        }

        func show(_ view: ProblemView, zone: TimeZone) throws {
            if json { return try JSONOutput.print(view, zone: zone) }
            print(say(.problemNow(plan: "\(view.plan)", item: "\(view.label)", state: view.state.word)))
        }
    }
}
