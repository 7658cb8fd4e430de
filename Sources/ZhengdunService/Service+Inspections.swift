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

/// A finding that sends items of the problem list back to work (回头看发现问题反弹): each
/// closed item named is reopened, due again by `due`.
public struct Reopening: Sendable, Codable {
    /// The items by number (`2` for Q2).
    public var problems: [Int]
    public var due: DeadlineRule

    public init(problems: [Int], due: DeadlineRule) {
        self.problems = problems
        self.due = due
    }
}

extension Service {
    /// `inspect`: records an inspection (督查) of a plan in its current phase; an order of
    /// rectification issues a required task to the person holding `order.role`; a reopening
    /// sends closed items of the problem list back to work. The inspection counts towards the
    /// standing duty of the inspector's role (随机检查督导). During the look back (回头看), a
    /// finding that orders rectification or reopens an item puts the plan back under watch (反弹).
    public func inspect(
        _ id: PlanID, finding: String, order: RectificationOrder?, reopen: Reopening? = nil, by acting: Acting
    ) throws -> InspectionOutcome {
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
            guard let phase = plan.row.state.workingPhase(in: plan.workflow) else {
                throw Refusal(.planNotInPhase(plan: "\(plan.label)", state: plan.row.state.word))
            }
            let now = clock.now()
            let duty = plan.workflow.duty(of: roles).flatMap { $0.belongs(to: phase) ? $0.key : nil }
            let inspection = try tx.insert(
                InspectionRow(
                    planID: id, phase: phase, inspectorID: actor.id, at: now, finding: finding,
                    ordersRectification: order != nil, duty: duty))
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
            var reopened: [String] = []
            if let reopen {
                let due = plan.timeline.due(reopen.due, from: now)
                guard due.value > now else { throw Refusal(.rectificationDeadlinePassed(deadline: plan.timeline.local(due.value))) }
                if let warning = due.warning(about: .theRectificationDeadline) { warnings.append(warning) }
                for number in reopen.problems {
                    reopened.append(
                        try self.reopen(number, of: plan, finding: finding, due: due.value, by: actor.id, acting.caller.label, at: now, tx))
                }
            }
            var rebounded = false
            if order != nil || !reopened.isEmpty,
                let transition = PlanMachine.rebound(state: plan.row.state, workflow: plan.workflow, finding: finding)
            {
                try tx.setState(transition.to, of: id)
                try tx.append(
                    NewEvent(
                        transition.event.kind, plan: id, actor: actor.id, caller: acting.caller.label,
                        payload: transition.event), at: now)
                rebounded = true
            }
            return InspectionOutcome(
                inspection: inspection.id!, plan: id.rawValue, phase: phase, phaseTitle: plan.workflow.phase(phase)?.title,
                finding: finding, ordered: ordered, duty: duty.flatMap { key in plan.workflow.duties.first { $0.key == key }?.title },
                reopened: reopened, rebounded: rebounded, warnings: warnings)
        }
    }
}

extension Service {
    /// Sends a closed item of the problem list back to work with the finding as the reason:
    /// its task is returned to its person with a new deadline, and they are told (退回整改).
    /// Returns the item's label, `Q2`.
    fileprivate func reopen(
        _ number: Int, of plan: PlanContext, finding: String, due: Date, by actor: PersonID, _ caller: String, at now: Date,
        _ tx: StoreTransaction
    ) throws -> String {
        let problem = try problemRow(number, of: plan.id, in: tx)
        let label = "\(plan.label) \(problem.label)"
        guard var task = try tx.problemTasks(of: [problem.id!])[problem.id!] else {
            throw Refusal(.problemWithoutTask(problem: label))
        }
        let state = ProblemState(task: task.state, carried: problem.carriedAt != nil)
        guard let reopened = TaskMachine.reopened(task.facts, reason: "回头看发现：\(finding)", deadline: due, at: now) else {
            throw Refusal(.problemNotClosed(problem: label, state: state.word))
        }
        task.facts = reopened.after
        try tx.update(task)
        try refreshTimers(of: task, in: plan, tx)
        try announce(.returned, of: task, in: plan, tx)
        try tx.append(
            NewEvent(reopened.event.kind, plan: plan.id, task: task.id, actor: actor, caller: caller, payload: reopened.event), at: now)
        return problem.label
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
