import Foundation
import ZhengdunCore
import ZhengdunStore

/// What a task command is given, as a person types it; deadlines are resolved against the
/// plan's calendar when the command runs.
public enum TaskRequest: Sendable, Codable {
    case acknowledge(note: String?)
    /// `missingReason` says why items of the evidence the task asks for are not handed in.
    case submit(note: String, evidence: [EvidenceFile], missingReason: String? = nil)
    case verify(note: String?)
    /// Back to work, due by `due` counted from now.
    case returnForRework(reason: String, due: DeadlineRule)
    case reassign(to: PersonID, reason: String?)
    /// A later deadline: a rule counted from now, or a span added to the current deadline.
    case extend(DeadlineChange, reason: String)
    case cancel(reason: String)
}

/// A file handed in with a submission.
public struct EvidenceFile: Sendable, Codable {
    public var name: String
    public var content: Data

    public init(name: String, content: Data) {
        self.name = name
        self.content = content
    }
}

public enum DeadlineChange: Sendable, Codable {
    case to(DeadlineRule)
    case by(CalendarSpan)
}

/// Which tasks `task list` shows.
public struct TaskQuery: Sendable, Codable {
    public var plan: PlanID?
    /// Only the caller's own tasks.
    public var mine: Bool
    public var overdue: Bool
    public var states: Set<TaskState>?

    public init(plan: PlanID? = nil, mine: Bool = false, overdue: Bool = false, states: Set<TaskState>? = nil) {
        self.plan = plan
        self.mine = mine
        self.overdue = overdue
        self.states = states
    }
}

extension Service {
    public func tasks(_ query: TaskQuery, by acting: Acting) throws -> [TaskSummary] {
        try store.read { tx in
            var filter = TaskFilter(plan: query.plan, states: query.states)
            if let plan = query.plan, try tx.plan(plan) == nil { throw Refusal(.noPlan(plan: "P\(plan.rawValue)")) }
            if query.mine { filter.assignee = try actor(acting, in: tx).id }
            if query.overdue { filter.keepOverdue(at: clock.now()) }
            return try summarize(try tx.tasks(filter), in: tx)
        }
    }

    public func task(_ id: TaskID) throws -> TaskView {
        try store.read { tx in
            guard let row = try tx.task(id) else { throw Refusal(.noTask(task: "T\(id.rawValue)")) }
            return try view(row, in: tx)
        }
    }

    /// `task ack|submit|verify|return|reassign|extend|cancel`.
    public func apply(_ request: TaskRequest, to id: TaskID, by acting: Acting) throws -> TaskOutcome {
        let evidenceBytes: Int
        if case .submit(_, let files, _) = request { evidenceBytes = files.reduce(0) { $0 + $1.content.count } } else { evidenceBytes = 0 }
        guard evidenceBytes <= Self.maximumEvidenceBytes else {
            throw Refusal(.evidenceTooLarge(size: Self.maximumEvidenceBytes >> 20))
        }
        return try store.write { tx in try apply(request, to: id, by: acting, in: tx) }
    }

