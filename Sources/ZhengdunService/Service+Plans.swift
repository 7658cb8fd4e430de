import Foundation
import ZhengdunCore
import ZhengdunStore

/// What `plan create` is given.
public struct PlanDraft: Sendable, Codable {
    public var village: String
    public var branch: String?
    public var start: LocalDate
    public var assignments: [(role: RoleKey, person: PersonID)]
    public var profile: VillageProfile
    public var problems: [PlanProblem]
    /// Nil pursues every goal of the workflow.
    public var goals: [String]?
    /// The campaign the plan joins; nil makes a campaign of its own.
    public var campaign: CampaignID?

    enum CodingKeys: String, CodingKey {
        case village, branch, start, assignments, profile, problems, goals, campaign
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        village = try container.decode(String.self, forKey: .village)
        branch = try container.decodeIfPresent(String.self, forKey: .branch)
        start = try container.decode(LocalDate.self, forKey: .start)
        assignments = try container.decodeAssignments(forKey: .assignments)
        profile = try container.decode(VillageProfile.self, forKey: .profile)
        problems = try container.decode([PlanProblem].self, forKey: .problems)
        goals = try container.decodeIfPresent([String].self, forKey: .goals)
        campaign = try container.decodeIfPresent(CampaignID.self, forKey: .campaign)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(village, forKey: .village)
        try container.encodeIfPresent(branch, forKey: .branch)
        try container.encode(start, forKey: .start)
        try container.encodeAssignments(assignments, forKey: .assignments)
        try container.encode(profile, forKey: .profile)
        try container.encode(problems, forKey: .problems)
        try container.encodeIfPresent(goals, forKey: .goals)
        try container.encodeIfPresent(campaign, forKey: .campaign)
    }

    public init(
        village: String, branch: String? = nil, start: LocalDate, assignments: [(role: RoleKey, person: PersonID)],
        profile: VillageProfile = VillageProfile(), problems: [PlanProblem] = [], goals: [String]? = nil, campaign: CampaignID? = nil
    ) {
        self.campaign = campaign
        self.village = village
        self.branch = branch
        self.start = start
        self.assignments = assignments
        self.profile = profile
        self.problems = problems
        self.goals = goals
    }
}

/// `--assign role=person` pairs as a request carries them: `[role, person]`, one each.
extension KeyedDecodingContainer {
    func decodeAssignments(forKey key: Key) throws -> [(role: RoleKey, person: PersonID)] {
        try decode([[String]].self, forKey: key).map { pair in
            guard pair.count == 2 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "an assignment is a [role, person] pair")
            }
            return (RoleKey(pair[0]), PersonID(pair[1]))
        }
    }
}

extension KeyedEncodingContainer {
    mutating func encodeAssignments(_ assignments: [(role: RoleKey, person: PersonID)], forKey key: Key) throws {
        try encode(assignments.map { [$0.role.rawValue, $0.person.rawValue] }, forKey: key)
    }
}

