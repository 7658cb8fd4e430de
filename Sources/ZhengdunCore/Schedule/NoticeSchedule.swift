import Foundation

/// What a notice is about.
public enum NoticeKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 签收提醒: an issued task not yet acknowledged.
    case acknowledgeReminder = "acknowledge"
    /// 催办: a deadline is near.
    case deadlineReminder = "reminder"
    /// 督办: a deadline has passed; one notice per level of the ladder.
    case escalation
    /// The weekly progress report.
    case progressReport = "progress"
    /// 通报: who is late and what was ordered.
    case circular
    /// 交办通知: a task handed to a person (issued at a phase start, ordered by an inspection,
    /// or reassigned to them).
    case issued
    /// 退回整改通知: a submission sent back, with the reason and the new deadline.
    case returned
    /// 验收销号通知: the work accepted and the task closed.
    case verified
    /// 延期通知: the deadline moved, with the reason.
    case extended
    /// 改派通知, to the person a task was taken from.
    case reassigned
    /// The answer to a reply by mail: what was done, or why nothing was.
    case reply

    /// The kinds planned from a task's deadline, which a task command plans anew. A task's other
    /// timers announce a change once (`TaskChange`).
    public static let planned: Set<NoticeKind> = [.acknowledgeReminder, .deadlineReminder, .escalation]
}

/// A task as the schedule sees it: where it stands and since when.
public struct ScheduledTask: Sendable, Hashable {
    public var id: TaskID
    public var plan: PlanID
    public var state: TaskState
    /// When the current assignee received it (issue or reassignment).
    public var assignedAt: Date
    public var assignmentVersion: Int
    public var deadline: Date
    public var deadlineVersion: Int
    /// When the current deadline was set (issue, return or extension).
    public var deadlineSetAt: Date

    public init(
        id: TaskID, plan: PlanID, state: TaskState, assignedAt: Date, assignmentVersion: Int, deadline: Date,
        deadlineVersion: Int, deadlineSetAt: Date
    ) {
        self.id = id
        self.plan = plan
        self.state = state
        self.assignedAt = assignedAt
        self.assignmentVersion = assignmentVersion
        self.deadline = deadline
        self.deadlineVersion = deadlineVersion
        self.deadlineSetAt = deadlineSetAt
    }
}

/// A notice that falls due at an instant unless the task moves on first: what the database
/// keeps as a timer row. Its key is its idempotency key: the same notice always has the same
/// key, and a notice for an old deadline or an old assignee has another.
public struct PlannedNotice: Sendable, Hashable {
    public var key: String
    public var kind: NoticeKind
    /// The plan concerned; nil for the township-wide progress report.
    public var plan: PlanID?
    public var task: TaskID?
    public var dueAt: Date
    /// The escalation level, for escalations.
    public var level: Int?
    /// How long before the deadline, for reminders.
    public var offset: CalendarSpan?
    /// When it fell due, where that was outside the send window and `dueAt` is the window's
    /// next opening.
    public var fellDueAt: Date?

    public init(
        key: String, kind: NoticeKind, plan: PlanID?, task: TaskID?, dueAt: Date, level: Int? = nil, offset: CalendarSpan? = nil,
        fellDueAt: Date? = nil
    ) {
        self.key = key
        self.kind = kind
        self.plan = plan
        self.task = task
        self.dueAt = dueAt
        self.level = level
        self.offset = offset
        self.fellDueAt = fellDueAt
    }

    /// The notice sent at the first instant of `window` at or after it falls due.
    func inside(_ window: SendWindow?, timeline: Timeline) -> PlannedNotice {
        guard let window else { return self }
        let opening = window.earliest(atOrAfter: dueAt, timeline: timeline)
        guard opening != dueAt else { return self }
        var moved = self
        moved.fellDueAt = dueAt
        moved.dueAt = opening
        return moved
    }

    /// How the key of every notice about `task` begins (`T12.`): a task's timers are one stretch
    /// of keys, which is how the store finds them.
    public static func keyPrefix(of task: TaskID) -> String { "T\(task.rawValue)." }
}

