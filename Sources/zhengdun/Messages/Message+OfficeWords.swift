import ZhengdunCore

/// The log, the outbox and deadlines in the office's words.
extension Message {
    static func deadlineWithRule(deadline: String, rule: String) -> Message {
        Message(
            en: "\(deadline) (\(rule))",
            zh: "\(deadline)（\(rule)）")
    }

    static let outboxQueued = Message(
        en: "queued",
        zh: "待发送")

    static let outboxStateSent = Message(
        en: "sent",
        zh: "已发送")

    static let outboxDead = Message(
        en: "dead",
        zh: "已放弃")

    /// A message sent and then reported undelivered by the receiving mail system.
    static let outboxBounced = Message(
        en: "bounced",
        zh: "被退信")

    static let logByScheduler = Message(
        en: "- [scheduler]",
        zh: "系统按期自动办理")

    static func logActedBy(account: String) -> Message {
        Message(
            en: "[unix:\(account)]",
            zh: "（\(account) 代为操作）")
    }

    static let eventPersonAdded = Message(
        en: "person.added",
        zh: "登记人员")

    static let eventCalendarUpdated = Message(
        en: "calendar.updated",
        zh: "更新工作日历")

    static let eventPlanCreated = Message(
        en: "plan.created",
        zh: "创建方案")

    static let eventPlanLaunched = Message(
        en: "plan.launched",
        zh: "启动方案")

    static let eventPhaseAdvanced = Message(
        en: "plan.phase_advanced",
        zh: "转段")

    static let eventGateOverridden = Message(
        en: "plan.gate_overridden",
        zh: "批准未达条件转段")

    static let eventPlanAccepted = Message(
        en: "plan.accepted",
        zh: "验收通过")

    static let eventLookBackBegun = Message(
        en: "plan.look_back_begun",
        zh: "巩固期满，开展回头看")

    static let eventPlanRebounded = Message(
        en: "plan.rebounded",
        zh: "回头看发现反弹，重新整改")

    static let eventPlanSignedOff = Message(
        en: "plan.signed_off",
        zh: "整顿销号")

    static let detailOccurrence = Message(
        en: "occurrence",
        zh: "期次")

    static let detailDuty = Message(
        en: "duty",
        zh: "常态职责")

    static let detailReopened = Message(
        en: "reopened",
        zh: "重新整改的问题")

    static let eventPlanCancelled = Message(
        en: "plan.cancelled",
        zh: "撤销方案")

    static let eventTaskIssued = Message(
        en: "task.issued",
        zh: "下发任务")

    static let eventTaskAcknowledged = Message(
        en: "task.acknowledged",
        zh: "签收")

    static let eventTaskSubmitted = Message(
        en: "task.submitted",
        zh: "报送办结")

    static let eventTaskVerified = Message(
        en: "task.verified",
        zh: "验收销号")

    static let eventTaskReturned = Message(
        en: "task.returned",
        zh: "退回整改")

    static let eventTaskReassigned = Message(
        en: "task.reassigned",
        zh: "改派")

    static let eventTaskExtended = Message(
        en: "task.extended",
        zh: "延期")

    static let eventTaskCancelled = Message(
        en: "task.cancelled",
        zh: "撤销任务")

    static let eventInspectionRecorded = Message(
        en: "inspection.recorded",
        zh: "记录督查")

    static let eventProblemRecorded = Message(en: "problem.recorded", zh: "登记问题")
    static let eventProblemNoted = Message(en: "problem.noted", zh: "整改进展")
    static let eventProblemCarried = Message(en: "problem.carried", zh: "转入长效")
    static let eventIndicatorRecorded = Message(en: "indicator.recorded", zh: "填报指标")
    static let eventSurveyRecorded = Message(en: "survey.recorded", zh: "群众满意度测评")
    static let detailProblem = Message(en: "problem", zh: "问题")
    static let detailProblemKind = Message(en: "kind", zh: "问题类别")
    static let detailProblemDetail = Message(en: "detail", zh: "具体表现")
    static let detailRemedy = Message(en: "remedy", zh: "整改措施")
    static let detailMeasure = Message(en: "measure", zh: "所属措施")
    static let detailGoal = Message(en: "goal", zh: "整顿目标")
    static let detailLeader = Message(en: "leader", zh: "责任领导")
    static let detailResponsible = Message(en: "responsible", zh: "责任人")
    static let detailIndicator = Message(en: "indicator", zh: "指标")
    static let detailValue = Message(en: "value", zh: "数值")
    static let detailBaseline = Message(en: "baseline", zh: "整顿前")
    static let detailSurvey = Message(en: "survey", zh: "测评")
    static let detailMissing = Message(en: "missing", zh: "缺交材料")
    static let detailMissingReason = Message(en: "missing_reason", zh: "缺项说明")

