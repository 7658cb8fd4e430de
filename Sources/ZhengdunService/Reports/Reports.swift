import Foundation
import ZhengdunCore
import ZhengdunStore

/// A task past its deadline, as reports and circulars name it.
public struct OverdueTask: Codable, Sendable {
    public var task: Int64
    public var title: String
    public var assignee: PersonID
    public var assigneeName: String
    public var deadline: Date
    public var workingDaysLate: Int
    /// The escalation level reached (督办).
    public var level: Int
    public var required: Bool

    enum CodingKeys: String, CodingKey {
        case task, title, assignee, assigneeName = "assignee_name", deadline, workingDaysLate = "working_days_late", level, required
    }
}

/// A task as the progress chart draws it (甘特图): from when it was issued — its phase's start,
/// or the day an inspection ordered it — to its deadline, and when it was handed in.
public struct TaskSpan: Codable, Sendable {
    public var task: Int64
    public var phase: PhaseKey
    public var title: String
    public var assignee: PersonID
    public var assigneeName: String
    public var state: TaskState
    public var issuedAt: Date
    public var deadline: Date
    /// When the assignee handed it in (办结), for a task submitted or verified.
    public var doneAt: Date?
    /// Past its deadline and still waiting on its assignee, as `task list` says.
    public var overdue: Bool

    enum CodingKeys: String, CodingKey {
        case task, phase, title, assignee, assigneeName = "assignee_name", state, issuedAt = "issued_at", deadline
        case doneAt = "done_at", overdue
    }
}

/// One plan in the weekly progress report.
public struct PlanProgress: Codable, Sendable {
    /// The plan's state in prose, in `language`: `stateTitle` is the data, and names a finished
    /// plan in both languages with its key (`验收通过 accepted`).
    func stateName(in language: Language) -> String {
        PlanState(name: state).named { _ in stateTitle }.text(in: language)
    }

    public var plan: Int64
    public var village: String
    public var branch: String
    public var state: String
    public var stateTitle: String
    public var phaseStartedAt: Date?
    /// When the current phase should end by its planned length, counted from its actual start.
    public var phaseDueAt: Date?
    public var signal: PlanSignal
    public var tasks: [String: Int]
    public var overdue: [OverdueTask]
    /// Every phase, planned and actual, as `plan show` gives them.
    public var phases: [PlanView.PhaseInfo]
    /// Every task of the plan, in the order `task list` gives them.
    public var schedule: [TaskSpan]

    enum CodingKeys: String, CodingKey {
        case plan, village, branch, state, stateTitle = "state_title", phaseStartedAt = "phase_started_at"
        case phaseDueAt = "phase_due_at", signal, tasks, overdue, phases, schedule
    }
}

/// The weekly progress report (整顿工作进展): each running plan's phase, tasks by state, the
/// overdue with who is responsible, and the traffic light.
public struct ProgressReport: Codable, Sendable {
    public var at: Date
    public var plans: [PlanProgress]
    /// How the traffic light is decided.
    public var rule = ProgressReport.signalRule
    /// The event log's head when the report was made (校验点), printed so that it is kept
    /// outside the database: `audit verify --anchor` checks the log still holds it.
    public var anchor: ChainAnchor?

    public static let signalRule =
        "red: a task has climbed past the first level of escalation; yellow: a task is overdue or the phase has run past its planned length; green: neither"
}

/// A rectification an inspection ordered (责令整改), as the circular names it.
public struct OrderedRectification: Codable, Sendable {
    public var inspection: Int64
    public var finding: String
    public var task: Int64
    public var title: String
    public var assignee: PersonID
    public var assigneeName: String
    public var deadline: Date
    public var state: TaskState

    enum CodingKeys: String, CodingKey {
        case inspection, finding, task, title, assignee, assigneeName = "assignee_name", deadline, state
    }
}

/// One plan in a circular.
public struct PlanCircular: Codable, Sendable {
    public var plan: Int64
    public var village: String
    public var branch: String
    /// Tasks late enough to be named (the ladder's circular level and beyond).
    public var late: [OverdueTask]
    /// Rectifications ordered by inspections and not yet verified.
    public var orders: [OrderedRectification]
}

/// A circular (通报): who is late, by how much, and what inspections ordered.
public struct CircularReport: Codable, Sendable {
    public var at: Date
    public var plans: [PlanCircular]
}

extension Service {
    /// The progress report as of now, for one plan or every running one.
    public func progressReport(plan: PlanID? = nil) throws -> ProgressReport {
        try store.read { tx in try progressReport(plans: try runningPlans(plan, in: tx), at: clock.now(), in: tx) }
    }

    /// The progress report as of now as one HTML page (整顿工作进展报告), with a chart of each
    /// plan: the file `report progress --format html` prints and the weekly report's mail attaches.
    public func progressReportHTML(plan: PlanID? = nil) throws -> String {
        try store.read { tx in
            let report = try progressReport(plans: try runningPlans(plan, in: tx), at: clock.now(), in: tx)
            return NoticeText(zone: zone, templates: try templates(in: tx)).progressPage(report).page
        }
    }

