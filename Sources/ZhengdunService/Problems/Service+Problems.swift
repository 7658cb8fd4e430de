import Foundation
import ZhengdunCore
import ZhengdunStore

/// What `problem add` is given: an item of the problem list as the survey found it.
public struct ProblemDraft: Sendable, Codable {
    /// A problem kind of the workflow (后进原因).
    public var kind: String
    /// 问题具体表现.
    public var detail: String
    /// 整改措施.
    public var remedy: String
    public var measure: MeasureKey?
    public var goal: String?
    /// 责任领导; by default the holder of the workflow's leading role.
    public var leader: PersonID?
    /// 责任人; by default the holder of the workflow's responsible role.
    public var responsible: PersonID?
    /// 整改时限, counted from now.
    public var due: DeadlineRule

    public init(
        kind: String, detail: String, remedy: String, measure: MeasureKey? = nil, goal: String? = nil, leader: PersonID? = nil,
        responsible: PersonID? = nil, due: DeadlineRule
    ) {
        self.kind = kind
        self.detail = detail
        self.remedy = remedy
        self.measure = measure
        self.goal = goal
        self.leader = leader
        self.responsible = responsible
        self.due = due
    }
}

/// What can be done to an item once it is on the list.
public enum ProblemChange: Sendable, Codable {
    /// A word on how the rectification is going (整改进展).
    case note(String)
    /// 销号: the reported rectification accepted, with evidence handed in now or before.
    case close(note: String?, evidence: [EvidenceFile])
    /// 转入长效: not to be finished in this campaign, with the reason.
    case carry(reason: String)
}

extension Service {
    /// `problem add`: enters an item on the plan's problem list and hands it to its person as a
    /// rectification task of the list's phase (or of the current one, when the plan is past
    /// it), due by `draft.due` counted from now; announced (交办) like every task.
    public func recordProblem(_ draft: ProblemDraft, in id: PlanID, by acting: Acting) throws -> ProblemView {
        let detail = try PersonText.text(draft.detail, .whatProblem)
        let remedy = try PersonText.text(draft.remedy, .whatRemedy)
        guard !detail.isEmpty else { throw Refusal(.problemDetailEmpty) }
        guard !remedy.isEmpty else { throw Refusal(.problemRemedyEmpty) }
        return try store.write { tx in
            let plan = try context(id, in: tx)
            let policy = try problemList(of: plan)
            guard let current = plan.row.state.workingPhase(in: plan.workflow) else {
                throw Refusal(.planNotRecordingProblems(plan: "\(plan.label)", state: plan.row.state.word))
            }
            let actor = try actor(acting, in: tx)
            guard plan.bindings.roles(of: actor.id).contains(where: policy.record.contains) else {
                throw Refusal(.onlyRolesMayRecordProblems(roles: .roles(policy.record, in: plan.workflow)))
            }
            let workflow = plan.workflow
            // Kinds, measures and goals are named by their keys or, as a Chinese reader knows
            // them, by their titles.
            guard let kind = workflow.problemKinds.first(where: { $0.key == draft.kind || $0.title == draft.kind })?.key else {
                throw Refusal(
                    .problemKindUnknown(
                        kind: TypedText.excerpt(draft.kind),
                        kinds: .perLanguage(
                            en: workflow.problemKinds.map(\.key).joined(separator: ", "),
                            zh: workflow.problemKinds.map(\.title).joined(separator: "、"))))
            }
            var measure: MeasureKey?
            if let named = draft.measure {
                guard let found = workflow.measures.first(where: { $0.key == named || $0.title == named.rawValue }) else {
                    throw Refusal(
                        .measureUnknown(
                            measure: TypedText.excerpt("\(named)"), measures: .list(workflow.measures.map { .text("\($0.key)") })))
                }
                measure = found.key
            }
            var goal: String?
            if let named = draft.goal {
                guard let found = workflow.goals.first(where: { $0.key == named || $0.title == named }) else {
                    throw Refusal(.goalUnknown(goal: TypedText.excerpt(named)))
                }
                goal = found.key
            }
            let leader = try person(draft.leader, orHolderOf: policy.leader, in: plan, tx)
            let responsible = try person(draft.responsible, orHolderOf: policy.responsible, in: plan, tx)
            let now = clock.now()
            let due = plan.timeline.due(draft.due, from: now)
            _ = try plan.timeline.bounded(due.value, .theRectificationDeadline)
            guard due.value > now else { throw Refusal(.rectificationDeadlinePassed(deadline: plan.timeline.local(due.value))) }
            // Worked through in the list's phase; an item found later, in the phase at hand.
            let phase =
                (workflow.phaseIndex(current) ?? 0) < (workflow.phaseIndex(policy.phase) ?? 0) ? policy.phase : current
            // Escalated up the chain of the role its person holds in the plan.
            let held = plan.bindings.roles(of: responsible.id)
            let role = workflow.roles.first { held.contains($0.key) }?.key ?? policy.responsible
            let problem = try tx.insert(
                ProblemRow(
                    planID: id, number: 0, kind: kind, detail: detail, remedy: remedy, measure: measure,
                    goal: goal, leaderID: leader.id, recordedAt: now, recordedBy: actor.id))
            let task = try tx.insert(
                TaskRow(
                    planID: id, phase: phase, templateKey: nil, inspectionID: nil,
                    title: "\(problem.label) 整改：" + TypedText.firstLine(detail, atMost: 40), description: remedy, measure: measure,
                    responsibleRole: role, verifierRole: policy.verifier, required: true, assigneeID: responsible.id,
                    deadlineRule: draft.due.description, deadline: due.value, issuedAt: now, problemID: problem.id))
            try tx.append(
                NewEvent(
                    .problemRecorded, plan: id, task: task.id, actor: actor.id, caller: acting.caller.label,
                    payload: ProblemRecorded(problem, responsible: responsible.id, deadline: due.value, workflow: workflow)), at: now)
            try tx.append(
                NewEvent(.taskIssued, plan: id, task: task.id, actor: actor.id, caller: acting.caller.label, payload: TaskIssued(task)),
                at: now)
            try refreshTimers(of: task, in: plan, tx)
            try announce(.issued, of: task, in: plan, tx)
            return try problemViews([problem], in: tx)[0]
        }
    }

