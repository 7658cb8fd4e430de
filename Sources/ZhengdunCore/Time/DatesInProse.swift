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
