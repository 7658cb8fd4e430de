/// The years zhengdun takes dates in, stated once: a plan's start, a deadline however it is
/// reached (a date, a rule counted from a phase start or from now, an extension by a span), the
/// clock set for trials (`ZHENGDUN_NOW`, `run-due --now`), the years a working-day calendar
/// lists. A rectification campaign runs for months; a date outside these years is a typing
/// mistake, and one in year 9999 or later cannot be drawn on the progress chart or written as
/// `YYYY-MM-DD`.
public enum DateRange {
    public static let years: ClosedRange<Int> = 2000...2099

    public static func contains(_ date: LocalDate) -> Bool { years.contains(date.year) }

    /// The date, or why it is refused.
    @discardableResult
    public static func check(_ date: LocalDate) throws(ParseFailure) -> LocalDate {
        guard contains(date) else { throw ParseFailure(outOfRange(date)) }
        return date
    }

    /// “2999-01-01 is outside the years 2000–2099”.
    public static func outOfRange(_ date: LocalDate) -> Message {
        Message.inputYearOutOfRange(date: date.description, first: String(years.lowerBound), last: String(years.upperBound))
    }

    /// “the new deadline of T4 would fall on 10657-02-04, outside the years 2000–2099”.
    public static func deadlineOutOfRange(_ what: Message, on date: LocalDate) -> Message {
        Message.inputDeadlineOutOfRange(what: what, date: date.description, first: String(years.lowerBound), last: String(years.upperBound))
    }

    /// The most calendar days the phases of a workflow may plan together, counting a working
    /// day as two (weekends and holidays included, generously), so that no baseline schedule
    /// started within `years` runs past year 9999.
    public static let longestPlanDays = 20 * 366
}
