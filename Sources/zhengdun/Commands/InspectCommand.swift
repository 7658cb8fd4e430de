import ArgumentParser
import ZhengdunCore
import ZhengdunService

/// `zhengdun inspect PLAN --finding TEXT [--order-rectification --assign ROLE --due RULE]`.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Record an inspection (督查) and, if need be, order rectification (责令整改).")

    @Argument(help: "The plan (P1 or 1).") var plan: String
    @Option(help: "What the inspection found.") var finding: String
    @Flag(name: .customLong("order-rectification"), help: "Order rectification: issue a required task in the current phase.")
    var orderRectification = false
    @Option(help: "The role whose holder must put it right.") var assign: String?
    @Option(help: "When it must be put right: a rule from now (5wd) or a date.") var due: String?
    @Option(help: "The title of the rectification task.") var title: String?
    @Option(help: "The role that verifies the rectification (default: the inspecting role).") var verifier: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingOptions
    @Flag(help: "Print the outcome as JSON.") var json = false

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
        let order = try orderRectification ? RectificationOrder(role: RoleKey(assign!), due: Parse.rule(due!, "--due"), title: title,
                                                                 verifier: verifier.map { RoleKey($0) }) : nil
        let (response, zone) = try Gateway.perform(.inspect(id, finding: finding, order: order, as: acting.person), database)
        let outcome = try Gateway.unwrap(response) { if case .inspection(let outcome) = $0 { return outcome }; return nil }
        Warnings.print(outcome.warnings)
        if json {
            try JSONOutput.print(outcome, zone: zone)
        } else {
            print(say(.inspectionRecorded, ["inspection": "\(outcome.inspection)", "plan": "\(outcome.plan)", "phase": "\(outcome.phase)"]))
            if let task = outcome.ordered {
                print(say(.inspectionOrdered, ["task": "\(task.id)", "title": "\(task.title)", "assignee": "\(task.assigneeName)",
                                                "deadline": "\(Render(zone: zone).time(task.deadline))"]))
            }
        }
    }
}
