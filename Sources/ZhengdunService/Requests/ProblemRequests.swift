import ZhengdunCore

/// `problem add`: an item entered on a plan's problem list (问题清单) and handed over.
public struct RecordProblem: ActingRequest {
    public static let name = "recordProblem"
    public var plan: PlanID
    public var draft: ProblemDraft
    public var `as`: PersonID?

    public init(_ plan: PlanID, _ draft: ProblemDraft, as person: PersonID?) {
        self.plan = plan
        self.draft = draft
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> ProblemView {
        try service.recordProblem(draft, in: plan, by: acting(caller))
    }
}

/// `problem list` and the 整改台账 (`report problems`): a plan's problem list, or every plan's.
public struct ListProblems: ServiceRequest {
    public static let name = "problems"
    public var plan: PlanID?
    public var campaign: CampaignID?

    public init(_ plan: PlanID?, campaign: CampaignID? = nil) {
        self.plan = plan
        self.campaign = campaign
    }

    public func perform(on service: Service, for caller: Caller) throws -> [ProblemView] {
        try service.problems(of: plan, campaign: campaign)
    }
}

/// `problem show`.
public struct ShowProblem: ServiceRequest {
    public static let name = "problem"
    public var plan: PlanID
    public var number: Int

    public init(_ plan: PlanID, number: Int) {
        self.plan = plan
        self.number = number
    }

    public func perform(on service: Service, for caller: Caller) throws -> ProblemView {
        try service.problem(number, of: plan)
    }
}

/// `problem note|close|carry`.
public struct ChangeProblem: ActingRequest {
    public static let name = "changeProblem"
    public var plan: PlanID
    public var number: Int
    public var change: ProblemChange
    public var `as`: PersonID?

    public init(_ plan: PlanID, number: Int, _ change: ProblemChange, as person: PersonID?) {
        self.plan = plan
        self.number = number
        self.change = change
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> ProblemView {
        try service.change(problem: number, of: plan, change, by: acting(caller))
    }
}
