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
    /// Every day from the first covered year to the last, by day number: whether it is worked,
    /// and whether its year is covered. Built once, so that counting days costs array reads.
    private let table: DayTable

    public init(name: String, title: String? = nil, weekend: Set<Weekday> = [.saturday, .sunday], years: [Int: Year]) {
        self.name = name
        self.title = title
        self.weekend = weekend
        self.years = years
        table = DayTable(weekend: weekend, years: years)
    }

    /// Monday to Friday with no holidays: what a deployment without a calendar file counts.
    public static let mondayToFriday = WorkingCalendar(name: "monday-to-friday", years: [:])

    public var coveredYears: [Int] { years.keys.sorted() }

    public func covers(_ year: Int) -> Bool { years[year] != nil }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        table.day(date.dayNumber).working
    }

    /// The `count`th working day after `date` (before it when `count` is negative); `date`
    /// itself when `count` is zero.
    public func addingWorkingDays(_ count: Int, to date: LocalDate) -> Reckoned<LocalDate> {
        var gaps = Set<Int>()
        var day = date.dayNumber
        var left = abs(count)
        let step = count < 0 ? -1 : 1
        while left > 0 {
            day += step
            let state = table.day(day)
            if !state.covered { gaps.insert(LocalDate(dayNumber: day).year) }
            if state.working { left -= 1 }
        }
        return Reckoned(LocalDate(dayNumber: day), yearsWithoutData: gaps)
    }

    /// How many working days lie after `start` up to and including `end`; negative when `end`
    /// is before `start`. A task due on `start` and done on `end` is this many working days late.
    public func workingDays(after start: LocalDate, through end: LocalDate) -> Reckoned<Int> {
        guard start != end else { return Reckoned(0) }
        let (low, high, sign) = start < end ? (start.dayNumber, end.dayNumber, 1) : (end.dayNumber, start.dayNumber, -1)
        var gaps = Set<Int>()
        var count = 0
        for day in (low + 1)...high {
            let state = table.day(day)
            if !state.covered { gaps.insert(LocalDate(dayNumber: day).year) }
            if state.working { count += 1 }
        }
        return Reckoned(sign * count, yearsWithoutData: gaps)
    }
}

/// The working days of a calendar's covered years, precomputed by day number.
private struct DayTable: Sendable {
    /// Bit 0: worked; bit 1: the year is covered.
    private let states: [UInt8]
    private let first: Int
    private let weekend: [Bool]

    init(weekend: Set<Weekday>, years: [Int: WorkingCalendar.Year]) {
        self.weekend = Weekday.allCases.map { weekend.contains($0) }
        guard let low = years.keys.min(), let high = years.keys.max() else {
            states = []
            first = 0
            return
        }
        first = LocalDate(year: low, month: 1, day: 1)!.dayNumber
        let last = LocalDate(year: high, month: 12, day: 31)!.dayNumber
        var states = [UInt8](repeating: 0, count: last - first + 1)
        for index in states.indices {
            let date = LocalDate(dayNumber: first + index)
            var working = !weekend.contains(date.weekday)
            var covered = false
            if let year = years[date.year] {
                covered = true
                if year.makeUpWorkingDays.contains(date) { working = true } else if year.daysOff.contains(date) { working = false }
            }
            states[index] = (working ? 1 : 0) | (covered ? 2 : 0)
        }
        self.states = states
    }

    func day(_ number: Int) -> (working: Bool, covered: Bool) {
        let index = number - first
        if index >= 0 && index < states.count {
            let state = states[index]
            return (state & 1 != 0, state & 2 != 0)
        }
        // 1970-01-01 (day 0) was a Thursday.
        return (!weekend[((number + 3) % 7 + 7) % 7], false)
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
    public var calendarWarning: Message? {
        guard !yearsWithoutData.isEmpty else { return nil }
        return Message.calendarNoData(years: .list(yearsWithoutData.sorted().map { .text(String($0)) }))
    }

    /// The calendar warning, attributed to what it concerns.
    public func warning(about subject: Message) -> Message? {
        calendarWarning.map { Message.warningAbout(subject: subject, warning: $0) }
    }
}

extension Reckoned: Equatable where Value: Equatable {}
