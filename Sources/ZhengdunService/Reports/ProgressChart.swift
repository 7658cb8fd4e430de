import Foundation
import ZhengdunCore

/// Where each part of a plan's Gantt chart (甘特图) lies, in the units of the SVG's viewBox: per
/// phase a band over its planned window and a bar for the span it actually ran; per task a bar
/// from issue to deadline, the stretch it has run late, and when it was handed in; month and
/// week lines; today. The progress page's template draws these and says what they mean, so that
/// the words and styles can change without touching the geometry.
struct ProgressChart {
    struct Band {
        var phase: PlanView.PhaseInfo
        var y: Double
        var height: Double
        var planned: ClosedRange<Double>
        /// From its start to its end, or to today while it runs; nil before it starts.
        var actual: ClosedRange<Double>?
        var bars: [Bar]
    }

    struct Bar {
        var task: TaskSpan
        var label: String
        var y: Double
        var span: ClosedRange<Double>
        /// From the deadline to today, for an overdue task.
        var late: ClosedRange<Double>?
        var done: Double?
    }

    /// A4 portrait leaves about 190 mm for the chart: a unit prints as about a quarter of a millimetre.
    static let width = 760.0
    /// The chart's area: the task labels take the column to its left.
    static let left = 230.0
    static let right = 750.0
    static let axisHeight = 34.0
    static let phaseRow = 24.0
    static let taskRow = 18.0
    static let barHeight = 10.0
    /// The width of a task label, in ems of its font (CJK characters are one em wide).
    static let labelEms = 19.0

    let zone: TimeZone
    /// The first day shown, from its midnight, to the midnight after the last day shown.
    let firstDay: LocalDate
    let lastDay: LocalDate
    var bands: [Band] = []
    /// Below the last row; the chart ends a line of text lower.
    var bottom = axisHeight
    /// The report's instant, and where its line stands.
    let now: Date
    var today = 0.0
    /// The page's language, for the today line's date.
    let language: Language

    init(_ plan: PlanProgress, today now: Date, zone: TimeZone, language: Language = .zh) {
        self.language = language
        self.zone = zone
        var instants = [now]
        for phase in plan.phases {
            instants += [phase.plannedStart, phase.plannedEnd] + [phase.startedAt, phase.endedAt].compactMap { $0 }
        }
        for task in plan.schedule { instants += [task.issuedAt, task.deadline] + [task.doneAt].compactMap { $0 } }
        let days = instants.map { zone.localDateTime($0).date }
        firstDay = days.min()!
        lastDay = days.max()!
        self.now = now
        let today = x(now)
        self.today = today
        var y = Self.axisHeight
        for phase in plan.phases {
            var band = Band(
                phase: phase, y: y, height: Self.phaseRow, planned: x(phase.plannedStart)...max(x(phase.plannedStart), x(phase.plannedEnd)),
                actual: phase.startedAt.map { start in x(start)...max(x(start), phase.endedAt.map(x) ?? today) }, bars: [])
            for task in plan.schedule where task.phase == phase.key {
                let start = x(task.issuedAt)
                let late = task.overdue ? x(task.deadline)...max(x(task.deadline), today) : nil
                band.bars.append(
                    Bar(
                        task: task, label: Self.shortened("T\(task.task) \(task.title)", toEms: Self.labelEms),
                        y: y + band.height, span: start...max(start + 2, x(task.deadline)), late: late, done: task.doneAt.map(x)))
                band.height += Self.taskRow
            }
            bands.append(band)
            y += band.height
        }
        bottom = y
    }

    /// The x of an instant: days run left to right in local time, midnight to midnight.
    func x(_ instant: Date) -> Double {
        let local = zone.localDateTime(instant)
        return x(days: Double(local.date.dayNumber - firstDay.dayNumber) + Double(local.time.minuteOfDay) / 1440)
    }

    /// The x of a day's midnight.
    func x(_ date: LocalDate) -> Double {
        x(days: Double(date.dayNumber - firstDay.dayNumber))
    }

    private func x(days: Double) -> Double {
        Self.left + days / Double(lastDay.dayNumber - firstDay.dayNumber + 1) * (Self.right - Self.left)
    }

    /// The first day shown and the first of every later month shown.
    var months: [LocalDate] {
        var months = [firstDay]
        guard var date = LocalDate(year: firstDay.year, month: firstDay.month, day: 1) else { return months }
        while true {
            guard let next = LocalDate(year: date.month == 12 ? date.year + 1 : date.year, month: date.month % 12 + 1, day: 1),
                next <= lastDay
            else { return months }
            date = next
            months.append(date)
        }
    }

    /// The Mondays shown.
    var weeks: [LocalDate] {
        var monday = firstDay
        while monday.weekday != .monday { monday = monday.adding(days: 1) }
        return stride(from: monday.dayNumber, through: lastDay.dayNumber, by: 7).map(LocalDate.init(dayNumber:))
    }

