import Foundation
import ZhengdunCore
import ZhengdunStore

/// `report ranking`: the villages of a campaign compared (序时进度, on-time rate, working days
/// late, returns, 督办, overdue problems, indicators met) and scored with the people answerable
/// for them (考核积分) by the workflow's formula, each score with its inputs.
public struct Ranking: Codable, Sendable {
    /// One village's line.
    public struct Village: Codable, Sendable {
        public var rank: Int
        public var plan: Int64
        public var campaign: Int64
        public var village: String
        /// Where the plan stands, in the reader's language: its phase's title, or 验收通过.
        public var state: Message
        public var inputs: Assessment.Inputs
        public var onTimeRate: Double
        public var indicatorsMet: Int
        public var indicators: Int
        public var score: Double

        enum CodingKeys: String, CodingKey {
            case rank, plan, campaign, village, state, inputs, onTimeRate = "on_time_rate"
            case indicatorsMet = "indicators_met", indicators, score
        }
    }

    /// A 问责 record as the ranking shows it, with what it takes from the score.
    public struct Record: Codable, Sendable {
        public var id: Int64
        public var kind: AccountabilityKind
        public var kindTitle: String
        public var reason: String
        public var task: Int64?
        public var inspection: Int64?
        public var at: Date
        public var deduction: Double

        enum CodingKeys: String, CodingKey {
            case id, kind, kindTitle = "kind_title", reason, task, inspection, at, deduction
        }
    }

    /// One person answerable for a village: their village's score less their 问责.
    public struct Person: Codable, Sendable {
        public var rank: Int
        public var person: PersonID
        public var name: String
        public var role: RoleKey
        public var roleTitle: String
        public var plan: Int64
        public var village: String
        public var villageScore: Double
        public var accountability: [Record]
        public var deduction: Double
        public var score: Double

        enum CodingKeys: String, CodingKey {
            case rank, person, name, role, roleTitle = "role_title", plan, village, villageScore = "village_score", accountability
            case deduction, score
        }
    }

    public var at: Date
    public var campaign: Int64?
    public var title: String?
    public var villages: [Village]
    public var people: [Person]
    /// The formula with the workflow's numbers, so that a score can be checked by hand.
    public var formula: Message
}

extension Service {
    /// The ranking as of now of one campaign's villages, or of every village plan under way or
    /// accepted. Draft and cancelled plans, and the township's own work, are not ranked.
    public func ranking(campaign: CampaignID?) throws -> Ranking {
        try store.read { tx in
            let now = clock.now()
            var rows: [PlanRow]
            var title: String?
            if let campaign {
                guard let row = try tx.campaign(campaign) else { throw Refusal(.noCampaign(campaign: "C\(campaign.rawValue)")) }
                title = row.title
                rows = try tx.plans(in: [campaign])
            } else {
                rows = try tx.plans()
            }
            rows.removeAll { plan in
                if plan.township { return true }
                switch plan.state {
                case .draft, .cancelled: return true
                case .inPhase, .accepted, .rebound, .closed: return false
                }
            }
            let plans = try rows.map { try context($0.id!, in: tx) }
            return try ranking(plans, campaign: campaign, title: title, at: now, in: tx)
        }
    }

    func ranking(_ plans: [PlanContext], campaign: CampaignID?, title: String?, at now: Date, in tx: StoreTransaction) throws -> Ranking {
        let ids = plans.map(\.id)
        // The same facts the ledger shows for each task, read for all the plans at once.
        let tasks = Dictionary(grouping: try tx.tasks(TaskFilter(campaign: campaign)), by: \.planID)
        let levels = try tx.escalationLevelsSent(plans: ids)
        let returns = try tx.taskEventCounts(.taskReturned, plans: ids)
        let ranked = Set(ids)
        let problems = Dictionary(
            grouping: try problemViews(try tx.problems(of: nil).filter { ranked.contains($0.planID) }, at: now, in: tx), by: \.plan)
        let records = Dictionary(grouping: try tx.accountability(), by: \.planID)
        var villages: [Ranking.Village] = []
        var people: [Ranking.Person] = []
        for plan in plans {
            let assessment = plan.workflow.assessment
            let rows = tasks[plan.id] ?? []
            let inputs = Assessment.Inputs(
                progress: scheduleProgress(
                    of: plan, tasks: rows, issuing: issuingScope(of: plan, township: try townshipPlan(besides: plan, in: tx)), at: now),
                workingDaysLate: rows.reduce(0) { $0 + workingDaysLate($1, on: plan.timeline, at: now) },
                returns: rows.reduce(0) { $0 + (returns[$1.id!] ?? 0) },
                escalations: rows.reduce(0) { $0 + (levels[$1.id!] ?? 0) },
                overdueProblems: (problems[plan.id.rawValue] ?? []).filter(\.overdue).count)
            let values = try indicatorValues(of: plan, in: tx)
            let indicators = plan.workflow.indicators
            let score = assessment.villageScore(inputs)
            villages.append(
                Ranking.Village(
                    rank: 0, plan: plan.id.rawValue, campaign: plan.row.campaignID.rawValue, village: plan.row.village,
                    state: plan.row.state.named { plan.workflow.phase($0)?.title }, inputs: inputs, onTimeRate: inputs.onTimeRate,
                    indicatorsMet: indicators.filter { $0.isMet(by: values[$0.key]?.value) == true }.count, indicators: indicators.count,
                    score: score))
            let bound = plan.bindings
            let names = try tx.people(Set(assessment.answerable.flatMap { bound.people(for: $0) }))
            for role in assessment.answerable {
                for person in bound.people(for: role) {
                    let own = (records[plan.id] ?? []).filter { $0.personID == person }.sorted { $0.at < $1.at }
                    let kinds = own.map(\.kind)
                    people.append(
                        Ranking.Person(
                            rank: 0, person: person, name: names[person]?.name ?? person.rawValue, role: role,
                            roleTitle: plan.workflow.role(role)?.title ?? role.rawValue, plan: plan.id.rawValue, village: plan.row.village,
                            villageScore: score,
                            accountability: own.map { record in
                                Ranking.Record(
                                    id: record.id!, kind: record.kind, kindTitle: record.kind.title, reason: record.reason,
                                    task: record.taskID?.rawValue, inspection: record.inspectionID, at: record.at,
                                    deduction: assessment.deduction(for: [record.kind]))
                            }, deduction: assessment.deduction(for: kinds), score: assessment.personScore(village: score, records: kinds)))
                }
            }
        }
        villages.sort { ($0.score, -$0.plan) > ($1.score, -$1.plan) }
        people.sort {
            $0.score != $1.score ? $0.score > $1.score : $0.plan != $1.plan ? $0.plan < $1.plan : $0.person.rawValue < $1.person.rawValue
        }
        for (index, rank) in Self.ranks(villages.map(\.score)).enumerated() { villages[index].rank = rank }
        for (index, rank) in Self.ranks(people.map(\.score)).enumerated() { people[index].rank = rank }
        let formula = (plans.first?.workflow.assessment ?? Assessment(answerable: [])).formula
        return Ranking(at: now, campaign: campaign?.rawValue, title: title, villages: villages, people: people, formula: formula)
    }

    /// The ranks of scores sorted highest first, equal scores sharing one: 1, 2, 2, 4.
    static func ranks(_ scores: [Double]) -> [Int] {
        var ranks: [Int] = []
        for (index, score) in scores.enumerated() {
            ranks.append(index > 0 && scores[index - 1] == score ? ranks[index - 1] : index + 1)
        }
        return ranks
    }
}