    /// `problem list`: a plan's problem list, or every plan's (of a campaign).
    public func problems(of plan: PlanID?, campaign: CampaignID? = nil) throws -> [ProblemView] {
        try store.read { tx in
            if let plan, try tx.plan(plan) == nil { throw Refusal(.noPlan(plan: "P\(plan.rawValue)")) }
            var rows = try tx.problems(of: plan)
            if let campaign {
                guard try tx.campaign(campaign) != nil else { throw Refusal(.noCampaign(campaign: "C\(campaign.rawValue)")) }
                let members = Set(try tx.plans(in: [campaign]).map { $0.id! })
                rows.removeAll { !members.contains($0.planID) }
            }
            return try problemViews(rows, in: tx)
        }
    }

    /// `problem show`.
    public func problem(_ number: Int, of plan: PlanID) throws -> ProblemView {
        try store.read { tx in try problemViews([try problemRow(number, of: plan, in: tx)], in: tx)[0] }
    }

    /// `problem note|close|carry`.
    public func change(problem number: Int, of id: PlanID, _ change: ProblemChange, by acting: Acting) throws -> ProblemView {
        if case .close(_, let files) = change, files.reduce(0, { $0 + $1.content.count }) > Self.maximumEvidenceBytes {
            throw Refusal(.evidenceTooLarge(size: Self.maximumEvidenceBytes >> 20))
        }
        return try store.write { tx in
            var problem = try problemRow(number, of: id, in: tx)
            let plan = try context(id, in: tx)
            let policy = try problemList(of: plan)
            guard var task = try tx.problemTasks(of: [problem.id!])[problem.id!] else {
                throw Refusal(.problemWithoutTask(problem: "\(plan.label) \(problem.label)"))
            }
            let state = ProblemState(task: task.state, carried: problem.carriedAt != nil)
            let label = "\(plan.label) \(problem.label)"
            guard !state.isSettled else { throw Refusal(.problemSettled(problem: label, state: state.word)) }
            let actor = try actor(acting, in: tx)
            let roles = plan.bindings.roles(of: actor.id)
            let now = clock.now()
            switch change {
            case .note(let text):
                let note = try PersonText.text(text, .whatTheNote)
                guard !note.isEmpty else { throw Refusal(.problemNoteEmpty) }
                guard
                    actor.id == task.assigneeID || actor.id == problem.leaderID || roles.contains(policy.verifier)
                        || roles.contains(where: policy.record.contains)
                else { throw Refusal(.onlyConcernedMayNote(problem: label)) }
                try tx.append(
                    NewEvent(
                        .problemNoted, plan: id, task: task.id, actor: actor.id, caller: acting.caller.label,
                        payload: ProblemNoted(problem: problem.label, note: note)), at: now)

            case .close(let note, let files):
                let handedIn = try tx.evidence(of: task.id!)
                guard !handedIn.isEmpty || !files.isEmpty else { throw Refusal(.problemCloseNeedsEvidence(problem: label)) }
                _ = try apply(.verify(note: note), to: task.id!, by: acting, closingProblem: true, in: tx)
                // The evidence given with the closing belongs to the verification just recorded.
                let event = try tx.chainHead()!.event
                var attached: Set<[String]> = []
                for file in files {
                    let stored = try tx.store(evidence: file.content)
                    let name = try PersonText.line(file.name, .whatEvidenceName, within: .fileName)
                    guard attached.insert([stored.sha256, name]).inserted else { continue }
                    try tx.attach(TaskEvidenceRow(eventID: event, taskID: task.id!, sha256: stored.sha256, name: name))
                }

            case .carry(let text):
                let reason = try PersonText.text(text, .whatTheReason)
                guard !reason.isEmpty else { throw Refusal(.reasonRequired(command: .problemCommandCarry)) }
                guard roles.contains(policy.verifier) else {
                    throw Refusal(.onlyRolesMayCarry(roles: .roles([policy.verifier], in: plan.workflow)))
                }
                guard plan.row.state.workingPhase(in: plan.workflow) != nil else {
                    throw Refusal(.planNotRecordingProblems(plan: "\(plan.label)", state: plan.row.state.word))
                }
                guard let cancelled = TaskMachine.planCancelled(task.facts, reason: "转入长效：\(reason)", at: now) else {
                    throw Refusal(.problemSettled(problem: label, state: state.word))
                }
                task.facts = cancelled.after
                try tx.update(task)
                try refreshTimers(of: task, in: plan, tx)
                problem.carriedAt = now
                problem.carriedReason = reason
                try tx.update(problem)
                try tx.append(
                    NewEvent(
                        .problemCarried, plan: id, task: task.id, actor: actor.id, caller: acting.caller.label,
                        payload: ProblemCarried(problem: problem.label, reason: reason)), at: now)
            }
            return try problemViews([problem], in: tx)[0]
        }
    }

