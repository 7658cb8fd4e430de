import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun task list|show|ack|submit|verify|return|reassign|extend|cancel`.
struct TaskCommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: say(en: "See tasks and move them along (签收, 办结, 验收 …).", zh: "查看任务并推进（签收、办结、验收……）。"),
        subcommands: [
            List.self, Show.self, Acknowledge.self, Submit.self, Verify.self, Return.self, Reassign.self,
            Extend.self, Cancel.self,
        ])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(en: "List tasks.", zh: "列出任务。"))

        @Option(help: ArgumentHelp(say(en: "Only this plan's tasks (P1 or 1).", zh: "只看此方案的任务（P1 或 1）。"))) var plan: String?
        @Flag(help: ArgumentHelp(say(en: "Only my own tasks.", zh: "只看我自己的任务。"))) var mine = false
        @Flag(help: ArgumentHelp(Help.overdueOnly)) var overdue = false
        @Option(help: ArgumentHelp(say(en: "Only tasks in this state; repeatable.", zh: "只看此状态的任务；可重复。"), valueName: "state")) var state:
            [String] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(Help.listAsJSON)) var json = false

        func run() throws {
            let states = try state.map { text -> TaskState in
                guard let state = TaskState(rawValue: text) else {
                    throw Refusal(
                        .expectedOneOf(option: "--state", text: "\(text)", values: .list(TaskState.allCases.map { .text($0.rawValue) })))
                }
                return state
            }
            let query = TaskQuery(plan: try plan.map(Parse.plan), mine: mine, overdue: overdue, states: states.isEmpty ? nil : Set(states))
            let (tasks, zone) = try Gateway.perform(ListTasks(query, as: acting.person), database)
            if json { try JSONOutput.print(tasks, zone: zone) } else { print(Render(zone: zone).tasks(tasks)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: say(en: "Show a task with its dates, notes and evidence.", zh: "显示一项任务及其日期、说明和佐证材料。"))

        @Argument(help: ArgumentHelp(Help.task)) var task: String
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.taskAsJSON)) var json = false

        func run() throws {
            let (view, zone) = try Gateway.perform(ShowTask(try Parse.task(task)), database)
            if json { try JSONOutput.print(view, zone: zone) } else { print(Render(zone: zone).task(view)) }
        }
    }

    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ack", abstract: say(en: "Acknowledge a task given to you (签收).", zh: "签收交给你的任务。"))

        @Argument(help: ArgumentHelp(Help.task)) var task: String
        @Option(help: ArgumentHelp(Help.note)) var note: String?
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.acknowledge(note: note), to: task) }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit", abstract: say(en: "Report a task done (办结), with evidence.", zh: "报告任务办结，附佐证材料。"))

        @Argument(help: ArgumentHelp(Help.task)) var task: String
        @Option(help: ArgumentHelp(say(en: "What was done.", zh: "完成了什么。"))) var note: String
        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp(say(en: "Files that show it: minutes, photos, lists.", zh: "佐证文件：会议记录、照片、名单等。"), valueName: "file"))
        var evidence: [String] = []
        @Option(
            name: .customLong("missing-reason"),
            help: ArgumentHelp(
                say(
                    en: "Why evidence the task asks for is not handed in (the verifier sees it).",
                    zh: "任务要求的佐证材料缺项的理由（验收人可见）。"), valueName: "text"))
        var missingReason: String?
        @OptionGroup var transition: TransitionOptions

        func run() throws {
            let id = try Parse.task(task)
            let (outcome, zone) = try Gateway.perform(evidence: evidence, transition.database) { files in
                ChangeTask(id, .submit(note: note, evidence: files, missingReason: missingReason), as: transition.acting.person)
            }
            try transition.show(outcome, zone: zone)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: say(en: "Accept submitted work (验收销号).", zh: "验收已办结的工作（验收销号）。"))

        @Argument(help: ArgumentHelp(Help.task)) var task: String
        @Option(help: ArgumentHelp(Help.note)) var note: String?
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.verify(note: note), to: task) }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return",
            abstract: say(en: "Send submitted work back for rework (退回整改) with a new deadline.", zh: "把已办结的工作退回整改，并定出新的时限。"))

        @Argument(help: ArgumentHelp(Help.task)) var task: String
        @Option(help: ArgumentHelp(say(en: "What must be put right.", zh: "需要改正的地方。"))) var reason: String
        @Option(
            help: ArgumentHelp(
                say(
                    en: "The new deadline: a rule from now (5wd, 3d, 48h) or a date (2026-04-01, 2026-04-01 12:00).",
                    zh: "新的时限：从现在起的规则（5wd、3d、48h）或日期（2026-04-01、2026-04-01 12:00）。"))) var due: String
        @OptionGroup var transition: TransitionOptions

        func run() throws {
            try transition.apply(.returnForRework(reason: reason, due: try Parse.rule(due, "--due")), to: task)
        }
    }

    struct Reassign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reassign",
            abstract: say(en: "Give a task to another person, who must acknowledge it afresh.", zh: "把任务改派给另一人，由其重新签收。"))

        @Argument(help: ArgumentHelp(Help.task)) var task: String
        @Option(help: ArgumentHelp(say(en: "The person who takes it over.", zh: "接手的人。"))) var to: String
        @Option(help: ArgumentHelp(Help.why)) var reason: String?
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.reassign(to: PersonID(to), reason: reason), to: task) }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend",
            abstract: say(en: "Move a task's deadline later (延期); the original deadline stays on record.", zh: "推迟任务时限（延期）；原时限留档。"))

        @Argument(help: ArgumentHelp(Help.task)) var task: String
        @Option(
            help: ArgumentHelp(
                say(en: "The new deadline: a rule from now (5wd) or a date (2026-04-01).", zh: "新的时限：从现在起的规则（5wd）或日期（2026-04-01）。")))
        var to: String?
        @Option(help: ArgumentHelp(say(en: "Or: how much later than the current deadline (3wd, 7d).", zh: "或：比现有时限推迟多久（3wd、7d）。"))) var by:
            String?
        @Option(help: ArgumentHelp(Help.why)) var reason: String
        @OptionGroup var transition: TransitionOptions

        func validate() throws {
            if (to == nil) == (by == nil) { throw ValidationError(say(.extendNeedsToOrBy)) }
        }

        func run() throws {
            let change: DeadlineChange = try to.map { .to(try Parse.rule($0, "--to")) } ?? .by(try Parse.span(by!, "--by"))
            try transition.apply(.extend(change, reason: reason), to: task)
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel", abstract: say(en: "Cancel a task.", zh: "撤销一项任务。"))

        @Argument(help: ArgumentHelp(Help.task)) var task: String
        @Option(help: ArgumentHelp(Help.why)) var reason: String
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.cancel(reason: reason), to: task) }
    }
}

/// What every task transition shares: the database, who acts, and how the outcome is shown.
struct TransitionOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingOptions
    @Flag(help: ArgumentHelp(Help.taskAsJSON)) var json = false

    func apply(_ request: TaskRequest, to task: String) throws {
        let (outcome, zone) = try Gateway.perform(ChangeTask(try Parse.task(task), request, as: acting.person), database)
        try show(outcome, zone: zone)
    }

    func show(_ outcome: TaskOutcome, zone: TimeZone) throws {
        Warnings.print(outcome.warnings)
        if json {
            try JSONOutput.print(outcome, zone: zone)
        } else {
            let summary = outcome.task.summary
            print(
                say(
                    .taskMoved(
                        task: "\(summary.id)", state: "\(Render.state(summary.state))", title: "\(summary.title)",
                        assignee: "\(summary.assigneeName)", deadline: "\(Render(zone: zone).prose(summary.deadline))")))
        }
    }
}
