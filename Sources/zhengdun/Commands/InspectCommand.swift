import ArgumentParser
import ZhengdunCore
import ZhengdunService

/// `zhengdun inspect PLAN --finding TEXT [--order-rectification --assign ROLE --due RULE]`.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: say(en: "Record an inspection (督查) and, if need be, order rectification (责令整改).", zh: "记录一次督查，必要时责令整改。"))

    @Argument(help: ArgumentHelp(Help.plan)) var plan: String
    @Option(help: ArgumentHelp(say(en: "What the inspection found.", zh: "督查发现的问题。"))) var finding: String
    @Flag(
        name: .customLong("order-rectification"),
        help: ArgumentHelp(say(en: "Order rectification: issue a required task in the current phase.", zh: "责令整改：在当前阶段下发一项必办任务。")))
    var orderRectification = false
    @Option(help: ArgumentHelp(say(en: "The role whose holder must put it right.", zh: "由担任此角色的人负责整改。"))) var assign: String?
    @Option(help: ArgumentHelp(say(en: "When it must be put right: a rule from now (5wd) or a date.", zh: "整改期限：从现在起的规则（如 5wd）或日期。")))
    var due: String?
    @Option(help: ArgumentHelp(say(en: "The title of the rectification task.", zh: "整改任务的名称。"))) var title: String?
    @Option(
        help: ArgumentHelp(say(en: "The role that verifies the rectification (default: the inspecting role).", zh: "验收整改的角色（默认：督查的角色）。")))
    var verifier: String?
    @Option(
        help: ArgumentHelp(
            say(
                en: "A closed item of the problem list the finding sends back to work (Q2), due by --due; repeatable.",
                zh: "督查发现已销号的问题反弹，重新整改（如 Q2），期限见 --due；可多次使用。")))
    var reopen: [String] = []
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingOptions
    @Flag(help: ArgumentHelp(Help.outcomeAsJSON)) var json = false

    func validate() throws {
        if orderRectification && (assign == nil || due == nil) {
            throw ValidationError(say(.orderNeedsAssignAndDue))
        }
        if !reopen.isEmpty && due == nil {
            throw ValidationError(say(.reopenNeedsDue))
        }
        if !orderRectification && (assign != nil || (due != nil && reopen.isEmpty) || title != nil || verifier != nil) {
            throw ValidationError(say(.orderOptionsAlone))
        }
    }

    func run() throws {
        let id = try Parse.plan(plan)
        let order =
            try orderRectification
            ? RectificationOrder(
                role: RoleKey(assign!), due: Parse.rule(due!, "--due"), title: title,
                verifier: verifier.map { RoleKey($0) }) : nil
        let reopening = try reopen.isEmpty ? nil : Reopening(problems: reopen.map(Parse.problem), due: Parse.rule(due!, "--due"))
        let (outcome, zone) = try Gateway.perform(
            Inspect(id, finding: finding, order: order, reopen: reopening, as: acting.person), database)
        Warnings.print(outcome.warnings)
        if json {
            try JSONOutput.print(outcome, zone: zone)
        } else {
            print(
                say(
                    .inspectionRecorded(
                        inspection: "\(outcome.inspection)", plan: "\(outcome.plan)",
                        phase: Language.current == .zh ? "\(outcome.phaseTitle ?? outcome.phase.rawValue)" : "\(outcome.phase)")))
            if let task = outcome.ordered {
                print(
                    say(
                        .inspectionOrdered(
                            task: "\(task.id)", title: "\(task.title)", assignee: "\(task.assigneeName)",
                            deadline: "\(Render(zone: zone).prose(task.deadline))")))
            }
            if let duty = outcome.duty { print(say(.inspectionCountsTowards(duty: "\(duty)"))) }
            if !outcome.reopened.isEmpty {
                let rule = (try? DeadlineRule.parse(due ?? "")).map { $0.prose(in: Language.current) } ?? due ?? ""
                print(say(.inspectionReopened(problems: .list(outcome.reopened.map { .text($0) }), deadline: "\(rule)")))
            }
            if outcome.rebounded { print(say(.inspectionRebounded(plan: "\(outcome.plan)"))) }
        }
    }
}