    // MARK: Reading

    func problemRow(_ number: Int, of plan: PlanID, in tx: StoreTransaction) throws -> ProblemRow {
        guard try tx.plan(plan) != nil else { throw Refusal(.noPlan(plan: "P\(plan.rawValue)")) }
        guard let row = try tx.problem(plan: plan, number: number) else {
            throw Refusal(.noProblem(problem: "P\(plan.rawValue) Q\(number)"))
        }
        return row
    }

    private func problemList(of plan: PlanContext) throws -> ProblemListPolicy {
        guard let policy = plan.workflow.problemList else { throw Refusal(.workflowKeepsNoProblemList(plan: "\(plan.label)")) }
        return policy
    }

    /// The person named, or else the holder of `role` in the plan.
    private func person(_ id: PersonID?, orHolderOf role: RoleKey, in plan: PlanContext, _ tx: StoreTransaction) throws -> PersonRow {
        guard let id = id ?? plan.bindings.person(for: role) else {
            throw Refusal(.noOneHoldsRole(role: TypedText.excerpt("\(role)"), plan: "\(plan.label)"))
        }
        guard let person = try tx.person(id) else { throw Refusal(.noPerson(person: TypedText.excerpt("\(id)"))) }
        return person
    }

    /// The items as people see them: with their task's state, person, deadline, progress notes
    /// and evidence, read a few queries for the lot, however many items.
    func problemViews(_ rows: [ProblemRow], at now: Date? = nil, in tx: StoreTransaction) throws -> [ProblemView] {
        let now = now ?? clock.now()
        let tasks = try tx.problemTasks(of: rows.map { $0.id! })
        let taskIDs = tasks.values.map { $0.id! }
        var plans: [PlanID: PlanContext] = [:]
        for plan in Set(rows.map(\.planID)) { plans[plan] = try context(plan, in: tx) }
        let written = Dictionary(grouping: try tx.events(tasks: taskIDs, kinds: [.problemNoted, .taskSubmitted])) { $0.taskID! }
        let files = try tx.evidence(of: taskIDs)
        let people = try tx.people(
            Set(rows.map(\.leaderID) + tasks.values.map(\.assigneeID) + written.values.flatMap { $0.compactMap(\.actorID) }))
        return rows.map { row in
            let plan = plans[row.planID]!
            let workflow = plan.workflow
            let task = tasks[row.id!]
            var notes: [ProblemView.Note] = []
            var report: String?
            for event in task.flatMap({ written[$0.id!] }) ?? [] {
                guard let text = Self.noteText(event.payload) else { continue }
                notes.append(.init(at: event.at, by: event.actorID.map { people[$0]?.name ?? $0.rawValue } ?? "", text: text))
                if event.kind == EventKind.taskSubmitted.rawValue { report = text }
            }
            let state = task.map { ProblemState(task: $0.state, carried: row.carriedAt != nil) } ?? .open
            let overdue = task.map { $0.state.isAwaitingAssignee && $0.deadline < now } ?? false
            return ProblemView(
                plan: row.planID.rawValue, village: plan.row.village, number: row.number, kind: row.kind,
                kindTitle: workflow.problemKinds.first { $0.key == row.kind }?.title ?? row.kind, detail: row.detail,
                remedy: row.remedy, measure: row.measure,
                measureTitle: row.measure.flatMap { key in workflow.measures.first { $0.key == key }?.title }, goal: row.goal,
                goalTitle: row.goal.flatMap { key in workflow.goals.first { $0.key == key }?.title },
                leader: row.leaderID, leaderName: people[row.leaderID]?.name ?? row.leaderID.rawValue,
                task: task?.id?.rawValue, responsible: task?.assigneeID,
                responsibleName: task.map { people[$0.assigneeID]?.name ?? $0.assigneeID.rawValue },
                deadline: task?.deadline, originalDeadline: task?.originalDeadline, state: state, taskState: task?.state,
                overdue: overdue,
                workingDaysLate: overdue ? task.map { plan.timeline.workingDaysLate(deadline: $0.deadline, at: now).value } : nil,
                recordedAt: row.recordedAt, closedAt: state == .closed ? task?.verifiedAt : nil, carriedAt: row.carriedAt,
                carriedReason: row.carriedReason, report: report, notes: notes,
                evidence: (task.flatMap { files[$0.id!] } ?? []).map { .init(name: $0.name, sha256: $0.sha256, bytes: $0.bytes) })
        }
    }

