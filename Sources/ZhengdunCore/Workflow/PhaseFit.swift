/// Whether a task's deadline falls within its phase's planned length, decided without knowing
/// the start date: like units are compared directly; a day count against a working-day count is
/// judged on a Monday-to-Friday week from the least favourable weekday, so that no start date
/// can push the deadline past the end of the phase (holidays only lengthen working-day spans).
enum PhaseFit {
    /// Nil when the deadline fits; otherwise what is wrong, for a person.
    static func problem(deadline: DeadlineRule, phaseLength: CalendarSpan, phaseName: Message) -> Message? {
        guard case .after(let span, let time) = deadline else { return nil }
        let dueTime = time ?? .endOfWorkingDay
        if span.unit == phaseLength.unit {
            let late =
                span.amount > phaseLength.amount
                || (span.amount == phaseLength.amount && dueTime > LocalTime.endOfWorkingDay)
            return late ? Message.deadlineAfterPhase(rule: "\(deadline)", phase: phaseName, length: "\(phaseLength)") : nil
        }
        let phaseDays = phaseLength.unit == .workingDays ? shortestCalendarDays(phaseLength.amount) : phaseLength.amount
        let deadlineDays: Int
        switch span.unit {
        case .workingDays: deadlineDays = longestCalendarDays(span.amount)
        case .days: deadlineDays = span.amount
        case .hours: deadlineDays = (span.amount + 23) / 24
        case .minutes: deadlineDays = (span.amount + 1439) / 1440
        }
        guard deadlineDays > phaseDays else { return nil }
        return Message.deadlineMayAfterPhase(rule: "\(deadline)", phase: phaseName, length: "\(phaseLength)", days: phaseDays)
    }

    /// The fewest calendar days that `count` working days can span, over the seven start weekdays.
    static func shortestCalendarDays(_ count: Int) -> Int {
        spans(count).min()!
    }

    /// The most calendar days that `count` working days can span, over the seven start weekdays.
    static func longestCalendarDays(_ count: Int) -> Int {
        spans(count).max()!
    }

    private static func spans(_ count: Int) -> [Int] {
        let monday = LocalDate(year: 2024, month: 1, day: 1)!  // a Monday
        return (0..<7).map { offset in
            let start = monday.adding(days: offset)
            return WorkingCalendar.mondayToFriday.addingWorkingDays(count, to: start).value.dayNumber - start.dayNumber
        }
    }
}
