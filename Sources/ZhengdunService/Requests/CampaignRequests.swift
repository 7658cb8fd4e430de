import ZhengdunCore

/// `campaign create`: a township's campaign, with the township's own plan in draft.
public struct CreateCampaign: ActingRequest {
    public static let name = "createCampaign"
    public var draft: CampaignDraft
    public var workflow: WorkflowBundle
    public var `as`: PersonID?

    public init(_ draft: CampaignDraft, workflow: WorkflowBundle, as person: PersonID?) {
        self.draft = draft
        self.workflow = workflow
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> CampaignView {
        try service.createCampaign(draft, workflow: try WorkflowFile(workflow), by: acting(caller))
    }
}

/// `campaign list`.
public struct ListCampaigns: ServiceRequest {
    public static let name = "campaigns"
    public init() {}

    public func perform(on service: Service, for caller: Caller) throws -> [CampaignView] {
        try service.campaigns()
    }
}

/// `campaign show`.
public struct ShowCampaign: ServiceRequest {
    public static let name = "campaign"
    public var campaign: CampaignID

    public init(_ campaign: CampaignID) { self.campaign = campaign }

    public func perform(on service: Service, for caller: Caller) throws -> CampaignView {
        try service.campaign(campaign)
    }
}

/// `campaign advance`: launch the township's plan, or 转段 it.
public struct AdvanceCampaign: ActingRequest {
    public static let name = "advanceCampaign"
    public var campaign: CampaignID
    public var overrideReason: String?
    public var holders: [RoleHolder]
    public var `as`: PersonID?

    public init(_ campaign: CampaignID, overrideReason: String?, holders: [RoleHolder] = [], as person: PersonID?) {
        self.campaign = campaign
        self.overrideReason = overrideReason
        self.holders = holders
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> PlanOutcome {
        try service.advanceCampaign(campaign, overrideReason: overrideReason, holders: holders, by: acting(caller))
    }
}

/// `report ranking`: the campaign's villages and the people answerable for them, scored.
public struct ShowRanking: ServiceRequest {
    public static let name = "ranking"
    public var campaign: CampaignID?

    public init(_ campaign: CampaignID?) { self.campaign = campaign }

    public func perform(on service: Service, for caller: Caller) throws -> Ranking {
        try service.ranking(campaign: campaign)
    }
}

/// `accountability add`: a 问责 record, by the office director.
public struct RecordAccountability: ActingRequest {
    public static let name = "recordAccountability"
    public var draft: AccountabilityDraft
    public var `as`: PersonID?

    public init(_ draft: AccountabilityDraft, as person: PersonID?) {
        self.draft = draft
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> AccountabilityView {
        try service.recordAccountability(draft, by: acting(caller))
    }
}

/// `accountability list`.
public struct ListAccountability: ServiceRequest {
    public static let name = "accountability"
    public var person: PersonID?

    public init(_ person: PersonID?) { self.person = person }

    public func perform(on service: Service, for caller: Caller) throws -> [AccountabilityView] {
        try service.accountability(of: person)
    }
}
