import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

/// Whose deadlines a calendar export holds.
public enum CalendarSubject: Sendable, Codable {
    /// The tasks a person is responsible for, in every plan.
    case person(PersonID)
    case plan(PlanID)
    /// Every task of a campaign's plans, the township's own work among them.
    case campaign(CampaignID)
}

/// Task deadlines for a calendar program (`calendar export`): one event per task that is not
/// cancelled, each with an alarm for every reminder before its deadline (催办) still to come.
public struct DeadlineCalendar: Codable, Sendable {
    /// What a calendar program shows as its name: whose deadlines these are.
    public var name: String
    /// When the export was made.
    public var at: Date
    public var events: [DeadlineEvent]
}

/// A task's deadline as a calendar event.
public struct DeadlineEvent: Codable, Sendable {
    /// When a reminder before the deadline falls, on the plan's working-day calendar.
    public struct Alarm: Codable, Sendable {
        public var at: Date
        /// How long before the deadline (`3wd`).
        public var before: CalendarSpan
    }

    /// The same for the task in every export (`zhengdun-T12@town.example.cn`), so that a
    /// calendar program importing it again updates the event instead of adding another.
    public var uid: String
    /// Raised by every change of the deadline (a return, an extension): 0 for the first.
    public var sequence: Int
    public var task: TaskSummary
    public var phaseTitle: String
    public var description: String?
    public var deadlineRule: String
    public var originalDeadline: Date
    /// Only for tasks waiting on their assignee: submitted and verified work is reminded of no more.
    public var alarms: [Alarm]

    enum CodingKeys: String, CodingKey {
        case uid, sequence, task, phaseTitle = "phase_title", description, deadlineRule = "deadline_rule"
        case originalDeadline = "original_deadline", alarms
    }
}

extension Service {
    /// The deadlines of a person's tasks in every plan, or of a plan's tasks, as of now.
    /// Verified and submitted tasks stay in, without alarms, so that importing the calendar
    /// again silences the event of work already done instead of leaving it behind.
    public func deadlineCalendar(_ subject: CalendarSubject) throws -> DeadlineCalendar {
        let domain = try MailAddress.parse(configuration.mail.from).domain
        return try store.read { tx in
            let now = clock.now()
            var filter = TaskFilter(states: Set(TaskState.allCases.filter { $0 != .cancelled }))
            let name: String
            switch subject {
            case .person(let id):
                guard let person = try tx.person(id) else { throw Refusal(.noPerson(person: TypedText.excerpt("\(id)"))) }
                filter.assignee = id
                name = "整顿任务 \(person.name)（\(id)）"
            case .plan(let id):
                let plan = try context(id, in: tx)
                filter.plan = id
                name = "整顿任务 \(plan.label) \(plan.row.village)"
            case .campaign(let id):
                guard let campaign = try tx.campaign(id) else { throw Refusal(.noCampaign(campaign: "C\(id.rawValue)")) }
                filter.campaign = id
                name = "整顿任务 C\(id.rawValue) \(campaign.title)"
            }
            let rows = try tx.tasks(filter)
            var plans: [PlanID: PlanContext] = [:]
            let events = try zip(rows, try summarize(rows, in: tx)).map { row, summary in
                if plans[row.planID] == nil { plans[row.planID] = try context(row.planID, in: tx) }
                let plan = plans[row.planID]!
                // The reminders the scheduler will send, worked out by its own rule.
                let alarms = NoticeSchedule.planned(
                    for: row.scheduled, reminders: plan.workflow.reminders, escalation: [], timeline: plan.timeline,
                    window: configuration.mail.sendWindow
                )
                .compactMap { notice in
                    notice.kind == .deadlineReminder && notice.dueAt > now
                        ? notice.offset.map { DeadlineEvent.Alarm(at: notice.dueAt, before: $0) } : nil
                }
                return DeadlineEvent(
                    uid: "zhengdun-\(row.label)@\(domain)", sequence: row.deadlineVersion - 1, task: summary,
                    phaseTitle: plan.workflow.phase(row.phase)?.title ?? row.phase.rawValue, description: row.description,
                    deadlineRule: row.deadlineRule, originalDeadline: row.originalDeadline, alarms: alarms)
            }
            return DeadlineCalendar(name: name, at: now, events: events)
        }
    }
}
