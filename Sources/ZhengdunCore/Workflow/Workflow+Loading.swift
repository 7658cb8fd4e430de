extension Workflow {
    /// Reads and validates a workflow file. `file` names it in diagnostics. Every problem in
    /// the file is reported, each at its line and column; warnings come with a valid workflow.
    /// `calendars`, when given, are the calendar names available beside the file.
    public static func load(_ text: String, file: String, calendars: Set<String>? = nil) throws(InvalidSource) -> Loaded<Workflow> {
        let root = try SchemaReader.root(text, file: file, expecting: "a workflow")
        var loader = WorkflowLoader(availableCalendars: calendars)
        let workflow = loader.workflow(root)
        loader.checkDependencies()
        return try loader.reader.finish(workflow)
    }

    /// Words that name a recipient by its relation to the task and so cannot be role keys.
    public static let reservedRoleKeys: Set<String> = ["assignee", "verifier"]
    /// Plan states around the phases, which phase keys may not take.
    public static let reservedPhaseKeys: Set<String> = ["draft", "accepted", "cancelled"]
}

/// One pass over a workflow file: reads every section, checks each reference against what
/// the file declares, and keeps what the dependency check needs.
struct WorkflowLoader {
    var reader = SchemaReader()
    let availableCalendars: Set<String>?
    private var roleKeys: [RoleKey] = []

    init(availableCalendars: Set<String>?) {
        self.availableCalendars = availableCalendars
    }

    private var measureKeys: [MeasureKey] = []
    private var taskPlaces: [TaskKey: (phase: Int, location: SourceLocation)] = [:]
    private var edges: [(from: TaskKey, to: TaskKey, at: SourceLocation)] = []
    private var tasksInOrder: [(key: TaskKey, phase: Int)] = []
    private var deadlines: [TaskKey: DeadlineRule] = [:]

    mutating func workflow(_ root: YAMLNode) -> Workflow? {
        guard let top = reader.fields(root, of: "the workflow", allowed: [
            "workflow", "title", "version", "calendar", "roles", "measures", "problem_kinds", "goals",
            "permissions", "phases", "reminders", "escalation", "reports",
        ], required: ["workflow", "title", "roles", "phases", "permissions"]) else { return nil }

        let key = reader.identifier(top["workflow"], "workflow name")
        let title = reader.text(top["title"], "title")
        let version = top["version"].map { reader.integer($0, "version", in: 1...1_000_000) } ?? 1
        let calendar = top["calendar"].flatMap { reader.identifier($0, "calendar name") }
        if let calendar, let available = availableCalendars, !available.contains(calendar), let node = top["calendar"] {
            let names = available.isEmpty ? "none" : available.sorted().joined(separator: ", ")
            reader.error(at: node.location, "unknown calendar '\(calendar)'; calendars beside this workflow: \(names)")
        }
        // Declarations first, so that references anywhere in the file can be checked.
        let roles = top["roles"].map { self.roles($0) } ?? []
        let measures = top["measures"].map { self.measures($0) } ?? []
        let problemKinds = top["problem_kinds"].map { titled($0, of: "problem_kinds", item: "problem kind") } ?? []
        let goals = top["goals"].map { titled($0, of: "goals", item: "goal") } ?? []
        let permissions = top["permissions"].flatMap { self.permissions($0) }
        let phases = top["phases"].map { self.phases($0) } ?? []
        let reminders = top["reminders"].map { self.reminders($0) } ?? ReminderPolicy(acknowledge: nil, beforeDeadline: [])
        let escalation = top["escalation"].map { self.escalation($0) } ?? []
        let reports = top["reports"].map { self.reports($0) } ?? ReportSchedule(progress: nil, circular: nil)

        guard let key, let title, let version, let permissions else { return nil }
        return Workflow(
            key: key, title: title, version: version, calendar: calendar, roles: roles, measures: measures,
            problemKinds: problemKinds.map { ProblemKind(key: $0.key, title: $0.title, description: $0.description) },
            goals: goals.map { Goal(key: $0.key, title: $0.title, description: $0.description) },
            permissions: permissions, phases: phases, reminders: reminders, escalation: escalation, reports: reports)
    }

    // MARK: Declarations

    private mutating func roles(_ node: YAMLNode) -> [Role] {
        let declared = titled(node, of: "roles", item: "role")
        for entry in declared where Workflow.reservedRoleKeys.contains(entry.key) {
            reader.error(at: entry.location, "'\(entry.key)' cannot be a role key: it names the task's \(entry.key) in recipient lists")
        }
        let roles = declared.filter { !Workflow.reservedRoleKeys.contains($0.key) }
            .map { Role(key: RoleKey($0.key), title: $0.title, description: $0.description) }
        if roles.isEmpty && node.mapping != nil { reader.error(at: node.location, "roles declares no role") }
        roleKeys = roles.map(\.key)
        return roles
    }

