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
        /// Where a reply goes (`Reply-To`), with its token, when the reader may act by replying.
        var replyTo: String?
    }

    let zone: TimeZone
    let templates: NoticeTemplates
    /// Whom people without an account ask (`mail.contact`).
    let contact: String?
    /// The templates' language, for what the notice writes in prose.
    let language: Language
    /// How reply addresses are written, when replies are configured (`mail.reply_to`).
    let replies: ReplyAddressing?

    init(zone: TimeZone, templates: NoticeTemplates, contact: String? = nil, replies: ReplyAddressing? = nil) {
        self.zone = zone
        self.templates = templates
        self.contact = contact
        self.replies = replies
        language = Language(tag: templates.language) ?? .zh
    }

    /// An instant as the notice's language writes it in prose: `3月5日（星期四）18:00`.
    func time(_ date: Date) -> String { zone.localDateTime(date).prose(in: language) }

    static func levelName(_ level: Int) -> String { EscalationLevel.chineseName(level) }

    /// A notice about one task as written to one reader: its subject, written at once for the
    /// ledger and the pass's report, and what writing the rest needs, once, when its message is
    /// written alone (`standalone`) or as a part of a digest.
    struct Prepared: Sendable {
        var subject: String
        var template: String
        var values: TemplateObject
        /// Whether the reader is asked to do something (签收, 报送): not so of a 验收销号, nor
        /// of a 改派 told to the person the task was taken from.
        var asksToAct: Bool
        /// Where the reader replies to act, with the token for this task.
        var replyAddress: String?
        /// The role the task's assignee answers for it in, for routing it to a chat group.
        var role: RoleKey?
    }

    /// Who a task notice is written to and about, beyond the task itself.
    struct Readers {
        /// The person it is addressed to (主送): the assignee, or for a 改派 notice the person
        /// the task was taken from.
        var addressee: PersonRow?
        var assignee: PersonRow?
        /// The supervisors a 督办 letter is copied to (抄送), with their role titles.
        var copied: [(title: String, person: PersonRow)] = []
        /// The inspection that ordered the task, and who made it.
        var inspection: (row: InspectionRow, title: String, inspector: PersonRow?)?
    }

    func task(_ due: DueNotice, task: TaskRow, plan: PlanContext, readers: Readers, at now: Date) -> Prepared {
        let notice = due.notice
        let level = notice.level ?? 0
        let addressee = readers.addressee ?? readers.assignee
        var values = common(notice.key, late: due.late, dueAt: notice.dueAt, now: now)
        // The ladder's next level, by which a letter asks the work to be done.
        let next = plan.workflow.escalation.first { $0.level == level + 1 }.map { plan.timeline.adding($0.after, to: task.deadline).value }
        let inspection = readers.inspection
        let asksToAct = notice.kind != .verified && notice.kind != .reassigned
        // A reply acts for the assignee alone, on a notice that asks them to act.
        let replyAddress = asksToAct && (addressee == nil || addressee?.id == task.assigneeID) ? replies?.address(for: task) : nil
        // Added in one go: names a notice sets once need no search for an earlier value.
        values.add([
            "name": .text(addressee?.name ?? task.assigneeID.rawValue),
            "assignee_name": .text(readers.assignee?.name ?? task.assigneeID.rawValue),
            "task": [
                "label": .text(task.label), "title": .text(task.title), "description": .text(task.description ?? ""),
                "deadline": .text(time(task.deadline)), "original_deadline": .text(time(task.originalDeadline)),
                "extended": .flag(task.deadlineVersion > 1),
                "state": .text(task.state.chineseName), "phase": .text(plan.workflow.phase(task.phase)?.title ?? task.phase.rawValue),
                "rule": .text(task.deadlineRule), "issued": .flag(task.state == .issued), "acknowledged": .flag(task.state != .issued),
                "role": .text(plan.workflow.role(Service.answeringRole(of: task, in: plan))?.title ?? ""),
                "verifier": .text(plan.workflow.role(task.verifierRole)?.title ?? ""),
            ],
            "plan": ["label": .text(plan.label), "village": .text(plan.row.village), "branch": .text(plan.row.branch)],
            // The commands only for someone who can run them; the others are told whom to ask.
            "command_line": .flag(readers.assignee?.unixUser != nil),
            "contact": .text(contact ?? ""),
            "reply": .flag(replyAddress != nil), "reply_address": .text(replyAddress ?? ""),
            "deferred": .flag(notice.fellDueAt != nil && !due.late),
            "fell_due_at": .text(time(notice.fellDueAt ?? notice.dueAt)),
            "days_left": .text(notice.offset.map { String($0.amount) } ?? ""),
            "level": .text(String(level)),
            "level_name": .text(Self.levelName(level)),
            "days_late": .text(String(max(0, plan.timeline.workingDaysLate(deadline: task.deadline, at: now).value))),
            "circular": .flag(plan.workflow.escalation.contains { $0.level == level && $0.circular }),
            "finish_by": .text(next.map(time) ?? ""),
            "copied": .text(readers.copied.map { "\($0.title)\($0.person.name)" }.joined(separator: language == .zh ? "、" : ", ")),
            "reason": .text(task.facts.steps.lastNote ?? ""),
            "reassigned": .flag(task.assignmentVersion > 1),
            "ordered": .flag(inspection != nil),
            "inspection": [
                "finding": .text(inspection?.row.finding ?? ""),
                "inspector": .text(inspection.map { $0.title + ($0.inspector?.name ?? $0.row.inspectorID.rawValue) } ?? ""),
                "at": .text(inspection.map { time($0.row.at) } ?? ""),
            ],
            "in_digest": .flag(false),
            "missed": .list(
                due.folded.map { folded in
                    [
                        "is_acknowledge": .flag(folded.kind == .acknowledgeReminder),
                        "is_reminder": .flag(folded.kind == .deadlineReminder),
                        "is_escalation": .flag(folded.kind == .escalation), "days": .text(folded.offset.map { String($0.amount) } ?? ""),
                        "level": .text(String(folded.level ?? 0)), "level_name": .text(Self.levelName(folded.level ?? 0)),
                        "at": .text(time(folded.dueAt)),
                    ]
                }),
        ])
        let name: String
        switch notice.kind {
        case .acknowledgeReminder: name = "acknowledge"
        case .deadlineReminder: name = "reminder"
        case .issued, .returned, .verified, .extended, .reassigned, .reply: name = notice.kind.rawValue
        case .escalation, .progressReport, .circular: name = "escalation-\(min(max(level, 1), 3))"
        }
        return Prepared(
            subject: templates.subject(name, values), template: name, values: values, asksToAct: asksToAct,
            replyAddress: replyAddress, role: Service.answeringRole(of: task, in: plan))
    }

    /// A notice as a chat group reads it: the letter without what only its addressee can do
    /// (reply, run a command, call the office).
    func chatText(_ part: Prepared) -> String {
        var values = part.values
        values["reply"] = .flag(false)
        values["command_line"] = .flag(false)
        values["contact"] = .text("")
        return templates.render(part.template, values).body
    }

    /// A notice prepared by `task` as a message of its own.
    func standalone(_ part: Prepared) -> Message {
        var message = render(part.template, part.values)
        message.replyTo = part.replyAddress
        return message
    }

    /// Several notices to one person in one pass, as one message (`digest`): each written as a
    /// part, without its own greeting and closing.
    func digest(_ parts: [Prepared], to person: PersonRow, keys: [String], at now: Date) -> Message {
        // The closing names the first notice and how many more, not every key.
        let more = keys.count - 1
        let key = more == 0 ? keys[0] : language == .zh ? "\(keys[0]) 等\(keys.count)项" : "\(keys[0]) and \(more) more"
        var values = common(key, late: false, dueAt: now, now: now)
        values.add([
            "name": .text(person.name), "count": .text(String(parts.count)),
            "command_line": .flag(person.unixUser != nil), "contact": .text(contact ?? ""),
            "to_act": .flag(parts.contains(where: \.asksToAct)),
            "reply": .flag(parts.contains { $0.replyAddress != nil }),
            "items": .list(
                parts.enumerated().map { index, part in
                    var fields = part.values
                    fields["in_digest"] = .flag(true)
                    let written = templates.render(part.template, fields)
                    // The digest puts the line breaks between parts.
                    var body = written.body
                    while body.last?.isNewline == true { body.removeLast() }
                    return [
                        "number": .text(language == .zh ? Self.chineseOrdinal(index + 1) : String(index + 1)),
                        "subject": .text(written.subject), "body": .text(body),
                    ]
                }),
        ])
        var message = render("digest", values)
        // A reply to the whole digest acts when it can mean one task only; otherwise each part
        // gives its own address.
        let addresses = parts.compactMap(\.replyAddress)
        if addresses.count == 1 { message.replyTo = addresses[0] }
        return message
    }

    /// 一, 二, … 九十九, 一百: the numbers of a document's items. A digest holds at most
    /// `Service.digestItems`; beyond a hundred the number is written in digits.
    static func chineseOrdinal(_ number: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch number {
        case 0..<10: return digits[number]
        case 10..<100:
            let (tens, ones) = (number / 10, number % 10)
            return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
        case 100: return "一百"
        default: return String(number)
        }
    }

    /// A circular's mail: a short cover note to each of `names` (the `circular` template) with
    /// `page`, the document as `circularPage` lays it out, attached: the page `report circular
    /// --number N --format html` prints. What is the same for every reader (the plans, the
    /// attachment) is made once, however many branches the township has.
    func circular(
        _ document: CircularDocument, report: CircularReport, page: String, key: String, to names: [String], at now: Date
    ) -> [Message] {
        var values = common(key, late: false, dueAt: now, now: now)
        values.add(circularFields(document))
        values["plans"] = .list(
            report.plans.map { plan in
                [
                    "label": .text("P\(plan.plan)"), "village": .text(plan.village), "branch": .text(plan.branch),
                    "late": .list(plan.late.map(overdue)),
                    "orders": .list(
                        plan.orders.map { order in
                            [
                                "label": .text("T\(order.task)"), "title": .text(order.title), "assignee": .text(order.assignee.rawValue),
                                "assignee_name": .text(order.assigneeName), "deadline": .text(time(order.deadline)),
                                "state": .text(order.state.chineseName),
                                "finding": .text(order.finding),
                            ]
                        }),
                ]
            })
        let attachment = MailAttachment(
            filename: "\(document.number)\(document.title).html", fallbackFilename: "circular-\(document.year)-\(document.serial).html",
            mediaType: "text/html", charset: "UTF-8", content: Array(page.utf8))
        return names.map { name in
            values["name"] = .text(name)
            var message = render("circular", values)
            message.attachments = [attachment]
            return message
        }
    }

    /// A circular's page (the `circular.html` template): the document alone, the same whether
    /// mailed or printed from the database, since it depends on the stored document alone.
    func circularPage(_ document: CircularDocument, key: String, issuedAt: Date) -> String {
        var values = common(key, late: false, dueAt: issuedAt, now: issuedAt)
        values.add(circularFields(document))
        values["name"] = .text("")
        values["plans"] = .list([])
        return templates.renderHTML("circular.html", values)
    }

    private func circularFields(_ document: CircularDocument) -> TemplateObject {
        [
            "number": .text(document.number), "title": .text(document.title), "addressees": .text(document.addressees),
            "opening": .text(document.opening),
            "items": .list(document.items.enumerated().map { ["number": .text(document.itemNumber($0)), "text": .text($1)] }),
            "requirements": .list(
                document.requirements.enumerated().map { ["number": .text(document.requirementNumber($0)), "text": .text($1)] }),
            "issuer": .text(document.issuer), "date": .text(document.date),
        ]
    }

    /// The weekly report: text, its HTML alternative, and the progress page as a file.
    func progress(_ report: ProgressReport, key: String, dueAt: Date, late: Bool, at now: Date) -> Message {
        var values = common(key, late: late, dueAt: dueAt, now: now)
        // The report's date, as a document is dated: 2026年3月9日 (ISO stays in English, where it reads as a date).
        let week = zone.localDateTime(dueAt).date
        values["week"] = .text(language == .zh ? week.written(in: language) : week.description)
        values["rule"] = .text(report.rule.text(in: language))
        values["audit_anchor"] = .text(report.anchor.map(\.description) ?? "")
        values["plans"] = .list(report.plans.map { .object(progressPlan($0)) })
        values["campaigns"] = progressCampaigns(report)
        var message = render("progress", values)
        message.html = templates.renderHTML("progress.html", values)
        let page = progressPage(report)
        message.attachments = [
            MailAttachment(
                filename: page.filename, fallbackFilename: "progress-report-\(zone.localDateTime(report.at).date).html",
                mediaType: "text/html", charset: "UTF-8", content: Array(page.page.utf8))
        ]
        return message
    }

    /// The progress report as one HTML page with a chart of each plan, from the
    /// `progress-report.html` template, and the file name its first line gives. It depends on
    /// the report alone, so the mail's file and `report progress --format html` agree.
    func progressPage(_ report: ProgressReport) -> (filename: String, page: String) {
        let values: TemplateObject = [
            "now": .text(time(report.at)), "date": .text(zone.localDateTime(report.at).date.description),
            "rule": .text(report.rule.text(in: language)),
            "audit_anchor": .text(report.anchor.map(\.description) ?? ""),
            "plans": .list(
                report.plans.map { plan in
                    var fields = progressPlan(plan)
                    // The chart's labels are short: a table's form (3月5日 18:00; docs/style.md).
                    fields["chart"] = ProgressChart(plan, today: report.at, zone: zone, language: language).fields {
                        zone.localDateTime($0).tabular(in: language)
                    }
                    return .object(fields)
                }),
            "campaigns": progressCampaigns(report),
        ]
        let rendered = templates.render("progress-report.html", values)
        return (rendered.subject, rendered.body)
    }

    /// The campaigns of several plans, which the report leads with; a plan alone in its campaign
    /// is said by its own line.
    private func progressCampaigns(_ report: ProgressReport) -> TemplateValue {
        .list(
            report.campaigns.filter { $0.plans.count > 1 }.map { campaign in
                var fields: TemplateObject = [
                    "label": .text("C\(campaign.campaign)"), "title": .text(campaign.title), "plans": .text(String(campaign.plans.count)),
                    "signal": .text(campaign.signal.rawValue), "signal_name": .text(campaign.signal.chineseName),
                ]
                fields.add(scheduleFields(campaign.progress))
                return .object(fields)
            })
    }

    private func scheduleFields(_ progress: ScheduleProgress) -> TemplateObject {
        [
            "due": .text(String(progress.due)), "done": .text(String(progress.done)), "on_time": .text(String(progress.onTime)),
            "lagging": .text(String(progress.lagging)), "ahead": .text(String(progress.ahead)), "rate": .text(progress.ratePercent),
        ]
    }

    private func progressPlan(_ plan: PlanProgress) -> TemplateObject {
        var fields = scheduleFields(plan.progress)
        fields.add([
            "label": .text("P\(plan.plan)"), "village": .text(plan.village), "branch": .text(plan.branch),
            "signal": .text(plan.signal.rawValue),
            "signal_name": .text(plan.signal.chineseName), "state_title": .text(plan.stateName(in: language)),
            "phase_started": .text(plan.phaseStartedAt.map(time) ?? ""), "phase_due": .text(plan.phaseDueAt.map(time) ?? ""),
            "counts": .list(
                TaskState.allCases.compactMap { state in
                    plan.tasks[state.rawValue].map {
                        ["key": .text(state.rawValue), "state": .text(state.chineseName), "count": .text(String($0))]
                    }
                }),
            "overdue": .list(plan.overdue.map(overdue)),
            "duties": .list(
                plan.duties.map {
                    [
                        "title": .text($0.title), "role_title": .text($0.roleTitle), "count": .text(String($0.inspections)),
                        "last": .text($0.last.map(time) ?? ""),
                    ]
                }),
        ])
        return fields
    }

    private func overdue(_ task: OverdueTask) -> TemplateValue {
        [
            "label": .text("T\(task.task)"), "title": .text(task.title), "assignee": .text(task.assignee.rawValue),
            "assignee_name": .text(task.assigneeName),
            "deadline": .text(time(task.deadline)), "days_late": .text(String(task.workingDaysLate)), "level": .text(String(task.level)),
            "level_name": .text(Self.levelName(task.level)),
        ]
    }

    private func common(_ key: String, late: Bool, dueAt: Date, now: Date) -> TemplateObject {
        ["key": .text(key), "late": .flag(late), "due_at": .text(time(dueAt)), "now": .text(time(now))]
    }

    private func render(_ name: String, _ values: TemplateObject) -> Message {
        let rendered = templates.render(name, values)
        return Message(subject: rendered.subject, body: rendered.body)
    }
}