    static let detailAssignee = Message(
        en: "assignee",
        zh: "责任人")

    static let detailDeadline = Message(
        en: "deadline",
        zh: "办结时限")

    static let detailPreviousDeadline = Message(
        en: "previous deadline",
        zh: "原时限")

    static let detailPhase = Message(
        en: "phase",
        zh: "阶段")

    static let detailRule = Message(
        en: "deadline rule",
        zh: "时限")

    static let detailTitle = Message(
        en: "title",
        zh: "名称")

    static let detailInspection = Message(
        en: "inspection",
        zh: "督查")

    static let detailFrom = Message(
        en: "from",
        zh: "原")

    static let detailTo = Message(
        en: "to",
        zh: "现")

    static let detailReason = Message(
        en: "reason",
        zh: "理由")

    static let detailNote = Message(
        en: "note",
        zh: "说明")

    static let detailFinding = Message(
        en: "finding",
        zh: "发现问题")

    static let detailOrdersRectification = Message(
        en: "orders rectification",
        zh: "责令整改")

    static let detailRole = Message(
        en: "role",
        zh: "责任角色")

    static let detailDue = Message(
        en: "due",
        zh: "限期")

    static let detailBindings = Message(
        en: "roles",
        zh: "角色")

    static let detailVillage = Message(
        en: "village",
        zh: "村")

    static let detailBranch = Message(
        en: "branch",
        zh: "党组织")

    static let detailCalendar = Message(
        en: "calendar",
        zh: "工作日历")

    static let detailSource = Message(
        en: "source",
        zh: "来源")

    static let detailUnmet = Message(
        en: "unmet",
        zh: "未达条件的任务")

    static func roleAssignHint(key: String) -> Message {
        Message(
            en: "zhengdun plan create --assign \(key)=PERSON",
            zh: "指派：zhengdun plan create --assign \(key)=人员")
    }

    /// A township role is bound once, for the campaign.
    static func townshipRoleAssignHint(key: String) -> Message {
        Message(
            en: "zhengdun campaign create --assign \(key)=PERSON (once for the campaign)",
            zh: "指派：zhengdun campaign create --assign \(key)=人员（全镇一次）")
    }

    static let townshipTask = Message(en: "(township-wide)", zh: "（镇级，全镇一次）")

    static func waitsForVillages(phase: String) -> Message {
        Message(en: "every village in \(phase)", zh: "各村均进入\(phase)")
    }

    static let recipientAssignee = Message(
        en: "assignee",
        zh: "责任人")

    static let recipientVerifier = Message(
        en: "verifier",
        zh: "验收角色")

    static let atTheDeadline = Message(
        en: "at the deadline",
        zh: "到办结时限")

    static func pastTheDeadline(after: String) -> Message {
        Message(
            en: "\(after) after the deadline",
            zh: "逾期\(after)后")
    }

    static let gateRequiredTasksVerified = Message(
        en: "required-tasks-verified",
        zh: "必办任务全部验收销号")

    static let gateAllTasksVerified = Message(
        en: "all-tasks-verified",
        zh: "全部任务验收销号")
}

/// The log's words for campaigns and 问责.
extension Message {
    static let eventCampaignCreated = Message(en: "campaign created", zh: "创建整顿工作")
    static let eventAccountabilityRecorded = Message(en: "accountability recorded", zh: "问责")
    static let detailCampaign = Message(en: "campaign", zh: "整顿工作")
    static let detailTownship = Message(en: "the township's work", zh: "镇级任务")
    static let detailPerson = Message(en: "person", zh: "对象")
    static let detailAccountability = Message(en: "measure", zh: "问责方式")
}
