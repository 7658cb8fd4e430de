import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun run-due [--now TIME] [--dry-run] [--no-send]`.
struct RunDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-due",
        abstract: say(.helpRunOneSchedulerPassNowRecord),
        discussion: say(.helpRemindersEscalationsWeeklyReportsAndCirculars))

    @Option(help: ArgumentHelp(say(.helpRunThePassAsIfIt), valueName: "time")) var now: String?
    @Flag(name: .customLong("dry-run"), help: ArgumentHelp(say(.helpListWhatWouldGoOutAnd))) var dryRun = false
    @Flag(name: .customLong("no-send"), help: ArgumentHelp(say(.helpQueueTheMessagesButLeaveThem))) var noSend = false
    @OptionGroup var database: DatabaseOptions
    @Flag(help: ArgumentHelp(say(.helpPrintThePassAsJSON))) var json = false

    func run() throws {
        let request = RunDue(dryRun: dryRun, send: !noSend)
        let outcome: PassOutcome
        let zone: TimeZone
        if let now {
            // A pass at another time works only on a local database: the daemon keeps its own clock.
            let configuration = try database.configuration()
            if case .socket = try database.route(configuration) {
                throw Refusal(.runDueNowOverSocket)
            }
            let local = try Parse.localDateTime(now, "--now")
            let clock = ManualClock(Timeline(calendar: .mondayToFriday, zone: configuration.zone).instant(local))
            (outcome, zone) = (try database.local(configuration).perform(request, clock: clock), configuration.zone)
        } else {
            (outcome, zone) = try Gateway.perform(request, database)
        }
        let (pass, delivery) = (outcome.pass, outcome.delivery)
        // The pass committed: a later step that failed (delivery, the disk) is a warning, exit 3.
        let incomplete = !pass.warnings.isEmpty || (delivery.map { $0.failed + $0.dead > 0 } ?? false)
        if json {
            try JSONOutput.print(RunDueOutput(pass: pass, delivery: delivery), zone: zone)
            if incomplete { throw CommittedWithWarnings() }
            return
        }
        let render = Render(zone: zone)
        for notice in pass.notices {
            print(render.notice(notice))
        }
        print(say(dryRun ? .passWouldRecord : .passRecorded, ["notices": .number(pass.notices.count), "messages": .number(pass.queued)])
              + (pass.stale > 0 ? say(.passDropped, ["count": .number(pass.stale)]) : "")
              + (pass.next.map { say(.passNextDue, ["time": "\(render.time($0))"]) } ?? say(.passNothingPlanned)))
        if let delivery {
            print(say(.delivered, ["count": .number(delivery.sent)])
                  + (delivery.failed > 0 ? say(.deliveredRetry, ["count": .number(delivery.failed)]) : "")
                  + (delivery.dead > 0 ? say(.deliveredDead, ["count": .number(delivery.dead)]) : ""))
            Warnings.print(delivery.errors)
        }
        Warnings.print(pass.warnings)
        if incomplete { throw CommittedWithWarnings() }
    }
}

private struct RunDueOutput: Encodable {
    var pass: PassReport
    var delivery: DeliveryReport?
}

/// `zhengdun outbox list|retry`.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: say(.helpSeeAndRetryTheMessagesWaiting), subcommands: [List.self, Retry.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: say(.helpListQueuedSentAndDeadMessages))

        @Flag(help: ArgumentHelp(say(.helpOnlyMessagesGivenUpOnAfter))) var dead = false
        @Option(help: ArgumentHelp(say(.helpOnlyMessagesInThisStateQueued), valueName: "state")) var state: [String] = []
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheListAsJSON))) var json = false

        func run() throws {
            for value in state where !["queued", "sent", "dead"].contains(value) {
                throw Refusal(.expectedOneOf, ["option": "--state", "text": "\(value)", "values": .alternatives(["queued", "sent", "dead"])])
            }
            let (entries, zone) = try Gateway.perform(ListOutbox(states: Set(state + (dead ? ["dead"] : []))), database)
            if json { try JSONOutput.print(entries, zone: zone) } else { print(Render(zone: zone).outbox(entries)) }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retry", abstract: say(.helpPutAMessageBackInLine))

        @Argument(help: ArgumentHelp(say(.helpTheMessageSNumber))) var id: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheMessageAsJSON))) var json = false

        func run() throws {
            let (entry, zone) = try Gateway.perform(RetryMessage(id, as: acting.person), database)
            if json { try JSONOutput.print(entry, zone: zone) } else { print(say(.messageQueuedAgain, ["id": "\(entry.id)", "address": "\(entry.address)"])) }
        }
    }
}

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
                throw Refusal(.expectedOneOf, ["option": "--format", "text": "\(format)", "values": .alternatives(formats.map(\.rawValue))])
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
            if format == .json { try JSONOutput.print(report, zone: zone) } else { print(ReportText(zone: zone, format: format).progress(report)) }
        }
    }

    struct Circular: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "circular", abstract: say(.helpWhoIsSeriouslyLateAndWhat))

        @OptionGroup var options: Options

        func run() throws {
            let (plan, format) = try options.parsed([.text, .md, .json])
            let (report, zone) = try Gateway.perform(ShowCircular(plan), options.database)
            if format == .json { try JSONOutput.print(report, zone: zone) } else { print(ReportText(zone: zone, format: format).circular(report)) }
        }
    }
}
