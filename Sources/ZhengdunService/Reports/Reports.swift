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

/// A standing duty as the weekly report counts it (随机检查督导): how many inspections its role's
/// holders recorded in the plan, and when the last was.
public struct DutyCount: Codable, Sendable {
    public var duty: String
    public var title: String
    public var roleTitle: String
    public var inspections: Int
    public var last: Date?

    enum CodingKeys: String, CodingKey {
        case duty, title, roleTitle = "role_title", inspections, last
    }
}

/// One plan in the weekly progress report.
public struct PlanProgress: Codable, Sendable {
    /// The plan's state in prose, in `language`: `stateTitle` is the data, and names a finished
    /// plan in both languages with its key (`验收通过 accepted`).
    func stateName(in language: Language) -> String {
        if lookBackAhead { return Message.planConsolidating.text(in: language) }
        return PlanState(name: state).named { _ in stateTitle }.text(in: language)
    }

    public var plan: Int64
    public var village: String
    public var branch: String
    public var state: String
    public var stateTitle: String
    public var phaseStartedAt: Date?
    /// When the current phase should end by its planned length, counted from its actual start.
    public var phaseDueAt: Date?
    /// 序时进度: the plan's tasks and problem items due by now on the baseline, against what is done.
    public var progress: ScheduleProgress
    public var signal: PlanSignal
    public var tasks: [String: Int]
    public var overdue: [OverdueTask]
    /// Every phase, planned and actual, as `plan show` gives them.
    public var phases: [PlanView.PhaseInfo]
    /// Every task of the plan, in the order `task list` gives them.
    public var schedule: [TaskSpan]
    /// The workflow's standing duties, each with the inspections done under it.
    public var duties: [DutyCount] = []
    /// Accepted, with the look back (回头看) still ahead: in its consolidation period (巩固期).
    public var lookBackAhead = false

    enum CodingKeys: String, CodingKey {
        case plan, village, branch, state, stateTitle = "state_title", phaseStartedAt = "phase_started_at"
        case phaseDueAt = "phase_due_at", progress, signal, tasks, overdue, phases, schedule, campaign, township, duties
        case lookBackAhead = "look_back_ahead"
    }

    /// The campaign the plan belongs to, and whether it is the township's own plan of it.
    public var campaign: Int64
    public var township: Bool
}

/// One campaign in the weekly report: its plans' 序时进度 together, and its light.
public struct CampaignProgress: Codable, Sendable {
    public var campaign: Int64
    public var title: String
    public var plans: [Int64]
    public var progress: ScheduleProgress
    public var signal: PlanSignal
}

/// The weekly progress report (整顿工作进展): each running plan's phase, tasks by state, the
/// overdue with who is responsible, and the traffic light.
public struct ProgressReport: Codable, Sendable {
    public var at: Date
    /// The campaigns the report covers, each with its plans' progress together, first.
    public var campaigns: [CampaignProgress]
    public var plans: [PlanProgress]
    /// How the traffic light is decided, with the thresholds of the plans' workflow.
    public var rule: Message
    /// The event log's head when the report was made (校验点), printed so that it is kept
    /// outside the database: `audit verify --anchor` checks the log still holds it.
    public var anchor: ChainAnchor?
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
    /// The progress report as of now, for one plan or every running one (of a campaign).
    public func progressReport(plan: PlanID? = nil, campaign: CampaignID? = nil) throws -> ProgressReport {
        try store.read { tx in try progressReport(plans: try runningPlans(plan, campaign: campaign, in: tx), at: clock.now(), in: tx) }
    }

    /// The progress report as of now as one HTML page (整顿工作进展报告), with a chart of each
    /// plan: the file `report progress --format html` prints and the weekly report's mail attaches.
    public func progressReportHTML(plan: PlanID? = nil, campaign: CampaignID? = nil) throws -> String {
        try store.read { tx in
            let report = try progressReport(plans: try runningPlans(plan, campaign: campaign, in: tx), at: clock.now(), in: tx)
            return NoticeText(zone: zone, templates: try templates(in: tx)).progressPage(report).page
        }
    }

    /// The circular as of now, for one plan or every running one.
    public func circularReport(plan: PlanID? = nil, campaign: CampaignID? = nil) throws -> CircularReport {
        try store.read { tx in try circularReport(plans: try runningPlans(plan, campaign: campaign, in: tx), at: clock.now(), in: tx) }
    }

    /// The plan `id`, or every plan in a phase, of `campaign` when one is named.
    func runningPlans(_ id: PlanID?, campaign: CampaignID? = nil, in tx: StoreTransaction) throws -> [PlanContext] {
        if let id { return [try context(id, in: tx)] }
        if let campaign, try tx.campaign(campaign) == nil { throw Refusal(.noCampaign(campaign: "C\(campaign.rawValue)")) }
        return try tx.plans().filter { plan in
            guard case .inPhase = plan.state else { return plan.state == .rebound }
            return campaign.map { plan.campaignID == $0 } ?? true
        }.map { try context($0.id!, in: tx) }
    }

