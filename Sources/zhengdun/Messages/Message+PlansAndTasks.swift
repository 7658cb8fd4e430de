import ZhengdunCore

/// What `plan` and `task` commands show and report.
extension Message {
    static func startFact(start: String, end: String) -> Message {
        Message(
            en: "\(start) (planned end \(end))",
            zh: "\(start)（计划结束 \(end)）")
    }

    static func phasePlanned(start: String, end: String) -> Message {
        Message(
            en: "planned \(start) → \(end)",
            zh: "计划 \(start) → \(end)")
    }

    static func phaseStarted(start: String) -> Message {
        Message(
            en: "started \(start)",
            zh: "\(start) 开始")
    }

    static func phaseStartedEnded(start: String, end: String) -> Message {
        Message(
            en: "started \(start), ended \(end)",
            zh: "\(start) 开始，\(end) 结束")
    }

    static let phaseNotStarted = Message(
        en: "not started",
        zh: "未开始")

    static func phaseVerifiedCount(verified: Int, total: Int) -> Message {
        Message(
            en: "\(verified)/\(total) verified",
            zh: "已验收 \(verified)/\(total)")
    }

    static func profileHouseholds(count: Int) -> Message {
        Message(
            en: "\(count) households",
            zh: "\(count)户")
    }

    static func profilePeople(count: Int) -> Message {
        Message(
            en: "\(count) people",
            zh: "\(count)人")
    }

    static func profileMembers(count: Int) -> Message {
        Message(
            en: "\(count) Party members",
            zh: "党员\(count)人")
    }

    static func profileIncome(yuan: Int) -> Message {
        Message(
            en: "per-capita income \(yuan) yuan",
            zh: "人均收入\(yuan)元")
    }

    static func profileIncomeYear(yuan: Int, year: String) -> Message {
        Message(
            en: "per-capita income \(yuan) yuan (\(year))",
            zh: "人均收入\(yuan)元（\(year)年）")
    }

    static let profileNotRecorded = Message(
        en: "not recorded",
        zh: "未登记")

    static func optionalTask(title: String) -> Message {
        Message(
            en: "\(title) (optional)",
            zh: "\(title)（选办）")
    }

    static func lateWorkingDays(count: Int) -> Message {
        Message(
            en: "\(count)wd",
            zh: "\(count)个工作日")
    }

    static let lateDue = Message(
        en: "due",
        zh: "已到期")

    static func taskPutsRightProblem(task: String, plan: String, problem: String) -> Message {
        Message(
            en: "\(task), the rectification of problem P\(plan) Q\(problem)",
            zh: "\(task)（问题清单 P\(plan) Q\(problem) 的整改任务）")
    }

    static func taskOrderedBy(task: String, inspection: String) -> Message {
        Message(
            en: "\(task) ordered by inspection #\(inspection)",
            zh: "\(task)（督查 #\(inspection) 责令）")
    }

    static func taskPlanFact(plan: String, village: String, phase: String) -> Message {
        Message(
            en: "P\(plan) \(village), phase \(phase)",
            zh: "P\(plan) \(village)，\(phase)")
    }

    static func assigneeFact(name: String, person: String, role: String) -> Message {
        Message(
            en: "\(name) (\(person)), as \(role)",
            zh: "\(name)（\(person)），\(role)")
    }

    static func stateOptional(state: String) -> Message {
        Message(
            en: "\(state), optional",
            zh: "\(state)，选办")
    }

    static func deadlineOriginally(deadline: String, original: String) -> Message {
        Message(
            en: "\(deadline), originally \(original)",
            zh: "\(deadline)，原时限\(original)")
    }

    static func deadlineLate(deadline: String, count: Int) -> Message {
        Message(
            en: "\(deadline), \(count) working days late",
            zh: "\(deadline)，逾期\(count)个工作日")
    }

    static func evidenceFact(name: String, bytes: Int, sha256: String) -> Message {
        Message(
            en: "\(name)  \(bytes) bytes  sha256 \(sha256)",
            zh: "\(name)  \(bytes) 字节  校验值 \(sha256)")
    }

    static let noticeLate = Message(
        en: "[late]",
        zh: "[补发]")

    static func noticeFolded(count: Int) -> Message {
        Message(
            en: "(also stands for \(count) missed)",
            zh: "（并含错过的 \(count) 条）")
    }

    static func outboxSent(time: String) -> Message {
        Message(
            en: "sent \(time)",
            zh: "\(time) 已发出")
    }

