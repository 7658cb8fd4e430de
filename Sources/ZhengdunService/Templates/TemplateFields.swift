/// The fields each mail template may name, so that a template naming anything else is refused
/// when it is loaded rather than rendering a gap when a notice goes out. Documented in
/// `workflows/templates/README.md`.
indirect enum TemplateField: Sendable {
    case text
    /// Renders the section once when true, the inverted section when false.
    case flag
    case object([String: TemplateField])
    case list([String: TemplateField])
}

enum TemplateFields {
    static let task: [String: TemplateField] = [
        "label": .text, "title": .text, "description": .text, "deadline": .text, "original_deadline": .text,
        "extended": .flag, "state": .text, "phase": .text, "rule": .text,
        "issued": .flag, "acknowledged": .flag, "role": .text, "verifier": .text,
    ]

    static let plan: [String: TemplateField] = ["label": .text, "village": .text, "branch": .text]

    static let overdue: [String: TemplateField] = [
        "label": .text, "title": .text, "assignee": .text, "assignee_name": .text, "deadline": .text, "days_late": .text,
        "level": .text, "level_name": .text,
    ]

    /// Fields every notice has.
    static let common: [String: TemplateField] = [
        "key": .text, "late": .flag, "due_at": .text, "now": .text,
    ]

    /// Fields of the notices about one task.
    static let taskNotice: [String: TemplateField] = common.merging([
        "name": .text, "task": .object(task), "plan": .object(plan),
        "deferred": .flag, "fell_due_at": .text, "command_line": .flag, "contact": .text,
        // Whether the reader acts by replying, and where a reply to this task goes (for a digest).
        "reply": .flag, "reply_address": .text,
        "days_left": .text, "level": .text, "level_name": .text, "days_late": .text, "circular": .flag,
        "assignee_name": .text, "finish_by": .text, "copied": .text, "reason": .text, "reassigned": .flag, "ordered": .flag,
        "inspection": .object(["finding": .text, "inspector": .text, "at": .text]),
        // Written as a part of a digest: without the greeting and the closing, which the digest has.
        "in_digest": .flag,
        "missed": .list([
            "is_acknowledge": .flag, "is_reminder": .flag, "is_escalation": .flag, "days": .text,
            "level": .text, "level_name": .text, "at": .text,
        ]),
    ]) { $1 }

    /// Several notices to one person in one pass, as one message.
    static let digest: [String: TemplateField] = common.merging([
        "name": .text, "count": .text, "items": .list(["number": .text, "subject": .text, "body": .text]),
        // Whom to ask, said once for all the parts (each part leaves it out), when any part
        // asks the reader to act.
        "command_line": .flag, "contact": .text, "to_act": .flag, "reply": .flag,
    ]) { $1 }

    /// A plan in the weekly report.
    static let progressPlan: [String: TemplateField] = [
        "label": .text, "village": .text, "branch": .text, "signal": .text, "signal_name": .text,
        "state_title": .text, "phase_started": .text, "phase_due": .text,
        "counts": .list(["key": .text, "state": .text, "count": .text]), "overdue": .list(overdue),
        "duties": .list(["title": .text, "role_title": .text, "count": .text, "last": .text]),
    ].merging(scheduleProgress) { $1 }

    /// 序时进度, of a plan or a campaign.
    static let scheduleProgress: [String: TemplateField] = [
        "due": .text, "done": .text, "on_time": .text, "lagging": .text, "ahead": .text, "rate": .text,
    ]

    /// A campaign in the weekly report: its plans' 序时进度 together.
    static let progressCampaign: [String: TemplateField] = [
        "label": .text, "title": .text, "plans": .text, "signal": .text, "signal_name": .text,
    ].merging(scheduleProgress) { $1 }

    static let progress: [String: TemplateField] = common.merging([
        "week": .text, "rule": .text, "audit_anchor": .text, "plans": .list(progressPlan),
        "campaigns": .list(progressCampaign),
    ]) { $1 }

    /// The chart of a plan on the progress page, placed by `ProgressChart`.
    static let chart: [String: TemplateField] = [
        "width": .text, "height": .text, "left": .text, "right": .text, "top": .text, "bottom": .text,
        "months": .list(["x": .text, "year": .text, "month": .text, "date": .text]),
        "weeks": .list(["x": .text, "day": .text, "date": .text]),
        "today": .object(["x": .text, "date": .text, "label_x": .text, "anchor": .text]),
        "phases": .list([
            "key": .text, "title": .text, "y": .text, "height": .text, "title_y": .text, "bar_y": .text,
            "planned_x": .text, "planned_width": .text, "planned_start": .text, "planned_end": .text,
            "started": .flag, "actual_x": .text, "actual_width": .text, "started_at": .text, "ended_at": .text,
            "tasks": .list([
                "label": .text, "title": .text, "short_title": .text, "assignee": .text, "assignee_name": .text,
                "state": .text, "state_name": .text, "overdue": .flag, "x": .text, "width": .text, "y": .text, "height": .text,
                "text_y": .text, "mid_y": .text, "issued": .text, "deadline": .text, "done": .flag, "done_x": .text,
                "done_at": .text, "late_x": .text, "late_width": .text,
            ]),
        ]),
    ]

    /// The progress page: not a notice, so none of the common fields but `now`.
    static let progressPage: [String: TemplateField] = [
        "now": .text, "date": .text, "rule": .text, "audit_anchor": .text,
        "plans": .list(progressPlan.merging(["chart": .object(chart)]) { $1 }), "campaigns": .list(progressCampaign),
    ]

    static let circular: [String: TemplateField] = common.merging([
        "plans": .list([
            "label": .text, "village": .text, "branch": .text, "late": .list(overdue),
            "orders": .list([
                "label": .text, "title": .text, "assignee": .text, "assignee_name": .text,
                "deadline": .text, "state": .text, "finding": .text,
            ]),
        ]),
        // The document (CircularDocument): the cover note names it, the page lays it out.
        "number": .text, "title": .text, "addressees": .text, "opening": .text,
        "items": .list(["number": .text, "text": .text]), "requirements": .list(["number": .text, "text": .text]),
        "issuer": .text, "date": .text,
        // The person the cover note is written to; empty on the printed page.
        "name": .text,
    ]) { $1 }

    /// What a template's first line is.
    enum FirstLine {
        /// The mail's subject; the body follows the blank line after it.
        case subject
        /// The name of the file it is sent as; the file follows.
        case filename
        /// Nothing apart: the whole template is the text.
        case none
    }

    /// Every template a language must provide, with its fields.
    static let templates: [(name: String, fields: [String: TemplateField], firstLine: FirstLine)] = [
        ("acknowledge", taskNotice, .subject), ("reminder", taskNotice, .subject), ("escalation-1", taskNotice, .subject),
        ("escalation-2", taskNotice, .subject), ("escalation-3", taskNotice, .subject), ("progress", progress, .subject),
        ("circular", circular, .subject), ("progress.html", progress, .none), ("circular.html", circular, .none),
        ("progress-report.html", progressPage, .filename), ("issued", taskNotice, .subject), ("returned", taskNotice, .subject),
        ("verified", taskNotice, .subject), ("extended", taskNotice, .subject), ("reassigned", taskNotice, .subject),
        ("digest", digest, .subject),
    ]

    /// HTML templates escape what they insert.
    static func isHTML(_ name: String) -> Bool { name.hasSuffix(".html") }
}