extension Service {
    /// `plan create`: a draft plan for one village under a workflow; nothing is issued yet. The
    /// plan joins the campaign named, taking the township's people from it, or makes a campaign
    /// of its own.
    public func createPlan(_ draft: PlanDraft, workflow file: WorkflowFile, by acting: Acting) throws -> PlanView {
        try requireAdministrator(acting, to: .actCreatePlans)
        guard DateRange.contains(draft.start) else { throw Refusal(DateRange.outOfRange(draft.start)) }
        let workflow = file.workflow
        var bindings = try Self.bindings(draft.assignments, under: workflow)
        let village = try PersonText.line(draft.village, .whatVillage, within: .place)
        let branch = try draft.branch.map { try PersonText.line($0, .whatBranch, within: .place) }
        let problems = try draft.problems.map { PlanProblem(kind: $0.kind, detail: try PersonText.text($0.detail, .whatProblem)) }

        return try store.write { tx in
            let now = clock.now()
            let party = try party(acting, in: tx)
            let campaign: CampaignID
            if let joined = draft.campaign {
                guard let row = try tx.campaign(joined) else { throw Refusal(.noCampaign(campaign: "C\(joined.rawValue)")) }
                let others = try tx.plans(in: [joined])
                if let other = others.first, other.workflowSHA256 != SHA256.hex(file.text) {
                    throw Refusal(
                        .campaignRunsAnotherWorkflow(
                            campaign: "C\(joined.rawValue)", title: row.title, workflow: "\(other.workflowKey)",
                            version: other.workflowVersion))
                }
                // The township's people are the campaign's: a village plan names only its own.
                if let township = others.first(where: \.township) {
                    let held = try tx.bindings(of: township.id!)
                    for role in workflow.roles(in: .campaign) where bindings.person(for: role.key) == nil {
                        for person in held.people(for: role.key) { bindings.bind(role.key, to: person) }
                    }
                }
                campaign = joined
            } else {
                campaign = try insertCampaign(title: village + "整顿工作", by: party, acting, at: now, in: tx)
            }
            let plan = Plan(
                village: village, branch: branch, profile: draft.profile, problems: problems,
                goals: draft.goals ?? workflow.goals.map(\.key), bindings: bindings, start: draft.start)
            let row = try insertPlan(
                plan, gaps: plan.problems(under: workflow), campaign: campaign, township: false, file: file, by: party, acting, at: now,
                in: tx)
            return try planView(try context(row.id!, in: tx), in: tx)
        }
    }

    /// Bindings from `--assign role=person`: a role once, or, when the workflow lets several
    /// people hold it together, once for each of them, in the order given.
    static func bindings(_ assignments: [(role: RoleKey, person: PersonID)], under workflow: Workflow) throws -> RoleBindings {
        var bindings = RoleBindings()
        for (role, person) in assignments {
            if workflow.role(role)?.several != true, let bound = bindings.person(for: role), bound != person {
                throw Refusal(
                    .roleAssignedTwice(
                        role: TypedText.excerpt("\(role)"), first: TypedText.excerpt("\(bound)"), second: TypedText.excerpt("\(person)")))
            }
            bindings.bind(role, to: person)
        }
        return bindings
    }

    /// Stores a checked plan with its workflow's snapshot, calendar and templates, and records it.
    func insertPlan(
        _ plan: Plan, gaps: [Message], campaign: CampaignID, township: Bool, file: WorkflowFile, by party: PersonRow?,
        _ acting: Acting, at now: Date, in tx: StoreTransaction
    ) throws -> PlanRow {
        let workflow = file.workflow
        var gaps = gaps
        if file.templates.isEmpty {
            gaps.append(Message.noTemplatesBeside(path: "\(file.path)", folder: "\(WorkflowFile.templateFolder(besides: file.path))"))
        }
        guard gaps.isEmpty else { throw Refusal(.planCannotBeCreated(problems: .list(gaps.map { $0 }))) }
        let bindings = plan.bindings
        for role in bindings.roles {
            for person in bindings.people(for: role) where try tx.person(person) == nil {
                throw Refusal(.noPersonForRole(person: TypedText.excerpt("\(person)"), role: TypedText.excerpt("\(role)")))
            }
        }
        for (language, texts) in file.templates { try tx.saveTemplates(texts, language: language, at: now) }
        if let calendar = file.calendarFile, let name = workflow.calendar {
            let row = CalendarRow(name: name, yaml: calendar.text, updatedAt: now)
            if try tx.calendar(name)?.sha256 != row.sha256 {
                try tx.save(row)
                try tx.append(
                    NewEvent(
                        .calendarUpdated, actor: party?.id, caller: acting.caller.label,
                        payload: ["calendar": name, "source": calendar.path, "sha256": row.sha256]), at: now)
            }
        }
        let snapshot = try tx.storeWorkflow(key: workflow.key, version: workflow.version, yaml: file.text)
        let row = try tx.insert(
            PlanRow(
                village: plan.village, branch: plan.branch, workflowKey: workflow.key,
                workflowVersion: workflow.version, workflowSource: file.path, workflowSHA256: snapshot,
                calendar: workflow.calendar, profile: plan.profile, problems: plan.problems,
                goals: plan.goals, startDate: plan.start, createdAt: now, campaign: campaign, township: township), bindings: bindings)
        try tx.append(
            NewEvent(
                .planCreated, plan: row.id, actor: party?.id, caller: acting.caller.label,
                payload: PlanCreated(row: row, bindings: bindings)), at: now)
        return row
    }

