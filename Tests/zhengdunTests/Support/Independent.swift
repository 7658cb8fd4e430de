import Foundation

/// Working days in mainland China in 2026 as the State Council's notice has them
/// (国务院办公厅, 2025-11-04), written out here apart from `workflows/calendars/cn.yaml`, so
/// that the tests count lateness and reminders on a calendar of their own. Days are
/// `YYYY-MM-DD`.
enum WorkingDays2026 {
    static let off: [ClosedRange<String>] = [
        "2026-01-01"..."2026-01-03", "2026-02-15"..."2026-02-23", "2026-04-04"..."2026-04-06", "2026-05-01"..."2026-05-05",
        "2026-06-19"..."2026-06-21", "2026-09-25"..."2026-09-27", "2026-10-01"..."2026-10-07",
    ]
    static let makeUp: Set<String> = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static func date(_ day: String) -> Date {
        let parts = day.split(separator: "-").map { Int($0)! }
        precondition(parts[0] == 2026, "\(day) is outside 2026")
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
    }

    private static func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    static func isWorkingDay(_ day: String) -> Bool {
        if makeUp.contains(day) { return true }
        if off.contains(where: { $0.contains(day) }) { return false }
        let weekday = calendar.component(.weekday, from: date(day))
        return weekday != 1 && weekday != 7
    }

    /// The day `count` working days after `day` (before it, for a negative count).
    static func adding(_ count: Int, to day: String) -> String {
        var date = date(day)
        var left = abs(count)
        while left > 0 {
            date = calendar.date(byAdding: .day, value: count > 0 ? 1 : -1, to: date)!
            if isWorkingDay(self.day(date)) { left -= 1 }
        }
        return self.day(date)
    }

    /// When a notice due at `local` (`YYYY-MM-DD HH:MM`) goes out under the default send
    /// window, 08:30–17:30 on working days: then, if inside it; else at the next opening.
    static func officeHours(_ local: String) -> String {
        let day = String(local.prefix(10))
        let time = String(local.suffix(5))
        if isWorkingDay(day) && time <= "17:30" { return time < "08:30" ? "\(day) 08:30" : local }
        return "\(adding(1, to: day)) 08:30"
    }

    /// The working days from `first` up to but not including `end`.
    static func workingDays(from first: String, before end: String) -> [String] {
        var days: [String] = []
        var date = date(first)
        while day(date) < end {
            if isWorkingDay(day(date)) { days.append(day(date)) }
            date = calendar.date(byAdding: .day, value: 1, to: date)!
        }
        return days
    }

    /// Working days after `start` up to and including `end`.
    static func count(after start: String, through end: String) -> Int {
        var count = 0
        var date = date(start)
        while day(date) < end {
            date = calendar.date(byAdding: .day, value: 1, to: date)!
            if isWorkingDay(day(date)) { count += 1 }
        }
        return count
    }
}
