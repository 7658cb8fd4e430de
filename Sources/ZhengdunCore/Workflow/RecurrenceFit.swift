/// How many occurrences a recurring task can come to over the phases it runs through as
/// planned, decided without knowing the start date: the series is tried from every day of a
/// year on a Monday-to-Friday week, so that `workflow check` refuses a series that some start
/// would leave without an occurrence, or run past the workflow's maximum.
///
/// Every workflow file is checked as it is read, by each command: the due days of the periods
/// are worked out once, and each start counts those after it and by its end.
enum RecurrenceFit {
    static func occurrences(_ recurrence: Recurrence, over lengths: [CalendarSpan]) -> (fewest: Int, most: Int) {
        let calendar = WorkingCalendar.mondayToFriday
        let first = LocalDate(year: 2027, month: 1, day: 1)!
        // On a week without holidays, how far the phases reach depends on the weekday they
        // begin on alone: seven reckonings serve the year's starts.
        var reach: [Weekday: Int] = [:]
        for offset in 0..<7 {
            let start = first.adding(days: offset)
            reach[start.weekday] =
                lengths.reduce(start) { day, span in
                    span.unit == .workingDays ? calendar.addingWorkingDays(span.amount, to: day).value : day.adding(days: span.amount)
                }.dayNumber - start.dayNumber
        }
        // The due days of every period a start in the year can reach, in order.
        let last = first.adding(days: 365 + (reach.values.max() ?? 0))
        var dues: [Int] = []
        var period = recurrence.periodStart(of: first)
        while period <= last {
            if let days = recurrence.days(ofPeriodFrom: period, calendar: calendar) { dues.append(days.due.dayNumber) }
            period = recurrence.periodStart(after: period)
        }
        // A series due later in the day than the phase ends cannot count the phase's last day.
        let lastDayCounts = (recurrence.at ?? .endOfWorkingDay) <= .endOfWorkingDay
        var fewest = Int.max
        var most = 0
        for offset in 0..<365 {
            let start = first.adding(days: offset)
            let end = start.dayNumber + reach[start.weekday]!
            let count = countBetween(dues, after: start.dayNumber, through: lastDayCounts ? end : end - 1)
            fewest = min(fewest, count)
            most = max(most, count)
        }
        return (fewest, most)
    }

    /// How many of the sorted `days` are after `low` and no later than `high`.
    private static func countBetween(_ days: [Int], after low: Int, through high: Int) -> Int {
        guard high > low else { return 0 }
        return firstIndex(in: days, above: high) - firstIndex(in: days, above: low)
    }

    /// The index of the first of the sorted `days` above `value`.
    private static func firstIndex(in days: [Int], above value: Int) -> Int {
        var (low, high) = (0, days.count)
        while low < high {
            let middle = (low + high) / 2
            if days[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
