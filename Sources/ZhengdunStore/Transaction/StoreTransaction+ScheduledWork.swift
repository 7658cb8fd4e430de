import Foundation
import GRDB
import ZhengdunCore

/// Work the scheduler issues at a later instant: a recurring task's next occurrence, a plan's
/// look back once its consolidation period is over. A row waits until it is due; the pass that
/// issues the work deletes it in the same transaction.
public struct ScheduledWork: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case occurrence
        case lookBack = "look-back"
    }

    public var kind: Kind
    public var plan: PlanID
    public var dueAt: Date
    /// For an occurrence: the recurring task and which occurrence.
    public var task: TaskKey?
    public var occurrence: Int?

    public static func occurrence(_ number: Int, of task: TaskKey, plan: PlanID, at instant: Date) -> ScheduledWork {
        ScheduledWork(kind: .occurrence, plan: plan, dueAt: instant, task: task, occurrence: number)
    }

    public static func lookBack(of plan: PlanID, at instant: Date) -> ScheduledWork {
        ScheduledWork(kind: .lookBack, plan: plan, dueAt: instant)
    }

    /// `P3.occurrence.branch-meeting.4`, `P3.look-back`: the same work always has the same key.
    public var key: String {
        switch kind {
        case .occurrence: return "P\(plan.rawValue).occurrence.\(task?.rawValue ?? "").\(occurrence ?? 0)"
        case .lookBack: return "P\(plan.rawValue).look-back"
        }
    }
}

extension StoreTransaction {
    /// Schedules work unless it is scheduled already.
    public func schedule(_ work: ScheduledWork) throws {
        try run(
            "INSERT OR IGNORE INTO scheduled_work (key, due_at, kind, plan_id, task_key, occurrence) VALUES (?, ?, ?, ?, ?, ?)",
            [work.key, Millis.from(work.dueAt), work.kind.rawValue, work.plan.rawValue, work.task?.rawValue, work.occurrence])
    }

    /// The work due at `now`, earliest first.
    public func dueWork(at now: Date) throws -> [ScheduledWork] {
        try Row.fetchAll(
            db, sql: "SELECT due_at, kind, plan_id, task_key, occurrence FROM scheduled_work WHERE due_at <= ? ORDER BY due_at, key",
            arguments: [Millis.from(now)]
        ).map(Self.work)
    }

    public func unschedule(_ work: ScheduledWork) throws {
        try run("DELETE FROM scheduled_work WHERE key = ?", [work.key])
    }

    /// When the earliest scheduled work falls due.
    public func nextScheduledWork() throws -> Date? {
        try Int64.fetchOne(db, sql: "SELECT min(due_at) FROM scheduled_work").map(Millis.date)
    }

    private static func work(_ row: Row) -> ScheduledWork {
        ScheduledWork(
            kind: ScheduledWork.Kind(rawValue: row["kind"])!, plan: PlanID(row["plan_id"] as Int64), dueAt: Millis.date(row["due_at"]),
            task: (row["task_key"] as String?).map { TaskKey($0) }, occurrence: row["occurrence"])
    }
}