    /// A task command inside a transaction the caller commits: for a reply by mail, which
    /// records that it was handled in the same transaction.
    func apply(
        _ request: TaskRequest, to id: TaskID, by acting: Acting, closingProblem: Bool = false, in tx: StoreTransaction
    ) throws -> TaskOutcome {
        guard var row = try tx.task(id) else { throw Refusal(.noTask(task: "T\(id.rawValue)")) }
        let plan = try context(row.planID, in: tx)
        // An item of the problem list is closed (销号) with its evidence checked, by `problem close`.
        if case .verify = request, !closingProblem, let problem = try row.problemID.flatMap({ try tx.problem($0) }) {
            throw Refusal(.problemClosedByItsCommand(task: "\(row.label)", problem: "\(plan.label) \(problem.label)"))
        }
        guard plan.row.state.workingPhase(in: plan.workflow) != nil else {
            throw Refusal(.planFrozen(task: "\(row.label)", plan: "\(plan.label)", state: plan.row.state.word))
        }
        let actor = try actor(acting, in: tx)
        let now = clock.now()
        var warnings: [Message] = []
        let command = try command(for: request, task: row, timeline: plan.timeline, now: now, warnings: &warnings, in: tx)
        let unverified = try tx.dependencies(of: id).filter(\.state.isOpen).map {
            "\($0.label) \($0.title)"
        }
        // The evidence the task asks for, against what was handed in before and now.
        var missing: [String] = []
        var problemListEmpty = false
        var villagesBehind: (phase: Message, villages: [String])?
        if case .submit(_, let evidence, _) = command, let template = row.templateKey.flatMap({ plan.workflow.task($0)?.task }) {
            missing = EvidenceChecklist.missing(template.evidence, handedIn: try tx.evidence(of: id).map(\.name) + evidence.map(\.name))
            problemListEmpty = try template.buildsProblemList && tx.problems(of: plan.id).isEmpty
            villagesBehind = try self.villagesBehind(template, of: plan, in: tx)
        }
        let context = TaskDecisionContext(
            actor: Actor(person: actor.id, roles: plan.bindings.roles(of: actor.id)),
            permissions: plan.workflow.permissions, now: now, timeline: plan.timeline,
            unverifiedDependencies: unverified, missingEvidence: missing, problemListEmpty: problemListEmpty,
            villagesBehind: villagesBehind)
        let transition: TaskTransition
        switch TaskMachine.decide(command, on: row.facts, in: context) {
        case .success(let accepted): transition = accepted
        case .failure(let refusal):
            throw Refusal(.taskRefused(task: "\(row.label)", refusal: refusal.message(in: plan.workflow)))
        }
        let before = row.assigneeID
        row.facts = transition.after
        try tx.update(row)
        try refreshTimers(of: row, in: plan, tx)
        // The people concerned are told of what changed.
        switch request {
        case .returnForRework: try announce(.returned, of: row, in: plan, tx)
        case .verify: try announce(.verified, of: row, in: plan, tx)
        case .extend: try announce(.extended, of: row, in: plan, tx)
        case .reassign:
            try announce(.reassigned(from: before), of: row, in: plan, tx)
            try announce(.issued, of: row, in: plan, tx)
        case .acknowledge, .submit, .cancel: break
        }
        let event = try tx.append(
            NewEvent(
                transition.event.kind, plan: plan.id, task: id, actor: actor.id,
                caller: acting.caller.label, payload: transition.event), at: now)
        if case .submit(_, let files, _) = request {
            var attached: Set<[String]> = []
            for file in files {
                let stored = try tx.store(evidence: file.content)
                let name = try PersonText.line(file.name, .whatEvidenceName, within: .fileName)
                // The same file named twice in one submission is handed in once.
                guard attached.insert([stored.sha256, name]).inserted else { continue }
                try tx.attach(TaskEvidenceRow(eventID: event.id, taskID: id, sha256: stored.sha256, name: name))
            }
        }
        return TaskOutcome(event: event.kind, task: try view(row, in: tx), warnings: warnings)
    }

    /// The core's command for a request: texts checked, deadlines resolved, evidence hashed.
    private func command(
        for request: TaskRequest, task: TaskRow, timeline: Timeline, now: Date, warnings: inout [Message],
        in tx: StoreTransaction
    ) throws -> TaskCommand {
        func due(_ reckoned: Reckoned<Date>) throws -> Date {
            let what = Message.theNewDeadlineOf(task: "\(task.label)")
            if let warning = reckoned.warning(about: what) { warnings.append(warning) }
            return try timeline.bounded(reckoned.value, what)
        }
        switch request {
        case .acknowledge(let note):
            return .acknowledge(note: try note.map { try PersonText.text($0, .whatTheNote) })
        case .submit(let note, let files, let missingReason):
            var evidence: [Evidence] = []
            for file in files {
                let item = Evidence(
                    sha256: SHA256.hex(file.content), name: try PersonText.line(file.name, .whatEvidenceName, within: .fileName),
                    bytes: file.content.count)
                // The same file named twice in one submission is handed in once.
                if !evidence.contains(where: { $0.sha256 == item.sha256 && $0.name == item.name }) { evidence.append(item) }
            }
            return .submit(
                note: try PersonText.text(note, .whatTheNote), evidence: evidence,
                missingReason: try missingReason.map { try PersonText.text($0, .whatTheReason) })
        case .verify(let note):
            return .verify(note: try note.map { try PersonText.text($0, .whatTheNote) })
        case .returnForRework(let reason, let rule):
            return .returnForRework(reason: try PersonText.text(reason, .whatTheReason), deadline: try due(timeline.due(rule, from: now)))
        case .reassign(let person, let reason):
            guard try tx.person(person) != nil else { throw Refusal(.noPerson(person: TypedText.excerpt("\(person)"))) }
            return .reassign(to: person, reason: try reason.map { try PersonText.text($0, .whatTheReason) })
        case .extend(let change, let reason):
            let deadline: Date
            switch change {
            case .to(let rule): deadline = try due(timeline.due(rule, from: now))
            case .by(let span): deadline = try due(timeline.adding(span, to: task.deadline))
            }
            return .extend(to: deadline, reason: try PersonText.text(reason, .whatTheReason))
        case .cancel(let reason):
            return .cancel(reason: try PersonText.text(reason, .whatTheReason))
        }
    }

