import Foundation
import Testing

@testable import ZhengdunCore

@Suite("Recurring tasks, the look back and their plan states")
struct RecurrenceTests {
    let timeline = Timeline(calendar: .mondayToFriday, zone: TimeZone(identifier: "Asia/Shanghai")!)

    /// The `n`th weekday (Monday to Friday) of the period beginning `first` and ending before
    /// `end`, or its last, counted with Foundation's calendar rather than zhengdun's.
    static func nthWeekday(_ n: Int, from first: Date, before end: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var days: [Date] = []
        var day = first
        while day < end {
            let weekday = calendar.component(.weekday, from: day)
            if weekday != 1 && weekday != 7 { days.append(day) }
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        return n <= days.count ? days[n - 1] : days.last!
    }

    @Test(
        "From every start in a year, each series' occurrences fall on the nth weekday of each period after the start, in order, issued on the period's first",
        arguments: [(Recurrence.Period.week, 3), (.month, 5), (.month, 20), (.quarter, 15)])
    func occurrencesAgreeWithAnIndependentCount(_ period: Recurrence.Period, _ n: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let recurrence = Recurrence(every: period, due: .workingDay(n), until: .count(4))
        for offset in stride(from: 0, to: 365, by: 5) {
            let startDay = LocalDate(year: 2027, month: 1, day: 1)!.adding(days: offset)
            let start = timeline.instant(startDay, LocalTime(hour: 10, minute: 0)!)
            // The periods as Foundation counts them, from the one holding the start.
            let startDate = calendar.date(from: DateComponents(year: startDay.year, month: startDay.month, day: startDay.day))!
            var periodStart: Date
            switch period {
            case .week:
                periodStart = calendar.dateInterval(of: .weekOfYear, for: calendar.date(byAdding: .day, value: -1, to: startDate)!)!.start
            case .month: periodStart = calendar.dateInterval(of: .month, for: startDate)!.start
            case .quarter:
                let month = calendar.component(.month, from: startDate)
                periodStart = calendar.date(from: DateComponents(year: startDay.year, month: (month - 1) / 3 * 3 + 1, day: 1))!
            }
            if period == .week { periodStart = calendar.date(byAdding: .day, value: 1, to: periodStart)! }  // Monday, not Sunday
            var expected: [String] = []
            while expected.count < 4 {
                let next =
                    period == .week
                    ? calendar.date(byAdding: .day, value: 7, to: periodStart)!
                    : calendar.date(byAdding: .month, value: period == .month ? 1 : 3, to: periodStart)!
                let due = Self.nthWeekday(n, from: periodStart, before: next)
                if due > startDate { expected.append(ISO8601DateFormatter().string(from: due).prefix(10) + " 18:00") }
                periodStart = next
            }
            let found = (1...5).compactMap { recurrence.occurrence($0, seriesStart: start, timeline: timeline) }
            #expect(found.map { "\(timeline.local($0.dueAt))" } == expected, "from \(startDay)")
            #expect(found.map(\.number) == [1, 2, 3, 4], "a count of 4 ends the series")
            for occurrence in found {
                #expect(occurrence.issueAt <= occurrence.dueAt)
                #expect(occurrence.issueAt >= start)
                #expect(timeline.local(occurrence.issueAt).time == Recurrence.issueTime || occurrence.issueAt == start)
            }
        }
    }

    @Test("A period without a working day has no occurrence, and one with fewer than n falls due on its last")
    func holidays() throws {
        let cn = Timeline(calendar: try Fixtures.chineseCalendar(), zone: timeline.zone)
        // The week of 16 February 2026 is the Spring Festival holiday, worked on no day.
        let weekly = Recurrence(every: .week, due: .workingDay(1), until: .count(3))
        let start = cn.instant(LocalDate(year: 2026, month: 2, day: 9)!, LocalTime(hour: 8, minute: 0)!)
        let weeks = (1...3).compactMap { weekly.occurrence($0, seriesStart: start, timeline: cn) }
        // Begun on 9 February, the day its week's occurrence falls due, the series has no time for
        // that one; the holiday week has none; the week after begins on Tuesday the 24th.
        #expect(weeks.map { "\(cn.local($0.dueAt).date)" } == ["2026-02-24", "2026-03-02", "2026-03-09"])
        // February 2026 has 16 working days (the 14th and 28th are make-up Saturdays): its 20th is its last.
        let monthly = Recurrence(every: .month, due: .workingDay(20), until: .count(1))
        let february = monthly.occurrence(
            1, seriesStart: cn.instant(LocalDate(year: 2026, month: 2, day: 1)!, .endOfWorkingDay), timeline: cn)
        #expect(february.map { "\(cn.local($0.dueAt).date)" } == "2026-02-28")
    }

    @Test("Periods are named as the office names them")
    func periodNames() {
        let month = Recurrence(every: .month, due: .lastWorkingDay, until: .phase)
        let quarter = Recurrence(every: .quarter, due: .lastWorkingDay, until: .phase)
        let week = Recurrence(every: .week, due: .lastWorkingDay, until: .phase)
        #expect(month.periodName(LocalDate(year: 2026, month: 4, day: 1)!, in: .zh) == "2026年4月")
        #expect(quarter.periodName(LocalDate(year: 2026, month: 4, day: 1)!, in: .zh) == "2026年第二季度")
        #expect(week.periodName(LocalDate(year: 2026, month: 3, day: 16)!, in: .zh) == "3月16日当周")
        #expect(quarter.periodName(LocalDate(year: 2026, month: 10, day: 1)!, in: .en) == "Q4 2026")
    }

    @Test("due and until read as written, and are refused otherwise")
    func parsing() throws {
        #expect(try Recurrence.parseDue("5th working day") == (.workingDay(5), nil))
        #expect(try Recurrence.parseDue("22nd working day@12:00").0 == .workingDay(22))
        #expect(try Recurrence.parseDue("last working day") == (.lastWorkingDay, nil))
        for bad in ["5 working day", "5st working day", "0th working day", "fifth working day", "5th day"] {
            #expect(throws: ParseFailure.self, "\(bad)") { try Recurrence.parseDue(bad) }
        }
        #expect(try Recurrence.parseEnd("campaign") == .campaign)
        #expect(try Recurrence.parseEnd("6") == .count(6))
        #expect(throws: ParseFailure.self) { try Recurrence.parseEnd("forever") }
        #expect(try LookBack.Delay.parse("6 months") == .months(6))
        #expect(try LookBack.Delay.parse("1 month") == .months(1))
        #expect(try LookBack.Delay.parse("120wd") == .span(.workingDays(120)))
        #expect(throws: ParseFailure.self) { try LookBack.Delay.parse("2h") }
    }

    @Test("The look back begins months after acceptance on the same day, the month's last when it is shorter, moved to a working day")
    func lookBackBegins() throws {
        let workflow = try Fixtures.shippedWorkflow()
        let lookBack = try #require(workflow.lookBack)
        func begins(_ day: String) -> String {
            "\(timeline.local(lookBack.begins(acceptedAt: timeline.instant(date(day), LocalTime(hour: 16, minute: 0)!), timeline: timeline)))"
        }
        #expect(begins("2026-03-05") == "2026-09-07 09:00")  // 5 September is a Saturday
        #expect(begins("2026-08-31") == "2027-03-01 09:00")  // no 31 February: the 28th, a Sunday
        #expect(begins("2026-06-10") == "2026-12-10 09:00")
    }

    @Test("Accepted → look back → rebound → signed off, by the machine's own rules")
    func lookBackStates() throws {
        let workflow = try Fixtures.shippedWorkflow()
        let leader = Actor(person: "sun-ba", roles: ["group_leader"])
        let begun = try #require(PlanMachine.lookBackBegins(state: .accepted, workflow: workflow))
        #expect(begun.to == .inPhase("look-back") && begun.issuing?.key == "look-back")
        #expect(PlanMachine.lookBackBegins(state: .inPhase("consolidation"), workflow: workflow) == nil)
        let rebound = try #require(PlanMachine.rebound(state: .inPhase("look-back"), workflow: workflow, finding: "低保评议又被把持"))
        #expect(rebound.to == .rebound && rebound.event == .rebounded(from: "look-back", finding: "低保评议又被把持"))
        #expect(PlanMachine.rebound(state: .inPhase("rectification"), workflow: workflow, finding: "x") == nil)
        #expect(PlanMachine.rebound(state: .rebound, workflow: workflow, finding: "x") == nil)
        let open = [GateItem(name: "T10 Q1 整改", required: true, state: .returned)]
        #expect(
            PlanMachine.decide(.advance, state: .rebound, tasks: open, workflow: workflow, actor: leader)
                == .failure(.gateNotMet(phase: "look-back", unmet: ["T10 Q1 整改"])))
        let closed = try PlanMachine.decide(
            .advance, state: .rebound, tasks: [GateItem(name: "T10", required: true, state: .verified)], workflow: workflow, actor: leader
        ).get()
        #expect(closed.from == .rebound && closed.to == .closed && closed.event == .signedOff(from: .rebound))
        #expect(
            try PlanMachine.decide(.advance, state: .inPhase("look-back"), tasks: [], workflow: workflow, actor: leader).get().to == .closed
        )
        #expect(
            PlanMachine.decide(.advance, state: .closed, tasks: [], workflow: workflow, actor: leader)
                == .failure(.finished(.closed, command: .planCommandAdvance)))
        // Only the look back's signer signs it off.
        let director = Actor(person: "zhao-liu", roles: ["office_director"])
        if case .failure(.notPermitted) = PlanMachine.decide(
            .advance, state: .inPhase("look-back"), tasks: [], workflow: workflow, actor: director)
        {
        } else {
            Issue.record("the office director signed the look back off")
        }
    }

    @Test("A finding reopens a verified task with a new deadline; any other task, or a deadline past, is left alone")
    func reopening() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var facts = TaskFacts(state: .verified, assignee: "li-si", verifier: "office_director", deadline: now.addingTimeInterval(-86_400))
        let reopened = TaskMachine.reopened(facts, reason: "回头看发现：又出现", deadline: now.addingTimeInterval(86_400), at: now)
        #expect(reopened?.after.state == .returned)
        #expect(reopened?.after.deadlineVersion == 2)
        #expect(reopened?.after.steps.closedAt == nil)
        #expect(TaskMachine.reopened(facts, reason: "x", deadline: now.addingTimeInterval(-1), at: now) == nil)
        facts.state = .acknowledged
        #expect(TaskMachine.reopened(facts, reason: "x", deadline: now.addingTimeInterval(86_400), at: now) == nil)
    }
}
