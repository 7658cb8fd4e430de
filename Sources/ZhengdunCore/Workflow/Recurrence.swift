import Foundation

/// Work that comes back (`every: month`): the branch's 三会一课, the 驻村干部's monthly
/// 帮扶情况报告, the office director's monthly check. Each period's occurrence is a task of its
/// own, issued on the period's first working day and due on the day `due` names, from the
/// phase start for as long as `until` says.
///
/// A workflow writes it on the task, in place of `deadline`:
/// ```yaml
/// every: month              # week | month | quarter
/// due: 5th working day      # Nth working day | last working day, optionally @HH:MM
/// until: campaign           # phase | campaign | a count, e.g. 6
/// ```
public struct Recurrence: Sendable, Hashable {
    /// The period an occurrence stands for. Weeks begin on Monday, quarters in January, April,
    /// July and October.
    public enum Period: String, Sendable, Hashable, CaseIterable {
        case week, month, quarter
    }

    /// The day of its period an occurrence falls due.
    public enum DueDay: Sendable, Hashable, CustomStringConvertible {
        /// The period's `n`th working day, or its last where it has fewer (a February of the
        /// Spring Festival holiday).
        case workingDay(Int)
        case lastWorkingDay

        public var description: String {
            switch self {
            case .workingDay(let n): return "\(n)\(Self.suffix(n)) working day"
            case .lastWorkingDay: return "last working day"
            }
        }

        static func suffix(_ n: Int) -> String {
            if (11...13).contains(n % 100) { return "th" }
            switch n % 10 {
            case 1: return "st"
            case 2: return "nd"
            case 3: return "rd"
            default: return "th"
            }
        }
    }

    /// How long the series runs.
    public enum End: Sendable, Hashable, CustomStringConvertible {
        /// While the plan stays in the phase the series began in.
        case phase
        /// Until the plan is accepted (验收通过), through the phases after its own.
        case campaign
        /// For so many occurrences, whatever the phase.
        case count(Int)

        public var description: String {
            switch self {
            case .phase: return "phase"
            case .campaign: return "campaign"
            case .count(let n): return "\(n)"
            }
        }
    }

    public var every: Period
    public var due: DueDay
    /// The time of day it falls due; nil for the end of the working day (18:00).
    public var at: LocalTime?
    public var until: End

    public init(every: Period, due: DueDay, at: LocalTime? = nil, until: End) {
        self.every = every
        self.due = due
        self.at = at
        self.until = until
    }

    /// The most occurrences a series may run to unless the workflow sets another (`max_occurrences`).
    public static let defaultMaximumOccurrences = 60

    /// When an occurrence is handed over on its period's first working day.
    public static let issueTime = LocalTime(hour: 9, minute: 0)!

    /// One period's work: the `number`th of its series (from 1), issued at `issueAt` and due at
    /// `dueAt`, standing for the period that begins on `period`.
    public struct Occurrence: Sendable, Hashable {
        public var number: Int
        public var period: LocalDate
        public var issueAt: Date
        public var dueAt: Date
    }

    /// The first day of the period that holds `date`.
    public func periodStart(of date: LocalDate) -> LocalDate {
        switch every {
        case .week:
            return date.adding(days: -Weekday.allCases.firstIndex(of: date.weekday)!)
        case .month:
            return LocalDate(year: date.year, month: date.month, day: 1)!
        case .quarter:
            return LocalDate(year: date.year, month: (date.month - 1) / 3 * 3 + 1, day: 1)!
        }
    }

    /// The first day of the period after the one that begins on `start`.
    public func periodStart(after start: LocalDate) -> LocalDate {
        switch every {
        case .week: return start.adding(days: 7)
        case .month, .quarter:
            let months = every == .month ? 1 : 3
            let index = start.year * 12 + start.month - 1 + months
            return LocalDate(year: index / 12, month: index % 12 + 1, day: 1)!
        }
    }

    /// The working days of the period that begins on `start`, in order, with the years crossed
    /// that the calendar holds no data for.
    public func workingDays(ofPeriodFrom start: LocalDate, calendar: WorkingCalendar) -> Reckoned<[LocalDate]> {
        let end = periodStart(after: start)
        var days: [LocalDate] = []
        var gaps = Set<Int>()
        var day = start
        while day < end {
            if !calendar.covers(day.year) { gaps.insert(day.year) }
            if calendar.isWorkingDay(day) { days.append(day) }
            day = day.adding(days: 1)
        }
        return Reckoned(days, yearsWithoutData: gaps)
    }

    /// The day the period beginning on `start` falls due, and the day its occurrence is issued
    /// (its first working day); nil for a period without a working day (a week of the Spring
    /// Festival holiday).
    public func days(ofPeriodFrom start: LocalDate, calendar: WorkingCalendar) -> (issue: LocalDate, due: LocalDate)? {
        let days = workingDays(ofPeriodFrom: start, calendar: calendar).value
        guard let first = days.first, let last = days.last else { return nil }
        switch due {
        case .workingDay(let n): return (first, n <= days.count ? days[n - 1] : last)
        case .lastWorkingDay: return (first, last)
        }
    }