    /// The rows as `task list` shows them, with assignee names and villages, overdue as of `now`
    /// (the clock's, by default).
    func summarize(_ rows: [TaskRow], at now: Date? = nil, of plan: PlanContext? = nil, in tx: StoreTransaction) throws -> [TaskSummary] {
        let people = try tx.people(Set(rows.map(\.assigneeID)))
        // Plans are read once each, and not at all when the caller holds the plan.
        var plans: [PlanID: (village: String, timeline: Timeline, workflow: Workflow?)] = [:]
        if let plan { plans[plan.id] = (plan.row.village, plan.timeline, plan.workflow) }
        let now = now ?? clock.now()
        return try rows.map { row in
            if plans[row.planID] == nil {
                guard let plan = try tx.plan(row.planID) else { throw Refusal(.taskWithoutPlan(task: "\(row.label)")) }
                plans[row.planID] = (plan.village, try timeline(calendar: plan.calendar, in: tx), try? snapshot(plan, tx))
            }
            let plan = plans[row.planID]!
            let overdue = row.state.isAwaitingAssignee && row.deadline < now
            return TaskSummary(
                id: row.id!.rawValue, plan: row.planID.rawValue, village: plan.village, phase: row.phase,
                phaseTitle: plan.workflow?.phase(row.phase)?.title, key: row.templateKey, title: row.title, assignee: row.assigneeID,
                assigneeName: people[row.assigneeID]?.name ?? row.assigneeID.rawValue, state: row.state,
                deadline: row.deadline, overdue: overdue,
                workingDaysLate: overdue ? plan.timeline.workingDaysLate(deadline: row.deadline, at: now).value : nil,
                required: row.required, occurrence: row.occurrence)
        }
    }

    func view(_ row: TaskRow, in tx: StoreTransaction) throws -> TaskView {
        TaskView(
            summary: try summarize([row], in: tx)[0], row: row, workflow: try tx.plan(row.planID).flatMap { try? snapshot($0, tx) },
            dependsOn: try tx.dependencies(of: row.id!).map { $0.id!.rawValue },
            problem: try row.problemID.flatMap { try tx.problem($0)?.number },
            evidence: try tx.evidence(of: row.id!).map { .init(name: $0.name, sha256: $0.sha256, bytes: $0.bytes) },
            missingReason: try tx.events(task: row.id!).last { $0.kind == EventKind.taskSubmitted.rawValue }.flatMap {
                Self.missingReason(of: $0.payload)
            })
    }
}

extension Service {
    /// Why evidence asked for was missing, as a submission's event recorded it.
    static func missingReason(of payload: String) -> String? {
        struct Details: Decodable {
            var missingReason: String?
            enum CodingKeys: String, CodingKey { case missingReason = "missing_reason" }
        }
        return (try? JSONDecoder().decode(Details.self, from: Data(payload.utf8)))?.missingReason
    }
}

extension TaskFilter {
    /// Narrows the filter to the tasks past their deadline at `now` and still waiting on their
    /// assignee: what `--overdue` means wherever tasks are listed.
    mutating func keepOverdue(at now: Date) {
        let awaiting = Set(TaskState.allCases.filter(\.isAwaitingAssignee))
        states = states.map { $0.intersection(awaiting) } ?? awaiting
        deadlineBefore = now
    }
}

extension TaskEvent {
    var kind: EventKind {
        switch self {
        case .acknowledged: return .taskAcknowledged
        case .submitted: return .taskSubmitted
        case .verified: return .taskVerified
        case .returned: return .taskReturned
        case .reassigned: return .taskReassigned
        case .extended: return .taskExtended
        case .cancelled: return .taskCancelled
        }
    }
}
