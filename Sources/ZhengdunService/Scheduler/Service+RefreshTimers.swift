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

    /// Plans the notice that tells the people concerned of `change` (交办, 退回整改, 验收销号,
    /// 延期, 改派), due now or at the send window's next opening; in the caller's transaction.
    func announce(_ change: TaskChange, of task: TaskRow, in plan: PlanContext, _ tx: StoreTransaction) throws {
        try tx.insertTimer(
            NoticeSchedule.announcement(
                of: change, for: task.scheduled, at: clock.now(), timeline: plan.timeline, window: configuration.mail.sendWindow))
    }
}