    private mutating func measures(_ node: YAMLNode) -> [Measure] {
        var measures: [Measure] = []
        for entry in reader.entries(node, of: "measures") {
            guard let key = reader.identifier(entry.keyNode, "measure key"),
                  let fields = reader.fields(entry.value, of: "measure '\(key)'", allowed: ["title", "source"], required: ["title"]),
                  let title = reader.text(fields["title"], "title") else { continue }
            measures.append(Measure(key: MeasureKey(key), title: title, source: reader.text(fields["source"], "source")))
        }
        measureKeys = measures.map(\.key)
        return measures
    }

    /// Entries of the form `key: {title: …, description: …}`.
    private mutating func titled(_ node: YAMLNode, of what: String, item: String) -> [(key: String, title: String, description: String?, location: SourceLocation)] {
        var result: [(key: String, title: String, description: String?, location: SourceLocation)] = []
        for entry in reader.entries(node, of: what) {
            guard let key = reader.identifier(entry.keyNode, "\(item) key"),
                  let fields = reader.fields(entry.value, of: "\(item) '\(key)'", allowed: ["title", "description"], required: ["title"]),
                  let title = reader.text(fields["title"], "title") else { continue }
            result.append((key, title, reader.text(fields["description"], "description"), entry.keyNode.location))
        }
        return result
    }

    private mutating func permissions(_ node: YAMLNode) -> Permissions? {
        let names = Permission.allCases.map(\.rawValue)
        guard let fields = reader.fields(node, of: "permissions", allowed: names, required: names) else { return nil }
        var holders: [Permission: [RoleKey]] = [:]
        for permission in Permission.allCases {
            guard let list = fields[permission.rawValue] else { continue }
            holders[permission] = roleList(list, of: "permissions.\(permission.rawValue)")
        }
        return Permissions(holders)
    }

    // MARK: Phases and tasks

    private mutating func phases(_ node: YAMLNode) -> [Phase] {
        let items = reader.list(node, of: "phases")
        if items.isEmpty && (node.isNull || node.sequence != nil) { reader.error(at: node.location, "phases lists no phase") }
        var seen: [String: SourceLocation] = [:]
        var phases: [Phase] = []
        for (index, item) in items.enumerated() {
            guard let phase = phase(item, index: index) else { continue }
            if let first = seen[phase.key.rawValue] {
                reader.error(at: item.location, "duplicate phase key '\(phase.key)' (first at line \(first.line))")
                continue
            }
            seen[phase.key.rawValue] = item.location
            phases.append(phase)
        }
        return phases
    }

    private mutating func phase(_ node: YAMLNode, index: Int) -> Phase? {
        guard let fields = reader.fields(node, of: "a phase", allowed: ["key", "title", "description", "length", "gate", "tasks"],
                                         required: ["key", "title", "length", "tasks"]) else { return nil }
        let key = reader.identifier(fields["key"], "phase key")
        let name = key.map { "phase '\($0)'" } ?? "phase \(index + 1)"
        if let key, Workflow.reservedPhaseKeys.contains(key) {
            reader.error(at: fields["key"]!.location, "'\(key)' cannot be a phase key: it names a plan state")
        }
        let title = reader.text(fields["title"], "title")
        let length = reader.parsed(fields["length"], "length", CalendarSpan.parse)
        if let length, let node = fields["length"] {
            if !length.unit.countsDays {
                reader.error(at: node.location, "length: a phase lasts working days (wd) or calendar days (d), not \(length)")
            } else if length.amount == 0 {
                reader.error(at: node.location, "length: a phase cannot last \(length)")
            }
        }
        var gate: Gate?
        if let node = fields["gate"] {
            gate = self.gate(node, of: name)
        } else {
            reader.error(at: node.location, "\(name) has no gate rule; add 'gate' with 'require' and 'signed_by'")
        }
        let taskNodes = fields["tasks"].map { reader.list($0, of: "tasks") } ?? []
        if taskNodes.isEmpty, let tasksNode = fields["tasks"], tasksNode.isNull || tasksNode.sequence != nil {
            reader.error(at: tasksNode.location, "\(name) lists no task")
        }
        let tasks = taskNodes.compactMap { task($0, phaseIndex: index, phaseLength: length.flatMap { $0.unit.countsDays && $0.amount > 0 ? $0 : nil }, phaseName: name) }
        if let gate, gate.require == .requiredTasksVerified, !tasks.isEmpty, !tasks.contains(where: \.required) {
            reader.warning(at: fields.keyLocation("gate"), "\(name) has no required task, so its gate is met as soon as the phase starts")
        }
        guard let key, let title, let length, let gate else { return nil }
        return Phase(key: PhaseKey(key), title: title, description: reader.text(fields["description"], "description"),
                     length: length, gate: gate, tasks: tasks)
    }

