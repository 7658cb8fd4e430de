import Foundation
import ZhengdunCore
import ZhengdunStore

/// A task's due timers in a pass, with what deciding on them needs.
struct TaskTimers: Sendable {
    var timers: [PlannedNotice]
    /// Nil when the task is gone.
    var task: TaskRow?
    var plan: PlanContext?
    /// The inspection that ordered the task, when it did and its 交办 is due.
    var inspection: InspectionRow?
    /// The item of the problem list the task puts right, whose leader is copied on its 督办.
    var problem: ProblemRow?

    /// Which notices go out now, to whom, and what each says: pure, on any thread. Each change
    /// announced (交办, 退回, 验收销号, 延期, 改派) that is still true goes out; of the reminders
    /// and the ladder's levels, the most pressing goes out and stands for the others.
    func decided(at now: Date, writing: WritingContext, zone: TimeZone) -> Result<DueOutcome, any Error> {
        Result {
            guard let task, let plan else { return DueOutcome(stale: timers.map(\.key)) }
            let scheduled = task.scheduled
            var outcome = DueOutcome(stale: [])
            var planned: [PlannedNotice] = []
            // The 交办, held back in case a 督办 due with it stands for it.
            var handover: DueNotice?
            for timer in timers {
                if NoticeKind.planned.contains(timer.kind) {
                    planned.append(timer)
                } else if NoticeSchedule.isLive(timer, for: scheduled) {
                    let late = now.timeIntervalSince(timer.dueAt) > NoticeSchedule.lateness
                    if timer.kind == .issued {
                        handover = DueNotice(notice: timer, late: late, folded: [])
                        continue
                    }
                    try outcome.add(
                        DueNotice(notice: timer, late: late, folded: []), task: task, plan: plan, inspection: inspection,
                        problem: problem, writing, now)
                } else {
                    outcome.stale.append(timer.key)
                }
            }
            func handOver() throws {
                guard let given = handover.take() else { return }
                try outcome.add(given, task: task, plan: plan, inspection: inspection, problem: problem, writing, now)
            }
            // A plan accepted, signed off or cancelled holds its tasks as they are: nobody can act
            // on one any more, so nobody is reminded of it or escalated for it.
            if plan.row.state.isFinished {
                outcome.stale += planned.map(\.key)
                planned = []
            }
            guard !planned.isEmpty else {
                try handOver()
                return outcome
            }
            // The timers are checked against what the task would be planned now, of their kinds.
            let current = NoticeSchedule.planned(
                for: scheduled, reminders: plan.workflow.reminders, escalation: plan.workflow.escalation,
                timeline: plan.timeline, window: writing.window, kinds: Set(planned.map(\.kind)))
            let (due, stale, later) = NoticeSchedule.fire(planned, current: current, now: now)
            outcome.stale += stale.map(\.key)
            outcome.later = later
            guard var due else {
                try handOver()
                return outcome
            }
            // An occurrence is issued by the pass that sends its 交办: one issued late, by a
            // catch-up after downtime, gets one notice, as every open task does then. Past its
            // deadline, that is the 督办 at the level it has reached, which stands for the 交办;
            // before it, the 交办, which stands for the reminder.
            let catchingUp = task.occurrence != nil
            if catchingUp, due.notice.kind == .escalation, let given = handover.take() {
                due.folded.insert(given.notice, at: 0)
            }
            try handOver()
            // A task handed over in this pass needs no separate reminder to acknowledge it: the
            // 交办 asks for that, and stands for the reminder.
            if due.notice.kind == .acknowledgeReminder || (catchingUp && due.notice.kind == .deadlineReminder),
                let handed = outcome.sent.firstIndex(where: { $0.kind == .issued })
            {
                let reminders = [due.notice] + due.folded
                outcome.sent[handed].folded += reminders.map(\.key)
                outcome.ledger += reminders.map {
                    NoticeRow($0, recordedAt: now, late: due.late, foldedInto: outcome.sent[handed].key, details: nil)
                }
                return outcome
            }
            try outcome.add(due, task: task, plan: plan, inspection: nil, problem: problem, writing, now)
            if due.notice.kind == .escalation, plan.workflow.escalation.contains(where: { $0.level == due.notice.level && $0.circular }) {
                outcome.circular = NoticeSchedule.circular(plan: plan.id, after: due.notice)
            }
            return outcome
        }
    }
}

/// One notice's message to the person it is addressed to (主送), with the people it is copied
/// to (抄送): a pass gathers each person's letters into one message.
struct Letter: Sendable {
    var key: String
    var to: PersonRow
    var cc: [PersonRow]
    var text: NoticeText.Prepared
}

/// What a task's due timers come to: the keys of timers dropped because the task moved on; the
/// notices sent, as the report tells them, their rows in the ledger and their letters; the
/// circular they call for.
struct DueOutcome: Sendable {
    var stale: [String]
    /// Timers that wait for a later instant than they were planned at (the send window).
    var later: [PlannedNotice] = []
    var sent: [PassReport.Sent] = []
    var ledger: [NoticeRow] = []
    var letters: [Letter] = []
    var circular: PlannedNotice?

    /// Adds a notice sent: written once, addressed to each person it is for.
    mutating func add(
        _ due: DueNotice, task: TaskRow, plan: PlanContext, inspection: InspectionRow?, problem: ProblemRow?,
        _ writing: WritingContext, _ now: Date
    ) throws {
        let notice = due.notice
        let person = { (id: PersonID) in writing.people[id] ?? nil }
        let addressed = Service.addressed([notice] + due.folded, task: task, plan: plan, leader: problem?.leaderID, person: person)
        let assignee = person(task.assigneeID)
        // A 改派 notice is written to the person the task was taken from; every other, of the assignee.
        var readers = NoticeText.Readers(addressee: notice.kind == .reassigned ? addressed.first?.to : assignee, assignee: assignee)
        readers.copied = addressed.first?.cc ?? []
        if let inspection {
            // Named as the office names an inspector: by the title under which they inspect.
            let inspecting = plan.workflow.permissions.roles(for: .inspect).first {
                plan.bindings.people(for: $0).contains(inspection.inspectorID)
            }
            readers.inspection = (inspection, inspecting.flatMap { plan.workflow.role($0)?.title } ?? "", person(inspection.inspectorID))
        }
        let text = writing.text.task(due, task: task, plan: plan, readers: readers, at: now)
        sent.append(
            PassReport.Sent(
                key: notice.key, kind: notice.kind, plan: notice.plan?.rawValue, task: notice.task?.rawValue,
                level: notice.level, dueAt: notice.dueAt, late: due.late, folded: due.folded.map(\.key),
                recipients: addressed.flatMap { [$0.to.id] + $0.cc.map(\.person.id) }, subject: text.subject))
        ledger += Service.ledger(notice, late: due.late, folded: due.folded, subject: text.subject, at: now)
        letters += addressed.map { Letter(key: notice.key, to: $0.to, cc: $0.cc.map(\.person), text: text) }
    }
}

/// A part of a batch's tasks, read, with the work of deciding on each.
typealias Parted = OrderedWork<TaskTimers, Result<DueOutcome, any Error>>