    /// The `number`th occurrence (from 1) of a series that began at `start`: the periods from
    /// the one holding `start` on, leaving out a period due on or before the day the series
    /// began (there was no time left for it) and a period without a working day. Nil past a
    /// count the series runs to. An occurrence is issued at 09:00 on its period's first
    /// working day, or at `start` for the first when that is later.
    public func occurrence(_ number: Int, seriesStart start: Date, timeline: Timeline) -> Occurrence? {
        guard number >= 1 else { return nil }
        if case .count(let count) = until, number > count { return nil }
        let startDay = timeline.local(start).date
        var period = periodStart(of: startDay)
        var found = 0
        // A period without a working day is rare (a holiday week); a year of them is not a series.
        for _ in 0..<(number + 400) {
            defer { period = periodStart(after: period) }
            guard let days = days(ofPeriodFrom: period, calendar: timeline.calendar), days.due > startDay else { continue }
            found += 1
            guard found == number else { continue }
            let issue = max(timeline.instant(days.issue, Self.issueTime), start)
            let due = timeline.instant(days.due, at ?? .endOfWorkingDay)
            return Occurrence(number: number, period: period, issueAt: issue, dueAt: due)
        }
        return nil
    }

    /// How an occurrence names its period after the task's title: `2026年4月`, `2026年第二季度`,
    /// `3月16日当周` (`April 2026`, `Q2 2026`, `week of 16 March`).
    public func periodName(_ start: LocalDate, in language: Language) -> String {
        switch (every, language) {
        case (.month, .zh): return "\(start.year)年\(start.month)月"
        case (.month, .en): return "\(LocalDate.englishMonths[start.month - 1]) \(start.year)"
        case (.quarter, .zh): return "\(start.year)年第\(["一", "二", "三", "四"][(start.month - 1) / 3])季度"
        case (.quarter, .en): return "Q\((start.month - 1) / 3 + 1) \(start.year)"
        case (.week, .zh): return "\(start.month)月\(start.day)日当周"
        case (.week, .en): return "week of \(start.day) \(LocalDate.englishMonths[start.month - 1])"
        }
    }

    /// `every month, due on the 5th working day, until the campaign ends`, for `workflow show`.
    public var rule: Message {
        let period: Message
        switch every {
        case .week: period = Message(en: "every week", zh: "每周")
        case .month: period = Message(en: "every month", zh: "每月")
        case .quarter: period = Message(en: "every quarter", zh: "每季度")
        }
        let day: Message
        switch due {
        case .workingDay(let n): day = Message(en: "due on the \(n)\(DueDay.suffix(n)) working day", zh: "第\(n)个工作日前完成")
        case .lastWorkingDay: day = Message(en: "due on the last working day", zh: "最后一个工作日前完成")
        }
        let end: Message
        switch until {
        case .phase: end = Message(en: "while the phase lasts", zh: "本阶段内")
        case .campaign: end = Message(en: "until the plan is accepted", zh: "至验收通过")
        case .count(let n): end = Message(en: "\(n) times", zh: "共\(n)次")
        }
        return Message(en: "\(period), \(day), \(end)", zh: "\(period)\(day)，\(end)")
    }
}

extension Recurrence: Codable {
    enum CodingKeys: String, CodingKey {
        case every, due, until
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let period = Period(rawValue: try container.decode(String.self, forKey: .every)) else {
            throw DecodingError.dataCorruptedError(forKey: .every, in: container, debugDescription: "not a period")
        }
        every = period
        (due, at) = try Self.parseDue(try container.decode(String.self, forKey: .due))
        until = try Self.parseEnd(try container.decode(String.self, forKey: .until))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(every.rawValue, forKey: .every)
        try container.encode(at.map { "\(due)@\($0)" } ?? due.description, forKey: .due)
        try container.encode(until.description, forKey: .until)
    }

    /// Reads `5th working day`, `last working day`, optionally with `@12:00`.
    public static func parseDue(_ text: String) throws(ParseFailure) -> (DueDay, LocalTime?) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let words = parts[0].split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        let time = parts.count == 2 ? try LocalTime.parse(String(parts[1]).trimmingWhitespace) : nil
        guard words.count == 3, words[1] == "working", words[2] == "day" else { throw ParseFailure(.notADueDay(text: "\(text)")) }
        if words[0] == "last" { return (.lastWorkingDay, time) }
        let digits = words[0].prefix { $0.isASCII && $0.isNumber }
        guard let n = Int(digits), n >= 1, words[0].dropFirst(digits.count) == DueDay.suffix(n) else {
            throw ParseFailure(.notADueDay(text: "\(text)"))
        }
        return (.workingDay(n), time)
    }

    /// Reads `phase`, `campaign` or a count.
    public static func parseEnd(_ text: String) throws(ParseFailure) -> End {
        switch text {
        case "phase": return .phase
        case "campaign": return .campaign
        default:
            guard let count = Int(text), count >= 0 else { throw ParseFailure(.notARecurrenceEnd(text: "\(text)")) }
            return .count(count)
        }
    }
}