    private mutating func gate(_ node: YAMLNode, of phase: String) -> Gate? {
        guard let fields = reader.fields(node, of: "the gate of \(phase)", allowed: ["require", "signed_by"], required: ["require", "signed_by"]) else { return nil }
        let requirement = reader.parsed(fields["require"], "require") { (text) throws(ParseFailure) -> Gate.Requirement in
            guard let requirement = Gate.Requirement(rawValue: text) else {
                throw ParseFailure(.notAGateRule, ["text": "\(text)", "rules": .alternatives(Gate.Requirement.allCases.map(\.rawValue))])
            }
            return requirement
        }
        let signers = fields["signed_by"].map { roleList($0, of: "signed_by") } ?? []
        if signers.isEmpty, let signedBy = fields["signed_by"] {
            reader.error(at: signedBy.location, "the gate of \(phase) names no role to sign it")
        }
        guard let requirement, !signers.isEmpty else { return nil }
        return Gate(require: requirement, signedBy: signers)
    }

    private mutating func task(_ node: YAMLNode, phaseIndex: Int, phaseLength: CalendarSpan?, phaseName: String) -> TaskTemplate? {
        guard let fields = reader.fields(node, of: "a task", allowed: [
            "key", "title", "description", "measure", "source", "responsible", "assisting", "verifier",
            "deadline", "required", "depends_on",
        ], required: ["key", "title", "responsible", "verifier", "deadline"]) else { return nil }

        let key = reader.identifier(fields["key"], "task key").map { TaskKey($0) }
        if let key, let keyNode = fields["key"] {
            if let first = taskPlaces[key] {
                reader.error(at: keyNode.location, "duplicate task key '\(key)' (first at line \(first.location.line))")
            } else {
                taskPlaces[key] = (phaseIndex, keyNode.location)
                tasksInOrder.append((key, phaseIndex))
            }
        }
        let title = reader.text(fields["title"], "title")
        let description = reader.text(fields["description"], "description")
        let source = reader.text(fields["source"], "source")
        var measure: MeasureKey?
        if let node = fields["measure"], let name = reader.identifier(node, "measure") {
            if measureKeys.contains(MeasureKey(name)) {
                measure = MeasureKey(name)
            } else {
                reader.error(at: node.location, "unknown measure '\(name)'; declared measures: \(list(measureKeys))")
            }
        }
        let responsible = fields["responsible"].flatMap { roleReference($0) }
        let verifier = fields["verifier"].flatMap { roleReference($0) }
        if let responsible, responsible == verifier, let node = fields["verifier"] {
            reader.error(at: node.location, "a task cannot be verified by its own responsible role '\(responsible)'")
        }
        let assisting = fields["assisting"].map { roleList($0, of: "assisting") } ?? []
        if let responsible, assisting.contains(responsible), let node = fields["assisting"] {
            reader.error(at: node.location, "'\(responsible)' is already the responsible role")
        }
        let deadline = fields["deadline"].flatMap { self.deadline($0, phaseLength: phaseLength, phaseName: phaseName) }
        let required = fields["required"].map { reader.bool($0, "required") } ?? true
        var dependsOn: [TaskKey] = []
        if let node = fields["depends_on"] {
            for item in reader.list(node, of: "depends_on") {
                guard let name = reader.identifier(item, "depends_on entry") else { continue }
                dependsOn.append(TaskKey(name))
                if let key { edges.append((key, TaskKey(name), item.location)) }
            }
        }
        guard let key, let title, let responsible, let verifier, let deadline, let required else { return nil }
        deadlines[key] = deadline
        return TaskTemplate(key: key, title: title, description: description, measure: measure, source: source,
                            responsible: responsible, assisting: assisting, verifier: verifier, deadline: deadline,
                            required: required, dependsOn: dependsOn)
    }