    /// The circular as of now, for one plan or every running one.
    public func circularReport(plan: PlanID? = nil) throws -> CircularReport {
        try store.read { tx in try circularReport(plans: try runningPlans(plan, in: tx), at: clock.now(), in: tx) }
    }

    func runningPlans(_ id: PlanID?, in tx: StoreTransaction) throws -> [PlanContext] {
        if let id { return [try context(id, in: tx)] }
        return try tx.plans().filter { if case .inPhase = $0.state { return true } else { return false } }
            .map { try context($0.id!, in: tx) }
    }

    func progressReport(plans: [PlanContext], at now: Date, in tx: StoreTransaction) throws -> ProgressReport {
        var report = ProgressReport(
            at: now,
            plans: try plans.map { plan in
                let tasks = try tx.tasks(TaskFilter(plan: plan.id))
                let overdue = try overdueTasks(tasks, in: plan, at: now, minimumLevel: 1, tx)
                let phases = try phases(of: plan, tasks: tasks, in: tx)
                var phaseStart: Date?
                var phaseDue: Date?
                if case .inPhase(let key) = plan.row.state, let phase = plan.workflow.phase(key),
                    let started = phases.first(where: { $0.key == key })?.startedAt
                {
                    phaseStart = started
                    phaseDue = plan.timeline.due(.after(phase.length, at: nil), from: started).value
                }
                let schedule = zip(tasks, try summarize(tasks, at: now, of: plan, in: tx)).map { row, task in
                    TaskSpan(
                        task: task.id, phase: task.phase, title: task.title, assignee: task.assignee, assigneeName: task.assigneeName,
                        state: task.state, issuedAt: row.issuedAt, deadline: task.deadline,
                        doneAt: task.state == .submitted || task.state == .verified ? row.submittedAt : nil, overdue: task.overdue)
                }
                return PlanProgress(
                    plan: plan.id.rawValue, village: plan.row.village, branch: plan.row.branch, state: plan.row.state.name,
                    stateTitle: try stateTitle(plan.row.state, of: plan.row, tx), phaseStartedAt: phaseStart, phaseDueAt: phaseDue,
                    signal: PlanSignal.of(levels: overdue.map(\.level), phaseOverrun: phaseDue.map { now > $0 } ?? false),
                    tasks: tasks.reduce(into: [:]) { $0[$1.state.rawValue, default: 0] += 1 }, overdue: overdue,
                    phases: phases, schedule: schedule)
            })
        report.anchor = try tx.chainHead()
        return report
    }

    func circularReport(plans: [PlanContext], at now: Date, in tx: StoreTransaction) throws -> CircularReport {
        CircularReport(
            at: now,
            plans: try plans.map { plan in
                let tasks = try tx.tasks(TaskFilter(plan: plan.id))
                let circularLevel = plan.workflow.escalation.first(where: \.circular)?.level ?? Int.max
                let late = try overdueTasks(tasks, in: plan, at: now, minimumLevel: circularLevel, tx)
                let people = try tx.people(Set(tasks.map(\.assigneeID)))
                let inspections = Dictionary(uniqueKeysWithValues: try tx.inspections(of: plan.id).map { ($0.id!, $0) })
                let orders = tasks.filter { $0.inspectionID != nil && $0.state.isOpen }.map { task in
                    OrderedRectification(
                        inspection: task.inspectionID!, finding: inspections[task.inspectionID!]?.finding ?? "", task: task.id!.rawValue,
                        title: task.title, assignee: task.assigneeID,
                        assigneeName: people[task.assigneeID]?.name ?? task.assigneeID.rawValue,
                        deadline: task.deadline, state: task.state)
                }
                return PlanCircular(plan: plan.id.rawValue, village: plan.row.village, branch: plan.row.branch, late: late, orders: orders)
            })
    }

    /// Open tasks that have reached at least `minimumLevel` of the ladder, the latest first.
    private func overdueTasks(
        _ tasks: [TaskRow], in plan: PlanContext, at now: Date, minimumLevel: Int, _ tx: StoreTransaction
    ) throws -> [OverdueTask] {
        let late = tasks.compactMap { task -> (TaskRow, Int)? in
            let level = NoticeSchedule.escalationLevel(
                of: task.scheduled, escalation: plan.workflow.escalation, timeline: plan.timeline, at: now)
            return level >= minimumLevel ? (task, level) : nil
        }
        let people = try tx.people(Set(late.map(\.0.assigneeID)))
        return late.map { task, level in
            OverdueTask(
                task: task.id!.rawValue, title: task.title, assignee: task.assigneeID,
                assigneeName: people[task.assigneeID]?.name ?? task.assigneeID.rawValue, deadline: task.deadline,
                workingDaysLate: plan.timeline.workingDaysLate(deadline: task.deadline, at: now).value, level: level,
                required: task.required)
        }.sorted { ($0.level, $0.workingDaysLate, -$0.task) > ($1.level, $1.workingDaysLate, -$1.task) }
    }
}