    static func outboxNext(time: String) -> Message {
        Message(
            en: "next \(time)",
            zh: "\(time) 再试")
    }

    static func planMoved(plan: String, from: Message, to: Message) -> Message {
        Message(
            en: "P\(plan): \(from) → \(to)",
            zh: "P\(plan)：\(from) → \(to)")
    }

    static func planMovedIssued(plan: String, from: Message, to: Message, count: Int) -> Message {
        Message(
            en: "P\(plan): \(from) → \(to); issued \(count) \(count, one: "task", other: "tasks"):",
            zh: "P\(plan)：\(from) → \(to)；下发 \(count) 项任务：")
    }

    static func taskMoved(task: String, state: String, title: String, assignee: String, deadline: String) -> Message {
        Message(
            en: "T\(task) \(state): \(title); \(assignee), due \(deadline)",
            zh: "T\(task) \(state)：\(title)；责任人\(assignee)，办结时限\(deadline)")
    }

    static func inspectionCountsTowards(duty: String) -> Message {
        Message(
            en: "counted towards the standing duty: \(duty)",
            zh: "计入常态职责：\(duty)")
    }

    static func inspectionReopened(problems: Message, deadline: String) -> Message {
        Message(
            en: "sent back to work: \(problems), to be put right within \(deadline)",
            zh: "问题反弹，重新整改：\(problems)，限\(deadline)内完成")
    }

    static func inspectionRebounded(plan: String) -> Message {
        Message(
            en: "P\(plan) is under watch again (rebound): its reminders and escalation run as before",
            zh: "方案 P\(plan) 回头看发现反弹，重新纳入整改，照常催办、督办")
    }

    static func inspectionOrdered(task: String, title: String, assignee: String, deadline: String) -> Message {
        Message(
            en: "ordered T\(task) \(title): \(assignee), due \(deadline)",
            zh: "已责令整改，下发 T\(task) \(title)：责任人\(assignee)，办结时限\(deadline)")
    }

    static func passRecorded(notices: Int, messages: Int) -> Message {
        Message(
            en:
                "recorded \(notices) \(notices, one: "notice", other: "notices") and queued \(messages) \(messages, one: "message", other: "messages")",
            zh: "记录 \(notices) 条通知，\(messages) 封邮件入发件箱")
    }

    static func passWouldRecord(notices: Int, messages: Int) -> Message {
        Message(
            en:
                "would record \(notices) \(notices, one: "notice", other: "notices") and queue \(messages) \(messages, one: "message", other: "messages")",
            zh: "将记录 \(notices) 条通知，\(messages) 封邮件将入发件箱")
    }

    static func passDropped(count: Int) -> Message {
        Message(
            en: "; dropped \(count) out of date",
            zh: "；丢弃 \(count) 条已过时的")
    }

    static func passNextDue(time: String) -> Message {
        Message(
            en: "; next due \(time)",
            zh: "；下次到期 \(time)")
    }

    static let passNothingPlanned = Message(
        en: "; nothing more planned",
        zh: "；之后没有安排")

    static func delivered(count: Int) -> Message {
        Message(
            en: "delivered \(count)",
            zh: "已投递 \(count) 封")
    }

    static func deliveredRetry(count: Int) -> Message {
        Message(
            en: ", \(count) to try again",
            zh: "，\(count) 封待重试")
    }

    static func deliveredDead(count: Int) -> Message {
        Message(
            en: ", \(count) dead",
            zh: "，\(count) 封投递失败")
    }

    static func messageQueuedAgain(id: String, address: String) -> Message {
        Message(
            en: "message \(id) to \(address) queued again",
            zh: "邮件 \(id)（\(address)）已重新排队")
    }

    static func auditIntact(events: Int, evidence: Int) -> Message {
        Message(
            en: "audit: \(events) events and \(evidence) evidence files verified; the log is intact",
            zh: "审计：已校验 \(events) 条事件和 \(evidence) 个佐证文件；日志完整")
    }

    static func auditProblem(problem: Message) -> Message {
        Message(
            en: "audit: \(problem)",
            zh: "审计：\(problem)")
    }

    static func warningLine(warning: String) -> Message {
        Message(
            en: "warning: \(warning)",
            zh: "警告：\(warning)")
    }

    static func unknownLanguage(value: String) -> Message {
        Message(
            en: "--lang \(value): expected zh or en",
            zh: "--lang \(value)：应为 zh 或 en")
    }
}