/// A notice to send now: the most pressing of what fell due for one task, naming what it
/// stands for (several reminders or ladder levels missed while nothing ran become one notice).
public struct DueNotice: Sendable, Hashable {
    public var notice: PlannedNotice
    /// Sent more than `NoticeSchedule.lateness` after it fell due (after downtime).
    public var late: Bool
    /// Notices that fell due with it and that it stands for, oldest first.
    public var folded: [PlannedNotice]

    public init(notice: PlannedNotice, late: Bool, folded: [PlannedNotice]) {
        self.notice = notice
        self.late = late
        self.folded = folded
    }

    /// Escalation levels reached earlier and folded into this one.
    public var earlierLevels: [Int] { folded.compactMap { $0.kind == .escalation ? $0.level : nil } }
}

/// The notices a task will get, worked out from its state, its deadline and the workflow's
/// policy; and, when some fall due, which to send. Pure: the same inputs give the same notices.
public enum NoticeSchedule {
    /// A notice sent later than this after it fell due is marked late.
    public static let lateness: TimeInterval = 60

    /// Everything still to come for `task`: the acknowledgement reminder while it is issued and
    /// not acknowledged, reminders before the deadline, and each level of the ladder after it.
    /// A task that is submitted, verified or cancelled waits on nobody and gets nothing.
    /// `kinds` keeps to the notices of those kinds (a pass checks due timers against the
    /// notices of their own kinds, and a key names its kind).
    ///
    /// With a send `window`, each notice goes out at the window's first instant at or after it
    /// falls due, and remembers when that was; a reminder that would then go out on the day
    /// its deadline was set (issue, return, extension) is not sent: the person was just told.
    public static func planned(
        for task: ScheduledTask, reminders: ReminderPolicy, escalation: [EscalationLevel],
        timeline: Timeline, window: SendWindow? = nil, kinds: Set<NoticeKind> = NoticeKind.planned
    ) -> [PlannedNotice] {
        guard task.state.isAwaitingAssignee else { return [] }
        var notices: [PlannedNotice] = []
        let prefix = PlannedNotice.keyPrefix(of: task.id)
        if task.state == .issued, let acknowledge = reminders.acknowledge, kinds.contains(.acknowledgeReminder) {
            notices.append(
                PlannedNotice(
                    key: "\(prefix)acknowledge.a\(task.assignmentVersion)", kind: .acknowledgeReminder,
                    plan: task.plan, task: task.id, dueAt: timeline.adding(acknowledge.after, to: task.assignedAt).value
                ).inside(window, timeline: timeline))
        }
        let setOn = timeline.local(task.deadlineSetAt).date
        for reminder in reminders.beforeDeadline where kinds.contains(.deadlineReminder) {
            let at = timeline.subtracting(reminder.before, from: task.deadline).value
            // A reminder that would fall before the deadline was set has nothing to remind of.
            guard at > task.deadlineSetAt else { continue }
            let notice = PlannedNotice(
                key: "\(prefix)reminder.\(reminder.before).d\(task.deadlineVersion)", kind: .deadlineReminder,
                plan: task.plan, task: task.id, dueAt: at, offset: reminder.before
            ).inside(window, timeline: timeline)
            if window != nil && timeline.local(notice.dueAt).date == setOn { continue }
            notices.append(notice)
        }
        for level in escalation where kinds.contains(.escalation) {
            notices.append(
                PlannedNotice(
                    key: "\(prefix)escalation.\(level.level).d\(task.deadlineVersion)", kind: .escalation,
                    plan: task.plan, task: task.id, dueAt: timeline.adding(level.after, to: task.deadline).value,
                    level: level.level
                ).inside(window, timeline: timeline))
        }
        return notices
    }

