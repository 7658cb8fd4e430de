import ZhengdunCore

/// Campaigns (整顿工作) and their township's work.
extension Message {
    public static func noCampaign(campaign: String) -> Message {
        Message(en: "there is no campaign \(campaign)", zh: "没有整顿工作 \(campaign)")
    }

    public static let whatCampaignTitle = Message(en: "the campaign's title", zh: "整顿工作名称")

    public static func workflowHasNoTownshipRoles(workflow: String) -> Message {
        Message(
            en: "workflow \(workflow) declares no township role (scope: campaign); its plans run one village each",
            zh: "工作流 \(workflow) 没有声明镇级角色（scope: campaign），只能逐村创建方案")
    }

    public static func villageRoleInCampaign(role: Message) -> Message {
        Message(
            en: "\(role) is a village's role: bind it in each village's plan (plan create --campaign)",
            zh: "\(role)是村级角色，请在各村方案中绑定（plan create --campaign）")
    }

    public static func campaignRunsAnotherWorkflow(campaign: String, title: String, workflow: String, version: Int) -> Message {
        Message(
            en: "campaign \(campaign) (\(title)) runs workflow \(workflow) version \(version); a plan joining it runs the same file",
            zh: "整顿工作 \(campaign)（\(title)）使用工作流 \(workflow) 第\(version)版，加入的方案须使用同一文件")
    }

    public static func campaignWithoutTownshipWork(campaign: String, title: String) -> Message {
        Message(
            en: "campaign \(campaign) (\(title)) has no township plan: advance its village plans one by one (plan advance)",
            zh: "整顿工作 \(campaign)（\(title)）没有镇级任务，请逐村转段（plan advance）")
    }

    // MARK: 问责

    public static let accountabilityNeedsReason = Message(
        en: "a record of accountability needs its reason (--reason)", zh: "问责记录须写明事由（--reason）")

    public static func noInspection(inspection: Int64) -> Message {
        Message(en: "there is no inspection \(inspection)", zh: "没有编号为 \(inspection) 的督查记录")
    }

    public static func accountabilityNeedsPlan(person: String, plans: Message) -> Message {
        Message(
            en: "\(person) answers for no village or for several (\(plans)); say which with --plan, --task or --inspection",
            zh: "\(person)不对任何村负责，或对多个村负责（\(plans)）；请用 --plan、--task 或 --inspection 指明")
    }

    public static func notAnswerableInPlan(person: String, plan: String) -> Message {
        Message(en: "\(person) holds no role in plan \(plan)", zh: "\(person)在方案 \(plan) 中不担任任何角色")
    }

    public static func onlyRolesHoldAccountable(plan: String, roles: Message) -> Message {
        Message(en: "plan \(plan): only \(roles) may record accountability", zh: "方案 \(plan)：只有\(roles)可以记录问责")
    }

    public static func accountabilityPlanMismatch(named: String, found: String) -> Message {
        Message(en: "the task or inspection belongs to plan \(found), not \(named)", zh: "所指任务或督查属于方案 \(found)，不属于 \(named)")
    }

    public static func notAHolder(plan: String, person: String, role: Message) -> Message {
        Message(en: "plan \(plan): \(person) does not hold \(role)", zh: "方案 \(plan)：\(person)不担任\(role)")
    }
}
