import ArgumentParser
import ZhengdunCore
import ZhengdunService

/// `zhengdun inspect PLAN --finding TEXT [--order-rectification --assign ROLE --due RULE]`.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: say(.helpRecordAnInspectionAndIfNeed))

    @Argument(help: ArgumentHelp(say(.helpThePlanP1Or1))) var plan: String
    @Option(help: ArgumentHelp(say(.helpWhatTheInspectionFound))) var finding: String
    @Flag(name: .customLong("order-rectification"), help: ArgumentHelp(say(.helpOrderRectificationIssueARequiredTask)))
    var orderRectification = false
    @Option(help: ArgumentHelp(say(.helpTheRoleWhoseHolderMustPut))) var assign: String?
    @Option(help: ArgumentHelp(say(.helpWhenItMustBePutRight))) var due: String?
    @Option(help: ArgumentHelp(say(.helpTheTitleOfTheRectificationTask))) var title: String?
    @Option(help: ArgumentHelp(say(.helpTheRoleThatVerifiesTheRectification))) var verifier: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingOptions
    @Flag(help: ArgumentHelp(say(.helpPrintTheOutcomeAsJSON))) var json = false

    func validate() throws {
        if orderRectification && (assign == nil || due == nil) {
            throw ValidationError(say(.orderNeedsAssignAndDue))
        }
        if !orderRectification && (assign != nil || due != nil || title != nil || verifier != nil) {
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
        let (outcome, zone) = try Gateway.perform(Inspect(id, finding: finding, order: order, as: acting.person), database)
        Warnings.print(outcome.warnings)
        if json {
            try JSONOutput.print(outcome, zone: zone)
        } else {
            print(
                say(
                    .inspectionRecorded,
                    [
                        "inspection": "\(outcome.inspection)", "plan": "\(outcome.plan)",
                        "phase": Language.current == .zh ? "\(outcome.phaseTitle ?? outcome.phase.rawValue)" : "\(outcome.phase)",
                    ]))
            if let task = outcome.ordered {
                print(
                    say(
                        .inspectionOrdered,
                        [
                            "task": "\(task.id)", "title": "\(task.title)", "assignee": "\(task.assigneeName)",
                            "deadline": "\(Render(zone: zone).prose(task.deadline))",
                        ]))
            }
        }
    }
}
