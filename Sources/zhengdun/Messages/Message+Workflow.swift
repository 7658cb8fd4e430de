import ZhengdunCore

/// `workflow check` and `workflow show`.
extension Message {
    static func summaryValid(file: String) -> Message {
        Message(
            en: "\(file): valid",
            zh: "\(file)：有效")
    }

    static let labelRoles = Message(
        en: "roles",
        zh: "角色")

    static let labelPhases = Message(
        en: "phases",
        zh: "阶段")

    static let labelTasks = Message(
        en: "tasks",
        zh: "任务")

    static let labelRecurring = Message(
        en: "recurring",
        zh: "定期任务")

    static let labelDuties = Message(
        en: "duties",
        zh: "常态职责")

    static let labelLookBack = Message(
        en: "look back",
        zh: "回头看")

    static func lookBackSummary(title: String, after: Message, tasks: Int, length: String) -> Message {
        Message(
            en: "\(title): \(after) after the acceptance, \(tasks) \(tasks, one: "task", other: "tasks"), \(length)",
            zh: "\(title)：验收通过\(after)后，\(tasks)项任务，计划\(length)")
    }

    static let labelCalendar = Message(
        en: "calendar",
        zh: "工作日历")

    static let labelMail = Message(
        en: "mail",
        zh: "邮件")

    static func countedList(count: Int, items: Message) -> Message {
        Message(
            en: "\(count): \(items)",
            zh: "\(count) 个：\(items)")
    }

    static func phaseTaskCount(tasks: Int, required: Int) -> Message {
        Message(
            en: "\(tasks) tasks (\(required) required)",
            zh: "\(tasks) 项任务（\(required) 项必办）")
    }

    static let calendarNone = Message(
        en: "none (Monday to Friday)",
        zh: "无（按周一至周五）")

    static let noYears = Message(
        en: "no years",
        zh: "无年份")

    static func calendarYears(calendar: Message, years: Message) -> Message {
        Message(
            en: "\(calendar): \(years)",
            zh: "\(calendar)：\(years)")
    }

    static let noTemplates = Message(
        en: "no templates",
        zh: "无模板")

    static func templatesIn(languages: Message) -> Message {
        Message(
            en: "templates in \(languages)",
            zh: "模板语言：\(languages)")
    }

    static func workflowOverview(calendar: Message, roles: Int, phases: Int, tasks: Int) -> Message {
        Message(
            en: "calendar \(calendar) · \(roles) roles · \(phases) phases · \(tasks) tasks",
            zh: "工作日历 \(calendar) · \(roles) 个角色 · \(phases) 个阶段 · \(tasks) 项任务")
    }

    static func baselineLine(start: String, end: String) -> Message {
        Message(
            en: "baseline \(start) → \(end)",
            zh: "基准日程 \(start) → \(end)")
    }

    static func lookBackLine(after: Message) -> Message {
        Message(
            en:
                "begins \(after) after the acceptance (the consolidation period); a finding that reopens a problem or orders rectification puts the plan under watch again (rebound)",
            zh: "验收通过后进入巩固期，\(after)后开展回头看；发现问题反弹、责令整改的，重新纳入整改")
    }

    static let sectionDuties = Message(
        en: "Standing duties (no deadline, no reminders; inspections are counted):",
        zh: "常态职责（不设期限、不催办，督查次数计入报告）：")

    static func dutyLine(title: String, role: Message, phases: Message) -> Message {
        Message(
            en: "\(title): \(role), in \(phases)",
            zh: "\(title)：\(role)，\(phases)")
    }

    static func gateLine(rule: Message, roles: Message) -> Message {
        Message(
            en: "gate: \(rule), signed by \(roles)",
            zh: "转段条件：\(rule)，由\(roles)批准转段")
    }

    static func reminderAcknowledge(after: String, to: Message) -> Message {
        Message(
            en: "acknowledge: \(after) after issue → \(to)",
            zh: "签收提醒：下发后\(after)未签收 → \(to)")
    }

    static func reminderBefore(before: String, to: Message) -> Message {
        Message(
            en: "\(before) before the deadline → \(to)",
            zh: "催办：办结时限前\(before) → \(to)")
    }

    static func escalationLevel(level: Int, after: Message, to: Message) -> Message {
        Message(
            en: "level \(level): \(after) after the deadline → \(to)",
            zh: "第\(level)级：\(after) → \(to)")
    }

    static let onCircular = Message(
        en: ", on the circular (通报)",
        zh: "，列入通报")

    static func reportProgress(day: Message, time: String, to: Message) -> Message {
        Message(
            en: "progress: every \(day) at \(time) → \(to)",
            zh: "进度报告：每\(day) \(time) → \(to)")
    }

    static func reportCircular(to: Message) -> Message {
        Message(
            en: "circular (通报) → \(to)",
            zh: "通报 → \(to)")
    }

    static func diagnosticsSummary(files: String, count: Int) -> Message {
        Message(
            en: "\(files): \(count) \(count, one: "error", other: "errors")",
            zh: "\(files)：\(count) 处错误")
    }

    static func escalationReach(level: Int, after: Message, reach: Int) -> Message {
        Message(
            en:
                "level \(level): \(after) after the deadline → the person responsible, copied \(reach) \(reach, one: "step", other: "steps") up the chain of supervision",
            zh: "第\(level)级：\(after) → 主送责任人，抄送其上级（向上\(reach)级）")
    }
}
