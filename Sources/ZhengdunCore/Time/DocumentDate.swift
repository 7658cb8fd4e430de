/// A document's date (成文日期) carries its year, where prose within the year leaves it out
/// (the style sheet, docs/style.md): `2026年3月5日`, `5 March 2026`.
extension LocalDate {
    public func documentDate(in language: Language) -> String {
        switch language {
        case .zh: return "\(year)年\(month)月\(day)日"
        case .en: return "\(day) \(Self.englishMonths[month - 1]) \(year)"
        }
    }

    /// A month and day without the weekday, as a document's running text dates what it counts
    /// up to: `3月5日`, `5 March`.
    public func monthAndDay(in language: Language) -> String {
        switch language {
        case .zh: return "\(month)月\(day)日"
        case .en: return "\(day) \(Self.englishMonths[month - 1])"
        }
    }
}
