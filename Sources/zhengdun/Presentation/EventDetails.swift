import Foundation
import ZhengdunCore
import ZhengdunService

/// How `log` says an event to a person. The event log stores kinds and details by key
/// (`task.extended`, `previous_deadline`), which JSON keeps; in Chinese each kind is said in the
/// office's words (延期) and each detail with its label, times as the style sheet writes them,
/// phases and roles by their titles, people bound in the plan by their names and rules in words.
/// English shows the log as it is stored.
struct EventDetails {
    let render: Render
    /// The plan the events belong to, for its phases' and roles' titles.
    let plan: PlanView?

    private var zh: Bool { render.language == .zh }

    func kind(_ kind: String) -> String {
        guard zh, let key = Self.kinds[kind] else { return kind }
        return say(key)
    }

    /// Who really ran the command when an administrator acted as someone: `[unix:root]`, or
    /// `（root 代为操作）`.
    func caller(_ caller: String) -> String {
        guard zh else { return "[\(caller)]" }
        let account = caller.hasPrefix("unix:") ? String(caller.dropFirst(5)) : caller
        return say(.logActedBy(account: "\(account)"))
    }

    func summary(_ event: EventView) -> String {
        guard zh, case .object(let fields) = event.details else { return event.details.summary }
        let planEvent = event.kind.hasPrefix("plan.")
        return fields.sorted { $0.key < $1.key }.compactMap { name, value -> String? in
            guard value != .null, !Self.leftOut.contains(name) else { return nil }
            let text = self.value(name, value, planEvent: planEvent)
            guard !text.isEmpty else { return nil }
            let label = Self.labels[name].map { say($0) } ?? name
            return "\(label)：\(text)"
        }.joined(separator: "；")
    }

    private func value(_ name: String, _ value: JSONValue, planEvent: Bool) -> String {
        switch (name, value) {
        case ("deadline", .string(let text)), ("previous_deadline", .string(let text)):
            return Self.instant(text).map { render.time($0) } ?? text
        case ("phase", .string(let key)):
            return phaseTitle(key)
        case ("from", .string(let text)), ("to", .string(let text)):
            // A plan moves from state to state; a task is reassigned from person to person.
            return planEvent ? render.planState(text, title: phaseTitle(text)) : person(text)
        case ("assignee", .string(let id)), ("leader", .string(let id)), ("responsible", .string(let id)), ("person", .string(let id)):
            return person(id)
        case ("missing", .array(let items)):
            return items.map(\.summary).joined(separator: "、")
        case ("rule", .string(let text)), ("due", .string(let text)):
            return (try? DeadlineRule.parse(text)).map { $0.prose(in: render.language) } ?? text
        case ("role", .string(let key)):
            return roleTitle(key)
        case ("start", .string(let text)):
            return (try? LocalDate.parse(text)).map { $0.written(in: render.language) } ?? text
        case ("inspection", .number), ("id", .number):
            return "#" + value.summary
        case (_, .bool(let yes)):
            return say(yes ? .yes : .no)
        case ("bindings", .object(let people)):
            return people.sorted { $0.key < $1.key }.map { "\(roleTitle($0.key))\(person($0.value.summary))" }.joined(separator: "、")
        case ("evidence", .array(let files)):
            return files.map { file in
                if case .object(let fields) = file, let name = fields["name"] { return name.summary }
                return file.summary
            }.joined(separator: "、")
        default:
            return value.summary
        }
    }

    private func phaseTitle(_ key: String) -> String {
        plan?.phases.first { $0.key.rawValue == key }?.title ?? key
    }

    /// A person by their name in Chinese when the plan binds them to a role, else by their id.
    func person(_ id: String) -> String {
        guard zh, let name = plan?.bindings.first(where: { $0.person.rawValue == id })?.name else { return id }
        return name
    }

    private func roleTitle(_ key: String) -> String {
        plan?.bindings.first { $0.role.rawValue == key }?.roleTitle ?? key
    }

    /// Details kept for scripts and audits, not for reading: the workflow's own keys and hashes.
    /// A problem's kind, measure and goal are read by their titles, recorded beside the keys.
    private static let leftOut: Set<String> = ["key", "workflow", "version", "sha256", "kind", "measure", "goal", "record"]

    private static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)
    }

    private static let kinds: [String: Message] = [
        "person.added": .eventPersonAdded, "calendar.updated": .eventCalendarUpdated, "plan.created": .eventPlanCreated,
        "plan.launched": .eventPlanLaunched, "plan.phase_advanced": .eventPhaseAdvanced,
        "plan.gate_overridden": .eventGateOverridden, "plan.accepted": .eventPlanAccepted, "plan.cancelled": .eventPlanCancelled,
        "plan.look_back_begun": .eventLookBackBegun, "plan.rebounded": .eventPlanRebounded, "plan.signed_off": .eventPlanSignedOff,
        "task.issued": .eventTaskIssued, "task.acknowledged": .eventTaskAcknowledged, "task.submitted": .eventTaskSubmitted,
        "task.verified": .eventTaskVerified, "task.returned": .eventTaskReturned, "task.reassigned": .eventTaskReassigned,
        "task.extended": .eventTaskExtended, "task.cancelled": .eventTaskCancelled, "inspection.recorded": .eventInspectionRecorded,
        "problem.recorded": .eventProblemRecorded, "problem.noted": .eventProblemNoted, "problem.carried": .eventProblemCarried,
        "indicator.recorded": .eventIndicatorRecorded, "survey.recorded": .eventSurveyRecorded,
        "campaign.created": .eventCampaignCreated, "accountability.recorded": .eventAccountabilityRecorded,
    ]

    private static let labels: [String: Message] = [
        "assignee": .detailAssignee, "deadline": .detailDeadline, "previous_deadline": .detailPreviousDeadline,
        "phase": .detailPhase, "rule": .detailRule, "title": .detailTitle, "inspection": .detailInspection,
        "from": .detailFrom, "to": .detailTo, "reason": .detailReason, "note": .detailNote, "evidence": .labelEvidence,
        "id": .detailInspection, "finding": .detailFinding, "orders_rectification": .detailOrdersRectification,
        "role": .detailRole, "due": .detailDue, "bindings": .detailBindings, "village": .detailVillage,
        "branch": .detailBranch, "start": .labelStart, "calendar": .detailCalendar, "source": .detailSource,
        "name": .headerName, "email": .headerEmail, "unix_user": .headerUnixUser, "unmet": .detailUnmet,
        "problem": .detailProblem, "kind_title": .detailProblemKind, "measure_title": .detailMeasure, "goal_title": .detailGoal,
        "detail": .detailProblemDetail, "remedy": .detailRemedy,
        "leader": .detailLeader, "responsible": .detailResponsible,
        "indicator": .detailIndicator, "value": .detailValue, "baseline": .detailBaseline, "survey": .detailSurvey,
        "missing": .detailMissing, "missing_reason": .detailMissingReason,
        "occurrence": .detailOccurrence, "duty": .detailDuty, "reopened": .detailReopened,
        "campaign": .detailCampaign, "township": .detailTownship, "person": .detailPerson, "accountability": .detailAccountability,
    ]
}
