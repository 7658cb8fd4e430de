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
    /// The roles' titles, for people (JSON keeps the keys).
    var roleTitles: [String] = []
    var phases: [PhaseLine]
    var tasks: Int
    /// The tasks that recur (三会一课), by key.
    var recurring: [TaskKey]
    /// The standing duties' titles.
    var duties: [String]
    /// The look back after acceptance, when there is one, and how long after it begins.
    var lookBack: PhaseLine?
    var lookBackAfter: Message?
    var calendar: String?
    var calendarYears: [Int]
    /// The languages with mail templates beside the workflow.
    var templates: [String]
    var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case file, valid, workflow, title, version, roles, phases, tasks, recurring, duties, lookBack = "look_back", calendar
        case calendarYears = "calendar_years", templates, warnings
    }

    init(_ file: WorkflowFile) {
        let workflow = file.workflow
        self.file = file.path
        self.workflow = workflow.key
        title = workflow.title
        version = workflow.version
        roles = workflow.roles.map(\.key)
        roleTitles = workflow.roles.map(\.title)
        phases = workflow.phases.map {
            PhaseLine(key: $0.key, title: $0.title, length: $0.length, tasks: $0.tasks.count, required: $0.requiredTasks.count)
        }
        tasks = workflow.tasks.count
        recurring = workflow.tasks.filter { $0.recurrence != nil }.map(\.key)
        duties = workflow.duties.map(\.title)
        lookBack = workflow.lookBack.map {
            PhaseLine(
                key: $0.phase.key, title: $0.phase.title, length: $0.phase.length, tasks: $0.phase.tasks.count,
                required: $0.phase.requiredTasks.count)
        }
        lookBackAfter = workflow.lookBack?.after.prose
        calendar = workflow.calendar
        calendarYears = file.calendar.coveredYears
        templates = file.templates.keys.sorted()
        warnings = file.warnings.map { $0.text(in: .current) }
    }

    var text: String {
        var facts = TextTable([], indent: 2)
        facts.add([say(.labelWorkflow), say(.workflowVersion(key: "\(workflow)", title: "\(title)", version: "\(version)"))])
        facts.add([
            say(.labelRoles),
            say(.countedList(count: roles.count, items: .list(zip(roles, roleTitles).map { .role($0, title: $1) }))),
        ])
        facts.add([say(.labelPhases), "\(phases.count)"])
        let phasesAt = facts.rows.count
        facts.add([say(.labelTasks), "\(tasks)"])
        if !recurring.isEmpty { facts.add([say(.labelRecurring), "\(recurring.count)"]) }
        if !duties.isEmpty { facts.add([say(.labelDuties), say(.list(duties.map { .text($0) }))]) }
        if let lookBack, let after = lookBackAfter {
            facts.add([
                say(.labelLookBack),
                say(
                    .lookBackSummary(
                        title: "\(lookBack.title)", after: after, tasks: lookBack.tasks, length: lookBack.length.prose(in: .current))),
            ])
        }
        let years: Message = calendarYears.isEmpty ? .noYears : .list(calendarYears.map { .text(String($0)) })
        facts.add([
            say(.labelCalendar), say(.calendarYears(calendar: calendar.map { .text($0) } ?? .calendarNone, years: years)),
        ])
        facts.add([
            say(.labelMail),
            templates.isEmpty ? say(.noTemplates) : say(.templatesIn(languages: .list(templates.map(templateLanguage)))),
        ])
        // The phases go under their label, lined up with the values.
        var lines = facts.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var phaseTable = TextTable([], indent: 2 + (facts.rows.map { $0[0].displayWidth }.max() ?? 0) + 2)
        for phase in phases {
            // Chinese names a phase by its title; the key is the workflow file's.
            phaseTable.add(
                (Language.current == .zh ? [] : [phase.key.rawValue]) + [
                    phase.title, say(.phaseTaskCount(tasks: phase.tasks, required: phase.required)),
                    phase.length.prose(in: .current),
                ])
        }
        lines.insert(phaseTable.render(), at: phasesAt)
        return ([say(.summaryValid(file: "\(file)"))] + lines).joined(separator: "\n")
    }
}