    func progressReport(plans: [PlanContext], at now: Date, in tx: StoreTransaction) throws -> ProgressReport {
        let light = plans.first?.workflow.reports.light ?? ProgressLight()
        var highest: [PlanID: Int] = [:]
        // Plans of one workflow that start on the same day on the same calendar share a baseline.
        var baselines: [String: BaselineSchedule] = [:]
        func baseline(of plan: PlanContext) -> BaselineSchedule {
            let key = "\(plan.row.workflowSHA256) \(plan.row.startDate) \(plan.row.calendar ?? "")"
            if let known = baselines[key] { return known }
            let made = BaselineSchedule(plan.workflow, start: plan.row.startDate, timeline: plan.timeline)
            baselines[key] = made
            return made
        }
        // Every plan's tasks in one read when the report covers several: of their campaign when
        // they are all of one.
        let campaigns = Set(plans.map(\.row.campaignID))
        let tasksByPlan =
            plans.count == 1
            ? [plans[0].id: try tx.tasks(TaskFilter(plan: plans[0].id))]
            : Dictionary(grouping: try tx.tasks(TaskFilter(campaign: campaigns.count == 1 ? campaigns.first : nil)), by: \.planID)
        var report = ProgressReport(
            at: now, campaigns: [],
            plans: try plans.map { plan in
                let tasks = tasksByPlan[plan.id] ?? []
                let overdue = try overdueTasks(tasks, in: plan, at: now, minimumLevel: 1, tx)
                highest[plan.id] = overdue.map(\.level).max() ?? 0
                let baseline = baseline(of: plan)
                let phases = try phases(of: plan, tasks: tasks, baseline: baseline, in: tx)
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
                let progress = scheduleProgress(
                    of: plan, tasks: tasks, baseline: baseline,
                    issuing: issuingScope(of: plan, township: try townshipPlan(besides: plan, in: tx)), at: now)
                var made = PlanProgress(
                    plan: plan.id.rawValue, village: plan.row.village, branch: plan.row.branch, state: plan.row.state.name,
                    stateTitle: try stateTitle(plan.row.state, of: plan.row, tx), phaseStartedAt: phaseStart, phaseDueAt: phaseDue,
                    progress: progress, signal: plan.workflow.reports.light.signal(progress, highestLevel: highest[plan.id]!),
                    tasks: tasks.reduce(into: [:]) { $0[$1.state.rawValue, default: 0] += 1 }, overdue: overdue,
                    phases: phases, schedule: schedule, campaign: plan.row.campaignID.rawValue, township: plan.row.township)
                made.duties = try dutyCounts(of: plan, in: tx)
                made.lookBackAhead = plan.row.state == .accepted && plan.workflow.lookBack != nil
                return made
            }, rule: light.rule)
        // Each campaign's plans together, in the order of their first plan.
        var order: [Int64] = []
        var members: [Int64: [PlanProgress]] = [:]
        for plan in report.plans {
            if members[plan.campaign] == nil { order.append(plan.campaign) }
            members[plan.campaign, default: []].append(plan)
        }
        let titles = try tx.campaigns().reduce(into: [Int64: String]()) { $0[$1.id!.rawValue] = $1.title }
        report.campaigns = order.map { campaign in
            let plans = members[campaign]!
            let progress = plans.map(\.progress).reduce(ScheduleProgress(), +)
            let level = plans.map { highest[PlanID($0.plan)] ?? 0 }.max() ?? 0
            return CampaignProgress(
                campaign: campaign, title: titles[campaign] ?? "C\(campaign)", plans: plans.map(\.plan), progress: progress,
                signal: light.signal(progress, highestLevel: level))
        }
        report.anchor = try tx.chainHead()
        return report
    }

    /// Each standing duty of the plan's workflow with the inspections recorded under it.
    func dutyCounts(of plan: PlanContext, in tx: StoreTransaction) throws -> [DutyCount] {
        guard !plan.workflow.duties.isEmpty else { return [] }
        let inspections = try tx.inspections(of: plan.id)
        return plan.workflow.duties.map { duty in
            let done = inspections.filter { $0.duty == duty.key }
            return DutyCount(
                duty: duty.key, title: duty.title, roleTitle: plan.workflow.role(duty.role)?.title ?? duty.role.rawValue,
                inspections: done.count, last: done.map(\.at).max())
        }
    }

    /// 序时进度 of one plan: each task against its baseline due — a workflow task's from the
    /// planned start and the phases' planned lengths, an item's or an order's its first deadline.
    /// The workflow's tasks the plan issues and has not yet issued (its phase began late, or not
    /// at all) count as due on the baseline too: a plan stuck in its survey lags on the
    /// rectification's schedule as well.
    func scheduleProgress(
        of plan: PlanContext, tasks: [TaskRow], baseline: BaselineSchedule? = nil, issuing scope: Scope?, at now: Date
    ) -> ScheduleProgress {
        let baseline = baseline ?? BaselineSchedule(plan.workflow, start: plan.row.startDate, timeline: plan.timeline)
        var due: [TaskKey: Date] = [:]
        for window in baseline.phases {
            for task in window.tasks { due[task.task] = plan.timeline.instant(task.due) }
        }
        let issued = Set(tasks.compactMap(\.templateKey))
        // A recurring task's occurrences count from their own deadlines, once issued.
        let notYetIssued = plan.workflow.phases.flatMap { $0.tasks(in: scope) }.filter { $0.recurrence == nil && !issued.contains($0.key) }
            .map { ScheduleProgress.Item(baselineDue: due[$0.key]!, handedIn: nil) }
        return ScheduleProgress(
            tasks.map { task in
                ScheduleProgress.Item(
                    baselineDue: task.occurrence == nil
                        ? task.templateKey.flatMap { due[$0] } ?? task.originalDeadline : task.originalDeadline,
                    handedIn: task.state == .submitted || task.state == .verified ? task.submittedAt : nil,
                    cancelled: task.state == .cancelled)
            } + notYetIssued, at: now)
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
