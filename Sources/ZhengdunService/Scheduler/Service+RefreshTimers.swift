import ZhengdunCore
import ZhengdunStore

/// The scheduler's part in every task command: the task's notices are planned again in the
/// command's own transaction, so that the timers a pass finds stand for the task as it is.
extension Service {
    /// Recomputes a task's planned notices after it changed; in the caller's transaction.
    func refreshTimers(of task: TaskRow, in plan: PlanContext, _ tx: StoreTransaction) throws {
        try tx.replaceTimers(
            of: task.id!,
            with: NoticeSchedule.planned(
                for: task.scheduled, reminders: plan.workflow.reminders,
                escalation: plan.workflow.escalation, timeline: plan.timeline, window: configuration.mail.sendWindow))
    }
}
