import ArgumentParser
import ZhengdunCore
import ZhengdunService

/// `zhengdun log PLAN|TASK`.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: say(
            en: "Show everything that happened to a plan (P1) or a task (T12), oldest first.", zh: "显示一个方案（P1）或一项任务（T12）的全部经过，从早到晚。"))

    @Argument(help: ArgumentHelp(say(en: "P1 for a plan, T12 for a task.", zh: "P1 表示方案，T12 表示任务。"))) var subject: String
    @OptionGroup var database: DatabaseOptions
    @Flag(help: ArgumentHelp(say(en: "Print the events as JSON.", zh: "以 JSON 输出事件。"))) var json = false

    func run() throws {
        let subject: LogSubject
        switch self.subject.first {
        case "P", "p": subject = .plan(try Parse.plan(self.subject))
        case "T", "t": subject = .task(try Parse.task(self.subject))
        default: throw Refusal(.notALogSubject(text: TypedText.excerpt("\(self.subject)")))
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
        commandName: "audit", abstract: say(en: "Prove the event log intact.", zh: "证明事件日志完整无损。"), subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: say(
                en: "Check the hash chain of the event log and the evidence; exit 1 naming every row found altered or missing.",
                zh: "检查事件日志和佐证材料的哈希链；发现任何被改动或缺失的记录则逐一指出并以 1 退出。"))

        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(say(en: "Print the report as JSON.", zh: "以 JSON 输出报告。"))) var json = false
        @Option(
            help: ArgumentHelp(
                say(
                    en: "Also check that the log still holds this anchor (EVENT:HASH, as the weekly report prints it).",
                    zh: "并核对日志仍含此校验点（周报所印的“事件编号:哈希”）。"), valueName: "event:hash")) var anchor: String?

        func run() throws {
            let anchor = try self.anchor.map { (text) throws -> ChainAnchor in
                do throws(ParseFailure) { return try ChainAnchor.parse(text) } catch {
                    throw Refusal(.optionProblem(option: "--anchor", problem: error.message))
                }
            }
            let (report, zone) = try Gateway.perform(VerifyAudit(anchor: anchor), database)
            if json {
                try JSONOutput.print(report, zone: zone)
            } else if report.intact {
                print(say(.auditIntact(events: report.events, evidence: report.evidence)))
                if let anchor { print(say(.auditAnchorHeld(anchor: "\(anchor)"))) }
                if let head = report.head { print(say(.auditHead(anchor: "\(head)"))) }
            }
            guard report.intact else {
                if !json { for problem in report.problems { print(say(.auditProblem(problem: problem))) } }
                throw Refusal(.auditFailed(count: report.problems.count, first: report.problems[0]))
            }
        }
    }
}
