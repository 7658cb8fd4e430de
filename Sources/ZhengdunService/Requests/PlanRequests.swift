import ZhengdunCore

/// `plan create`: a village's plan (方案) from a workflow, launched into its first phase.
public struct CreatePlan: ActingRequest {
    public static let name = "createPlan"
    public var draft: PlanDraft
    public var workflow: WorkflowBundle
    public var `as`: PersonID?

    public init(_ draft: PlanDraft, workflow: WorkflowBundle, as person: PersonID?) {
        self.draft = draft
        self.workflow = workflow
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> PlanView {
        try service.createPlan(draft, workflow: try WorkflowFile(workflow), by: acting(caller))
    }
}

/// `plan list`.
public struct ListPlans: ServiceRequest {
    public static let name = "plans"
    public init() {}

    public func perform(on service: Service, for caller: Caller) throws -> [PlanSummary] {
        try service.plans()
    }
}

/// `plan show`.
public struct ShowPlan: ServiceRequest {
    public static let name = "plan"
    public var plan: PlanID

    public init(_ plan: PlanID) { self.plan = plan }

    public func perform(on service: Service, for caller: Caller) throws -> PlanView {
        try service.plan(plan)
    }
}

/// `plan advance`: 转段 to the next phase, through its gate or, with a reason, over it.
public struct AdvancePlan: ActingRequest {
    public static let name = "advance"
    public var plan: PlanID
    public var overrideReason: String?
    public var holders: [RoleHolder]
    public var `as`: PersonID?

    public init(_ plan: PlanID, overrideReason: String?, holders: [RoleHolder] = [], as person: PersonID?) {
        self.plan = plan
        self.overrideReason = overrideReason
        self.holders = holders
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> PlanOutcome {
        try service.advance(plan, overrideReason: overrideReason, holders: holders, by: acting(caller))
    }
}

/// `plan cancel`: the plan and its open tasks end, with the reason.
public struct CancelPlan: ActingRequest {
    public static let name = "cancelPlan"
    public var plan: PlanID
    public var reason: String
    public var `as`: PersonID?

    public init(_ plan: PlanID, reason: String, as person: PersonID?) {
        self.plan = plan
        self.reason = reason
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> PlanOutcome {
        try service.cancel(plan, reason: reason, by: acting(caller))
    }
}
