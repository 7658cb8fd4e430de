import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

/// What each notice says: the values a notice's template is rendered with, and the rendering.
struct NoticeText {
    struct Message {
        var subject: String
        var body: String
        /// The HTML alternative, for reports.
        var html: String?
        /// The weekly report's page.
        var attachments: [MailAttachment] = []
    }

    let zone: TimeZone
    let templates: NoticeTemplates

    func time(_ date: Date) -> String { zone.localDateTime(date).description }

    static let levelNames = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    static func levelName(_ level: Int) -> String {
        level < levelNames.count ? levelNames[level] : String(level)
    }

    func task(_ due: DueNotice, task: TaskRow, plan: PlanContext, assignee: PersonRow?, at now: Date) -> Message {
        let notice = due.notice
        let level = notice.level ?? 0
        var values = common(notice.key, late: due.late, dueAt: notice.dueAt, now: now)
        values["name"] = assignee?.name ?? task.assigneeID.rawValue
        values["task"] = [
            "label": task.label, "title": task.title, "description": task.description ?? "", "deadline": time(task.deadline),
            "original_deadline": time(task.originalDeadline), "extended": task.deadlineVersion > 1,
            "state": task.state.chineseName, "phase": plan.workflow.phase(task.phase)?.title ?? task.phase.rawValue,
            "rule": task.deadlineRule, "issued": task.state == .issued, "acknowledged": task.state != .issued,
        ] as [String: Any]
        values["plan"] = ["label": plan.label, "village": plan.row.village, "branch": plan.row.branch]
        values["days_left"] = notice.offset.map { String($0.amount) } ?? ""
        values["level"] = String(level)
        values["level_name"] = Self.levelName(level)
        values["days_late"] = String(max(0, plan.timeline.workingDaysLate(deadline: task.deadline, at: now).value))
        values["circular"] = plan.workflow.escalation.contains { $0.level == level && $0.circular }
        values["missed"] = due.folded.map { folded -> [String: Any] in
            ["is_acknowledge": folded.kind == .acknowledgeReminder, "is_reminder": folded.kind == .deadlineReminder,
             "is_escalation": folded.kind == .escalation, "days": folded.offset.map { String($0.amount) } ?? "",
             "level": String(folded.level ?? 0), "level_name": Self.levelName(folded.level ?? 0), "at": time(folded.dueAt)]
        }
        let name: String
        switch notice.kind {
        case .acknowledgeReminder: name = "acknowledge"
        case .deadlineReminder: name = "reminder"
        default: name = "escalation-\(min(max(level, 1), 3))"
        }
        return render(name, values)
    }

    func circular(_ report: CircularReport, key: String, dueAt: Date, at now: Date) -> Message {
        var values = common(key, late: false, dueAt: dueAt, now: now)
        values["plans"] = report.plans.map { plan -> [String: Any] in
            ["label": "P\(plan.plan)", "village": plan.village, "branch": plan.branch, "late": plan.late.map(overdue),
             "orders": plan.orders.map { order -> [String: Any] in
                 ["label": "T\(order.task)", "title": order.title, "assignee": order.assignee.rawValue, "assignee_name": order.assigneeName,
                  "deadline": time(order.deadline), "state": order.state.chineseName, "finding": order.finding]
             }]
        }
        var message = render("circular", values)
        message.html = templates.renderHTML("circular.html", values)
        return message
    }

    /// The weekly report: text, its HTML alternative, and the progress page as a file.
    func progress(_ report: ProgressReport, key: String, dueAt: Date, late: Bool, at now: Date) -> Message {
        var values = common(key, late: late, dueAt: dueAt, now: now)
        values["week"] = zone.localDateTime(dueAt).date.description
        values["rule"] = report.rule
        values["plans"] = report.plans.map(progressPlan)
        var message = render("progress", values)
        message.html = templates.renderHTML("progress.html", values)
        let page = progressPage(report)
        message.attachments = [MailAttachment(filename: page.filename, fallbackFilename: "progress-report-\(zone.localDateTime(report.at).date).html",
                                              mediaType: "text/html", charset: "UTF-8", content: Array(page.page.utf8))]
        return message
    }

    /// The progress report as one HTML page with a chart of each plan, from the
    /// `progress-report.html` template, and the file name its first line gives. It depends on
    /// the report alone, so the mail's file and `report progress --format html` agree.
    func progressPage(_ report: ProgressReport) -> (filename: String, page: String) {
        let values: [String: Any] = [
            "now": time(report.at), "date": zone.localDateTime(report.at).date.description, "rule": report.rule,
            "plans": report.plans.map { plan in
                progressPlan(plan).merging(["chart": ProgressChart(plan, today: report.at, zone: zone).fields(time: time)]) { $1 }
            },
        ]
        let rendered = templates.render("progress-report.html", values)
        return (rendered.subject, rendered.body)
    }

    private func progressPlan(_ plan: PlanProgress) -> [String: Any] {
        ["label": "P\(plan.plan)", "village": plan.village, "branch": plan.branch, "signal": plan.signal.rawValue,
         "signal_name": plan.signal.chineseName, "state_title": plan.stateTitle,
         "phase_started": plan.phaseStartedAt.map(time) ?? "", "phase_due": plan.phaseDueAt.map(time) ?? "",
         "counts": TaskState.allCases.compactMap { state in
             plan.tasks[state.rawValue].map { ["key": state.rawValue, "state": state.chineseName, "count": String($0)] as [String: Any] }
         },
         "overdue": plan.overdue.map(overdue)]
    }

    private func overdue(_ task: OverdueTask) -> [String: Any] {
        ["label": "T\(task.task)", "title": task.title, "assignee": task.assignee.rawValue, "assignee_name": task.assigneeName,
         "deadline": time(task.deadline), "days_late": String(task.workingDaysLate), "level": String(task.level),
         "level_name": Self.levelName(task.level)]
    }

    private func common(_ key: String, late: Bool, dueAt: Date, now: Date) -> [String: Any] {
        ["key": key, "late": late, "due_at": time(dueAt), "now": time(now)]
    }

    private func render(_ name: String, _ values: [String: Any]) -> Message {
        let rendered = templates.render(name, values)
        return Message(subject: rendered.subject, body: rendered.body)
    }
}