    /// Which of a task's due timers to send at `now`. Timers no longer in the task's plan (it
    /// moved on, its deadline changed) are stale and dropped; timers the send window now holds
    /// until later (a window set or changed since they were planned) wait, as `later`, at their
    /// new instant; of the rest, the most pressing is sent and stands for the others.
    public static func fire(
        _ due: [PlannedNotice], current: [PlannedNotice], now: Date
    ) -> (send: DueNotice?, stale: [PlannedNotice], later: [PlannedNotice]) {
        // A task plans a handful of notices: looking along them is quicker than hashing their keys.
        var stale: [PlannedNotice] = []
        var later: [PlannedNotice] = []
        // A live timer is sent as planned now, which knows when it fell due outside the window.
        let live = due.compactMap { timer -> PlannedNotice? in
            guard let planned = current.first(where: { $0.key == timer.key }) else {
                stale.append(timer)
                return nil
            }
            // Held for the send window: planned to go out later than its timer says.
            guard planned.dueAt <= now || planned.fellDueAt == nil else {
                later.append(planned)
                return nil
            }
            var notice = timer
            notice.fellDueAt = planned.fellDueAt
            return notice
        }.sorted { ($0.dueAt, rank($0)) < ($1.dueAt, rank($1)) }
        guard let chosen = live.max(by: { rank($0) < rank($1) || (rank($0) == rank($1) && $0.dueAt < $1.dueAt) }) else {
            return (nil, stale, later)
        }
        let folded = live.filter { $0.key != chosen.key }
        return (DueNotice(notice: chosen, late: now.timeIntervalSince(chosen.dueAt) > lateness, folded: folded), stale, later)
    }

    /// How pressing a notice is: the ladder above reminders, higher levels above lower.
    static func rank(_ notice: PlannedNotice) -> Int {
        switch notice.kind {
        case .escalation: return 100 + (notice.level ?? 0)
        case .deadlineReminder: return 10
        case .acknowledgeReminder: return 5
        case .progressReport, .circular, .issued, .returned, .verified, .extended, .reassigned, .reply: return 0
        }
    }

    /// The highest level of the ladder `task` has reached at `now` (0 when not overdue).
    public static func escalationLevel(of task: ScheduledTask, escalation: [EscalationLevel], timeline: Timeline, at now: Date) -> Int {
        guard task.state.isAwaitingAssignee, now >= task.deadline else { return 0 }
        return escalation.filter { timeline.adding($0.after, to: task.deadline).value <= now }.map(\.level).max() ?? 0
    }

    /// The next weekly progress report after `now`.
    public static func nextProgressReport(_ schedule: ProgressReportSchedule, after now: Date, timeline: Timeline) -> Date {
        let today = timeline.local(now).date
        for days in 0...7 {
            let date = today.adding(days: days)
            guard date.weekday == schedule.every else { continue }
            let at = timeline.instant(date, schedule.at)
            if at > now { return at }
        }
        return timeline.instant(today.adding(days: 7), schedule.at)
    }

    /// The weekly report due at `instant`: one per schedule and week.
    public static func progressReport(_ schedule: ProgressReportSchedule, at instant: Date, timeline: Timeline) -> PlannedNotice {
        PlannedNotice(
            key: "progress.\(schedule.every.rawValue).\(schedule.at).\(timeline.local(instant).date)", kind: .progressReport,
            plan: nil, task: nil, dueAt: instant)
    }

    /// The weekday and time a progress report's key names: `progress.monday.09:00.2026-03-09`.
    public static func progressSchedule(of key: String) -> (every: Weekday, at: LocalTime)? {
        let parts = key.split(separator: ".")
        guard parts.count == 4, parts[0] == "progress", let day = Weekday(rawValue: String(parts[1])),
            let time = try? LocalTime.parse(String(parts[2]))
        else { return nil }
        return (day, time)
    }

    /// The circular that follows an inspection that ordered rectification in `plan` (六（四）
    /// 责令整改并进行通报): due when the order is made, inside the send window.
    public static func circular(
        plan: PlanID, afterInspection inspection: Int64, at instant: Date, timeline: Timeline, window: SendWindow?
    )
        -> PlannedNotice
    {
        PlannedNotice(
            key: "circular.P\(plan.rawValue).after.inspection.\(inspection)", kind: .circular, plan: plan, task: nil, dueAt: instant
        )
        .inside(window, timeline: timeline)
    }

    /// The circular that follows escalations in `plan` reaching a level that calls for one.
    public static func circular(plan: PlanID, after escalation: PlannedNotice) -> PlannedNotice {
        PlannedNotice(
            key: "circular.P\(plan.rawValue).after.\(escalation.key)", kind: .circular, plan: plan, task: nil, dueAt: escalation.dueAt)
    }
}
