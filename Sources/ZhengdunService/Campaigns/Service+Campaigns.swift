import Foundation
import ZhengdunCore
import ZhengdunStore

/// One of a role's holders, named to receive the tasks of the role a step issues
/// (`plan advance --holder ROLE=PERSON`).
public struct RoleHolder: Sendable, Codable, Hashable {
    public var role: RoleKey
    public var person: PersonID

    public init(role: RoleKey, person: PersonID) {
        self.role = role
        self.person = person
    }
}

/// What `campaign create` is given: the campaign's title, its planned start, and the
/// township's people bound to the township's roles.
public struct CampaignDraft: Sendable, Codable {
    public var title: String
    public var start: LocalDate
    /// In the order given.
    public var assignments: [(role: RoleKey, person: PersonID)]

    public init(title: String, start: LocalDate, assignments: [(role: RoleKey, person: PersonID)]) {
        self.title = title
        self.start = start
        self.assignments = assignments
    }

    enum CodingKeys: String, CodingKey {
        case title, start, assignments
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        start = try container.decode(LocalDate.self, forKey: .start)
        assignments = try container.decodeAssignments(forKey: .assignments)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(start, forKey: .start)
        try container.encodeAssignments(assignments, forKey: .assignments)
    }
}

/// `campaign show` and `campaign list`: a campaign, the township's own plan, its villages.
public struct CampaignView: Codable, Sendable {
    public var id: Int64
    public var title: String
    public var workflow: String?
    /// The township's own plan, issuing the work done once; nil for a campaign of plans alone.
    public var township: PlanSummary?
    public var villages: [PlanSummary]
}

extension Service {
    /// `campaign create`: a campaign with the township's own plan, in draft; the township's
    /// people are bound once here, and each village plan that joins takes them.
    public func createCampaign(_ draft: CampaignDraft, workflow file: WorkflowFile, by acting: Acting) throws -> CampaignView {
        try requireAdministrator(acting, to: .actCreatePlans)
        guard DateRange.contains(draft.start) else { throw Refusal(DateRange.outOfRange(draft.start)) }
        let workflow = file.workflow
        let townshipRoles = workflow.roles(in: .campaign)
        guard !townshipRoles.isEmpty else { throw Refusal(.workflowHasNoTownshipRoles(workflow: "\(workflow.key)")) }
        let bindings = try Self.bindings(draft.assignments, under: workflow)
        for role in bindings.roles where workflow.role(role)?.scope == .village {
            throw Refusal(.villageRoleInCampaign(role: .role(role, title: workflow.role(role)?.title)))
        }
        let title = try PersonText.line(draft.title, .whatCampaignTitle, within: .place)
        // The township's own plan, named after the campaign, its "branch" the township's work.
        let plan = Plan(village: title, branch: "镇级任务", goals: [], bindings: bindings, start: draft.start)
        return try store.write { tx in
            let now = clock.now()
            let party = try party(acting, in: tx)
            let campaign = try insertCampaign(title: title, by: party, acting, at: now, in: tx)
            _ = try insertPlan(
                plan, gaps: plan.problems(under: workflow, binding: townshipRoles), campaign: campaign, township: true, file: file,
                by: party, acting, at: now, in: tx)
            return try campaignView(campaign, in: tx)
        }
    }

    /// A new campaign, recorded as an event.
    func insertCampaign(title: String, by party: PersonRow?, _ acting: Acting, at now: Date, in tx: StoreTransaction) throws -> CampaignID {
        let campaign = try tx.insert(CampaignRow(title: title, createdAt: now)).id!
        try tx.append(
            NewEvent(
                .campaignCreated, actor: party?.id, caller: acting.caller.label,
                payload: ["campaign": "C\(campaign.rawValue)", "title": title]), at: now)
        return campaign
    }

    public func campaigns() throws -> [CampaignView] {
        try store.read { tx in try tx.campaigns().map { try campaignView($0.id!, in: tx) } }
    }

    public func campaign(_ id: CampaignID) throws -> CampaignView {
        try store.read { tx in try campaignView(id, in: tx) }
    }

