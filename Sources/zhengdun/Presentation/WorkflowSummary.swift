import ZhengdunCore
import ZhengdunService

/// What `workflow check` reports of a valid workflow.
struct WorkflowSummary: Encodable {
    struct PhaseLine: Encodable {
        var key: PhaseKey
        var title: String
        var length: CalendarSpan
        var tasks: Int
        var required: Int
    }

    var file: String
    var valid = true
    var workflow: String
    var title: String
    var version: Int
    var roles: [RoleKey]
    var phases: [PhaseLine]
    var tasks: Int
    var calendar: String?
    var calendarYears: [Int]
    /// The languages with mail templates beside the workflow.
    var templates: [String]
    var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case file, valid, workflow, title, version, roles, phases, tasks, calendar
        case calendarYears = "calendar_years", templates, warnings
    }

    init(_ file: WorkflowFile) {
        let workflow = file.workflow
        self.file = file.path
        self.workflow = workflow.key
        title = workflow.title
        version = workflow.version
        roles = workflow.roles.map(\.key)
        phases = workflow.phases.map {
            PhaseLine(key: $0.key, title: $0.title, length: $0.length, tasks: $0.tasks.count, required: $0.requiredTasks.count)
        }
        tasks = workflow.tasks.count
        calendar = workflow.calendar
        calendarYears = file.calendar.coveredYears
        templates = file.templates.keys.sorted()
        warnings = file.warnings.map(\.description)
    }

    var text: String {
        var phaseTable = TextTable([], indent: 12)
        for phase in phases {
            phaseTable.add([phase.key.rawValue, phase.title, "\(phase.tasks) tasks (\(phase.required) required)", "\(phase.length)"])
        }
        let years = calendarYears.isEmpty ? "no years" : calendarYears.map { String($0) }.joined(separator: ", ")
        return """
            \(file): valid
              workflow  \(workflow) (\(title)), version \(version)
              roles     \(roles.count): \(roles.map(\.rawValue).joined(separator: ", "))
              phases    \(phases.count)
            \(phaseTable.render())
              tasks     \(tasks)
              calendar  \(calendar ?? "none (Monday to Friday)"): \(years)
              mail      \(templates.isEmpty ? "no templates" : "templates in " + templates.joined(separator: ", "))
            """
    }
}