    public func plans() throws -> [PlanSummary] {
        try store.read { tx in try planSummaries(try tx.plans(), in: tx) }
    }

    func planSummaries(_ rows: [PlanRow], in tx: StoreTransaction) throws -> [PlanSummary] {
        let counts = try tx.taskCounts()
        let overdue = try tx.overdueCounts(at: clock.now())
        return try rows.map { row in
            PlanSummary(
                id: row.id!.rawValue, village: row.village, branch: row.branch, workflow: row.workflowKey,
                state: row.state.name, stateTitle: try stateTitle(row.state, of: row, tx), start: row.startDate,
                tasks: Dictionary(uniqueKeysWithValues: (counts[row.id!] ?? [:]).map { ($0.key.rawValue, $0.value) }),
                overdue: overdue[row.id!] ?? 0, campaign: row.campaignID.rawValue, township: row.township)
        }
    }

    public func plan(_ id: PlanID) throws -> PlanView {
        try store.read { tx in try planView(try context(id, in: tx), in: tx) }
    }

    /// `plan advance`: launch a draft, or pass the current gate (by override, with a reason).
    /// The tasks issued go to the first holder of their role, or to the holder `holders` names
    /// for it.
    public func advance(_ id: PlanID, overrideReason: String?, holders: [RoleHolder] = [], by acting: Acting) throws -> PlanOutcome {
        let command: PlanCommand = try overrideReason.map { .overrideGate(reason: try PersonText.text($0, .whatTheReason)) } ?? .advance
        return try decide(command, on: id, holders: holders, by: acting)
    }

    /// `plan cancel`: stop a plan; its open tasks are cancelled with it.
    public func cancel(_ id: PlanID, reason: String, by acting: Acting) throws -> PlanOutcome {
        try decide(.cancel(reason: try PersonText.text(reason, .whatTheReason)), on: id, by: acting)
    }