    /// `campaign advance`: launch the township's own plan or pass its gate, as `plan advance`
    /// does for a village.
    public func advanceCampaign(
        _ id: CampaignID, overrideReason: String?, holders: [RoleHolder] = [], by acting: Acting
    ) throws -> PlanOutcome {
        let township = try store.read { tx -> PlanID in
            guard let campaign = try tx.campaign(id) else { throw Refusal(.noCampaign(campaign: "C\(id.rawValue)")) }
            guard let plan = try tx.townshipPlan(of: id) else {
                throw Refusal(.campaignWithoutTownshipWork(campaign: "C\(id.rawValue)", title: campaign.title))
            }
            return plan.id!
        }
        return try advance(township, overrideReason: overrideReason, holders: holders, by: acting)
    }

    func campaignView(_ id: CampaignID, in tx: StoreTransaction) throws -> CampaignView {
        guard let campaign = try tx.campaign(id) else { throw Refusal(.noCampaign(campaign: "C\(id.rawValue)")) }
        let plans = try tx.plans(in: [id])
        let summaries = try planSummaries(plans, in: tx)
        return CampaignView(
            id: id.rawValue, title: campaign.title, workflow: plans.first?.workflowKey,
            township: summaries.first(where: \.township), villages: summaries.filter { !$0.township })
    }

    // MARK: The township's work in a village's plan

    /// The township's own plan of the campaign `plan` belongs to, when `plan` is a village's.
    func townshipPlan(besides plan: PlanContext, in tx: StoreTransaction) throws -> PlanRow? {
        plan.row.township ? nil : try tx.townshipPlan(of: plan.row.campaignID)
    }

    /// Which of the workflow's tasks `plan` issues: the township's plan the campaign's, a
    /// village's the village's when its campaign has a township plan, and all of them otherwise
    /// (a village alone in its campaign does the township's work itself).
    func issuingScope(of plan: PlanContext, township: PlanRow?) -> Scope? {
        if plan.row.township { return .campaign }
        return township == nil ? nil : .village
    }

    /// The campaign's tasks a village's gate waits on: the township's required tasks of the same
    /// phase, named as issued, or by their title until the township issues them.
    func campaignGate(of plan: PlanContext, phase: PhaseKey, in tx: StoreTransaction) throws -> [GateItem] {
        guard let township = try townshipPlan(besides: plan, in: tx), let templates = plan.workflow.phase(phase)?.tasks(in: .campaign)
        else { return [] }
        let tasks = try tx.tasks(TaskFilter(plan: township.id!, phase: phase))
        let issued = Dictionary(tasks.compactMap { task in task.templateKey.map { ($0, task) } }) { first, _ in first }
        let campaign = "C\(township.campaignID.rawValue)"
        let now = clock.now()
        return templates.flatMap { template -> [GateItem] in
            // A recurring task's occurrences count once they are due, as in the village's own gate.
            if template.recurrence != nil {
                return tasks.filter { $0.templateKey == template.key && $0.deadline <= now }.map { task in
                    GateItem(name: "\(task.label) \(task.title)（\(campaign)）", required: template.required, state: task.state)
                }
            }
            if let task = issued[template.key] {
                return [GateItem(name: "\(task.label) \(task.title)（\(campaign)）", required: template.required, state: task.state)]
            }
            return [GateItem(name: "\(template.title)（\(campaign)）", required: template.required, state: .issued)]
        }
    }

    /// For a campaign's task that waits for the villages: the phase and the villages that have not begun it.
    func villagesBehind(
        _ template: TaskTemplate, of plan: PlanContext, in tx: StoreTransaction
    ) throws -> (
        phase: Message, villages: [String]
    )? {
        guard plan.row.township, let phase = template.waitsForVillages, let index = plan.workflow.phaseIndex(phase) else { return nil }
        let behind = try tx.plans(in: [plan.row.campaignID]).filter { village in
            guard !village.township else { return false }
            switch village.state {
            case .draft: return true
            case .cancelled, .accepted, .rebound, .closed: return false
            case .inPhase(let current): return (plan.workflow.phaseIndex(current) ?? 0) < index
            }
        }
        let title = plan.workflow.phase(phase)?.title ?? phase.rawValue
        return (.perLanguage(en: "phase '\(phase)'", zh: title), behind.map(\.village))
    }
}