    /// The note an event recorded.
    private static func noteText(_ payload: String) -> String? {
        struct Details: Decodable { var note: String? }
        return (try? JSONDecoder().decode(Details.self, from: Data(payload.utf8)))?.note
    }
}

/// The details recorded with `problem.recorded`: the workflow's keys, and their titles as the
/// office reads them.
private struct ProblemRecorded: Encodable {
    var problem: String
    var kind: String
    var kindTitle: String?
    var detail: String
    var remedy: String
    var measure: MeasureKey?
    var measureTitle: String?
    var goal: String?
    var goalTitle: String?
    var leader: PersonID
    var responsible: PersonID
    var deadline: Date

    init(_ row: ProblemRow, responsible: PersonID, deadline: Date, workflow: Workflow) {
        problem = row.label
        kind = row.kind
        kindTitle = workflow.problemKinds.first { $0.key == row.kind }?.title
        detail = row.detail
        remedy = row.remedy
        measure = row.measure
        measureTitle = row.measure.flatMap { key in workflow.measures.first { $0.key == key }?.title }
        goal = row.goal
        goalTitle = row.goal.flatMap { key in workflow.goals.first { $0.key == key }?.title }
        leader = row.leaderID
        self.responsible = responsible
        self.deadline = deadline
    }

    enum CodingKeys: String, CodingKey {
        case problem, kind, kindTitle = "kind_title", detail, remedy, measure, measureTitle = "measure_title", goal
        case goalTitle = "goal_title", leader, responsible, deadline
    }
}

private struct ProblemNoted: Encodable {
    var problem: String
    var note: String
}

private struct ProblemCarried: Encodable {
    var problem: String
    var reason: String
}