    private func decide(_ command: PlanCommand, on id: PlanID, holders: [RoleHolder] = [], by acting: Acting) throws -> PlanOutcome {
        try store.write { tx in
            let plan = try context(id, in: tx)
            var chosen: [RoleKey: PersonID] = [:]
            for holder in holders {
                guard plan.bindings.people(for: holder.role).contains(holder.person) else {
                    throw Refusal(
                        .notAHolder(
                            plan: "\(plan.label)", person: TypedText.excerpt("\(holder.person)"),
                            role: .role(holder.role, title: plan.workflow.role(holder.role)?.title)))
                }
                chosen[holder.role] = holder.person
            }
            let actor = try actor(acting, in: tx)
            let now = clock.now()
            var gate: [GateItem] = []
            if let phase = plan.row.state.workingPhase(in: plan.workflow) {
                // The look back is signed off once every item of the problem list it reopened
                // is put right again, whichever phase the item was found in.
                let tasks =
                    plan.workflow.isLookBack(phase)
                    ? try tx.tasks(TaskFilter(plan: id)).filter { $0.phase == phase || ($0.problemID != nil && $0.state.isOpen) }
                    : try tx.tasks(TaskFilter(plan: id, phase: phase))
                // A recurring task's occurrences count once they are due (all due so far).
                gate = tasks.filter { $0.occurrence == nil || $0.deadline <= now }.map {
                    GateItem(name: "\($0.label) \($0.title)", required: $0.required, state: $0.state)
                }
                gate += try campaignGate(of: plan, phase: phase, in: tx)
            }
            let decision = PlanMachine.decide(
                command, state: plan.row.state, tasks: gate, indicators: try gateIndicators(plan, in: tx), workflow: plan.workflow,
                actor: Actor(person: actor.id, roles: plan.bindings.roles(of: actor.id)))
            let transition: PlanTransition
            switch decision {
            case .success(let accepted): transition = accepted
            case .failure(let refusal):
                throw Refusal(.planRefused(plan: "\(plan.label)", refusal: refusal.message(in: plan.workflow)))
            }
            try tx.setState(transition.to, of: id)
            if let phase = transition.from.workingPhase(in: plan.workflow), transition.to != .rebound {
                try tx.end(phase: phase, of: id, at: now)
            }
            if transition.to == .accepted { try scheduleLookBack(of: plan, acceptedAt: now, tx) }
            if let phase = transition.from.workingPhase(in: plan.workflow), transition.to != .rebound {
                try endSeries(of: plan, leaving: phase, for: transition.to, at: now, by: actor.id, caller: acting.caller.label, tx)
            }
            try tx.append(
                NewEvent(
                    transition.event.kind, plan: id, actor: actor.id, caller: acting.caller.label,
                    payload: transition.event), at: now)
            var issued: [TaskRow] = []
            var warnings: [Message] = []
            if case .launched = transition.event, let schedule = plan.workflow.reports.progress {
                let at = NoticeSchedule.nextProgressReport(schedule, after: now, timeline: plan.timeline)
                try tx.insertTimer(NoticeSchedule.progressReport(schedule, at: at, timeline: plan.timeline))
            }
            if let phase = transition.issuing {
                let ordinal = plan.workflow.phaseIndex(phase.key)! + 1
                try tx.start(PlanPhaseRow(planID: id, phase: phase.key, ordinal: ordinal, startedAt: now))
                (issued, warnings) = try issue(
                    phase, of: plan, holders: chosen, at: now, by: actor.id, caller: acting.caller.label, in: tx)
            }
            if case .cancelled = transition.to, case .cancel(let why) = command {
                // Each open task records why it stopped, in the office's words and with the
                // office's reason, as its log shows it: 方案 P1 已撤销：撤并.
                try cancelWithPlan(
                    try tx.tasks(TaskFilter(plan: id)), reason: "方案 \(plan.label) 已撤销：\(why)", in: plan, by: actor.id,
                    caller: acting.caller.label, at: now, tx)
            }
            let summaries = try summarize(issued, in: tx)
            return PlanOutcome(
                plan: id.rawValue, from: transition.from.name, to: transition.to.name,
                fromTitle: phaseTitle(transition.from, plan.workflow), toTitle: phaseTitle(transition.to, plan.workflow),
                event: transition.event.kind.rawValue, issued: summaries, warnings: warnings)
        }
    }

    /// Cancels each of `tasks` still open, with `reason` in its log, as a change of the plan's
    /// requires (the plan cancelled, a recurring series ended): nobody gave the task a command,
    /// so the task machine's `planCancelled` decides, and each is recorded with its timers.
    func cancelWithPlan(
        _ tasks: [TaskRow], reason: String, in plan: PlanContext, by actor: PersonID?, caller: String, at now: Date,
        _ tx: StoreTransaction
    ) throws {
        for var task in tasks {
            guard let cancelled = TaskMachine.planCancelled(task.facts, reason: reason, at: now) else { continue }
            task.facts = cancelled.after
            try tx.update(task)
            try refreshTimers(of: task, in: plan, tx)
            try tx.append(
                NewEvent(cancelled.event.kind, plan: plan.id, task: task.id, actor: actor, caller: caller, payload: cancelled.event),
                at: now)
        }
    }

