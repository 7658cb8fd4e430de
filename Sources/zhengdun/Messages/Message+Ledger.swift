import ZhengdunCore

/// The ledger's columns and the calendar export's lines.
extension Message {
    static let workbookNeedsFile = Message(
        en: "an xlsx workbook is not for a terminal: give --output FILE.xlsx, or send it to a file or a pipe",
        zh: "xlsx 工作簿不能输出到终端：请加 --output 文件.xlsx，或重定向到文件、管道")

    static func workbookFailed(problem: String) -> Message {
        Message(en: "cannot write the workbook: \(problem)", zh: "无法写出工作簿：\(problem)")
    }

    static let ledgerTitle = Message(
        en: "Task ledger",
        zh: "任务落实台账")

    static let ledgerPlan = Message(
        en: "Plan",
        zh: "方案")

    static let ledgerVillage = Message(
        en: "Village",
        zh: "村")

    static let ledgerPhase = Message(
        en: "Phase",
        zh: "阶段")

    static let ledgerMeasure = Message(
        en: "Measure",
        zh: "整改措施")

    static let ledgerTask = Message(
        en: "Task",
        zh: "任务")

    static let ledgerTitleColumn = Message(
        en: "Title",
        zh: "任务名称")

    static let ledgerResponsible = Message(
        en: "Responsible",
        zh: "责任人")

    static let ledgerDeadline = Message(
        en: "Deadline",
        zh: "时限")

    static let ledgerOriginalDeadline = Message(
        en: "Original deadline",
        zh: "原定时限")

    static let ledgerState = Message(
        en: "State",
        zh: "状态")

    static let ledgerAcknowledged = Message(
        en: "Acknowledged",
        zh: "签收时间")

    static let ledgerSubmitted = Message(
        en: "Submitted",
        zh: "办结时间")

    static let ledgerVerified = Message(
        en: "Verified",
        zh: "验收时间")

    static let ledgerWorkingDaysLate = Message(
        en: "Working days late",
        zh: "逾期工作日")

    static let ledgerEscalationLevel = Message(
        en: "Escalation level",
        zh: "督办级别")

    static let ledgerLastNote = Message(
        en: "Last note",
        zh: "最新说明")

    static let planOrCampaign = Message(
        en: "--plan and --campaign cannot be given together: a plan is in one campaign",
        zh: "--plan 与 --campaign 不能同时给出：一个方案只属于一项整顿工作")

    /// `options`: two or more, written as given.
    static func exactlyOneOption(command: String, options: [String]) -> Message {
        let first = options.dropLast().joined(separator: ", ")
        let firstZh = options.dropLast().joined(separator: "、")
        let last = options.last ?? ""
        return Message(
            en: "\(command) takes exactly one of \(first) and \(last)", zh: "\(command) 须且只须给出 \(firstZh) 与 \(last) 之一")
    }

    static func cannotWrite(path: String, reason: Message) -> Message {
        Message(
            en: "cannot write \(path): \(reason)",
            zh: "无法写入 \(path)：\(reason)")
    }

    static func calendarPlanLine(plan: String, village: String, phase: String) -> Message {
        Message(
            en: "Plan: P\(plan) \(village) · \(phase)",
            zh: "方案：P\(plan) \(village) · \(phase)")
    }

    static func calendarAssigneeLine(name: String, person: String) -> Message {
        Message(
            en: "Responsible: \(name) (\(person))",
            zh: "责任人：\(name)（\(person)）")
    }

    static func calendarStateLine(state: String) -> Message {
        Message(
            en: "State: \(state)",
            zh: "状态：\(state)")
    }

    static func calendarDeadlineLine(deadline: String, rule: String) -> Message {
        Message(
            en: "Deadline: \(deadline) (\(rule))",
            zh: "办结时限：\(deadline)（\(rule)）")
    }

    static func calendarOriginally(deadline: String, original: String) -> Message {
        Message(
            en: "\(deadline), originally \(original)",
            zh: "\(deadline)，原时限\(original)")
    }

    static func calendarShowLine(command: String) -> Message {
        Message(
            en: "See: \(command)",
            zh: "查看：\(command)")
    }

    static func calendarAlarm(task: String, title: String, before: String) -> Message {
        Message(
            en: "Reminder: T\(task) \(title) (\(before) before the deadline)",
            zh: "催办：T\(task) \(title)（办结时限前\(before)）")
    }
}