    private mutating func deadline(_ node: YAMLNode, phaseLength: CalendarSpan?, phaseName: String) -> DeadlineRule? {
        guard let rule = reader.parsed(node, "deadline", DeadlineRule.parse) else { return nil }
        switch rule {
        case .on:
            reader.error(at: node.location, "deadline \(rule) is a fixed date, which cannot be checked against its phase; count from the phase start, as in 10wd")
            return nil
        case .after(let span, _) where span.amount == 0:
            reader.error(at: node.location, "deadline \(rule) falls at the phase start; a task needs time to be done")
            return nil
        case .after:
            if let phaseLength, let problem = PhaseFit.problem(deadline: rule, phaseLength: phaseLength, phaseName: phaseName) {
                reader.error(at: node.location, problem)
            }
            return rule
        }
    }

    // MARK: Reminders, escalation and reports

    private mutating func reminders(_ node: YAMLNode) -> ReminderPolicy {
        guard let fields = reader.fields(node, of: "reminders", allowed: ["acknowledge", "before_deadline"]) else {
            return ReminderPolicy(acknowledge: nil, beforeDeadline: [])
        }
        var acknowledge: AcknowledgementReminder?
        if let node = fields["acknowledge"],
           let ack = reader.fields(node, of: "the acknowledgement reminder", allowed: ["after", "to"], required: ["after", "to"]) {
            let after = reader.parsed(ack["after"], "after", CalendarSpan.parse)
            if let after, after.amount == 0, let afterNode = ack["after"] {
                reader.error(at: afterNode.location, "after: an acknowledgement reminder at the moment of issue would precede any chance to acknowledge")
            }
            let to = recipients(ack["to"], of: "the acknowledgement reminder")
            if let after, after.amount > 0, !to.isEmpty { acknowledge = AcknowledgementReminder(after: after, to: to) }
        }
        var beforeDeadline: [DeadlineReminder] = []
        var offsets: [CalendarSpan: SourceLocation] = [:]
        for item in fields["before_deadline"].map({ reader.list($0, of: "before_deadline") }) ?? [] {
            guard let entry = reader.fields(item, of: "a reminder", allowed: ["before", "to"], required: ["before", "to"]),
                  let before = reader.parsed(entry["before"], "before", CalendarSpan.parse),
                  let beforeNode = entry["before"] else { continue }
            let to = recipients(entry["to"], of: "the reminder \(before) before the deadline")
            if before.amount == 0 {
                reader.error(at: beforeNode.location, "a reminder \(before) before the deadline falls at the deadline, not before it; overdue tasks belong to 'escalation'")
                continue
            }
            if let first = offsets[before] {
                reader.error(at: beforeNode.location, "a second reminder \(before) before the deadline (first at line \(first.line))")
                continue
            }
            offsets[before] = beforeNode.location
            if !to.isEmpty { beforeDeadline.append(DeadlineReminder(before: before, to: to)) }
        }
        return ReminderPolicy(acknowledge: acknowledge, beforeDeadline: beforeDeadline)
    }

    private mutating func escalation(_ node: YAMLNode) -> [EscalationLevel] {
        var levels: [EscalationLevel] = []
        var previous: (span: CalendarSpan, location: SourceLocation)?
        for (index, item) in reader.list(node, of: "escalation").enumerated() {
            guard let fields = reader.fields(item, of: "an escalation level", allowed: ["level", "after", "to", "circular"],
                                             required: ["level", "after", "to"]) else { continue }
            let level = reader.integer(fields["level"], "level", in: 1...99)
            if let level, level != index + 1, let levelNode = fields["level"] {
                reader.error(at: levelNode.location, "escalation levels are numbered 1, 2, 3 … in order; expected \(index + 1), found \(level)")
            }
            let after = reader.parsed(fields["after"], "after", CalendarSpan.parse)
            if let after, let afterNode = fields["after"] {
                if let previous, after.unit == previous.span.unit, after.amount <= previous.span.amount {
                    reader.error(at: afterNode.location, "level \(index + 1) is reached \(after) after the deadline, no later than the level before it (\(previous.span), line \(previous.location.line))")
                }
                previous = (after, afterNode.location)
            }
            let to = recipients(fields["to"], of: "escalation level \(level ?? index + 1)")
            let circular = fields["circular"].map { reader.bool($0, "circular") } ?? false
            guard let level, let after, !to.isEmpty, let circular else { continue }
            levels.append(EscalationLevel(level: level, after: after, to: to, circular: circular))
        }
        return levels
    }

