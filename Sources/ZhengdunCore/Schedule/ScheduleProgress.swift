import Foundation

/// 序时进度: progress against the schedule. Each task and problem item has a baseline due —
/// a workflow task's from the plan's planned start and phase lengths, an item's or an
/// inspection's order from its first deadline — and counts once that instant has passed:
/// done when it was handed in (办结, submitted or verified), on time when that was by its
/// baseline due, lagging when it is not handed in yet. Cancelled work does not count.
public struct ScheduleProgress: Sendable, Hashable, Codable {
    /// One task or problem item as the schedule sees it.
    public struct Item: Sendable, Hashable {
        public var baselineDue: Date
        /// When it was handed in, if it is submitted or verified now.
        public var handedIn: Date?
        public var cancelled: Bool

        public init(baselineDue: Date, handedIn: Date?, cancelled: Bool = false) {
            self.baselineDue = baselineDue
            self.handedIn = handedIn
            self.cancelled = cancelled
        }
    }

    /// Due by now on the baseline (应完成).
    public var due: Int
    /// Of those, handed in (已完成).
    public var done: Int
    /// Of those handed in, by their baseline due (按时完成).
    public var onTime: Int
    /// Due and not handed in (滞后).
    public var lagging: Int
    /// Not due yet and already handed in (超序时).
    public var ahead: Int

    public init(due: Int = 0, done: Int = 0, onTime: Int = 0, lagging: Int = 0, ahead: Int = 0) {
        self.due = due
        self.done = done
        self.onTime = onTime
        self.lagging = lagging
        self.ahead = ahead
    }

    public init(_ items: some Sequence<Item>, at now: Date) {
        self.init()
        for item in items where !item.cancelled {
            if item.baselineDue <= now {
                due += 1
                if let handedIn = item.handedIn {
                    done += 1
                    if handedIn <= item.baselineDue { onTime += 1 }
                } else {
                    lagging += 1
                }
            } else if item.handedIn != nil {
                ahead += 1
            }
        }
    }

    /// The completion rate against the schedule (序时完成率): done ÷ due, 1 when nothing is due.
    public var rate: Double { due == 0 ? 1 : Double(done) / Double(due) }

    /// The rate in percent to one decimal, as reports print it: `87.5%`.
    public var ratePercent: String {
        let tenths = due == 0 ? 1000 : (done * 1000 + due / 2) / due
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Several plans' progress together: a campaign's.
    public static func + (a: Self, b: Self) -> Self {
        Self(
            due: a.due + b.due, done: a.done + b.done, onTime: a.onTime + b.onTime, lagging: a.lagging + b.lagging, ahead: a.ahead + b.ahead
        )
    }

    enum CodingKeys: String, CodingKey {
        case due, done, onTime = "on_time", lagging, ahead, rate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        due = try container.decode(Int.self, forKey: .due)
        done = try container.decode(Int.self, forKey: .done)
        onTime = try container.decode(Int.self, forKey: .onTime)
        lagging = try container.decode(Int.self, forKey: .lagging)
        ahead = try container.decode(Int.self, forKey: .ahead)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(due, forKey: .due)
        try container.encode(done, forKey: .done)
        try container.encode(onTime, forKey: .onTime)
        try container.encode(lagging, forKey: .lagging)
        try container.encode(ahead, forKey: .ahead)
        try container.encode(rate, forKey: .rate)
    }
}

/// How the traffic light (红黄绿灯) is decided, with thresholds the workflow may set
/// (`reports: light:`):
/// - red (红灯): an open task has reached level `redLevel` of the ladder (督办), or the share of
///   the work due that lags has reached `redLagging` percent;
/// - yellow (黄灯): at least `yellowLagging` items lag, or a task is past its deadline;
/// - green (绿灯): neither.
public struct ProgressLight: Sendable, Hashable, Codable {
    public var redLevel: Int
    public var redLagging: Int
    public var yellowLagging: Int

    public init(redLevel: Int = 2, redLagging: Int = 20, yellowLagging: Int = 1) {
        self.redLevel = redLevel
        self.redLagging = redLagging
        self.yellowLagging = yellowLagging
    }

    enum CodingKeys: String, CodingKey {
        case redLevel = "red_level", redLagging = "red_lagging", yellowLagging = "yellow_lagging"
    }

    /// `highestLevel` is the highest 督办 level an open task of the plan has reached (0: none late).
    public func signal(_ progress: ScheduleProgress, highestLevel: Int) -> PlanSignal {
        if highestLevel >= redLevel || (progress.due > 0 && progress.lagging * 100 >= redLagging * progress.due) { return .red }
        if progress.lagging >= yellowLagging || highestLevel >= 1 { return .yellow }
        return .green
    }

    /// The rule, printed with every report.
    public var rule: Message {
        Message(
            en:
                "red when a task has reached level \(redLevel) of escalation or \(redLagging)% of the work due by now lags; yellow when \(yellowLagging) \(yellowLagging, one: "item lags", other: "items lag") or a task is past its deadline; green otherwise",
            zh: "红灯，有任务已到督办第\(EscalationLevel.chineseName(redLevel))级，或滞后事项占应完成事项的\(redLagging)%以上；黄灯，滞后事项达\(yellowLagging)项，或有任务逾期；绿灯，以上皆无"
        )
    }
}
