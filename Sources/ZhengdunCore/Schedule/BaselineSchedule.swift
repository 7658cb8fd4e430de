import Foundation

/// The schedule a plan would keep if every phase took exactly its planned length and began as
/// the last one ended: what reports compare actual progress against (计划进度).
public struct BaselineSchedule: Sendable, Hashable, Encodable {
    public struct PhaseWindow: Sendable, Hashable, Encodable {
        public var phase: PhaseKey
        public var start: LocalDateTime
        public var end: LocalDateTime
        public var tasks: [TaskDue]
    }

    public struct TaskDue: Sendable, Hashable, Encodable {
        public var task: TaskKey
        public var due: LocalDateTime
    }

    public var start: LocalDate
    public var phases: [PhaseWindow]
    /// Years the schedule crosses that the calendar holds no data for.
    public var yearsWithoutData: [Int]

    /// The time of day a plan's first phase is taken to begin.
    public static let startOfWorkingDay = LocalTime(hour: 9, minute: 0)!

    public init(_ workflow: Workflow, start: LocalDate, timeline: Timeline) {
        self.start = start
        var gaps = Set<Int>()
        var phaseStart = timeline.instant(start, Self.startOfWorkingDay)
        var windows: [PhaseWindow] = []
        for phase in workflow.phases {
            let end = timeline.due(.after(phase.length, at: nil), from: phaseStart)
            gaps.formUnion(end.yearsWithoutData)
            // A recurring task is due once a period, from its occurrences' own deadlines.
            let tasks = phase.tasks.filter { $0.recurrence == nil }.map { task in
                let due = timeline.due(task.deadline, from: phaseStart)
                gaps.formUnion(due.yearsWithoutData)
                return TaskDue(task: task.key, due: timeline.local(due.value))
            }
            windows.append(PhaseWindow(phase: phase.key, start: timeline.local(phaseStart), end: timeline.local(end.value), tasks: tasks))
            phaseStart = end.value
        }
        phases = windows
        yearsWithoutData = gaps.sorted()
    }

    public var end: LocalDateTime? { phases.last?.end }

    /// The warning that the calendar lacked some of the years the schedule spans.
    public var calendarWarning: Message? {
        Reckoned((), yearsWithoutData: Set(yearsWithoutData)).warning(about: .theSchedule)
    }

    enum CodingKeys: String, CodingKey {
        case start, phases, yearsWithoutData = "years_without_data"
    }
}
