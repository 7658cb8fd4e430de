import Foundation

/// A change a task command made that the people concerned are told of once: 交办, 退回整改,
/// 验收销号, 延期, 改派. Unlike reminders and the ladder, which are planned from the deadline,
/// each is announced when it happens (inside the send window) and goes out in the next pass.
public enum TaskChange: Sendable, Hashable {
    /// Handed to its assignee: issued, ordered by an inspection, or reassigned to them.
    case issued
    case returned
    case verified
    case extended
    /// Taken from `from` and given to the task's assignee (who is told by `.issued`).
    case reassigned(from: PersonID)
}

extension NoticeSchedule {
    /// The notice that announces `change` to `task` as it now stands, due at `now` or at the
    /// send window's next opening. Its key names the assignment or deadline it is about, so a
    /// change made again later is a new notice.
    public static func announcement(
        of change: TaskChange, for task: ScheduledTask, at now: Date, timeline: Timeline, window: SendWindow?
    ) -> PlannedNotice {
        let (kind, key) = announced(change, task)
        return PlannedNotice(key: key, kind: kind, plan: task.plan, task: task.id, dueAt: now).inside(window, timeline: timeline)
    }

    private static func announced(_ change: TaskChange, _ task: ScheduledTask) -> (NoticeKind, String) {
        let prefix = PlannedNotice.keyPrefix(of: task.id)
        switch change {
        case .issued: return (.issued, "\(prefix)issued.a\(task.assignmentVersion)")
        case .returned: return (.returned, "\(prefix)returned.d\(task.deadlineVersion)")
        case .verified: return (.verified, "\(prefix)verified")
        case .extended: return (.extended, "\(prefix)extended.d\(task.deadlineVersion)")
        case .reassigned(let from): return (.reassigned, "\(reassignedPrefix(task)).\(from.rawValue)")
        }
    }

    /// Whether an announcement still says something true of `task`: a 交办 the assignee has
    /// acknowledged already, a return or extension since superseded, is not sent. The person a
    /// task was taken from is told whatever the new assignee has done since.
    public static func isLive(_ announcement: PlannedNotice, for task: ScheduledTask) -> Bool {
        let now = { (change: TaskChange) in announced(change, task).1 }
        switch announcement.kind {
        case .issued: return task.state == .issued && announcement.key == now(.issued)
        case .returned: return task.state == .returned && announcement.key == now(.returned)
        case .extended: return task.state.isAwaitingAssignee && announcement.key == now(.extended)
        case .verified: return task.state == .verified
        case .reassigned: return announcement.key.hasPrefix(reassignedPrefix(task) + ".")
        case .acknowledgeReminder, .deadlineReminder, .escalation, .progressReport, .circular, .reply: return false
        }
    }

    /// The person a 改派 notice is for: the one the task was taken from, whom its key names.
    public static func reassignedFrom(_ announcement: PlannedNotice) -> PersonID? {
        guard announcement.kind == .reassigned, let task = announcement.task else { return nil }
        let prefix = "\(PlannedNotice.keyPrefix(of: task))reassigned.a"
        guard announcement.key.hasPrefix(prefix), let dot = announcement.key.dropFirst(prefix.count).firstIndex(of: ".") else {
            return nil
        }
        return PersonID(String(announcement.key[announcement.key.index(after: dot)...]))
    }

    private static func reassignedPrefix(_ task: ScheduledTask) -> String {
        "\(PlannedNotice.keyPrefix(of: task.id))reassigned.a\(task.assignmentVersion)"
    }
}
