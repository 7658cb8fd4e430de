import ArgumentParser
import ZhengdunCore
import ZhengdunService

/// `zhengdun log PLAN|TASK`.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: say(.helpShowEverythingThatHappenedToA))

    @Argument(help: ArgumentHelp(say(.helpP1ForAPlanT12For))) var subject: String
    @OptionGroup var database: DatabaseOptions
    @Flag(help: ArgumentHelp(say(.helpPrintTheEventsAsJSON))) var json = false

    func run() throws {
        let subject: LogSubject
        switch self.subject.first {
        case "P", "p": subject = .plan(try Parse.plan(self.subject))
        case "T", "t": subject = .task(try Parse.task(self.subject))
        default: throw Refusal(.notALogSubject, ["text": .text(TypedText.excerpt("\(self.subject)"))])
        }
        let (events, zone) = try Gateway.perform(ShowLog(subject), database)
        if json {
            try JSONOutput.print(events, zone: zone)
        } else {
            // The plan's view gives the titles of its phases and roles, which the events name by key.
            let plan = try events.lazy.compactMap(\.plan).first.map { try Gateway.perform(ShowPlan(PlanID($0)), database).0 }
            print(Render(zone: zone).log(events, plan: plan))
        }
    }
}

/// `zhengdun audit verify`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: say(.helpProveTheEventLogIntact), subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: say(.helpCheckTheHashChainOfThe))

        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheReportAsJSON))) var json = false
        @Option(help: ArgumentHelp(say(.helpCheckTheLogStillHoldsAnchor), valueName: "event:hash")) var anchor: String?

        func run() throws {
            let anchor = try self.anchor.map { (text) throws -> ChainAnchor in
                do throws(ParseFailure) { return try ChainAnchor.parse(text) } catch {
                    throw Refusal(.optionProblem, ["option": "--anchor", "problem": .message(error.message)])
                }
            }
            let (report, zone) = try Gateway.perform(VerifyAudit(anchor: anchor), database)
            if json {
                try JSONOutput.print(report, zone: zone)
            } else if report.intact {
                print(say(.auditIntact, ["events": .number(report.events), "evidence": .number(report.evidence)]))
                if let anchor { print(say(.auditAnchorHeld, ["anchor": "\(anchor)"])) }
                if let head = report.head { print(say(.auditHead, ["anchor": "\(head)"])) }
            }
            guard report.intact else {
                if !json { for problem in report.problems { print(say(.auditProblem, ["problem": .message(problem)])) } }
                throw Refusal(.auditFailed, ["count": .number(report.problems.count), "first": .message(report.problems[0])])
            }
        }
    }
}
