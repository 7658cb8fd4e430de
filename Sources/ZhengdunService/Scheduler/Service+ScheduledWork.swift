import Foundation
import ZhengdunCore
import ZhengdunStore

/// Work issued at its instant rather than by a command: each period's occurrence of a recurring
/// task (三会一课), and the look back (回头看) once an accepted plan's consolidation period is
/// over. A pass issues what is due before it sends anything, so that an occurrence issued late
/// (after downtime) is sent for in the same pass, once, at the level it has reached.
extension Service {
    /// Issues the work due at `now`, in the caller's transaction; returns how many pieces.
    /// Work issued may schedule more that is due already (a catch-up over several periods):
    /// that is issued too, in order.
    @discardableResult
    func issueScheduledWork(at now: Date, _ tx: StoreTransaction) throws -> Int {
        var issued = 0
        // Read a round at a time: the work a round issues schedules the next periods, read by the next.
        var round = try tx.dueWork(at: now)
        while !round.isEmpty {
            for work in round {
                try tx.unschedule(work)
                // A plan gone since, or moved on, leaves nothing to issue.
                guard try tx.plan(work.plan) != nil else { continue }
                let plan = try context(work.plan, in: tx)
                switch work.kind {
                case .occurrence:
                    guard let key = work.task, let number = work.occurrence, let template = plan.workflow.task(key)?.task,
                        template.recurrence != nil
                    else { continue }
                    if try issueOccurrence(number, of: template, in: plan, at: now, tx) != nil { issued += 1 }
                case .lookBack:
                    if try beginLookBack(of: plan, at: now, tx) { issued += 1 }
                }
            }
            round = try tx.dueWork(at: now)
        }
        return issued
    }

    /// Starts a recurring task's series as its phase begins: its first occurrence is issued
    /// now when its period has begun, else scheduled for its period's first working day.
    func startSeries(of template: TaskTemplate, in plan: PlanContext, at now: Date, _ tx: StoreTransaction) throws -> TaskRow? {
        guard let recurrence = template.recurrence,
            let first = recurrence.occurrence(1, seriesStart: now, timeline: plan.timeline)
        else { return nil }
        guard first.issueAt <= now else {
            try tx.schedule(.occurrence(1, of: template.key, plan: plan.id, at: first.issueAt))
            return nil
        }
        return try issueOccurrence(1, of: template, in: plan, at: now, tx)
    }

    /// Issues occurrence `number` of a recurring task, due on its period's day, to the holder of
    /// its role, in the phase the plan is in; schedules the next. Nil when the series has
    /// ended: its phase is over (`until: phase`), the plan accepted or stopped, or its count run.
    func issueOccurrence(
        _ number: Int, of template: TaskTemplate, in plan: PlanContext, at now: Date, _ tx: StoreTransaction
    ) throws
        -> TaskRow?
    {
        guard let recurrence = template.recurrence, let home = plan.workflow.task(template.key)?.phase,
            let series = try tx.phases(of: plan.id).first(where: { $0.phase == home.key }),
            // The state as the transaction has it now: `plan advance` starts a series in the
            // phase it has just moved the plan into, after its context was read.
            case .inPhase(let current)? = try tx.plan(plan.id)?.state, plan.workflow.phaseIndex(current) != nil
        else { return nil }
        if case .phase = recurrence.until, current != home.key { return nil }
        guard let occurrence = recurrence.occurrence(number, seriesStart: series.startedAt, timeline: plan.timeline) else { return nil }
        let due = plan.timeline.local(occurrence.dueAt)
        let row = try tx.insert(
            TaskRow(
                planID: plan.id, phase: current, templateKey: template.key, inspectionID: nil,
                title: "\(template.title)（\(recurrence.periodName(occurrence.period, in: .zh))）", description: template.description,
                measure: template.measure, responsibleRole: template.responsible, verifierRole: template.verifier,
                required: template.required, assigneeID: plan.bindings.person(for: template.responsible)!,
                deadlineRule: DeadlineRule.on(due.date, at: due.time).description, deadline: occurrence.dueAt, issuedAt: now,
                occurrence: number))
        try tx.append(
            NewEvent(.taskIssued, plan: plan.id, task: row.id, actor: nil, caller: Self.schedulerCaller, payload: TaskIssued(row)),
            at: now)
        try refreshTimers(of: row, in: plan, tx)
        try announce(.issued, of: row, in: plan, tx)
        if let next = recurrence.occurrence(number + 1, seriesStart: series.startedAt, timeline: plan.timeline) {
            try tx.schedule(.occurrence(number + 1, of: template.key, plan: plan.id, at: next.issueAt))
        }
        return row
    }

    /// Cancels the occurrences not yet due of the series that end as a plan leaves `phase`
    /// for `state`: a phase's own series (`until: phase`) as it ends, every series at the
    /// acceptance (or a cancellation, which cancels all open work itself). An occurrence already
    /// due stays open: it was to be done in its period, and its gate was passed over it.
    func endSeries(
        of plan: PlanContext, leaving phase: PhaseKey, for state: PlanState, at now: Date, by actor: PersonID?, caller: String,
        _ tx: StoreTransaction
    ) throws {
        let reason: String
        switch state {
        case .inPhase: reason = "阶段已转段，本期不再办理"
        case .accepted, .closed: reason = "整顿已验收，本期不再办理"
        case .draft, .rebound, .cancelled: return
        }
        let ending = try tx.tasks(TaskFilter(plan: plan.id)).filter { task in
            guard task.occurrence != nil, task.deadline > now,
                let recurrence = task.templateKey.flatMap({ plan.workflow.task($0)?.task.recurrence })
            else { return false }
            if case .inPhase = state { return recurrence.until == .phase && task.phase == phase }
            return true
        }
        try cancelWithPlan(ending, reason: reason, in: plan, by: actor, caller: caller, at: now, tx)
    }

    /// Schedules the look back of a plan just accepted, when its workflow has one.
    func scheduleLookBack(of plan: PlanContext, acceptedAt now: Date, _ tx: StoreTransaction) throws {
        guard let lookBack = plan.workflow.lookBack else { return }
        try tx.schedule(.lookBack(of: plan.id, at: lookBack.begins(acceptedAt: now, timeline: plan.timeline)))
    }

    /// The consolidation period is over: the plan begins its look back and its tasks are
    /// issued. False when the plan is no longer accepted (cancelled, or begun already).
    private func beginLookBack(of plan: PlanContext, at now: Date, _ tx: StoreTransaction) throws -> Bool {
        guard let transition = PlanMachine.lookBackBegins(state: plan.row.state, workflow: plan.workflow),
            let phase = transition.issuing
        else { return false }
        try tx.setState(transition.to, of: plan.id)
        try tx.start(PlanPhaseRow(planID: plan.id, phase: phase.key, ordinal: plan.workflow.phases.count + 1, startedAt: now))
        try tx.append(
            NewEvent(transition.event.kind, plan: plan.id, actor: nil, caller: Self.schedulerCaller, payload: transition.event), at: now)
        _ = try issue(phase, of: try context(plan.id, in: tx), holders: [:], at: now, by: nil, caller: Self.schedulerCaller, in: tx)
        return true
    }

    /// How the event log names the scheduler when it issues work on its own.
    static let schedulerCaller = "scheduler"
}
