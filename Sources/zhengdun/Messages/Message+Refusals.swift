import ZhengdunCore

/// Refusals of the command line itself: ids, options, files.
extension Message {
    static let socketAndDatabase = Message(
        en: "give either --socket or --db, not both",
        zh: "--socket 与 --db 只能给一个")

    static func notACampaignNumber(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a campaign number; write C2 or 2",
            zh: "“\(text)”不是整顿工作编号；请写 C2 或 2")
    }

    static func notAPlanNumber(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a plan number; write P12 or 12",
            zh: "“\(text)”不是方案编号；请写 P12 或 12")
    }

    static func notATaskNumber(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a task number; write T12 or 12",
            zh: "“\(text)”不是任务编号；请写 T12 或 12")
    }

    static func optionProblem(option: String, problem: Message) -> Message {
        Message(
            en: "\(option): \(problem)",
            zh: "\(option)：\(problem)")
    }

    static func expectedKeyValue(option: String, text: String) -> Message {
        Message(
            en: "\(option) \(text): expected KEY=VALUE",
            zh: "\(option) \(text)：应为 键=值")
    }

    static let runDueNowOverSocket = Message(
        en: "run-due --now works only on a local database; the daemon runs its passes on its own clock",
        zh: "run-due --now 只能用于本地数据库；守护进程按自己的时钟运行")

    static func expectedOneOf(option: String, text: String, values: Message) -> Message {
        Message(
            en: "\(option) \(text): expected one of \(values)",
            zh: "\(option) \(text)：应为以下之一：\(values)")
    }

    static func notALogSubject(text: String) -> Message {
        Message(
            en: "'\(text)': write P12 for plan 12 or T12 for task 12",
            zh: "“\(text)”：方案 12 请写 P12，任务 12 请写 T12")
    }

    static func auditFailed(count: Int, first: Message) -> Message {
        Message(
            en: "the event log fails verification: \(count) \(count, one: "problem", other: "problems") (\(first))",
            zh: "事件日志校验未通过：\(count)处问题（\(first)）")
    }

    static func demoFolderExists(folder: String) -> Message {
        Message(
            en: "\(folder) exists already; the demo needs a new folder",
            zh: "\(folder) 已存在；演示需要一个新目录")
    }

    static func demoWorkflowNotFound(candidates: Message) -> Message {
        Message(
            en: "cannot find the workflow (looked for \(candidates)); name one with --workflow",
            zh: "找不到工作流（查找了 \(candidates)）；请用 --workflow 指定")
    }

    static func cannotCreate(path: String) -> Message {
        Message(
            en: "cannot create \(path)",
            zh: "无法创建 \(path)")
    }
}

/// What the problem list's commands say.
extension Message {
    static func notAProblemNumber(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not an item of a problem list; write Q3 or 3",
            zh: "“\(text)”不是问题清单的编号；请写 Q3 或 3")
    }

    static func problemRecorded(plan: String, item: String, task: String, responsible: String, deadline: String) -> Message {
        Message(
            en: "P\(plan) \(item) recorded and handed to \(responsible) as task T\(task), due \(deadline)",
            zh: "已登记问题 P\(plan) \(item)，作为整改任务 T\(task) 交\(responsible)办理，整改时限\(deadline)")
    }

    static func problemNow(plan: String, item: String, state: Message) -> Message {
        Message(
            en: "P\(plan) \(item): \(state)",
            zh: "问题 P\(plan) \(item)：\(state)")
    }
}