    /// Issues a phase's tasks, each to the person holding its responsible role (the first of
    /// several, or the one `holders` names), due by its rule counted from now, with its
    /// dependencies.
    func issue(
        _ phase: Phase, of plan: PlanContext, holders: [RoleKey: PersonID], at now: Date, by actor: PersonID?, caller: String,
        in tx: StoreTransaction
    ) throws -> ([TaskRow], [Message]) {
        var issued: [TaskRow] = []
        var gaps = Set<Int>()
        let township = try townshipPlan(besides: plan, in: tx)
        for template in phase.tasks(in: issuingScope(of: plan, township: township)) {
            // A recurring task is issued period by period, its first now or on its period's first working day.
            if template.recurrence != nil {
                if let first = try startSeries(of: template, in: plan, at: now, tx) { issued.append(first) }
                continue
            }
            let due = plan.timeline.due(template.deadline, from: now)
            _ = try plan.timeline.bounded(due.value, .theNewDeadlineOf(task: "\(template.key)"))
            gaps.formUnion(due.yearsWithoutData)
            let row = try tx.insert(
                TaskRow(
                    planID: plan.id, phase: phase.key, templateKey: template.key, inspectionID: nil,
                    title: template.title, description: template.description, measure: template.measure,
                    responsibleRole: template.responsible, verifierRole: template.verifier,
                    required: template.required,
                    assigneeID: holders[template.responsible] ?? plan.bindings.person(for: template.responsible)!,
                    deadlineRule: template.deadline.description, deadline: due.value, issuedAt: now))
            // A village's task may wait on the township's, done once for the campaign.
            for dependency in template.dependsOn {
                if let other = try tx.task(plan: plan.id, templateKey: dependency)
                    ?? township.flatMap({ try tx.task(plan: $0.id!, templateKey: dependency) })
                {
                    try tx.addDependency(of: row.id!, on: other.id!)
                }
            }
            try tx.append(
                NewEvent(
                    .taskIssued, plan: plan.id, task: row.id, actor: actor, caller: caller,
                    payload: TaskIssued(row)), at: now)
            try refreshTimers(of: row, in: plan, tx)
            try announce(.issued, of: row, in: plan, tx)
            issued.append(row)
        }
        let warning = Reckoned((), yearsWithoutData: gaps).warning(about: .phaseDeadlines(phase: "\(phase.key)"))
        return (issued, warning.map { [$0] } ?? [])
    }

    func planView(_ plan: PlanContext, in tx: StoreTransaction) throws -> PlanView {
        let workflow = plan.workflow
        let people = try tx.people(Set(plan.bindings.boundPeople))
        let tasks = try tx.tasks(TaskFilter(plan: plan.id))
        let inspections = try tx.inspections(of: plan.id)
        let ordered = Dictionary(tasks.compactMap { task in task.inspectionID.map { ($0, task.id!.rawValue) } }) { first, _ in first }
        return PlanView(
            id: plan.id.rawValue, village: plan.row.village, branch: plan.row.branch,
            workflow: .init(
                key: workflow.key, title: workflow.title, version: workflow.version, source: plan.row.workflowSource,
                sha256: plan.row.workflowSHA256),
            calendar: plan.row.calendar, start: plan.row.startDate, state: plan.row.state.name,
            stateTitle: try stateTitle(plan.row.state, of: plan.row, tx), profile: plan.row.profile,
            problems: plan.row.problemList.map { problem in
                .init(
                    kind: problem.kind, title: workflow.problemKinds.first { $0.key == problem.kind }?.title ?? problem.kind,
                    detail: problem.detail)
            },
            goals: plan.row.goalList.map { goal in .init(key: goal, title: workflow.goals.first { $0.key == goal }?.title ?? goal) },
            bindings: workflow.roles.flatMap { role in
                plan.bindings.people(for: role.key).map {
                    .init(role: role.key, roleTitle: role.title, person: $0, name: people[$0]?.name ?? $0.rawValue)
                }
            },
            phases: try phases(of: plan, tasks: tasks, in: tx),
            inspections: inspections.map {
                .init(id: $0.id!, phase: $0.phase, inspector: $0.inspectorID, at: $0.at, finding: $0.finding, orderedTask: ordered[$0.id!])
            },
            tasks: try summarize(tasks, in: tx))
    }

