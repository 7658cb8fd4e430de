import Foundation

/// The deployment's time: its working-day calendar in its timezone (default Asia/Shanghai).
/// Every rule that becomes an instant — deadlines, reminders, escalation steps — goes through one.
public struct Timeline: Sendable {
    public let calendar: WorkingCalendar
    public let zone: TimeZone

    public init(calendar: WorkingCalendar, zone: TimeZone) {
        self.calendar = calendar
        self.zone = zone
    }

    public static let defaultZoneIdentifier = "Asia/Shanghai"

    public func local(_ instant: Date) -> LocalDateTime {
        zone.localDateTime(instant)
    }

    public func instant(_ date: LocalDate, _ time: LocalTime) -> Date {
        let wall = TimeInterval(date.dayNumber * 86_400 + time.minuteOfDay * 60)
        // The offset in force at the wall time, found in two steps so that offsets that change
        // during the year (summer time in other zones) come out right.
        let guess = Date(timeIntervalSince1970: wall - TimeInterval(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall))))
        return Date(timeIntervalSince1970: wall - TimeInterval(zone.secondsFromGMT(for: guess)))
    }

    public func instant(_ local: LocalDateTime) -> Date { instant(local.date, local.time) }

    /// `instant` moved forward by `span`. Day spans land at `time`, or at the same time of day
    /// when `time` is nil; hours and minutes are exact.
    public func adding(_ span: CalendarSpan, to instant: Date, at time: LocalTime? = nil) -> Reckoned<Date> {
        shift(instant, by: span.amount, span.unit, at: time)
    }

    /// `instant` moved back by `span` (a reminder before a deadline).
    public func subtracting(_ span: CalendarSpan, from instant: Date, at time: LocalTime? = nil) -> Reckoned<Date> {
        shift(instant, by: -span.amount, span.unit, at: time)
    }

    /// When a task started at `start` falls due under `rule`: day rules at 18:00 local time
    /// unless they name another time. The warning covers the years crossed and the year due.
    public func due(_ rule: DeadlineRule, from start: Date) -> Reckoned<Date> {
        var result: Reckoned<Date>
        switch rule {
        case .after(let span, let time):
            result = adding(span, to: start, at: span.unit.countsDays ? time ?? .endOfWorkingDay : nil)
        case .on(let date, let time):
            result = Reckoned(instant(date, time ?? .endOfWorkingDay))
        }
        let year = local(result.value).date.year
        if !calendar.covers(year) { result.yearsWithoutData.insert(year) }
        return result
    }

    /// Working days from the day of `deadline` to the day of `instant` (how late a task is).
    public func workingDaysLate(deadline: Date, at instant: Date) -> Reckoned<Int> {
        calendar.workingDays(after: local(deadline).date, through: local(instant).date)
    }

    private func shift(_ instant: Date, by amount: Int, _ unit: CalendarSpan.Unit, at time: LocalTime?) -> Reckoned<Date> {
        switch unit {
        case .hours:
            return Reckoned(instant.addingTimeInterval(TimeInterval(amount * 3600)))
        case .minutes:
            return Reckoned(instant.addingTimeInterval(TimeInterval(amount * 60)))
        case .days, .workingDays:
            let start = local(instant)
            let day =
                unit == .days
                ? Reckoned(start.date.adding(days: amount))
                : calendar.addingWorkingDays(amount, to: start.date)
            return Reckoned(self.instant(day.value, time ?? start.time), yearsWithoutData: day.yearsWithoutData)
        }
    }
}

extension TimeZone {
    /// The wall-clock date and time of `instant` here, to the minute.
    public func localDateTime(_ instant: Date) -> LocalDateTime {
        let (days, secondOfDay) = localSeconds(instant)
        let minuteOfDay = secondOfDay / 60
        return LocalDateTime(LocalDate(dayNumber: days), LocalTime(hour: minuteOfDay / 60, minute: minuteOfDay % 60)!)
    }

    /// `2026-03-04T18:00:00+08:00`: ISO 8601 with this zone's offset, to the second.
    public func iso8601(_ instant: Date) -> String {
        let (days, secondOfDay) = localSeconds(instant)
        let offset = secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        return
            "\(LocalDate(dayNumber: days))T\(String(format2: secondOfDay / 3600)):\(String(format2: secondOfDay / 60 % 60)):\(String(format2: secondOfDay % 60))"
            + "\(sign)\(String(format2: abs(offset) / 3600)):\(String(format2: abs(offset) / 60 % 60))"
    }

    private func localSeconds(_ instant: Date) -> (days: Int, secondOfDay: Int) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + secondsFromGMT(for: instant)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (days, seconds - days * 86_400)
    }
}
