import Foundation
import ZhengdunCore
import ZhengdunStore

/// The acceptance (验收) of a plan, goal by goal (对照整顿目标逐项说明): each goal's indicators
/// with their value before and now, the target and whether it is met; how the task list and
/// the problem list were worked through; the gates passed by override and why.
public struct AcceptanceReport: Codable, Sendable {
    public struct GoalLine: Codable, Sendable {
        public var key: String
        public var title: String
        public var description: String?
        public var indicators: [IndicatorLine]
    }

    public struct IndicatorLine: Codable, Sendable {
        public var indicator: Indicator
        public var value: Double?
        public var baseline: Double?
        /// Nil while nothing is recorded.
        public var met: Bool?
        public var survey: SatisfactionSurvey?
        public var note: String?
        public var evidence: [Evidence]
        public var recordedAt: Date?

        enum CodingKeys: String, CodingKey {
            case indicator, value, baseline, met, survey, note, evidence, recordedAt = "recorded_at"
        }
    }

    /// How a list was worked through.
    public struct Counts: Codable, Sendable {
        public var total = 0
        public var done = 0
        public var carried = 0
        public var cancelled = 0
        public var open = 0
    }

    /// A gate passed by override, with its reason and what was not met.
    public struct Override: Codable, Sendable {
        public var at: Date
        public var by: String
        public var phase: String
        public var reason: String
        public var unmet: [String]
    }

    public var plan: Int64
    public var village: String
    public var branch: String
    public var workflowTitle: String
    public var state: String
    public var stateTitle: String
    public var profile: VillageProfile
    public var start: LocalDate
    public var acceptedAt: Date?
    public var goals: [GoalLine]
    public var tasks: Counts
    public var problems: Counts
    /// The items carried over into the long-term work (转入长效), with the reason: `Q3：…`.
    public var carried: [String]
    public var overrides: [Override]
    /// The blocking indicators not met, as the gate names them.
    public var unmet: [String]

    enum CodingKeys: String, CodingKey {
        case plan, village, branch, workflowTitle = "workflow_title", state, stateTitle = "state_title", profile, start
        case acceptedAt = "accepted_at", goals, tasks, problems, carried, overrides, unmet
    }
}

extension Service {
    /// `report acceptance`.
    public func acceptance(_ id: PlanID) throws -> AcceptanceReport {
        try store.read { tx in try acceptance(of: try context(id, in: tx), in: tx) }
    }

    func acceptance(of plan: PlanContext, in tx: StoreTransaction) throws -> AcceptanceReport {
        let workflow = plan.workflow
        let values = try indicatorValues(of: plan, in: tx)
        let goals = workflow.goals.filter { plan.row.goalList.contains($0.key) || !$0.indicators.isEmpty }.map { goal in
            AcceptanceReport.GoalLine(
                key: goal.key, title: goal.title, description: goal.description,
                indicators: goal.indicators.map { indicator in
                    let row = values[indicator.key]
                    return AcceptanceReport.IndicatorLine(
                        indicator: indicator, value: row?.value, baseline: row?.baseline, met: indicator.isMet(by: row?.value),
                        survey: row?.survey, note: row?.note, evidence: row?.evidence ?? [],
                        recordedAt: indicator.source == .problemsClosed ? nil : row?.recordedAt)
                })
        }
        var tasks = AcceptanceReport.Counts()
        for task in try tx.tasks(TaskFilter(plan: plan.id)) where task.problemID == nil {
            tasks.total += 1
            switch task.state {
            case .verified: tasks.done += 1
            case .cancelled: tasks.cancelled += 1
            default: tasks.open += 1
            }
        }
        var problems = AcceptanceReport.Counts()
        var carried: [String] = []
        let items = try tx.problems(of: plan.id)
        let problemTasks = try tx.problemTasks(of: items.map { $0.id! })
        for item in items {
            problems.total += 1
            switch ProblemState(task: problemTasks[item.id!]?.state ?? .issued, carried: item.carriedAt != nil) {
            case .closed: problems.done += 1
            case .carried:
                problems.carried += 1
                carried.append("\(item.label) \(item.detail)：\(item.carriedReason ?? "")")
            case .cancelled: problems.cancelled += 1
            case .open, .inHand: problems.open += 1
            }
        }
        var overrides: [AcceptanceReport.Override] = []
        var acceptedAt: Date?
        let events = try tx.events(plan: plan.id)
        let names = try tx.people(Set(events.compactMap(\.actorID)))
        for event in events where event.taskID == nil {
            switch EventKind(rawValue: event.kind) {
            case .gateOverridden?:
                struct Details: Decodable {
                    var from: String
                    var to: String
                    var reason: String
                    var unmet: [String]
                }
                guard let details = try? JSONDecoder().decode(Details.self, from: Data(event.payload.utf8)) else { continue }
                overrides.append(
                    .init(
                        at: event.at, by: event.actorID.map { names[$0]?.name ?? $0.rawValue } ?? "",
                        phase: workflow.phase(PhaseKey(details.from))?.title ?? details.from, reason: details.reason,
                        unmet: details.unmet))
                if details.to == PlanState.accepted.name { acceptedAt = event.at }
            case .planAccepted?: acceptedAt = event.at
            default: continue
            }
        }
        return AcceptanceReport(
            plan: plan.id.rawValue, village: plan.row.village, branch: plan.row.branch, workflowTitle: workflow.title,
            state: plan.row.state.name, stateTitle: try stateTitle(plan.row.state, of: plan.row, tx), profile: plan.row.profile,
            start: plan.row.startDate, acceptedAt: acceptedAt, goals: goals, tasks: tasks, problems: problems, carried: carried,
            overrides: overrides, unmet: try indicatorChecks(of: plan, in: tx).filter { !$0.met }.map(\.name))
    }
}