    private mutating func reports(_ node: YAMLNode) -> ReportSchedule {
        guard let fields = reader.fields(node, of: "reports", allowed: ["progress", "circular"]) else {
            return ReportSchedule(progress: nil, circular: nil)
        }
        var progress: ProgressReportSchedule?
        if let node = fields["progress"],
           let entry = reader.fields(node, of: "the progress report", allowed: ["every", "at", "to"], required: ["every", "at", "to"]) {
            let every = reader.parsed(entry["every"], "every") { (text) throws(ParseFailure) -> Weekday in
                guard let day = Weekday(rawValue: text) else {
                    throw ParseFailure(.notAWeekday, ["text": "\(text)"])
                }
                return day
            }
            let at = reader.parsed(entry["at"], "at", LocalTime.parse)
            let to = entry["to"].map { roleList($0, of: "the progress report's recipients") } ?? []
            if to.isEmpty, let toNode = entry["to"] { reader.error(at: toNode.location, "the progress report names no recipients") }
            if let every, let at, !to.isEmpty { progress = ProgressReportSchedule(every: every, at: at, to: to) }
        }
        var circular: CircularDistribution?
        if let node = fields["circular"],
           let entry = reader.fields(node, of: "the circular", allowed: ["to"], required: ["to"]) {
            let to = entry["to"].map { roleList($0, of: "the circular's recipients") } ?? []
            if to.isEmpty, let toNode = entry["to"] { reader.error(at: toNode.location, "the circular names no recipients") }
            if !to.isEmpty { circular = CircularDistribution(to: to) }
        }
        return ReportSchedule(progress: progress, circular: circular)
    }

    // MARK: References

    private mutating func roleReference(_ node: YAMLNode) -> RoleKey? {
        guard let name = reader.text(node, "role") else { return nil }
        let key = RoleKey(name)
        guard roleKeys.contains(key) else {
            reader.error(at: node.location, "unknown role '\(name)'; declared roles: \(list(roleKeys))")
            return nil
        }
        return key
    }

    private mutating func roleList(_ node: YAMLNode, of what: String) -> [RoleKey] {
        reader.list(node, of: what).compactMap { roleReference($0) }
    }

    private mutating func recipients(_ node: YAMLNode?, of what: String) -> [Recipient] {
        guard let node else { return [] }
        let items = reader.list(node, of: "to")
        if items.isEmpty {
            reader.error(at: node.location, "\(what) names no recipients")
            return []
        }
        return items.compactMap { item in
            guard let word = reader.text(item, "recipient") else { return nil }
            if Workflow.reservedRoleKeys.contains(word) { return Recipient(word) }
            return roleReference(item).map(Recipient.role)
        }
    }

    private func list<Key: CustomStringConvertible>(_ keys: [Key]) -> String {
        keys.isEmpty ? "none" : keys.map(\.description).joined(separator: ", ")
    }

    // MARK: Dependencies

    /// Unknown and later-phase dependencies, and cycles, each reported once.
    mutating func checkDependencies() {
        var graph: [TaskKey: [(to: TaskKey, at: SourceLocation)]] = [:]
        for edge in edges {
            guard let target = taskPlaces[edge.to] else {
                reader.error(at: edge.at, "unknown task '\(edge.to)' in depends_on")
                continue
            }
            if let source = taskPlaces[edge.from], target.phase > source.phase {
                reader.error(at: edge.at, "'\(edge.from)' cannot depend on '\(edge.to)', a task of a later phase")
                continue
            }
            graph[edge.from, default: []].append((edge.to, edge.at))
        }
        // Depth-first search; a step back onto the current path closes a cycle.
        var finished: [TaskKey: Bool] = [:]  // false while on the path
        var path: [TaskKey] = []
        var cycles: [(SourceLocation, String)] = []
        func visit(_ task: TaskKey) {
            finished[task] = false
            path.append(task)
            for edge in graph[task] ?? [] {
                switch finished[edge.to] {
                case nil: visit(edge.to)
                case false?:
                    let cycle = path[path.lastIndex(of: edge.to)!...] + [edge.to]
                    cycles.append((edge.at, "dependency cycle: " + cycle.map(\.rawValue).joined(separator: " → ")))
                case true?: break
                }
            }
            path.removeLast()
            finished[task] = true
        }
        for task in tasksInOrder where finished[task.key] == nil { visit(task.key) }
        for (location, message) in cycles { reader.error(at: location, message) }

        for edge in edges {
            guard let from = taskPlaces[edge.from], let to = taskPlaces[edge.to], from.phase == to.phase,
                  case .after(let mine, _)? = deadlines[edge.from], case .after(let theirs, _)? = deadlines[edge.to],
                  mine.unit == theirs.unit, mine.amount < theirs.amount else { continue }
            reader.warning(at: edge.at, "'\(edge.from)' is due (\(mine)) before '\(edge.to)' (\(theirs)), which it depends on")
        }
    }
}
