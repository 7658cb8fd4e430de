import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun task list|show|ack|submit|verify|return|reassign|extend|cancel`.
struct TaskCommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: say(.helpSeeTasksAndMoveThemAlong),
        subcommands: [
            List.self, Show.self, Acknowledge.self, Submit.self, Verify.self, Return.self, Reassign.self,
            Extend.self, Cancel.self,
        ])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(.helpListTasks))

        @Option(help: ArgumentHelp(say(.helpOnlyThisPlanSTasksP1))) var plan: String?
        @Flag(help: ArgumentHelp(say(.helpOnlyMyOwnTasks))) var mine = false
        @Flag(help: ArgumentHelp(say(.helpOnlyTasksPastTheirDeadlineAnd))) var overdue = false
        @Option(help: ArgumentHelp(say(.helpOnlyTasksInThisStateRepeatable), valueName: "state")) var state: [String] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheListAsJSON))) var json = false

        func run() throws {
            let states = try state.map { text -> TaskState in
                guard let state = TaskState(rawValue: text) else {
                    throw Refusal(
                        .expectedOneOf,
                        ["option": "--state", "text": "\(text)", "values": .list(TaskState.allCases.map { .text($0.rawValue) })])
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
            commandName: "show", abstract: say(.helpShowATaskWithItsDates))

        @Argument(help: ArgumentHelp(say(.helpTheTaskT12Or12))) var task: String
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheTaskAsJSON))) var json = false

        func run() throws {
            let (view, zone) = try Gateway.perform(ShowTask(try Parse.task(task)), database)
            if json { try JSONOutput.print(view, zone: zone) } else { print(Render(zone: zone).task(view)) }
        }
    }

    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ack", abstract: say(.helpAcknowledgeATaskGivenToYou))

        @Argument(help: ArgumentHelp(say(.helpTheTaskT12Or12))) var task: String
        @Option(help: ArgumentHelp(say(.helpANote))) var note: String?
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.acknowledge(note: note), to: task) }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit", abstract: say(.helpReportATaskDoneWithEvidence))

        @Argument(help: ArgumentHelp(say(.helpTheTaskT12Or12))) var task: String
        @Option(help: ArgumentHelp(say(.helpWhatWasDone))) var note: String
        @Option(parsing: .upToNextOption, help: ArgumentHelp(say(.helpFilesThatShowItMinutesPhotos), valueName: "file"))
        var evidence: [String] = []
        @OptionGroup var transition: TransitionOptions

        func run() throws {
            // Sizes first: a file over the limit is refused before a byte of it is read.
            let sources = try evidence.map { try EvidenceSource(path: $0) }
            try EvidenceSource.check(sources)
            let id = try Parse.task(task)
            let configuration = try transition.database.configuration()
            switch try transition.database.route(configuration) {
            case .socket(let socket):
                // Each file goes into the request as it is read, never whole in memory.
                let request = ChangeTask(id, .submit(note: note, evidence: sources.map(\.placeholder)), as: transition.acting.person)
                try transition.show(try SocketClient.perform(request, socket: socket, streaming: sources), zone: configuration.zone)
            case .local:
                let request = ChangeTask(id, .submit(note: note, evidence: try sources.map { try $0.read() }), as: transition.acting.person)
                let outcome = try transition.database.local(configuration).perform(request, clock: try Clocks.current(configuration.zone))
                try transition.show(outcome, zone: configuration.zone)
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: say(.helpAcceptSubmittedWork))

        @Argument(help: ArgumentHelp(say(.helpTheTaskT12Or12))) var task: String
        @Option(help: ArgumentHelp(say(.helpANote))) var note: String?
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.verify(note: note), to: task) }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return", abstract: say(.helpSendSubmittedWorkBackForRework))

        @Argument(help: ArgumentHelp(say(.helpTheTaskT12Or12))) var task: String
        @Option(help: ArgumentHelp(say(.helpWhatMustBePutRight))) var reason: String
        @Option(help: ArgumentHelp(say(.helpReturnDue))) var due: String
        @OptionGroup var transition: TransitionOptions

        func run() throws {
            try transition.apply(.returnForRework(reason: reason, due: try Parse.rule(due, "--due")), to: task)
        }
    }

    struct Reassign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reassign", abstract: say(.helpGiveATaskToAnotherPerson))

        @Argument(help: ArgumentHelp(say(.helpTheTaskT12Or12))) var task: String
        @Option(help: ArgumentHelp(say(.helpThePersonWhoTakesItOver))) var to: String
        @Option(help: ArgumentHelp(say(.helpWhy))) var reason: String?
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.reassign(to: PersonID(to), reason: reason), to: task) }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend",
            abstract: say(.helpMoveATaskSDeadlineLater))

        @Argument(help: ArgumentHelp(say(.helpTheTaskT12Or12))) var task: String
        @Option(help: ArgumentHelp(say(.helpExtendTo))) var to: String?
        @Option(help: ArgumentHelp(say(.helpOrHowMuchLaterThanThe))) var by: String?
        @Option(help: ArgumentHelp(say(.helpWhy))) var reason: String
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
            commandName: "cancel", abstract: say(.helpCancelATask))

        @Argument(help: ArgumentHelp(say(.helpTheTaskT12Or12))) var task: String
        @Option(help: ArgumentHelp(say(.helpWhy))) var reason: String
        @OptionGroup var transition: TransitionOptions

        func run() throws { try transition.apply(.cancel(reason: reason), to: task) }
    }
}

/// What every task transition shares: the database, who acts, and how the outcome is shown.
struct TransitionOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingOptions
    @Flag(help: ArgumentHelp(say(.helpPrintTheTaskAsJSON))) var json = false

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
                    .taskMoved,
                    [
                        "task": "\(summary.id)", "state": "\(Render.state(summary.state))", "title": "\(summary.title)",
                        "assignee": "\(summary.assigneeName)", "deadline": "\(Render(zone: zone).prose(summary.deadline))",
                    ]))
        }
    }
}
