import ZhengdunCore

/// Refusals of the service: who may do what, people, stored files, evidence.
extension Message {
    public static func noTask(task: String) -> Message {
        Message(
            en: "there is no task \(task)",
            zh: "没有任务 \(task)")
    }

    public static func noPerson(person: String) -> Message {
        Message(
            en: "there is no person '\(person)'",
            zh: "没有人员“\(person)”")
    }

    public static func noCalendarStored(name: String) -> Message {
        Message(
            en: "the database holds no calendar '\(name)'",
            zh: "数据库中没有工作日历“\(name)”")
    }

    public static func storedCalendarUnreadable(name: String, problem: Message) -> Message {
        Message(
            en: "the stored calendar '\(name)' no longer reads: \(problem)",
            zh: "数据库中的工作日历“\(name)”已无法读取：\(problem)")
    }

    public static func workflowMissing(plan: String) -> Message {
        Message(
            en: "the workflow of plan \(plan) is missing from the database",
            zh: "数据库中缺少方案 \(plan) 的工作流")
    }

    public static func storedWorkflowUnreadable(plan: String, problem: Message) -> Message {
        Message(
            en: "the workflow stored with plan \(plan) no longer reads: \(problem)",
            zh: "方案 \(plan) 所存的工作流已无法读取：\(problem)")
    }

    public static func noTemplatesStored(language: String) -> Message {
        Message(
            en:
                "the database holds no \(language) mail templates; they are stored when a plan is created from a workflow folder with templates/",
            zh: "数据库中没有 \(language) 邮件模板；从带有 templates/ 的工作流目录创建方案时会存入")
    }

    public static func storedTemplatesUnreadable(language: String, problem: Message) -> Message {
        Message(
            en: "the stored \(language) mail templates no longer read: \(problem)",
            zh: "数据库中的 \(language) 邮件模板已无法读取：\(problem)")
    }

    public static func onlyAdministratorActsAs(user: String) -> Message {
        Message(
            en: "only an administrator may act as another person; \(user) is not one",
            zh: "只有管理员可以代他人操作；\(user) 不是管理员")
    }

    public static func notLinked(user: String) -> Message {
        Message(
            en: "\(user) is not linked to any person; act as one with --as PERSON, or link one with person add --unix-user \(user)",
            zh: "\(user) 未关联任何人员；请用 --as 人员 代为操作，或用 person add --unix-user \(user) 关联")
    }

    public static func onlyAdministratorMay(act: Message, user: String) -> Message {
        Message(
            en: "only an administrator may \(act); \(user) is not one",
            zh: "只有管理员可以\(act)；\(user) 不是管理员")
    }

    public static let actAddPeople = Message(
        en: "add people",
        zh: "添加人员")

    public static let actRetryMessages = Message(
        en: "retry messages",
        zh: "重发邮件")

    public static let actCreatePlans = Message(
        en: "create plans",
        zh: "创建方案")

    public static func invalidPersonID(id: String) -> Message {
        Message(
            en: "'\(id)' cannot be a person id: use lowercase letters, digits, '.', '-' and '_', starting with a letter, at most 64",
            zh: "“\(id)”不能作为人员编号：只能用小写字母、数字、“.”“-”“_”，以字母开头，最多64个字符")
    }

    public static func invalidEmail(email: String) -> Message {
        Message(
            en: "'\(email)' is not an email address",
            zh: "“\(email)”不是电子邮件地址")
    }

    public static func invalidUnixUser(user: String) -> Message {
        Message(
            en: "'\(user)' is not a Unix user name",
            zh: "“\(user)”不是 Unix 用户名")
    }

    public static func personExists(person: String) -> Message {
        Message(
            en: "there is already a person '\(person)'",
            zh: "人员“\(person)”已存在")
    }

    public static func unixUserTaken(user: String, person: String) -> Message {
        Message(
            en: "Unix user \(user) is already linked to '\(person)'",
            zh: "Unix 用户 \(user) 已关联到“\(person)”")
    }

    public static func mustBeOneLine(what: Message) -> Message {
        Message(
            en: "\(what) must be one line without control characters",
            zh: "\(what)须为一行，且不含控制字符")
    }

    public static let whatName = Message(
        en: "the name",
        zh: "姓名")

    public static let whatVillage = Message(
        en: "the village",
        zh: "村名")

    public static let whatBranch = Message(
        en: "the branch",
        zh: "党支部名称")

    public static let whatProblem = Message(
        en: "a problem",
        zh: "问题描述")

    public static let whatFinding = Message(
        en: "the finding",
        zh: "督查发现")

    public static let whatTitle = Message(
        en: "the title",
        zh: "标题")

    public static let whatTheReason = Message(
        en: "the reason",
        zh: "理由")

    public static let whatTheNote = Message(
        en: "the note",
        zh: "说明")

    public static let whatEvidenceName = Message(
        en: "an evidence file name",
        zh: "佐证文件名")

    public static func noMessage(id: String) -> Message {
        Message(
            en: "there is no message \(id) in the outbox",
            zh: "发件箱中没有邮件 \(id)")
    }

    public static func messageAlreadySent(id: String, time: String) -> Message {
        Message(
            en: "message \(id) was sent at \(time); nothing to retry",
            zh: "邮件 \(id) 已于 \(time) 发出，无需重发")
    }

    public static func cannotRead(path: String, reason: Message) -> Message {
        Message(
            en: "cannot read \(path): \(reason)",
            zh: "无法读取 \(path)：\(reason)")
    }

