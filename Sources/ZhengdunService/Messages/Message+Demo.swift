import ZhengdunCore

/// The demo's narration, one line for each thing that happens.
extension Message {
    public static func demoActor(name: String, role: String) -> Message {
        Message(
            en: "\(name) (\(role))",
            zh: "\(role)\(name)")
    }

    public static func demoHeader(village: String, workflow: String, date: Message, time: String) -> Message {
        Message(
            en: "Demo: \(village), \(workflow); virtual clock from \(date) \(time) (Beijing time)",
            zh: "演示：\(village)，\(workflow)；虚拟时钟自\(date)\(time)（北京时间）起")
    }

    public static func demoFolder(folder: String) -> Message {
        Message(
            en: "folder: \(folder)",
            zh: "目录：\(folder)")
    }

    public static func demoLaunches(time: Message, who: Message, phase: String, count: Int) -> Message {
        Message(
            en: "\(time) \(who) launches the plan: \(phase) begins, \(count) tasks issued",
            zh: "\(time) \(who)启动整顿方案：\(phase)开始，下发 \(count) 项任务")
    }

    public static func demoNotice(time: Message, subject: String, names: Message) -> Message {
        Message(
            en: "\(time) \(subject) → \(names)",
            zh: "\(time) \(subject) → \(names)")
    }

    public static func demoNoticeLate(time: Message, subject: String, names: Message) -> Message {
        Message(
            en: "\(time) \(subject) → \(names) (late)",
            zh: "\(time) \(subject) → \(names)（补发）")
    }

    public static func demoExtends(time: Message, who: Message, task: String, days: Int, reason: String) -> Message {
        Message(
            en: "\(time) \(who) extends T\(task) by \(days) working days: \(reason)",
            zh: "\(time) \(who)将 T\(task) 延期 \(days) 个工作日：\(reason)")
    }

    public static func demoSubmitsLate(time: Message, name: String, task: String, title: String, days: Int) -> Message {
        Message(
            en: "\(time) \(name) submits T\(task) \(title), \(days) working days late",
            zh: "\(time) \(name)报送 T\(task) \(title)办结情况，逾期 \(days) 个工作日")
    }

    public static func demoRepliesAcknowledge(time: Message, name: String, task: String) -> Message {
        Message(
            en: "\(time) \(name) acknowledges T\(task) by replying “签收” to the notice mail; a confirmation is mailed back",
            zh: "\(time) \(name)回复通知邮件“签收”，T\(task) 已签收，系统回信确认")
    }

    public static func demoRepliesSubmit(time: Message, name: String, task: String) -> Message {
        Message(
            en: "\(time) \(name) reports T\(task) done by replying to the notice, the photographed sign-in sheet attached as evidence",
            zh: "\(time) \(name)回复邮件报送 T\(task) 办结情况，附签到表照片作为佐证材料")
    }

    public static func demoReturns(time: Message, who: Message, task: String, reason: String) -> Message {
        Message(
            en: "\(time) \(who) returns T\(task) for rework: \(reason)",
            zh: "\(time) \(who)退回 T\(task) 要求整改：\(reason)")
    }

    public static func demoInspects(time: Message, who: Message, finding: String, task: String, days: Int) -> Message {
        Message(
            en: "\(time) \(who) inspects: \(finding) — orders rectification T\(task), due in \(days) working days",
            zh: "\(time) \(who)督查：\(finding)——责令整改 T\(task)，限 \(days) 个工作日内完成")
    }

    public static func demoSignsGate(time: Message, who: Message, from: Message, to: Message) -> Message {
        Message(
            en: "\(time) \(who) moves the plan on: \(from) → \(to)",
            zh: "\(time) \(who)批准转段：\(from)→\(to)")
    }

    public static func demoSignsGateIssued(time: Message, who: Message, from: Message, to: Message, count: Int) -> Message {
        Message(
            en: "\(time) \(who) moves the plan on: \(from) → \(to), \(count) tasks issued",
            zh: "\(time) \(who)批准转段：\(from)→\(to)，下发 \(count) 项任务")
    }

    public static func demoEnded(state: Message, time: Message, days: Int, notices: Int, messages: Int) -> Message {
        Message(
            en: "\nThe campaign ended \(state) on \(time) after \(days) working days: \(notices) notices, \(messages) messages.",
            zh: "\n整顿于 \(time) 以“\(state)”结束，历时 \(days) 个工作日：\(notices) 条通知，\(messages) 封邮件。")
    }

    public static func demoLookIn(folder: String) -> Message {
        Message(
            en: "Look in \(folder):",
            zh: "请查看 \(folder)：")
    }

    public static let demoMaildir = Message(
        en: "  maildir/new/   every message as sent (one file each)",
        zh: "  maildir/new/   发出的每封邮件（一封一个文件）")

    public static let demoReports = Message(
        en: "  progress.md, progress.html, progress.json, circular.md   the reports as of the end",
        zh: "  progress.md、progress.html、progress.json、circular.md   结束时的报告")

    public static func demoDatabase(database: String) -> Message {
        Message(
            en: "  zhengdun.db    the database: try  zhengdun log P1 --db \(database)",
            zh: "  zhengdun.db    数据库：可试  zhengdun log P1 --db \(database)")
    }

    public static func demoReassigns(time: Message, who: Message, task: String, to: Message, reason: String) -> Message {
        Message(
            en: "\(time) \(who) reassigns T\(task) to \(to): \(reason)",
            zh: "\(time) \(who)将 T\(task) 改派给\(to)承办：\(reason)")
    }
}

/// The demo's narration of the problem list.
extension Message {
    public static func demoRecordsProblems(time: Message, who: Message, count: Int, first: String, last: String) -> Message {
        Message(
            en: "\(time) \(who) records \(count) problems on the problem list (P1 \(first)–\(last)), each handed to its person",
            zh: "\(time) \(who)将摸排发现的\(count)个问题登记入问题清单（P1 \(first)—\(last)），逐项交责任人整改")
    }

    public static func demoClosesProblem(time: Message, who: Message, problem: String) -> Message {
        Message(
            en: "\(time) \(who) closes problem P1 \(problem) (销号) on the evidence handed in",
            zh: "\(time) \(who)核验佐证材料，对问题 P1 \(problem) 验收销号")
    }

    public static func demoCarriesProblem(time: Message, who: Message, problem: String, reason: String) -> Message {
        Message(
            en: "\(time) \(who) carries problem P1 \(problem) over into the long-term work: \(reason)",
            zh: "\(time) \(who)将问题 P1 \(problem) 转入长效：\(reason)")
    }
}

/// The demo's narration of the goals' indicators.
extension Message {
    public static func demoRecordsIndicators(time: Message, who: Message, rate: String) -> Message {
        Message(
            en: "\(time) \(who) records the goals' indicators and the satisfaction survey: \(rate)% satisfied",
            zh: "\(time) \(who)填报整顿目标指标和群众满意度测评结果：满意率\(rate)%")
    }
}
