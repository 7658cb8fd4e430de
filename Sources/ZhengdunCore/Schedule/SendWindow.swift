import Foundation

/// When notices go out (`mail.send_window`): office hours on working days, by default
/// 08:30–17:30. A notice that falls due outside them waits for the next opening and says when
/// it fell due; deadlines themselves never move.
public struct SendWindow: Sendable, Hashable, CustomStringConvertible {
    public var opens: LocalTime
    public var closes: LocalTime

    public init?(opens: LocalTime, closes: LocalTime) {
        guard opens < closes else { return nil }
        self.opens = opens
        self.closes = closes
    }

    /// Office hours.
    public static let officeHours = SendWindow(opens: LocalTime(hour: 8, minute: 30)!, closes: LocalTime(hour: 17, minute: 30)!)!

    /// `08:30-17:30`: opening and closing time on the 24-hour clock, the opening first.
    public static func parse(_ text: String) throws(ParseFailure) -> SendWindow {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { throw ParseFailure(.notASendWindow(text: "\(text)")) }
        let opens = try LocalTime.parse(parts[0])
        let closes = try LocalTime.parse(parts[1])
        guard let window = SendWindow(opens: opens, closes: closes) else { throw ParseFailure(.notASendWindow(text: "\(text)")) }
        return window
    }

    public var description: String { "\(opens)-\(closes)" }

    /// The first instant at or after `instant` inside the window: `instant` itself on a working
    /// day between the opening and the closing (both included), else the next opening on a
    /// working day.
    public func earliest(atOrAfter instant: Date, timeline: Timeline) -> Date {
        let local = timeline.local(instant)
        if timeline.calendar.isWorkingDay(local.date) {
            if local.time < opens { return timeline.instant(local.date, opens) }
            if local.time <= closes { return instant }
        }
        var date = local.date.adding(days: 1)
        // A calendar's year without data counts weekdays as working days, so this ends within a
        // few weeks even at the end of the covered years.
        while !timeline.calendar.isWorkingDay(date) { date = date.adding(days: 1) }
        return timeline.instant(date, opens)
    }
}