    public static let notARegularFile = Message(
        en: "not a regular file",
        zh: "不是普通文件")

    public static func largerThanMiB(size: Int) -> Message {
        Message(
            en: "larger than \(size) MiB",
            zh: "超过 \(size) MiB")
    }

    public static func workflowsFolderMissing(path: String) -> Message {
        Message(
            en: "the workflows folder \(path) does not exist",
            zh: "工作流目录 \(path) 不存在")
    }

    public static func workflowsFolderEmpty(path: String) -> Message {
        Message(
            en: "the workflows folder \(path) holds no workflow",
            zh: "工作流目录 \(path) 中没有工作流")
    }

    public static func roleAssignedTwice(role: String, first: String, second: String) -> Message {
        Message(
            en: "role '\(role)' is assigned twice (\(first) and \(second))",
            zh: "角色“\(role)”指派了两人（\(first)、\(second)），一个角色只能由一人担任")
    }

    public static func noTemplatesBeside(path: String, folder: String) -> Message {
        Message(
            en: "there are no mail templates beside \(path) (\(folder))",
            zh: "\(path) 旁没有邮件模板（\(folder)）")
    }

    public static func planCannotBeCreated(problems: Message) -> Message {
        Message(
            en: "the plan cannot be created: \(problems)",
            zh: "无法创建方案：\(problems)")
    }

    public static func noPersonForRole(person: String, role: String) -> Message {
        Message(
            en: "there is no person '\(person)' to hold role '\(role)'",
            zh: "没有人员“\(person)”来担任角色“\(role)”")
    }

    public static func planRefused(plan: String, refusal: Message) -> Message {
        Message(
            en: "plan \(plan): \(refusal)",
            zh: "方案 \(plan)：\(refusal)")
    }

    public static func evidenceTooLarge(size: Int) -> Message {
        Message(
            en: "the evidence is larger than \(size) MiB in all",
            zh: "佐证材料合计超过 \(size) MiB")
    }

    public static func taskWithoutPlan(task: String) -> Message {
        Message(
            en: "task \(task) belongs to no plan",
            zh: "任务 \(task) 不属于任何方案")
    }

    public static let findingEmpty = Message(
        en: "the finding must not be empty",
        zh: "督查发现不能为空")

    public static func onlyRolesMayInspect(plan: String, roles: Message) -> Message {
        Message(
            en: "plan \(plan): only \(roles) may inspect this plan",
            zh: "方案 \(plan)：只有\(roles)可以督查此方案")
    }

    public static func planNotInPhase(plan: String, state: Message) -> Message {
        Message(
            en: "plan \(plan) is \(state); only a plan in one of its phases is inspected",
            zh: "方案 \(plan) 处于“\(state)”；只能督查处于某一阶段的方案")
    }

    public static func workflowHasNoRole(role: String) -> Message {
        Message(
            en: "the workflow has no role '\(role)'",
            zh: "工作流中没有角色“\(role)”")
    }

    public static func noOneHoldsRole(role: String, plan: String) -> Message {
        Message(
            en: "no one holds role '\(role)' in plan \(plan)",
            zh: "方案 \(plan) 中无人担任角色“\(role)”")
    }

    public static func verifierIsExecutor(role: String) -> Message {
        Message(
            en: "the rectification cannot be verified by the role that must carry it out ('\(role)'); name another with --verifier",
            zh: "整改不能由承办角色（“\(role)”）自行验收；请用 --verifier 指定其他角色")
    }

    public static func rectificationDeadlinePassed(deadline: LocalDateTime) -> Message {
        Message(
            en: "the rectification's deadline \(deadline) has already passed",
            zh: "整改期限 \(deadline) 已经过去")
    }

    public static let theRectificationDeadline = Message(
        en: "the rectification's deadline",
        zh: "整改期限")

    public static func theNewDeadlineOf(task: String) -> Message {
        Message(
            en: "the new deadline of \(task)",
            zh: "\(task) 的新期限")
    }

    public static func phaseDeadlines(phase: String) -> Message {
        Message(
            en: "deadlines of phase '\(phase)'",
            zh: "阶段“\(phase)”的期限")
    }

    public static func cannotCreateDatabaseFolder(folder: String) -> Message {
        Message(
            en: "cannot create the database folder \(folder)",
            zh: "无法创建数据库目录 \(folder)")
    }

    public static let unexpectedAnswer = Message(
        en: "the daemon answered something else than was asked (is it another version?)",
        zh: "守护进程的回答与所问不符（版本是否不同？）")

    public static func cannotReadEvidence(path: String, reason: Message) -> Message {
        Message(
            en: "cannot read evidence \(path): \(reason)",
            zh: "无法读取佐证材料 \(path)：\(reason)")
    }

    public static let aFolder = Message(
        en: "a folder",
        zh: "是目录")

    public static let permissionDenied = Message(
        en: "permission denied",
        zh: "没有权限")

    public static let noSuchFile = Message(
        en: "no such file",
        zh: "文件不存在")

    public static func evidenceFileTooLarge(path: String, size: Int, maximum: Int) -> Message {
        Message(
            en: "evidence \(path) is \(size) MiB; the evidence of one submission may be \(maximum) MiB in all",
            zh: "佐证材料 \(path) 有 \(size) MiB，一次办结所附佐证材料合计不得超过 \(maximum) MiB")
    }

    public static func evidenceChanged(path: String) -> Message {
        Message(
            en: "evidence \(path) changed while it was being read; submit it again",
            zh: "佐证材料 \(path) 在读取过程中发生了变化，请重新报送")
    }
}
