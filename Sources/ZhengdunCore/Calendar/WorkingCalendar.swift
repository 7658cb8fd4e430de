/// The working-day calendar (工作日历): weekends off, plus each year's public holidays and
/// make-up working days (调休) as the State Council publishes them. A year the calendar holds no
/// data for counts Monday to Friday, and every answer that crossed such a year says so.
public struct WorkingCalendar: Sendable {
    /// One year's published arrangement.
    public struct Year: Sendable, Hashable {
        /// Days off that would otherwise be working days (holidays, 放假).
        public var daysOff: Set<LocalDate>
        /// Weekend days that are working days (调休上班).
        public var makeUpWorkingDays: Set<LocalDate>
        /// Where the arrangement was published.
        public var source: String?

        public init(daysOff: Set<LocalDate>, makeUpWorkingDays: Set<LocalDate>, source: String? = nil) {
            self.daysOff = daysOff
            self.makeUpWorkingDays = makeUpWorkingDays
            self.source = source
        }
    }

    public let name: String
    public let title: String?
    public let weekend: Set<Weekday>
    public let years: [Int: Year]

    public init(name: String, title: String? = nil, weekend: Set<Weekday> = [.saturday, .sunday], years: [Int: Year]) {
        self.name = name
        self.title = title
        self.weekend = weekend
        self.years = years
    }

    /// Monday to Friday with no holidays: what a deployment without a calendar file counts.
    public static let mondayToFriday = WorkingCalendar(name: "monday-to-friday", years: [:])

    public var coveredYears: [Int] { years.keys.sorted() }

    public func covers(_ year: Int) -> Bool { years[year] != nil }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if let year = years[date.year] {
            if year.makeUpWorkingDays.contains(date) { return true }
            if year.daysOff.contains(date) { return false }
        }
        return !weekend.contains(date.weekday)
    }

    /// The `count`th working day after `date` (before it when `count` is negative); `date`
    /// itself when `count` is zero.
    public func addingWorkingDays(_ count: Int, to date: LocalDate) -> Reckoned<LocalDate> {
        var gaps = Set<Int>()
        var day = date
        var left = abs(count)
        let step = count < 0 ? -1 : 1
        while left > 0 {
            day = day.adding(days: step)
            if !covers(day.year) { gaps.insert(day.year) }
            if isWorkingDay(day) { left -= 1 }
        }
        return Reckoned(day, yearsWithoutData: gaps)
    }

    /// How many working days lie after `start` up to and including `end`; negative when `end`
    /// is before `start`. A task due on `start` and done on `end` is this many working days late.
    public func workingDays(after start: LocalDate, through end: LocalDate) -> Reckoned<Int> {
        guard start != end else { return Reckoned(0) }
        let (low, high, sign) = start < end ? (start, end, 1) : (end, start, -1)
        var gaps = Set<Int>()
        var count = 0
        var day = low
        while day < high {
            day = day.adding(days: 1)
            if !covers(day.year) { gaps.insert(day.year) }
            if isWorkingDay(day) { count += 1 }
        }
        return Reckoned(sign * count, yearsWithoutData: gaps)
    }
}

/// A value worked out on a working-day calendar, with the years it crossed that the calendar
/// holds no data for (counted Monday to Friday there).
public struct Reckoned<Value: Sendable>: Sendable {
    public var value: Value
    public var yearsWithoutData: Set<Int>

    public init(_ value: Value, yearsWithoutData: Set<Int> = []) {
        self.value = value
        self.yearsWithoutData = yearsWithoutData
    }

    /// The warning to show a person, or nil when the calendar covered every day used.
    public var calendarWarning: String? {
        guard !yearsWithoutData.isEmpty else { return nil }
        let years = yearsWithoutData.sorted().map { String($0) }.joined(separator: ", ")
        return "the working-day calendar has no data for \(years); counted Monday to Friday without holidays"
    }
}

extension Reckoned: Equatable where Value: Equatable {}
