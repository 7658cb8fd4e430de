import Foundation
import Testing

@testable import ZhengdunCore

@Suite("Deadline rules and the timeline")
struct DeadlineRuleTests {
    @Test(
        "Rules read as written and print back the same",
        arguments: [
            "10wd", "14d", "36h", "30m", "10wd@12:00", "3d@09:30", "2026-03-31", "2026-03-31 12:00",
        ])
    func roundTrip(_ text: String) throws {
        #expect(try DeadlineRule.parse(text).description == text)
    }

    @Test("Rules are parsed into their parts")
    func parts() throws {
        #expect(try DeadlineRule.parse("10wd") == .after(.workingDays(10), at: nil))
        #expect(try DeadlineRule.parse("14d") == .after(.days(14), at: nil))
        #expect(try DeadlineRule.parse("36h") == .after(.hours(36), at: nil))
        #expect(try DeadlineRule.parse("30m") == .after(.minutes(30), at: nil))
        #expect(try DeadlineRule.parse("10wd@12:00") == .after(.workingDays(10), at: time("12:00")))
        #expect(try DeadlineRule.parse("2026-03-31") == .on(date("2026-03-31"), at: nil))
        #expect(try DeadlineRule.parse("2026-03-31@08:15") == .on(date("2026-03-31"), at: time("08:15")))
    }

    @Test(
        "Text that is not a rule is refused with the reason",
        arguments: [
            ("", "is not a length of time"), ("wd", "is not a length of time"), ("10", "is not a length of time"),
            ("10 wd", "is not a length of time"), ("-3d", "is not a length of time"), ("10w", "is not a length of time"),
            ("36h@12:00", "a time of day applies only to wd and d"), ("10wd@25:00", "is not a time of day"),
            ("2026-02-30", "is not a day of the calendar"), ("2026-13-01", "is not a day of the calendar"),
            ("2026-3-1x", "is not a length of time"), ("999999wd", "longer than"),
        ])
    func refused(_ text: String, _ reason: String) {
        do {
            _ = try DeadlineRule.parse(text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.message.description.contains(reason), "\(error.message)")
        }
    }

    @Test("Day rules fall due at 18:00 Beijing time unless they name a time; hours and minutes are exact")
    func dueInstants() throws {
        let timeline = try Fixtures.timeline()
        let start = timeline.instant(date("2026-02-12"), time("10:30"))
        #expect(timeline.local(timeline.due(.after(.workingDays(10), at: nil), from: start).value).description == "2026-03-04 18:00")
        #expect(
            timeline.local(timeline.due(.after(.workingDays(10), at: time("12:00")), from: start).value).description == "2026-03-04 12:00")
        #expect(timeline.local(timeline.due(.after(.days(14), at: nil), from: start).value).description == "2026-02-26 18:00")
        #expect(timeline.local(timeline.due(.after(.hours(36), at: nil), from: start).value).description == "2026-02-13 22:30")
        #expect(timeline.local(timeline.due(.after(.minutes(30), at: nil), from: start).value).description == "2026-02-12 11:00")
        #expect(timeline.local(timeline.due(.on(date("2026-03-31"), at: nil), from: start).value).description == "2026-03-31 18:00")
    }

    @Test("Beijing time is UTC+8: 18:00 local is 10:00 UTC")
    func timezone() throws {
        let timeline = try Fixtures.timeline()
        let instant = timeline.instant(date("2026-03-04"), time("18:00"))
        #expect(instant == Date(timeIntervalSince1970: 1_772_618_400))
        #expect(timeline.local(instant) == LocalDateTime(date("2026-03-04"), time("18:00")))
        #expect(timeline.local(Date(timeIntervalSince1970: 1_772_582_399)).description == "2026-03-04 07:59")
    }

    @Test("A deadline that lands in 2027 warns that the calendar has no data for that year")
    func deadlineIn2027Warns() throws {
        let timeline = try Fixtures.timeline()
        let start = timeline.instant(date("2026-12-21"), time("09:00"))
        let due = timeline.due(.after(.workingDays(10), at: nil), from: start)
        #expect(due.yearsWithoutData == [2027])
        #expect(due.calendarWarning?.description.contains("no data for 2027") == true)
        let fixed = timeline.due(.on(date("2027-03-01"), at: nil), from: start)
        #expect(fixed.yearsWithoutData == [2027])
        let inside = timeline.due(.after(.workingDays(3), at: nil), from: start)
        #expect(inside.yearsWithoutData.isEmpty)
        #expect(inside.calendarWarning == nil)
    }

    @Test("A reminder 3 working days before a deadline across the Spring Festival falls on the worked Saturday 14 February")
    func countingBackFromDeadline() throws {
        let timeline = try Fixtures.timeline()
        let deadline = timeline.instant(date("2026-02-26"), time("18:00"))
        // Back from Thursday 26 Feb: 25 (1), 24 (2), 15–23 off, Saturday 14 worked (3).
        let reminder = timeline.subtracting(.workingDays(3), from: deadline)
        #expect(timeline.local(reminder.value).description == "2026-02-14 18:00")
        #expect(
            timeline.local(timeline.subtracting(.workingDays(1), from: deadline, at: time("09:00")).value).description == "2026-02-25 09:00"
        )
    }

    @Test("Weekdays and day numbers agree with the civil calendar")
    func civilCalendar() {
        #expect(LocalDate(dayNumber: 0) == date("1970-01-01"))
        #expect(date("1970-01-01").weekday == .thursday)
        #expect(date("2026-02-12").weekday == .thursday)
        #expect(date("2024-02-29").adding(days: 365) == date("2025-02-28"))
        #expect(LocalDate(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        for number in stride(from: -700_000, through: 2_900_000, by: 9_973) {
            #expect(LocalDate(dayNumber: number).dayNumber == number)
        }
    }
}
