import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun run-due [--now TIME] [--dry-run] [--no-send]`.
struct RunDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-due",
        abstract: say(en: "Run one scheduler pass now: record and queue every notice due, then deliver.", zh: "立即运行一次调度：记录并排队所有到期通知，然后投递。"),
        discussion: say(
            en:
                "Reminders (催办), escalations (督办), weekly reports and circulars (通报) that fell due are recorded once each and queued in the outbox; without --no-send the outbox is then delivered through the configured transport.",
            zh: "已到期的催办、督办、周报和通报各记录一次并放入发件箱；不加 --no-send 时，随后经配置的投递方式发出发件箱中的邮件。"))

    @Option(
        help: ArgumentHelp(
            say(en: "Run the pass as if it were this time (YYYY-MM-DD HH:MM, local).", zh: "假定现在是此时刻（本地时间）来运行（YYYY-MM-DD HH:MM）。"),
            valueName: "time")) var now: String?
    @Flag(name: .customLong("dry-run"), help: ArgumentHelp(say(en: "List what would go out and change nothing.", zh: "列出将会发出的内容，不做任何改动。")))
    var dryRun = false
    @Flag(
        name: .customLong("no-send"), help: ArgumentHelp(say(en: "Queue the messages but leave them in the outbox.", zh: "邮件只排队，留在发件箱中。")))
    var noSend = false
    @OptionGroup var database: DatabaseOptions
    @Flag(help: ArgumentHelp(say(en: "Print the pass as JSON.", zh: "以 JSON 输出本次调度。"))) var json = false

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
            say(
                dryRun
                    ? .passWouldRecord(notices: pass.notices.count, messages: pass.queued)
                    : .passRecorded(notices: pass.notices.count, messages: pass.queued))
                + (pass.stale > 0 ? say(.passDropped(count: pass.stale)) : "")
                + (pass.next.map { say(.passNextDue(time: "\(render.time($0))")) } ?? say(.passNothingPlanned)))
        if let delivery {
            print(
                say(.delivered(count: delivery.sent))
                    + (delivery.failed > 0 ? say(.deliveredRetry(count: delivery.failed)) : "")
                    + (delivery.dead > 0 ? say(.deliveredDead(count: delivery.dead)) : ""))
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
