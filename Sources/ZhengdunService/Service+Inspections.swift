import Foundation
import ZhengdunCore
import ZhengdunStore

/// A finding's order of rectification (责令整改): who must put it right, by when.
public struct RectificationOrder: Sendable, Codable {
    public var role: RoleKey
    public var due: DeadlineRule
    public var title: String?
    /// The role that verifies the rectification; by default the inspecting role.
    public var verifier: RoleKey?

    public init(role: RoleKey, due: DeadlineRule, title: String? = nil, verifier: RoleKey? = nil) {
        self.role = role
        self.due = due
        self.title = title
        self.verifier = verifier
    }
}

extension Service {
    /// `inspect`: records an inspection (督查) of a plan in its current phase; an order of
    /// rectification issues a required task to the person holding `order.role`.
    public func inspect(_ id: PlanID, finding: String, order: RectificationOrder?, by acting: Acting) throws -> InspectionOutcome {
        let finding = try PersonText.text(finding, .whatFinding)
        guard !finding.isEmpty else { throw Refusal(.findingEmpty) }
        return try store.write { tx in
            let plan = try context(id, in: tx)
            let actor = try actor(acting, in: tx)
            let roles = plan.bindings.roles(of: actor.id)
            let inspecting = plan.workflow.permissions.roles(for: .inspect)
            guard let inspectorRole = inspecting.first(where: roles.contains) else {
                throw Refusal(.onlyRolesMayInspect(plan: "\(plan.label)", roles: .roles(inspecting, in: plan.workflow)))
            }
            guard case .inPhase(let phase) = plan.row.state else {
                throw Refusal(.planNotInPhase(plan: "\(plan.label)", state: plan.row.state.word))
            }
            let now = clock.now()
            let inspection = try tx.insert(
                InspectionRow(
                    planID: id, phase: phase, inspectorID: actor.id, at: now, finding: finding,
                    ordersRectification: order != nil))
            try tx.append(
                NewEvent(
                    .inspectionRecorded, plan: id, actor: actor.id, caller: acting.caller.label,
                    payload: InspectionRecorded(id: inspection.id!, phase: phase, finding: finding, order: order)), at: now)
            var ordered: TaskSummary?
            var warnings: [Message] = []
            if let order {
                guard plan.workflow.role(order.role) != nil else {
                    throw Refusal(.workflowHasNoRole(role: TypedText.excerpt("\(order.role)")))
                }
                guard let assignee = plan.bindings.person(for: order.role) else {
                    throw Refusal(.noOneHoldsRole(role: TypedText.excerpt("\(order.role)"), plan: "\(plan.label)"))
                }
                let verifier = order.verifier ?? inspectorRole
                guard plan.workflow.role(verifier) != nil else {
                    throw Refusal(.workflowHasNoRole(role: TypedText.excerpt("\(verifier)")))
                }
                guard verifier != order.role else {
                    throw Refusal(.verifierIsExecutor(role: TypedText.excerpt("\(verifier)")))
                }
                let due = plan.timeline.due(order.due, from: now)
                _ = try plan.timeline.bounded(due.value, .theRectificationDeadline)
                guard due.value > now else {
                    throw Refusal(.rectificationDeadlinePassed(deadline: plan.timeline.local(due.value)))
                }
                if let warning = due.warning(about: .theRectificationDeadline) { warnings.append(warning) }
                let title = try order.title.map { try PersonText.line($0, .whatTitle) } ?? "责令整改：" + String(finding.prefix(40))
                let row = try tx.insert(
                    TaskRow(
                        planID: id, phase: phase, templateKey: nil, inspectionID: inspection.id,
                        title: title, description: finding, measure: nil, responsibleRole: order.role,
                        verifierRole: verifier, required: true, assigneeID: assignee,
                        deadlineRule: order.due.description, deadline: due.value, issuedAt: now))
                try tx.append(
                    NewEvent(
                        .taskIssued, plan: id, task: row.id, actor: actor.id, caller: acting.caller.label,
                        payload: TaskIssued(row)), at: now)
                try refreshTimers(of: row, in: plan, tx)
                try announce(.issued, of: row, in: plan, tx)
                // An order is named in a circular (六（四）责令整改并进行通报), by the next pass.
                if plan.workflow.reports.circular != nil {
                    try tx.insertTimer(
                        NoticeSchedule.circular(
                            plan: id, afterInspection: inspection.id!, at: now, timeline: plan.timeline,
                            window: configuration.mail.sendWindow))
                }
                ordered = try summarize([row], in: tx).first
            }
            return InspectionOutcome(
                inspection: inspection.id!, plan: id.rawValue, phase: phase, phaseTitle: plan.workflow.phase(phase)?.title,
                finding: finding,
                ordered: ordered, warnings: warnings)
        }
    }
}

private struct InspectionRecorded: Encodable {
    var id: Int64
    var phase: PhaseKey
    var finding: String
    var ordersRectification: Bool
    var role: RoleKey?
    var due: String?

    init(id: Int64, phase: PhaseKey, finding: String, order: RectificationOrder?) {
        self.id = id
        self.phase = phase
        self.finding = finding
        ordersRectification = order != nil
        role = order?.role
        due = order?.due.description
    }

    enum CodingKeys: String, CodingKey {
        case id, phase, finding, ordersRectification = "orders_rectification", role, due
    }
}
