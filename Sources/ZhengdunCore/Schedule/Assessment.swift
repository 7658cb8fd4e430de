import Foundation

/// 考核积分: how the villages of a campaign and the people answerable for them are scored, as
/// the workflow declares it (`assessment:`), so that a person can check their score by hand:
///
///     村得分 = 序时权重 × 序时完成率 + 按时权重 × 按时完成率
///            − 每逾期工作日扣分 × 逾期工作日合计 − 每次退回扣分 × 退回次数
///            − 每级督办扣分 × 督办级次合计 − 每个逾期未销号问题扣分 × 逾期未销号问题数
///     个人得分 = 村得分 − 本人各项问责扣分之和
///
/// Each score is rounded to two decimals and is never below 0.
public struct Assessment: Sendable, Hashable, Codable {
    /// The roles that answer for a village and are scored with it (secretary, 驻村干部).
    public var answerable: [RoleKey]
    /// Points for 序时完成率 (done ÷ due on the baseline) at 100%.
    public var scheduleWeight: Double
    /// Points for 按时完成率 (done by the baseline due ÷ due) at 100%.
    public var onTimeWeight: Double
    /// Deducted per working day a task is or was late, summed over the village's tasks.
    public var perWorkingDayLate: Double
    /// Deducted per return (退回整改).
    public var perReturn: Double
    /// Deducted per level of the ladder (督办) a task reached: a task at level 3 counts three.
    public var perEscalation: Double
    /// Deducted per problem item past its deadline and not closed (逾期未销号).
    public var perOverdueProblem: Double
    /// Deducted from a person's score per 问责 record of each kind.
    public var accountability: [AccountabilityKind: Double]

    public init(
        answerable: [RoleKey], scheduleWeight: Double = 60, onTimeWeight: Double = 40, perWorkingDayLate: Double = 0.5,
        perReturn: Double = 2, perEscalation: Double = 1, perOverdueProblem: Double = 1,
        accountability: [AccountabilityKind: Double] = Self.standardAccountability
    ) {
        self.answerable = answerable
        self.scheduleWeight = scheduleWeight
        self.onTimeWeight = onTimeWeight
        self.perWorkingDayLate = perWorkingDayLate
        self.perReturn = perReturn
        self.perEscalation = perEscalation
        self.perOverdueProblem = perOverdueProblem
        self.accountability = accountability
    }

    public static let standardAccountability: [AccountabilityKind: Double] = [
        .talk: 2, .criticism: 3, .circulated: 5, .admonition: 8, .removal: 10,
    ]

    /// What a village's score is computed from, as the ledgers have it.
    public struct Inputs: Sendable, Hashable, Codable {
        public var progress: ScheduleProgress
        public var workingDaysLate: Int
        public var returns: Int
        public var escalations: Int
        public var overdueProblems: Int

        public init(progress: ScheduleProgress, workingDaysLate: Int, returns: Int, escalations: Int, overdueProblems: Int) {
            self.progress = progress
            self.workingDaysLate = workingDaysLate
            self.returns = returns
            self.escalations = escalations
            self.overdueProblems = overdueProblems
        }

        /// 按时完成率: done by the baseline due ÷ due; 1 when nothing is due.
        public var onTimeRate: Double { progress.due == 0 ? 1 : Double(progress.onTime) / Double(progress.due) }

        enum CodingKeys: String, CodingKey {
            case progress, workingDaysLate = "working_days_late", returns, escalations, overdueProblems = "overdue_problems"
        }
    }

    public func villageScore(_ inputs: Inputs) -> Double {
        let earned = scheduleWeight * inputs.progress.rate + onTimeWeight * inputs.onTimeRate
        let lost =
            perWorkingDayLate * Double(inputs.workingDaysLate) + perReturn * Double(inputs.returns) + perEscalation
            * Double(inputs.escalations) + perOverdueProblem * Double(inputs.overdueProblems)
        return Self.score(earned - lost)
    }

    /// What a person's 问责 records take from their score.
    public func deduction(for records: [AccountabilityKind]) -> Double {
        records.reduce(0) { $0 + (accountability[$1] ?? 0) }
    }

    public func personScore(village: Double, records: [AccountabilityKind]) -> Double {
        Self.score(village - deduction(for: records))
    }

    /// Two decimals, halves away from zero, never below 0.
    static func score(_ value: Double) -> Double {
        max(0, (value * 100).rounded() / 100)
    }

    /// The formula with this workflow's numbers, printed with every ranking.
    public var formula: Message {
        let kinds = AccountabilityKind.allCases.map { kind in
            Message(
                en: "\(kind.title) \(Self.points(accountability[kind] ?? 0))", zh: "\(kind.title)\(Self.points(accountability[kind] ?? 0))分"
            )
        }
        return Message(
            en:
                "village score = \(Self.points(scheduleWeight)) × schedule rate + \(Self.points(onTimeWeight)) × on-time rate − \(Self.points(perWorkingDayLate)) per working day late − \(Self.points(perReturn)) per return − \(Self.points(perEscalation)) per level of escalation reached − \(Self.points(perOverdueProblem)) per problem item overdue and not closed; a person's score = the village's − per accountability record: \(.list(kinds)); two decimals, never below 0",
            zh:
                "村得分＝\(Self.points(scheduleWeight))×序时完成率＋\(Self.points(onTimeWeight))×按时完成率－每逾期1个工作日\(Self.points(perWorkingDayLate))分－每退回整改1次\(Self.points(perReturn))分－每督办1级次\(Self.points(perEscalation))分－每个逾期未销号问题\(Self.points(perOverdueProblem))分；个人得分＝所在村得分－问责扣分（每次\(.list(kinds))）；保留两位小数，最低0分"
        )
    }

    /// A number of points as people write it: `0.5`, `2`, `12.25`.
    public static func points(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = abs(hundredths % 100)
        if fraction == 0 { return "\(whole)" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : String(format: "%d.%02d", whole, fraction)
    }

    /// As the workflow file writes it: `answerable`, `weights`, `deductions`, `accountability`.
    enum CodingKeys: String, CodingKey {
        case answerable, weights, deductions, accountability
    }

    private struct Weights: Codable {
        var schedule: Double
        var onTime: Double

        enum CodingKeys: String, CodingKey {
            case schedule, onTime = "on_time"
        }
    }

    private struct Deductions: Codable {
        var workingDayLate: Double
        var `return`: Double
        var escalation: Double
        var overdueProblem: Double

        enum CodingKeys: String, CodingKey {
            case workingDayLate = "working_day_late", `return`, escalation, overdueProblem = "overdue_problem"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let weights = try container.decode(Weights.self, forKey: .weights)
        let deductions = try container.decode(Deductions.self, forKey: .deductions)
        self.init(
            answerable: try container.decode([RoleKey].self, forKey: .answerable), scheduleWeight: weights.schedule,
            onTimeWeight: weights.onTime, perWorkingDayLate: deductions.workingDayLate, perReturn: deductions.return,
            perEscalation: deductions.escalation, perOverdueProblem: deductions.overdueProblem,
            accountability: try container.decode([AccountabilityKind: Double].self, forKey: .accountability))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(answerable, forKey: .answerable)
        try container.encode(Weights(schedule: scheduleWeight, onTime: onTimeWeight), forKey: .weights)
        try container.encode(
            Deductions(
                workingDayLate: perWorkingDayLate, return: perReturn, escalation: perEscalation, overdueProblem: perOverdueProblem),
            forKey: .deductions)
        try container.encode(accountability, forKey: .accountability)
    }
}
