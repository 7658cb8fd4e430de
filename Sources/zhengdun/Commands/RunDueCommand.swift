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
        print(
            say(dryRun ? .passWouldRecord : .passRecorded, ["notices": .number(pass.notices.count), "messages": .number(pass.queued)])
                + (pass.stale > 0 ? say(.passDropped, ["count": .number(pass.stale)]) : "")
                + (pass.next.map { say(.passNextDue, ["time": "\(render.time($0))"]) } ?? say(.passNothingPlanned)))
        if let delivery {
            print(
                say(.delivered, ["count": .number(delivery.sent)])
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
