/// When a task falls due (限时): a span after its start (the phase start, or the issue of an
/// inspection's order), or a fixed date. Day rules fall due at 18:00 local time unless they name
/// another time: `10wd`, `10wd@12:00`, `14d`, `36h`, `30m`, `2026-03-31`, `2026-03-31 12:00`.
public enum DeadlineRule: Sendable, Hashable, TextCoded {
    case after(CalendarSpan, at: LocalTime?)
    case on(LocalDate, at: LocalTime?)

    public static func parse(_ text: String) throws(ParseFailure) -> DeadlineRule {
        let trimmed = text.trimmingWhitespace
        if let first = trimmed.first, first.isNumber, trimmed.count >= 10,
            trimmed[trimmed.index(trimmed.startIndex, offsetBy: 4)] == "-"
        {
            let datePart = String(trimmed.prefix(10))
            let rest = trimmed.dropFirst(10)
            let date = try LocalDate.parse(datePart)
            guard !rest.isEmpty else { return .on(date, at: nil) }
            guard rest.first == " " || rest.first == "@" || rest.first == "T" else {
                throw ParseFailure(.notADateOrDateTime(text: "\(text)"))
            }
            return .on(date, at: try LocalTime.parse(String(rest.dropFirst()).trimmingWhitespace))
        }
        let parts = trimmed.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let span = try CalendarSpan.parse(String(parts[0]))
        guard parts.count == 2 else { return .after(span, at: nil) }
        guard span.unit.countsDays else {
            throw ParseFailure(.timeOfDayNotAllowed(text: "\(text)", unit: "\(span.unit.rawValue)"))
        }
        return .after(span, at: try LocalTime.parse(String(parts[1])))
    }

    public var description: String {
        switch self {
        case .after(let span, nil): return span.description
        case .after(let span, let time?): return "\(span)@\(time)"
        case .on(let date, nil): return date.description
        case .on(let date, let time?): return "\(date) \(time)"
        }
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
