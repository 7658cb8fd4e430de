/// A length of time as a workflow writes it: `10wd` working days, `14d` calendar days,
/// `36h` hours or `30m` minutes.
public struct CalendarSpan: Sendable, Hashable, TextCoded {
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case workingDays = "wd"
        case days = "d"
        case hours = "h"
        case minutes = "m"

        /// Working and calendar days land on a day and take a time of day; hours and minutes
        /// are exact lengths of time.
        public var countsDays: Bool { self == .workingDays || self == .days }
    }

    public var amount: Int
    public var unit: Unit

    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public static func workingDays(_ amount: Int) -> CalendarSpan { CalendarSpan(amount, .workingDays) }
    public static func days(_ amount: Int) -> CalendarSpan { CalendarSpan(amount, .days) }
    public static func hours(_ amount: Int) -> CalendarSpan { CalendarSpan(amount, .hours) }
    public static func minutes(_ amount: Int) -> CalendarSpan { CalendarSpan(amount, .minutes) }

    /// The longest span a rule may name: about three years of working days.
    public static let maximumAmount = 100_000

    /// Reads `10wd`, `14d`, `36h` or `30m`.
    public static func parse(_ text: String) throws(ParseFailure) -> CalendarSpan {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let suffix = text.dropFirst(digits.count)
        guard !digits.isEmpty, let unit = Unit(rawValue: String(suffix)) else {
            throw ParseFailure(.notALength(text: "\(text)"))
        }
        guard let amount = Int(digits), amount <= maximumAmount else {
            throw ParseFailure(.lengthTooLong(text: "\(text)", maximum: "\(maximumAmount)\(unit.rawValue)"))
        }
        return CalendarSpan(amount, unit)
    }

    public var description: String { "\(amount)\(unit.rawValue)" }
}
