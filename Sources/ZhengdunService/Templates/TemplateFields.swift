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
        "issued": .flag, "acknowledged": .flag,
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
        "days_left": .text, "level": .text, "level_name": .text, "days_late": .text, "circular": .flag,
        "missed": .list(["is_acknowledge": .flag, "is_reminder": .flag, "is_escalation": .flag, "days": .text,
                         "level": .text, "level_name": .text, "at": .text]),
    ]) { $1 }

    static let progress: [String: TemplateField] = common.merging([
        "week": .text, "rule": .text,
        "plans": .list(["label": .text, "village": .text, "branch": .text, "signal": .text, "signal_name": .text,
                        "state_title": .text, "phase_started": .text, "phase_due": .text,
                        "counts": .list(["state": .text, "count": .text]), "overdue": .list(overdue)]),
    ]) { $1 }

    static let circular: [String: TemplateField] = common.merging([
        "plans": .list(["label": .text, "village": .text, "branch": .text, "late": .list(overdue),
                        "orders": .list(["label": .text, "title": .text, "assignee": .text, "assignee_name": .text,
                                         "deadline": .text, "state": .text, "finding": .text])]),
    ]) { $1 }

    /// Every template a language must provide, with its fields.
    static let templates: [(name: String, fields: [String: TemplateField])] = [
        ("acknowledge", taskNotice), ("reminder", taskNotice), ("escalation-1", taskNotice), ("escalation-2", taskNotice),
        ("escalation-3", taskNotice), ("progress", progress), ("circular", circular),
        ("progress.html", progress), ("circular.html", circular),
    ]

    /// HTML templates escape what they insert and have no subject line.
    static func isHTML(_ name: String) -> Bool { name.hasSuffix(".html") }
}
