/// A day on the wall calendar of the deployment's timezone (e.g. 2026-02-12), with no time of day.
public struct LocalDate: Sendable, Hashable, Comparable, TextCoded {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the day does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `dayNumber` days after 1970-01-01 (negative before it).
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday.allCases[index]
    }

    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// Reads `YYYY-MM-DD`.
    public static func parse(_ text: String) throws(ParseFailure) -> LocalDate {
        // YYYY-MM-DD in ASCII digits, read byte by byte: every plan read carries a date.
        var text = text
        let fields: (year: Int, month: Int, day: Int)? = text.withUTF8 { bytes in
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- 0x30
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
                let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
            else { return nil }
            return (year, month, day)
        }
        guard let fields else { throw ParseFailure(.notADate(text: "\(text)")) }
        guard let date = LocalDate(year: fields.year, month: fields.month, day: fields.day) else {
            throw ParseFailure(.notACalendarDay(text: "\(text)"))
        }
        return date
    }

    public var description: String {
        String(format4: year) + "-" + String(format2: month) + "-" + String(format2: day)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A day of the week, Monday first as in China and ISO 8601.
public enum Weekday: String, Sendable, Hashable, CaseIterable, Codable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday
}
extension Weekday {
    /// `monday` … `sunday`, as files write a day of the week.
    public static func parse(_ text: String) throws(ParseFailure) -> Weekday {
        guard let day = Weekday(rawValue: text) else { throw ParseFailure(.notAWeekday(text: "\(text)")) }
        return day
    }

    /// The day in the reader's language.
    public var word: Message {
        switch self {
        case .monday: return .weekdayMonday
        case .tuesday: return .weekdayTuesday
        case .wednesday: return .weekdayWednesday
        case .thursday: return .weekdayThursday
        case .friday: return .weekdayFriday
        case .saturday: return .weekdaySaturday
        case .sunday: return .weekdaySunday
        }
    }
}

/// A time of day on the wall clock, to the minute.
public struct LocalTime: Sendable, Hashable, Comparable, TextCoded {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// 18:00, when a deadline falls unless its rule names another time.
    public static let endOfWorkingDay = LocalTime(hour: 18, minute: 0)!

    public var minuteOfDay: Int { hour * 60 + minute }

    /// Reads `HH:MM` (24-hour clock).
    public static func parse(_ text: String) throws(ParseFailure) -> LocalTime {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            let time = LocalTime(hour: hour, minute: minute)
        else {
            throw ParseFailure(.notATimeOfDay(text: "\(text)"))
        }
        return time
    }

    public var description: String { String(format2: hour) + ":" + String(format2: minute) }

    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.minuteOfDay < b.minuteOfDay }
}

/// A wall-clock date and time in the deployment's timezone.
public struct LocalDateTime: Sendable, Hashable, Comparable, TextCoded {
    public var date: LocalDate
    public var time: LocalTime

    public init(_ date: LocalDate, _ time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// Reads `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM`.
    public static func parse(_ text: String) throws(ParseFailure) -> LocalDateTime {
        guard let separator = text.firstIndex(where: { $0 == " " || $0 == "T" }) else {
            throw ParseFailure(.notADateTime(text: "\(text)"))
        }
        let date = try LocalDate.parse(String(text[..<separator]))
        let time = try LocalTime.parse(String(text[text.index(after: separator)...]))
        return LocalDateTime(date, time)
    }

    /// `2026-03-04 18:00`, written digit by digit: every notice carries several.
    public var description: String {
        guard (0...9999).contains(date.year) else { return "\(date) \(time)" }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { out in
            func digits(_ value: Int, _ count: Int, at start: Int) {
                var value = value
                for index in (start..<start + count).reversed() {
                    out[index] = 0x30 + UInt8(value % 10)
                    value /= 10
                }
            }
            digits(date.year, 4, at: 0)
            out[4] = 0x2D
            digits(date.month, 2, at: 5)
            out[7] = 0x2D
            digits(date.day, 2, at: 8)
            out[10] = 0x20
            digits(time.hour, 2, at: 11)
            out[13] = 0x3A
            digits(time.minute, 2, at: 14)
            return String(decoding: UnsafeBufferPointer(out), as: UTF8.self)
        }
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.time) < (b.date, b.time)
    }
}

extension String {
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }

    init(format4 value: Int) {
        var digits = "\(value)"
        while digits.count < 4 { digits = "0" + digits }
        self = digits
    }
}
