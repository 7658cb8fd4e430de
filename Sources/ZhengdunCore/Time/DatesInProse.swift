/// Dates as a notice says them (the style sheet, docs/style.md): `3月5日（星期四）18:00` in
/// Chinese, `Thursday 5 March 18:00` in English. ISO dates are for JSON, CSV and iCalendar.
extension LocalDate {
    public func prose(in language: Language) -> String {
        switch language {
        case .zh: return "\(month)月\(day)日（\(weekday.chinese)）"
        case .en: return "\(weekday.english) \(day) \(Self.englishMonths[month - 1])"
        }
    }

    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}

extension LocalDateTime {
    public func prose(in language: Language) -> String {
        language == .zh ? "\(date.prose(in: language))\(time)" : "\(date.prose(in: language)) \(time)"
    }
}

extension Weekday {
    /// 星期一 … 星期日, as a notice writes the day beside a date.
    var chinese: String {
        switch self {
        case .monday: return "星期一"
        case .tuesday: return "星期二"
        case .wednesday: return "星期三"
        case .thursday: return "星期四"
        case .friday: return "星期五"
        case .saturday: return "星期六"
        case .sunday: return "星期日"
        }
    }

    var english: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// The compact forms a table or a one-line listing uses (docs/style.md): in Chinese `3月5日 18:00`,
/// with the year (`2026年3月5日 18:00`) only when the column spans more than one year, since a
/// reader of a campaign's table knows its year; a document's date is `2026年3月5日`. English
/// keeps ISO 8601 in tables (`2026-03-05 18:00`), which reads naturally in an English table and
/// is what English scripts and tests have always matched.
extension LocalDate {
    public func tabular(in language: Language, withYear: Bool = false) -> String {
        switch language {
        case .zh: return (withYear ? "\(year)年" : "") + "\(month)月\(day)日"
        case .en: return description
        }
    }

    /// A document's date: `2026年6月22日`, `22 June 2026`.
    public func written(in language: Language) -> String {
        switch language {
        case .zh: return "\(year)年\(month)月\(day)日"
        case .en: return "\(day) \(Self.englishMonths[month - 1]) \(year)"
        }
    }

    /// Whether a column of these dates needs its years shown: when they are not all in one year.
    public static func spanYears(_ dates: some Sequence<LocalDate>) -> Bool {
        Set(dates.map(\.year)).count > 1
    }
}

extension LocalDateTime {
    public func tabular(in language: Language, withYear: Bool = false) -> String {
        language == .zh ? "\(date.tabular(in: language, withYear: withYear)) \(time)" : description
    }

    /// Prose with the year, for a date that may lie in another year than the reader's:
    /// `2026年3月2日（星期一）09:00`.
    public func proseWithYear(in language: Language) -> String {
        switch language {
        case .zh: return "\(date.year)年\(prose(in: language))"
        case .en: return "\(prose(in: language)) \(date.year)"
        }
    }
}

extension DeadlineRule {
    /// A deadline rule in words: `3个工作日`, `14天`, `36小时`; English keeps the rule as the
    /// workflow writes it (`3wd`), which is how an English reader already knows it.
    public func prose(in language: Language) -> String {
        guard language == .zh else { return description }
        switch self {
        case .after(let span, nil): return span.prose(in: language)
        case .after(let span, let time?): return "\(span.prose(in: language))（\(time)）"
        case .on(let date, nil): return date.written(in: language)
        case .on(let date, let time?): return "\(date.written(in: language)) \(time)"
        }
    }
}

extension CalendarSpan {
    /// `3个工作日`, `14天`, `36小时`, `30分钟`; English as written (`3wd`).
    public func prose(in language: Language) -> String {
        guard language == .zh else { return description }
        switch unit {
        case .workingDays: return "\(amount)个工作日"
        case .days: return "\(amount)天"
        case .hours: return "\(amount)小时"
        case .minutes: return "\(amount)分钟"
        }
    }
}
