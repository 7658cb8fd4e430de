import Foundation
import ZhengdunCore
import ZhengdunStore

/// A task's due timers in a pass, with what deciding on them needs.
struct TaskTimers: Sendable {
    var timers: [PlannedNotice]
    /// Nil when the task is gone.
    var task: TaskRow?
    var plan: PlanContext?

    /// Which notice goes out now, to whom, and its message to each: pure, on any thread.
    func decided(at now: Date, writing: WritingContext, zone: TimeZone) -> Result<DueOutcome, any Error> {
        Result {
            guard let task, let plan else { return DueOutcome(stale: timers.map(\.key)) }
            // The timers are checked against what the task would be planned now, of their kinds.
            let current = NoticeSchedule.planned(
                for: task.scheduled, reminders: plan.workflow.reminders, escalation: plan.workflow.escalation,
                timeline: plan.timeline, window: writing.window, kinds: Set(timers.map(\.kind)))
            let (due, stale, later) = NoticeSchedule.fire(timers, current: current, now: now)
            guard let due else { return DueOutcome(stale: stale.map(\.key), later: later) }
            let notice = due.notice
            // Everyone any of the notices it folds was for hears it now.
            let named = ([notice] + due.folded).flatMap { Service.recipients(of: $0, in: plan.workflow) }
            let people = Service.recipients(named, task: task, plan: plan) { writing.people[$0] ?? nil }
            let text = writing.text.task(due, task: task, plan: plan, assignee: writing.people[task.assigneeID] ?? nil, at: now)
            var outcome = DueOutcome(stale: stale.map(\.key), later: later)
            outcome.sent = PassReport.Sent(
                key: notice.key, kind: notice.kind, plan: notice.plan?.rawValue, task: notice.task?.rawValue,
                level: notice.level, dueAt: notice.dueAt, late: due.late, folded: due.folded.map(\.key),
                recipients: people.map(\.id), subject: text.subject)
            outcome.ledger = Service.ledger(notice, late: due.late, folded: due.folded, subject: text.subject, at: now)
            outcome.outbox = try people.map {
                Service.queued(text, key: notice.key, to: $0, at: try writing.address(of: $0), from: writing.from, zone: zone, at: now)
            }
            if notice.kind == .escalation, plan.workflow.escalation.contains(where: { $0.level == notice.level && $0.circular }) {
                outcome.circular = NoticeSchedule.circular(plan: plan.id, after: notice)
            }
            return outcome
        }
    }
}

/// What a task's due timers come to: the keys of timers dropped because the task moved on; the
/// notice sent, as the report tells it, its rows in the ledger and its messages; the circular it
/// calls for.
struct DueOutcome: Sendable {
    var stale: [String]
    /// Timers that wait for a later instant than they were planned at (the send window).
    var later: [PlannedNotice] = []
    var sent: PassReport.Sent?
    var ledger: [NoticeRow] = []
    var outbox: [OutboxRow] = []
    var circular: PlannedNotice?
}

/// A part of a batch's tasks, read, with the work of deciding on each.
typealias Parted = OrderedWork<TaskTimers, Result<DueOutcome, any Error>>
