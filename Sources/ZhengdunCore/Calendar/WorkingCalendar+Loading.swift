import Foundation

extension WorkingCalendar {
    /// Reads a calendar file (`workflows/calendars/*.yaml`). `file` names it in diagnostics.
    ///
    /// ```yaml
    /// calendar: cn
    /// weekend: [saturday, sunday]
    /// years:
    ///   2026:
    ///     source: 国务院办公厅关于2026年部分节假日安排的通知
    ///     off: [2026-01-01..2026-01-03, 2026-02-15..2026-02-23]
    ///     work: [2026-01-04, 2026-02-14]
    /// ```
    public static func load(_ text: String, file: String) throws(InvalidSource) -> Loaded<WorkingCalendar> {
        let root = try SchemaReader.root(text, file: file, expecting: .whatACalendar)
        var reader = SchemaReader()
        guard
            let top = reader.fields(
                root, of: .whatTheCalendar, allowed: ["calendar", "title", "weekend", "years"], required: ["calendar", "years"])
        else {
            return try reader.finish(nil)
        }
        let name = reader.identifier(top["calendar"], .whatCalendarName)
        let title = reader.text(top["title"], "title")
        var weekend: Set<Weekday> = [.saturday, .sunday]
        if let node = top["weekend"] {
            weekend = Set(reader.list(node, of: "weekend").compactMap { reader.parsed($0, .whatWeekendDay, Weekday.parse) })
        }
        var years: [Int: Year] = [:]
        if let node = top["years"] {
            for entry in reader.entries(node, of: "years") {
                guard let year = reader.integer(entry.keyNode, .whatAYear, in: DateRange.years) else { continue }
                if let rules = reader.year(year, entry.value, weekend: weekend) { years[year] = rules }
            }
        }
        return try reader.finish(name.map { WorkingCalendar(name: $0, title: title, weekend: weekend, years: years) })
    }
}

private extension SchemaReader {
    mutating func year(_ year: Int, _ node: YAMLNode, weekend: Set<Weekday>) -> WorkingCalendar.Year? {
        guard
            let fields = fields(
                node, of: .whatYearNamed(year: "\(year)"), allowed: ["source", "off", "work"], required: ["off"])
        else { return nil }
        let source = text(fields["source"], "source")
        var off: [LocalDate: SourceLocation] = [:]
        for item in fields["off"].map({ list($0, of: "off") }) ?? [] {
            for date in days(item, in: year) { off[date] = item.location }
        }
        var work = Set<LocalDate>()
        for item in fields["work"].map({ list($0, of: "work") }) ?? [] {
            for date in days(item, in: year) {
                if !weekend.contains(date.weekday) {
                    error(at: item.location, .alreadyWorkingDay(date: "\(date)", weekday: date.weekday.word))
                } else if off[date] != nil {
                    error(at: item.location, .dayOffAndWorking(date: "\(date)"))
                }
                work.insert(date)
            }
        }
        return WorkingCalendar.Year(daysOff: Set(off.keys), makeUpWorkingDays: work, source: source)
    }

    /// A date or an inclusive range `FROM..TO`, all inside `year`.
    mutating func days(_ node: YAMLNode, in year: Int) -> [LocalDate] {
        let range = parsed(node, .whatDayOrRange) { (text) throws(ParseFailure) -> ClosedRange<LocalDate> in
            let bounds = text.components(separatedBy: "..")
            guard bounds.count <= 2 else { throw ParseFailure(.notADayOrRange(text: "\(text)")) }
            let first = try LocalDate.parse(bounds[0].trimmingWhitespace)
            let last = bounds.count == 2 ? try LocalDate.parse(bounds[1].trimmingWhitespace) : first
            guard first <= last else { throw ParseFailure(.rangeBackwards(text: "\(text)")) }
            return first...last
        }
        guard let range else { return [] }
        guard range.lowerBound.year == year, range.upperBound.year == year else {
            error(at: node.location, .outsideYear(day: "\(range.lowerBound)", year: "\(year)"))
            return []
        }
        return (range.lowerBound.dayNumber...range.upperBound.dayNumber).map(LocalDate.init(dayNumber:))
    }
}
