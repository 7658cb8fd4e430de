import Foundation
import Testing

@testable import ZhengdunCore

@Suite("Working-day calendar")
struct WorkingCalendarTests {
    let calendar: WorkingCalendar

    init() throws {
        calendar = try Fixtures.chineseCalendar()
    }

    @Test("10 working days after Thursday 2026-02-12 is Wednesday 2026-03-04 (Spring Festival off, 14 and 28 Feb worked)")
    func springFestival2026() {
        let result = calendar.addingWorkingDays(10, to: date("2026-02-12"))
        #expect(result.value == date("2026-03-04"))
        #expect(result.value.weekday == .wednesday)
        #expect(result.yearsWithoutData.isEmpty)
    }

    @Test("Make-up Saturdays are working days and the festival days are not")
    func makeUpDays2026() {
        #expect(calendar.isWorkingDay(date("2026-02-14")))
        #expect(calendar.isWorkingDay(date("2026-02-28")))
        #expect(calendar.isWorkingDay(date("2026-01-04")))
        for day in 15...23 {
            #expect(!calendar.isWorkingDay(date(String(format: "2026-02-%02d", day))))
        }
        #expect(!calendar.isWorkingDay(date("2026-10-07")))
        #expect(calendar.isWorkingDay(date("2026-10-08")))
        #expect(calendar.isWorkingDay(date("2026-10-10")))
    }

    @Test("2025: the day after 27 January is 5 February; Sunday 26 January was worked")
    func springFestival2025() {
        #expect(calendar.addingWorkingDays(1, to: date("2025-01-27")).value == date("2025-02-05"))
        #expect(calendar.isWorkingDay(date("2025-01-26")))
        #expect(!calendar.isWorkingDay(date("2025-05-31")))
        #expect(calendar.isWorkingDay(date("2025-10-11")))
    }

    @Test("Counting back: 3 working days before Tuesday 2026-02-24 is Thursday 2026-02-12")
    func countingBack() {
        // 15–23 Feb are off; Saturday 14 Feb is worked (1), then 13 Feb (2) and 12 Feb (3).
        #expect(calendar.addingWorkingDays(-1, to: date("2026-02-24")).value == date("2026-02-14"))
        #expect(calendar.addingWorkingDays(-3, to: date("2026-02-24")).value == date("2026-02-12"))
        #expect(calendar.addingWorkingDays(0, to: date("2026-02-15")).value == date("2026-02-15"))
    }

    @Test("2026 has as many working days as an independent count over the published arrangement")
    func workingDaysIn2026() throws {
        let count = calendar.workingDays(after: date("2025-12-31"), through: date("2026-12-31"))
        #expect(count.value == 248)
        #expect(count.yearsWithoutData.isEmpty)
        #expect(calendar.workingDays(after: date("2026-12-31"), through: date("2025-12-31")).value == -248)
        #expect(calendar.workingDays(after: date("2026-03-04"), through: date("2026-03-04")).value == 0)
    }

    @Test("A year the calendar lacks counts Monday to Friday and says so")
    func missingYearFallsBack() {
        let result = calendar.addingWorkingDays(3, to: date("2026-12-30"))
        // 31 Dec (Thu) is 1; 1 Jan 2027 (Fri, a holiday in fact) counts as 2; Mon 4 Jan is 3.
        #expect(result.value == date("2027-01-04"))
        #expect(result.yearsWithoutData == [2027])
        #expect(Reckoned((), yearsWithoutData: [2027]).calendarWarning?.description.contains("no data for 2027") == true)
        #expect(calendar.covers(2026) && !calendar.covers(2027))
    }

    @Test("Broken calendar files are refused at the line and column of each problem", arguments: try Fixtures.files(in: "calendars/broken"))
    func brokenCalendar(_ url: URL) throws {
        let text = try Fixtures.text(url)
        let expected = Fixtures.expectations(in: text)
        #expect(!expected.isEmpty)
        do {
            _ = try WorkingCalendar.load(text, file: "c.yaml")
            Issue.record("\(url.lastPathComponent) was accepted")
        } catch {
            let actual = error.diagnostics.filter { $0.severity == .error }.map {
                "\($0.location.line):\($0.location.column): \($0.message)"
            }
            #expect(actual.count == expected.count, "\(actual)")
            for (line, prefix) in zip(actual, expected) {
                #expect(line.hasPrefix(prefix), "\(url.lastPathComponent): \(line)")
            }
        }
    }
}

@Suite("Local dates and times")
struct LocalDateTimeTests {
    @Test(
        "A date and time is written YYYY-MM-DD HH:MM, padded with zeros, and reads back as itself",
        arguments: [(2026, 3, 4, 18, 0), (2026, 12, 31, 23, 59), (987, 1, 2, 3, 4), (2000, 2, 29, 0, 0), (9999, 10, 9, 9, 30)])
    func written(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) throws {
        let value = LocalDateTime(LocalDate(year: year, month: month, day: day)!, LocalTime(hour: hour, minute: minute)!)
        let expected = "\(value.date) \(value.time)"
        #expect(value.description == expected)
        #expect(expected.count == 16)
        #expect(try LocalDateTime.parse(value.description) == value)
    }
}