    /// Each phase of a plan: its baseline window from the start date and the phase lengths, when
    /// it actually started and ended, and its tasks.
    func phases(
        of plan: PlanContext, tasks: [TaskRow], baseline: BaselineSchedule? = nil, in tx: StoreTransaction
    ) throws -> [PlanView.PhaseInfo] {
        let started = Dictionary(uniqueKeysWithValues: try tx.phases(of: plan.id).map { ($0.phase, $0) })
        let baseline = baseline ?? BaselineSchedule(plan.workflow, start: plan.row.startDate, timeline: plan.timeline)
        var phases = zip(plan.workflow.phases, baseline.phases).map { phase, window -> PlanView.PhaseInfo in
            let mine = tasks.filter { $0.phase == phase.key }
            return .init(
                key: phase.key, title: phase.title, plannedStart: plan.timeline.instant(window.start),
                plannedEnd: plan.timeline.instant(window.end), startedAt: started[phase.key]?.startedAt,
                endedAt: started[phase.key]?.endedAt, tasks: mine.count, verified: mine.filter { $0.state == .verified }.count)
        }
        // The look back, once begun: planned from its own start, the acceptance's date being its baseline.
        if let lookBack = plan.workflow.lookBack?.phase, let begun = started[lookBack.key] {
            let mine = tasks.filter { $0.phase == lookBack.key }
            phases.append(
                .init(
                    key: lookBack.key, title: lookBack.title, plannedStart: begun.startedAt,
                    plannedEnd: plan.timeline.due(.after(lookBack.length, at: nil), from: begun.startedAt).value,
                    startedAt: begun.startedAt,
                    endedAt: begun.endedAt, tasks: mine.count, verified: mine.filter { $0.state == .verified }.count))
        }
        return phases
    }

    /// A phase's title in the workflow; nil for the states around the phases.
    func phaseTitle(_ state: PlanState, _ workflow: Workflow) -> String? {
        if case .inPhase(let key) = state { return workflow.phase(key)?.title }
        return nil
    }

    /// The state as reports name it whatever the reader's language: a phase by its title in
    /// the workflow, any other state in Chinese and by its name (`草稿 draft`).
    func stateTitle(_ state: PlanState, of row: PlanRow, _ tx: StoreTransaction) throws -> String {
        switch state {
        case .inPhase(let key): return try snapshot(row, tx).phase(key)?.title ?? key.rawValue
        case .accepted where try snapshot(row, tx).lookBack != nil:
            // Accepted, the plan waits out its consolidation period before the look back.
            return "\(Message.planConsolidating.text(in: .zh)) \(state.name)"
        case .draft, .accepted, .rebound, .closed, .cancelled: return "\(state.word.text(in: .zh)) \(state.name)"
        }
    }
}

/// The details recorded with `plan.created`.
private struct PlanCreated: Encodable {
    var campaign: String
    var township: Bool?
    var village: String
    var branch: String
    var workflow: String
    var version: Int
    var sha256: String
    var start: LocalDate
    var bindings: RoleBindings

    init(row: PlanRow, bindings: RoleBindings) {
        campaign = "C\(row.campaignID.rawValue)"
        township = row.township ? true : nil
        village = row.village
        branch = row.branch
        workflow = row.workflowKey
        version = row.workflowVersion
        sha256 = row.workflowSHA256
        start = row.startDate
        self.bindings = bindings
    }
}

/// The details recorded with `task.issued`.
struct TaskIssued: Encodable {
    var title: String
    var key: TaskKey?
    var phase: PhaseKey
    var assignee: PersonID
    var deadline: Date
    var rule: String
    var inspection: Int64?
    var occurrence: Int?

    init(_ row: TaskRow) {
        occurrence = row.occurrence
        title = row.title
        key = row.templateKey
        phase = row.phase
        assignee = row.assigneeID
        deadline = row.deadline
        rule = row.deadlineRule
        inspection = row.inspectionID
    }
}

extension PlanEvent {
    var kind: EventKind {
        switch self {
        case .launched: return .planLaunched
        case .phaseAdvanced: return .phaseAdvanced
        case .accepted: return .planAccepted
        case .gateOverridden: return .gateOverridden
        case .cancelled: return .planCancelled
        case .lookBackBegun: return .lookBackBegun
        case .rebounded: return .planRebounded
        case .signedOff: return .planSignedOff
        }
    }
}
