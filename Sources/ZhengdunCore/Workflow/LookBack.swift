import Foundation

/// The look back after acceptance (回头看): an accepted plan stays in its consolidation period
/// (巩固期) for `after`, then the look back's tasks are issued (re-inspection, the satisfaction
/// re-survey). It ends in the county's final sign-off (销号), or, when a finding reopens an
/// item of the problem list or orders rectification, in a rebound (反弹): the plan is back
/// under watch, reminded and escalated as before, until it is put right and signed off.
public struct LookBack: Sendable, Hashable, Codable {
    /// How long after the acceptance it begins.
    public var after: Delay
    /// Its phase: key, title, planned length, tasks, and the gate that signs it off (销号).
    public var phase: Phase

    public init(after: Delay, phase: Phase) {
        self.after = after
        self.phase = phase
    }

    /// How long a plan waits in its consolidation period: whole months (`6 months`), or any
    /// length of days a workflow writes (`120wd`, `180d`).
    public enum Delay: Sendable, Hashable, Codable, CustomStringConvertible {
        case months(Int)
        case span(CalendarSpan)

        /// Reads `6 months`, `1 month`, or a length such as `120wd`.
        public static func parse(_ text: String) throws(ParseFailure) -> Delay {
            let words = text.split(whereSeparator: \.isWhitespace)
            if words.count == 2, let count = Int(words[0]), count >= 1, count <= 120, words[1] == (count == 1 ? "month" : "months") {
                return .months(count)
            }
            let span = try CalendarSpan.parse(text.trimmingWhitespace)
            guard span.unit.countsDays, span.amount > 0 else { throw ParseFailure(.notALookBackDelay(text: "\(text)")) }
            return .span(span)
        }

        public var description: String {
            switch self {
            case .months(let count): return count == 1 ? "1 month" : "\(count) months"
            case .span(let span): return span.description
            }
        }

        /// `6个月` / `6 months`, `120个工作日` / `120 working days`.
        public var prose: Message {
            switch self {
            case .months(let count): return Message(en: "\(count) \(count, one: "month", other: "months")", zh: "\(count)个月")
            case .span(let span): return .perLanguage(en: span.prose(in: .en), zh: span.prose(in: .zh))
            }
        }

        public init(from decoder: any Decoder) throws {
            self = try Self.parse(try decoder.singleValueContainer().decode(String.self))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    /// When the look back begins for a plan accepted at `accepted`: months later on the same
    /// day of the month (the month's last when it is shorter), at 09:00 on that day or the
    /// next working day; a length of days as the timeline counts it.
    public func begins(acceptedAt accepted: Date, timeline: Timeline) -> Date {
        switch after {
        case .span(let span):
            return timeline.adding(span, to: accepted, at: Recurrence.issueTime).value
        case .months(let count):
            let day = timeline.local(accepted).date
            let index = day.year * 12 + day.month - 1 + count
            let (year, month) = (index / 12, index % 12 + 1)
            var date = LocalDate(year: year, month: month, day: min(day.day, LocalDate.daysInMonth(year: year, month: month)))!
            while !timeline.calendar.isWorkingDay(date) { date = date.adding(days: 1) }
            return timeline.instant(date, Recurrence.issueTime)
        }
    }
}
