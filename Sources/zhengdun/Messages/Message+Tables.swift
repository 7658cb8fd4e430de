import ZhengdunCore

/// Table headers and labels.
extension Message {
    static let headerPerson = Message(
        en: "person",
        zh: "人员")

    static let headerName = Message(
        en: "name",
        zh: "姓名")

    static let headerEmail = Message(
        en: "email",
        zh: "邮箱")

    static let headerUnixUser = Message(
        en: "unix user",
        zh: "系统账户")

    static let headerPlan = Message(
        en: "plan",
        zh: "方案")

    static let headerVillage = Message(
        en: "village",
        zh: "村")

    static let headerState = Message(
        en: "state",
        zh: "状态")

    static let headerStart = Message(
        en: "start",
        zh: "开始")

    static let headerVerified = Message(
        en: "verified",
        zh: "已验收")

    static let headerOverdue = Message(
        en: "overdue",
        zh: "逾期")

    static let headerTask = Message(
        en: "task",
        zh: "任务")

    static let headerPhase = Message(
        en: "phase",
        zh: "阶段")

    static let headerTitle = Message(
        en: "title",
        zh: "名称")

    static let headerAssignee = Message(
        en: "assignee",
        zh: "责任人")

    static let headerDeadline = Message(
        en: "deadline",
        zh: "办结时限")

    static let headerLate = Message(
        en: "late",
        zh: "逾期")

    static let headerEvent = Message(
        en: "event",
        zh: "事件")

    static let headerTime = Message(
        en: "time",
        zh: "时间")

    static let headerKind = Message(
        en: "kind",
        zh: "类型")

    static let headerBy = Message(
        en: "by",
        zh: "操作人")

    static let headerDetails = Message(
        en: "details",
        zh: "详情")

    static let headerMessage = Message(
        en: "message",
        zh: "邮件")

    static let headerTo = Message(
        en: "to",
        zh: "收件人")

    static let headerSubject = Message(
        en: "subject",
        zh: "主题")

    static let headerTries = Message(
        en: "tries",
        zh: "次数")

    static let headerWhen = Message(
        en: "when",
        zh: "时间")

    static let headerError = Message(
        en: "error",
        zh: "错误")

    static let headerResponsible = Message(
        en: "responsible",
        zh: "责任角色")

    static let headerVerifier = Message(
        en: "verifier",
        zh: "验收角色")

    static let headerDue = Message(
        en: "due",
        zh: "基准时限")

    static let headerRequired = Message(
        en: "required",
        zh: "必办")

    static let headerDependsOn = Message(
        en: "depends on",
        zh: "依赖")

    static let labelWorkflow = Message(
        en: "workflow",
        zh: "工作流")

    static let labelState = Message(
        en: "state",
        zh: "状态")

    static let labelStart = Message(
        en: "start",
        zh: "开始")

    static let labelProfile = Message(
        en: "profile",
        zh: "村情")

    static let labelGoals = Message(
        en: "goals",
        zh: "整顿目标")

    static let labelTask = Message(
        en: "task",
        zh: "任务")

    static let labelTitle = Message(
        en: "title",
        zh: "名称")

    static let labelDescription = Message(
        en: "description",
        zh: "说明")

    static let labelPlan = Message(
        en: "plan",
        zh: "方案")

    static let labelMeasure = Message(
        en: "measure",
        zh: "整改措施")

    static let labelAssignee = Message(
        en: "assignee",
        zh: "责任人")

    static let labelVerifier = Message(
        en: "verifier",
        zh: "验收角色")

    static let labelDeadline = Message(
        en: "deadline",
        zh: "办结时限")

    static let labelIssued = Message(
        en: "issued",
        zh: "下发")

    static let labelAcknowledged = Message(
        en: "acknowledged",
        zh: "签收")

    static let labelSubmitted = Message(
        en: "submitted",
        zh: "报送")

    static let labelVerified = Message(
        en: "verified",
        zh: "验收")

    static let labelDependsOn = Message(
        en: "depends on",
        zh: "依赖")

    static let labelLastNote = Message(
        en: "last note",
        zh: "最新说明")

    static let labelEvidence = Message(
        en: "evidence",
        zh: "佐证材料")

    static let sectionProblems = Message(
        en: "Problems (后进原因)",
        zh: "后进原因")

    static let sectionRoles = Message(
        en: "Roles",
        zh: "角色")

    static let sectionPhases = Message(
        en: "Phases",
        zh: "阶段")

    static let sectionInspections = Message(
        en: "Inspections (督查)",
        zh: "督查")

    static let sectionTasks = Message(
        en: "Tasks",
        zh: "任务")

    static let sectionReminders = Message(
        en: "Reminders (催办)",
        zh: "催办")

    static let sectionEscalation = Message(
        en: "Escalation (督办)",
        zh: "督办")

    static let sectionReports = Message(
        en: "Reports",
        zh: "报告")

    static let yes = Message(
        en: "yes",
        zh: "是")

    static let no = Message(
        en: "no",
        zh: "否")
}

/// Campaigns (`campaign list|show|create`).
extension Message {
    static let headerCampaign = Message(en: "campaign", zh: "整顿工作")
    static let headerTownshipWork = Message(en: "township's work", zh: "镇级任务")
    static let headerVillages = Message(en: "villages", zh: "村数")
    static let campaignTownshipWork = Message(en: "The township's work, done once:", zh: "镇级任务（全镇一次）：")

    static func campaignVillages(count: Int) -> Message {
        Message(en: "Villages (\(count)):", zh: "各村方案（\(count)个）：")
    }

    static func campaignCreated(campaign: String, title: String, plan: String) -> Message {
        Message(
            en:
                "created campaign \(campaign) (\(title)); the township's work is plan \(plan), in draft; launch it with: zhengdun campaign advance \(campaign)",
            zh: "已创建整顿工作 \(campaign)（\(title)）；镇级任务为方案 \(plan)，现为草稿；启动镇级任务：zhengdun campaign advance \(campaign)")
    }
}
