import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun task list|show|ack|submit|verify|return|reassign|extend|cancel`.
struct TaskCommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "See tasks and move them along (签收, 办结, 验收 …).",
        subcommands: [List.self, Show.self, Acknowledge.self, Submit.self, Verify.self, Return.self, Reassign.self,
                      Extend.self, Cancel.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List tasks.")

        @Option(help: "Only this plan's tasks (P1 or 1).") var plan: String?
        @Flag(help: "Only my own tasks.") var mine = false
        @Flag(help: "Only tasks past their deadline and still waiting on their assignee.") var overdue = false
        @Option(help: ArgumentHelp("Only tasks in this state; repeatable.", valueName: "state")) var state: [String] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: "Print the list as JSON.") var json = false

        func run() throws {
            let states = try state.map { text -> TaskState in
                guard let state = TaskState(rawValue: text) else {
                    throw Refusal(.expectedOneOf, ["option": "--state", "text": "\(text)", "values": .list(TaskState.allCases.map { .text($0.rawValue) })])
                }
                return state
            }
            let query = TaskQuery(plan: try plan.map(Parse.plan), mine: mine, overdue: overdue, states: states.isEmpty ? nil : Set(states))
            let (response, zone) = try Gateway.perform(.tasks(query, as: acting.person), database)
            let tasks = try Gateway.unwrap(response) { if case .tasks(let tasks) = $0 { return tasks }; return nil }
            if json { try JSONOutput.print(tasks, zone: zone) } else { print(Render(zone: zone).tasks(tasks)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a task with its dates, notes and evidence.")

        @Argument(help: "The task (T12 or 12).") var task: String
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print the task as JSON.") var json = false

        func run() throws {
            let (response, zone) = try Gateway.perform(.task(try Parse.task(task)), database)
            let view = try Gateway.unwrap(response) { if case .task(let view) = $0 { return view }; return nil }
            if json { try JSONOutput.print(view, zone: zone) } else { print(Render(zone: zone).task(view)) }
        }
    }

    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge a task given to you (签收).")

        @Argument(help: "The task (T12 or 12).") var task: String
        @Option(help: "A note.") var note: String?
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.acknowledge(note: note), to: task) }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit", abstract: "Report a task done (办结), with evidence.")

        @Argument(help: "The task (T12 or 12).") var task: String
        @Option(help: "What was done.") var note: String
        @Option(parsing: .upToNextOption, help: ArgumentHelp("Files that show it: minutes, photos, lists.", valueName: "file"))
        var evidence: [String] = []
        @OptionGroup var transition: TransitionOptions

        func run() throws {
            let files = try evidence.map { path -> EvidenceFile in
                guard let content = FileManager.default.contents(atPath: path) else {
                    var isDirectory: ObjCBool = false
                    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                    throw Refusal(.cannotReadEvidence, ["path": "\(path)", "reason": .said(exists ? (isDirectory.boolValue ? .aFolder : .permissionDenied) : .noSuchFile)])
                }
                return EvidenceFile(name: (path as NSString).lastPathComponent, content: content)
            }
            try transition.apply(.submit(note: note, evidence: files), to: task)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Accept submitted work (验收销号).")

        @Argument(help: "The task (T12 or 12).") var task: String
        @Option(help: "A note.") var note: String?
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.verify(note: note), to: task) }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return", abstract: "Send submitted work back for rework (退回整改) with a new deadline.")

        @Argument(help: "The task (T12 or 12).") var task: String
        @Option(help: "What must be put right.") var reason: String
        @Option(help: "The new deadline: a rule from now (5wd, 3d, 48h) or a date (2026-04-01, 2026-04-01 12:00).") var due: String
        @OptionGroup var transition: TransitionOptions

        func run() throws {
            try transition.apply(.returnForRework(reason: reason, due: try Parse.rule(due, "--due")), to: task)
        }
    }

    struct Reassign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reassign", abstract: "Give a task to another person, who must acknowledge it afresh.")

        @Argument(help: "The task (T12 or 12).") var task: String
        @Option(help: "The person who takes it over.") var to: String
        @Option(help: "Why.") var reason: String?
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.reassign(to: PersonID(to), reason: reason), to: task) }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend",
            abstract: "Move a task's deadline later (延期); the original deadline stays on record.")

        @Argument(help: "The task (T12 or 12).") var task: String
        @Option(help: "The new deadline: a rule from now (5wd) or a date (2026-04-01).") var to: String?
        @Option(help: "Or: how much later than the current deadline (3wd, 7d).") var by: String?
        @Option(help: "Why.") var reason: String
        @OptionGroup var transition: TransitionOptions

        func validate() throws {
            if (to == nil) == (by == nil) { throw ValidationError(say(.reassignToOrBy)) }
        }

        func run() throws {
            let change: DeadlineChange = try to.map { .to(try Parse.rule($0, "--to")) } ?? .by(try Parse.span(by!, "--by"))
            try transition.apply(.extend(change, reason: reason), to: task)
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel", abstract: "Cancel a task.")

        @Argument(help: "The task (T12 or 12).") var task: String
        @Option(help: "Why.") var reason: String
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.cancel(reason: reason), to: task) }
    }
}

/// What every task transition shares: the database, who acts, and how the outcome is shown.
struct TransitionOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingOptions
    @Flag(help: "Print the task as JSON.") var json = false

    func apply(_ request: TaskRequest, to task: String) throws {
        let (response, zone) = try Gateway.perform(.changeTask(try Parse.task(task), request, as: acting.person), database)
        let outcome = try Gateway.unwrap(response) { if case .taskOutcome(let outcome) = $0 { return outcome }; return nil }
        Warnings.print(outcome.warnings)
        if json {
            try JSONOutput.print(outcome, zone: zone)
        } else {
            let summary = outcome.task.summary
            print(say(.taskMoved, ["task": "\(summary.id)", "state": "\(Render.state(summary.state))", "title": "\(summary.title)",
                                   "assignee": "\(summary.assigneeName)", "deadline": "\(Render(zone: zone).time(summary.deadline))"]))
        }
    }
}