    /// `text`, cut with an ellipsis to fit `ems` (a CJK character is one em, others about half).
    static func shortened(_ text: String, toEms ems: Double) -> String {
        func width(_ character: Character) -> Double {
            character.unicodeScalars.first.map { $0.value >= 0x2E80 ? 1.0 : 0.55 } ?? 0
        }
        guard text.reduce(0, { $0 + width($1) }) > ems else { return text }
        var kept = ""
        var used = 1.0  // the ellipsis
        for character in text {
            used += width(character)
            if used > ems { break }
            kept.append(character)
        }
        return kept + "…"
    }
}

extension ProgressChart {
    /// `value` to one decimal, as C's `printf("%.1f")` writes it, without Foundation's string
    /// formatting: a report of a few hundred plans writes tens of thousands of coordinates.
    static func oneDecimal(_ value: Double) -> String {
        let scaled = abs(value) * 10
        let tenths = scaled.rounded(.toNearestOrEven)
        // Away from a tie the nearest tenth is plain; at or near one, C decides, rounding the
        // exact binary value as it does.
        if scaled < 1e15, abs(abs(scaled - tenths) - 0.5) > 1e-6 {
            let whole = Int(tenths)
            return (value.sign == .minus ? "-" : "") + String(whole / 10) + "." + String(whole % 10)
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            _ = withVaList([value]) { vsnprintf(buffer.baseAddress, 64, "%.1f", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }

    /// The chart as the progress page's template reads it (`workflows/templates/README.md`).
    func fields(time: (Date) -> String) -> TemplateValue {
        func n(_ value: Double) -> TemplateValue { .text(Self.oneDecimal(value)) }
        let top = Self.axisHeight
        return [
            "width": n(Self.width), "height": n(bottom + 16), "left": n(Self.left), "right": n(Self.right), "top": n(top),
            "bottom": n(bottom),
            "months": .list(
                months.map { month in
                    [
                        "x": n(x(month)), "year": .text(String(month.year)), "month": .text(String(month.month)),
                        "date": .text(month.description),
                    ]
                }),
            "weeks": .list(weeks.map { week in ["x": n(x(week)), "day": .text(String(week.day)), "date": .text(week.description)] }),
            // The label stands right of the line, or left of it near the chart's right edge.
            "today": [
                "x": n(today), "date": .text(zone.localDateTime(now).date.tabular(in: language)),
                "label_x": n(today > Self.right - 90 ? today - 3 : today + 3), "anchor": .text(today > Self.right - 90 ? "end" : "start"),
            ],
            "phases": .list(
                bands.map { band in
                    [
                        "key": .text(band.phase.key.rawValue), "title": .text(band.phase.title), "y": n(band.y), "height": n(band.height),
                        "title_y": n(band.y + 16), "bar_y": n(band.y + 7), "planned_x": n(band.planned.lowerBound),
                        "planned_width": n(band.planned.upperBound - band.planned.lowerBound),
                        "planned_start": .text(time(band.phase.plannedStart)), "planned_end": .text(time(band.phase.plannedEnd)),
                        "started": .flag(band.actual != nil), "actual_x": n(band.actual?.lowerBound ?? 0),
                        "actual_width": n(band.actual.map { $0.upperBound - $0.lowerBound } ?? 0),
                        "started_at": .text(band.phase.startedAt.map(time) ?? ""), "ended_at": .text(band.phase.endedAt.map(time) ?? ""),
                        "tasks": .list(
                            band.bars.map { bar in
                                [
                                    "label": .text("T\(bar.task.task)"), "title": .text(bar.task.title), "short_title": .text(bar.label),
                                    "assignee": .text(bar.task.assignee.rawValue), "assignee_name": .text(bar.task.assigneeName),
                                    "state": .text(bar.task.state.rawValue), "state_name": .text(bar.task.state.chineseName),
                                    "overdue": .flag(bar.task.overdue),
                                    "x": n(bar.span.lowerBound), "width": n(bar.span.upperBound - bar.span.lowerBound),
                                    "y": n(bar.y + (Self.taskRow - Self.barHeight) / 2), "height": n(Self.barHeight),
                                    "text_y": n(bar.y + 13), "mid_y": n(bar.y + Self.taskRow / 2),
                                    "issued": .text(time(bar.task.issuedAt)), "deadline": .text(time(bar.task.deadline)),
                                    "done": .flag(bar.done != nil), "done_x": n(bar.done ?? 0),
                                    "done_at": .text(bar.task.doneAt.map(time) ?? ""),
                                    "late_x": n(bar.late?.lowerBound ?? 0),
                                    "late_width": n(bar.late.map { $0.upperBound - $0.lowerBound } ?? 0),
                                ]
                            }),
                    ]
                }),
        ]
    }
}
