extension Workflow {
    /// Reads and validates a workflow file. `file` names it in diagnostics. Every problem in
    /// the file is reported, each at its line and column; warnings come with a valid workflow.
    /// `calendars`, when given, are the calendar names available beside the file.
    public static func load(_ text: String, file: String, calendars: Set<String>? = nil) throws(InvalidSource) -> Loaded<Workflow> {
        let root = try SchemaReader.root(text, file: file, expecting: .whatAWorkflow)
        var loader = WorkflowLoader(availableCalendars: calendars)
        let workflow = loader.workflow(root)
        loader.checkDependencies()
        return try loader.reader.finish(workflow)
    }

    /// Reads and validates a workflow file's bytes; bytes that are not UTF-8 are reported at
    /// the line and column of the first bad one.
    public static func load(
        bytes: some Collection<UInt8>, file: String, calendars: Set<String>? = nil
    ) throws(InvalidSource) -> Loaded<Workflow> {
        switch UTF8Text.decode(bytes, file: file) {
        case .success(let text): return try load(text, file: file, calendars: calendars)
        case .failure(let diagnostic): throw InvalidSource([diagnostic])
        }
    }

    /// Words that name a recipient by its relation to the task and so cannot be role keys.
    public static let reservedRoleKeys: Set<String> = ["assignee", "verifier"]
    /// Plan states around the phases, which phase keys may not take.
    public static let reservedPhaseKeys: Set<String> = ["draft", "accepted", "rebound", "closed", "cancelled"]
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
    private var roleScopes: [RoleKey: Scope] = [:]
    private var taskScopes: [TaskKey: Scope] = [:]
    /// Where campaign tasks wait on the villages reaching a phase, checked once every phase is known.
    private var villageWaits: [(phase: PhaseKey, at: SourceLocation)] = []
    private var taskPlaces: [TaskKey: (phase: Int, location: SourceLocation)] = [:]
    private var edges: [(from: TaskKey, to: TaskKey, at: SourceLocation)] = []
    private var tasksInOrder: [(key: TaskKey, phase: Int)] = []
    private var deadlines: [TaskKey: DeadlineRule] = [:]
    /// Where the indicator computed from the satisfaction survey is declared: one at most.
    private var surveyIndicator: SourceLocation?
    /// Where tasks say they build the problem list, which the file must then declare.
    private var problemListBuilders: [SourceLocation] = []
    /// The most occurrences a recurring task may run to.
    private var maximumOccurrences = Recurrence.defaultMaximumOccurrences
    /// Where each recurring task says how it recurs, for the check once every phase is known.
    private var recurrences: [TaskKey: (phase: Int, location: SourceLocation)] = [:]

    mutating func workflow(_ root: YAMLNode) -> Workflow? {
        guard
            let top = reader.fields(
                root, of: .whatTheWorkflow,
                allowed: [
                    "workflow", "title", "version", "calendar", "roles", "measures", "problem_kinds", "goals",
                    "problem_list", "permissions", "phases", "reminders", "escalation", "reports", "assessment",
                    "duties", "look_back", "max_occurrences",
                ], required: ["workflow", "title", "roles", "phases", "permissions"])
        else { return nil }

        let key = reader.identifier(top["workflow"], .whatWorkflowName)
        let title = reader.text(top["title"], "title", limit: .title)
        let version = top["version"].map { reader.integer($0, "version", in: 1...1_000_000) } ?? 1
        let calendar = top["calendar"].flatMap { reader.identifier($0, .whatCalendarName) }
        if let calendar, let available = availableCalendars, !available.contains(calendar), let node = top["calendar"] {
            reader.error(at: node.location, .unknownCalendar(calendar: "\(calendar)", names: list(available.sorted())))
        }
        // Declarations first, so that references anywhere in the file can be checked.
        let roles = top["roles"].map { self.roles($0) } ?? []
        let measures = top["measures"].map { self.measures($0) } ?? []
        let problemKinds = top["problem_kinds"].map { titled($0, of: "problem_kinds", item: .itemProblemKind) } ?? []
        let goals = top["goals"].map { titled($0, of: "goals", item: .itemGoal, also: ["indicators"]) } ?? []
        var indicatorKeys: [String: SourceLocation] = [:]
        let goalIndicators = goals.map { goal in
            goal.fields["indicators"].map { indicators($0, of: goal.key, seen: &indicatorKeys) } ?? []
        }
        let permissions = top["permissions"].flatMap { self.permissions($0) }
        maximumOccurrences =
            top["max_occurrences"].flatMap { reader.integer($0, "max_occurrences", in: 1...10_000) }
            ?? Recurrence.defaultMaximumOccurrences
        let phases = top["phases"].map { self.phases($0) } ?? []
        checkRecurrences(phases)
        let duties = top["duties"].map { self.duties($0, phases: phases) } ?? []
        let lookBack = top["look_back"].flatMap { self.lookBack($0, phases: phases) }
        let problemList = top["problem_list"].flatMap { self.problemList($0, phases: phases) }
        for wait in villageWaits where !phases.contains(where: { $0.key == wait.phase }) {
            reader.error(at: wait.at, .unknownPhaseNamed(phase: "\(wait.phase)", phases: list(phases.map(\.key))))
        }
        if top["problem_list"] == nil {
            for location in problemListBuilders { reader.error(at: location, .noProblemListToBuild) }
        }
        let plannedDays = phases.reduce(0) { $0 + ($1.length.unit == .workingDays ? 2 : 1) * $1.length.amount }
        if plannedDays > DateRange.longestPlanDays, let node = top["phases"] {
            reader.error(
                at: node.location, .inputPhasesTooLong(days: plannedDays, years: DateRange.longestPlanDays / 366))
        }
        let reminders = top["reminders"].map { self.reminders($0) } ?? ReminderPolicy(acknowledge: nil, beforeDeadline: [])
        let escalation = top["escalation"].map { self.escalation($0) } ?? []
        let reports = top["reports"].map { self.reports($0) } ?? ReportSchedule(progress: nil, circular: nil)
        let answerable = roles.filter { $0.scope == .village }.map(\.key)
        let assessment = top["assessment"].map { self.assessment($0, answerable: answerable) } ?? Assessment(answerable: answerable)

        guard let key, let title, let version, let permissions else { return nil }
        return Workflow(
            key: key, title: title, version: version, calendar: calendar, roles: roles, measures: measures,
            problemKinds: problemKinds.map { ProblemKind(key: $0.key, title: $0.title, description: $0.description) },
            goals: zip(goals, goalIndicators).map { Goal(key: $0.key, title: $0.title, description: $0.description, indicators: $1) },
            problemList: problemList,
            permissions: permissions, phases: phases, reminders: reminders, escalation: escalation, reports: reports,
            assessment: assessment, duties: duties, lookBack: lookBack, maximumOccurrences: maximumOccurrences)
    }

    // MARK: Declarations

    private mutating func roles(_ node: YAMLNode) -> [Role] {
        let declared = titled(node, of: "roles", item: .itemRole, also: ["reports_to", "scope", "holders"])
        for entry in declared where Workflow.reservedRoleKeys.contains(entry.key) {
            reader.error(at: entry.location, .reservedRoleKey(key: "\(entry.key)"))
        }
        let kept = declared.filter { !Workflow.reservedRoleKeys.contains($0.key) }
        if kept.isEmpty && node.mapping != nil { reader.error(at: node.location, .noRolesDeclared) }
        roleKeys = kept.map { RoleKey($0.key) }
        // Whom each role reports to can name any role of the file, so it is read once all are known.
        let roles = kept.map { entry in
            Role(
                key: RoleKey(entry.key), title: entry.title, description: entry.description,
                reportsTo: entry.fields["reports_to"].flatMap { roleReference($0) },
                scope: entry.fields["scope"].flatMap { reader.parsed($0, "scope", Scope.parse) } ?? .village,
                several: entry.fields["holders"].flatMap { reader.parsed($0, "holders", Self.holders) } ?? false)
        }
        roleScopes = Dictionary(uniqueKeysWithValues: roles.map { ($0.key, $0.scope) })
        checkChainOfSupervision(roles, declared: kept)
        // The township's people answer to the township: a village's secretary is no one's
        // supervisor in a campaign's own work.
        for (role, entry) in zip(roles, kept) where role.scope == .campaign {
            if let above = role.reportsTo, roleScopes[above] == .village, let node = entry.fields["reports_to"] {
                reader.error(at: node.location, .campaignRoleReportsToVillage(role: "\(role.key)", above: "\(above)"))
            }
        }
        return roles
    }

    /// A chain of supervision must end: a role that, following `reports_to`, comes back to
    /// itself would escalate a task around in a circle. Each role on a cycle is named at its
    /// `reports_to`, with the chain.
    private mutating func checkChainOfSupervision(
        _ roles: [Role], declared: [(key: String, title: String, description: String?, location: SourceLocation, fields: Fields)]
    ) {
        let above = Dictionary(roles.compactMap { role in role.reportsTo.map { (role.key, $0) } }) { first, _ in first }
        for (role, entry) in zip(roles, declared) {
            var chain = [role.key]
            while let next = above[chain.last!], !chain.dropFirst().contains(next) {
                chain.append(next)
                guard next != role.key else {
                    if let node = entry.fields["reports_to"] {
                        reader.error(at: node.location, .reportingCycle(chain: Quoted(chain.map(\.rawValue).joined(separator: " → "))))
                    }
                    break
                }
            }
        }
    }

    private mutating func measures(_ node: YAMLNode) -> [Measure] {
        var measures: [Measure] = []
        for entry in reader.entries(node, of: "measures") {
            guard let key = reader.identifier(entry.keyNode, .whatItemKey(item: .itemMeasure)),
                let fields = reader.fields(
                    entry.value, of: .whatItemNamed(item: .itemMeasure, key: "\(key)"), allowed: ["title", "source"],
                    required: ["title"]),
                let title = reader.text(fields["title"], "title", limit: .title)
            else { continue }
            measures.append(Measure(key: MeasureKey(key), title: title, source: reader.text(fields["source"], "source")))
        }
        measureKeys = measures.map(\.key)
        return measures
    }

    /// Entries of the form `key: {title: …, description: …}`, and the `also` fields when given.
    private mutating func titled(
        _ node: YAMLNode, of what: Message, item: Message, also: [String] = []
    ) -> [(key: String, title: String, description: String?, location: SourceLocation, fields: Fields)] {
        var result: [(key: String, title: String, description: String?, location: SourceLocation, fields: Fields)] = []
        for entry in reader.entries(node, of: what) {
            guard let key = reader.identifier(entry.keyNode, .whatItemKey(item: item)),
                let fields = reader.fields(
                    entry.value, of: .whatItemNamed(item: item, key: "\(key)"),
                    allowed: ["title", "description"] + also, required: ["title"]),
                let title = reader.text(fields["title"], "title", limit: .title)
            else { continue }
            result.append(
                (key, title, reader.text(fields["description"], "description", limit: .description), entry.keyNode.location, fields))
        }
        return result
    }

    private mutating func permissions(_ node: YAMLNode) -> Permissions? {
        let names = Permission.allCases.map(\.rawValue)
        guard let fields = reader.fields(node, of: "permissions", allowed: names, required: Permission.required.map(\.rawValue))
        else { return nil }
        var holders: [Permission: [RoleKey]] = [:]
        for permission in Permission.allCases {
            guard let list = fields[permission.rawValue] else { continue }
            holders[permission] = roleList(list, of: "permissions.\(permission.rawValue)")
        }
        return Permissions(holders)
    }

    /// A goal's indicators: each with a key unique in the file, a title, a unit and a judgement,
    /// a target to reach unless it is a yes-or-no, and at most one computed from the survey.
    private mutating func indicators(_ node: YAMLNode, of goal: String, seen: inout [String: SourceLocation]) -> [Indicator] {
        var result: [Indicator] = []
        for item in reader.list(node, of: "goals.\(goal).indicators") {
            guard
                let fields = reader.fields(
                    item, of: .whatAnIndicator(goal: Quoted(goal)),
                    allowed: ["key", "title", "unit", "judge", "target", "baseline", "blocking", "from"],
                    required: ["key", "title", "unit", "judge"])
            else { continue }
            let key = reader.identifier(fields["key"], .whatIndicatorKey)
            if let key, let keyNode = fields["key"] {
                if let first = seen[key] {
                    reader.error(at: keyNode.location, .duplicateIndicator(key: "\(key)", line: first.line))
                } else {
                    seen[key] = keyNode.location
                }
            }
            let title = reader.text(fields["title"], "title", limit: .title)
            let unit = reader.text(fields["unit"], "unit", limit: .title)
            let judge = reader.parsed(fields["judge"], "judge") { (text) throws(ParseFailure) -> Indicator.Judgement in
                guard let judge = Indicator.Judgement(rawValue: text) else {
                    throw ParseFailure(
                        .notAJudgement(text: "\(text)", judgements: .alternatives(Indicator.Judgement.allCases.map(\.rawValue))))
                }
                return judge
            }
            var target: Double?
            if let targetNode = fields["target"] {
                target = reader.parsed(targetNode, "target") { (text) throws(ParseFailure) -> Double in
                    guard let value = Double(text), value.isFinite else { throw ParseFailure(.notATarget(text: "\(text)")) }
                    return value
                }
                if judge == .yesNo { reader.error(at: targetNode.location, .yesNoHasNoTarget) }
            } else if let judge, judge != .yesNo {
                reader.error(at: fields.keyLocation("judge"), .indicatorNeedsTarget(judge: "\(judge.rawValue)"))
            }
            let source = reader.parsed(fields["from"], "from") { (text) throws(ParseFailure) -> Indicator.Source in
                guard let source = Indicator.Source(rawValue: text), source != .recorded else {
                    throw ParseFailure(.notAnIndicatorSource(text: "\(text)", sources: .alternatives(["survey", "problems-closed"])))
                }
                return source
            }
            if source == .survey, let fromNode = fields["from"] {
                if result.contains(where: { $0.source == .survey }) || surveyIndicator != nil {
                    reader.error(at: fromNode.location, .secondSurveyIndicator)
                }
                surveyIndicator = fromNode.location
            }
            let baseline = fields["baseline"].map { reader.bool($0, "baseline") } ?? false
            let blocking = fields["blocking"].map { reader.bool($0, "blocking") } ?? true
            guard let key, let title, let unit, let judge, judge == .yesNo || target != nil, let baseline, let blocking else { continue }
            result.append(
                Indicator(
                    key: key, title: title, unit: unit, judge: judge, target: target, baseline: baseline, blocking: blocking,
                    source: source ?? .recorded))
        }
        return result
    }

    /// The problem list's policy: its phase one the file lists, its roles declared, an item not
    /// closed by the role that answers for it.
    private mutating func problemList(_ node: YAMLNode, phases: [Phase]) -> ProblemListPolicy? {
        let names = ["phase", "record", "responsible", "leader", "verifier"]
        guard let fields = reader.fields(node, of: "problem_list", allowed: names, required: names) else { return nil }
        var phase: PhaseKey?
        if let phaseNode = fields["phase"], let key = reader.identifier(phaseNode, .whatPhaseKey) {
            if phases.contains(where: { $0.key.rawValue == key }) {
                phase = PhaseKey(key)
            } else if !phases.isEmpty {
                reader.error(at: phaseNode.location, .unknownPhaseNamed(phase: "\(key)", phases: list(phases.map(\.key))))
            }
        }
        let record = fields["record"].map { roleList($0, of: "problem_list.record") } ?? []
        if record.isEmpty, let recordNode = fields["record"] {
            reader.error(at: recordNode.location, .problemListNobodyRecords)
        }
        let responsible = fields["responsible"].flatMap { roleReference($0) }
        let leader = fields["leader"].flatMap { roleReference($0) }
        let verifier = fields["verifier"].flatMap { roleReference($0) }
        if let responsible, responsible == verifier, let verifierNode = fields["verifier"] {
            reader.error(at: verifierNode.location, .selfVerified(role: "\(responsible)"))
        }
        guard let phase, !record.isEmpty, let responsible, let leader, let verifier else { return nil }
        return ProblemListPolicy(phase: phase, record: record, responsible: responsible, leader: leader, verifier: verifier)
    }

    // MARK: Phases and tasks

    private mutating func phases(_ node: YAMLNode) -> [Phase] {
        let items = reader.list(node, of: "phases")
        if items.isEmpty && (node.isNull || node.sequence != nil) { reader.error(at: node.location, .noPhasesListed) }
        var seen: [String: SourceLocation] = [:]
        var phases: [Phase] = []
        for (index, item) in items.enumerated() {
            guard let phase = phase(item, index: index) else { continue }
            if let first = seen[phase.key.rawValue] {
                reader.error(at: item.location, .duplicatePhase(key: "\(phase.key)", line: first.line))
                continue
            }
            seen[phase.key.rawValue] = item.location
            phases.append(phase)
        }
        return phases
    }

    private mutating func phase(_ node: YAMLNode, index: Int, lookBack: Bool = false) -> Phase? {
        guard
            let fields = reader.fields(
                node, of: lookBack ? "look_back" : .whatAPhase,
                allowed: ["key", "title", "description", "length", "gate", "tasks"] + (lookBack ? ["after"] : []),
                required: ["key", "title", "length", "tasks"] + (lookBack ? ["after"] : []))
        else { return nil }
        let key = reader.identifier(fields["key"], .whatPhaseKey)
        let name: Message =
            key.map { .whatPhaseNamed(key: "\($0)") } ?? .whatPhaseNumber(number: index + 1)
        if let key, Workflow.reservedPhaseKeys.contains(key) {
            reader.error(at: fields["key"]!.location, .reservedPhaseKey(key: "\(key)"))
        }
        let title = reader.text(fields["title"], "title", limit: .title)
        let length = reader.parsed(fields["length"], "length", CalendarSpan.parse)
        if let length, let node = fields["length"] {
            if !length.unit.countsDays {
                reader.error(at: node.location, .phaseLengthUnit(length: "\(length)"))
            } else if length.amount == 0 {
                reader.error(at: node.location, .phaseLengthZero(length: "\(length)"))
            }
        }
        var gate: Gate?
        if let node = fields["gate"] {
            gate = self.gate(node, of: name)
        } else {
            reader.error(at: node.location, .noGate(phase: name))
        }
        let taskNodes = fields["tasks"].map { reader.list($0, of: "tasks") } ?? []
        if taskNodes.isEmpty, let tasksNode = fields["tasks"], tasksNode.isNull || tasksNode.sequence != nil {
            reader.error(at: tasksNode.location, .noTasksListed(phase: name))
        }
        let tasks = taskNodes.compactMap {
            task($0, phaseIndex: index, phaseLength: length.flatMap { $0.unit.countsDays && $0.amount > 0 ? $0 : nil }, phaseName: name)
        }
        if let gate, gate.require == .requiredTasksVerified, !tasks.isEmpty, !tasks.contains(where: \.required) {
            reader.warning(at: fields.keyLocation("gate"), .noRequiredTask(phase: name))
        }
        guard let key, let title, let length, let gate else { return nil }
        return Phase(
            key: PhaseKey(key), title: title, description: reader.text(fields["description"], "description", limit: .description),
            length: length, gate: gate, tasks: tasks)
    }

    private mutating func gate(_ node: YAMLNode, of phase: Message) -> Gate? {
        guard
            let fields = reader.fields(
                node, of: .whatGateOf(phase: phase), allowed: ["require", "indicators", "signed_by"],
                required: ["require", "signed_by"])
        else { return nil }
        let requirement = reader.parsed(fields["require"], "require") { (text) throws(ParseFailure) -> Gate.Requirement in
            guard let requirement = Gate.Requirement(rawValue: text) else {
                throw ParseFailure(.notAGateRule(text: "\(text)", rules: .alternatives(Gate.Requirement.allCases.map(\.rawValue))))
            }
            return requirement
        }
        let signers = fields["signed_by"].map { roleList($0, of: "signed_by") } ?? []
        if signers.isEmpty, let signedBy = fields["signed_by"] {
            reader.error(at: signedBy.location, .gateNoSigner(phase: phase))
        }
        let indicators = reader.parsed(fields["indicators"], "indicators") { (text) throws(ParseFailure) -> Bool in
            guard text == "met" else { throw ParseFailure(.notAnIndicatorRule(text: "\(text)")) }
            return true
        }
        guard let requirement, !signers.isEmpty else { return nil }
        return Gate(require: requirement, indicatorsMet: indicators ?? false, signedBy: signers)
    }

    private mutating func task(_ node: YAMLNode, phaseIndex: Int, phaseLength: CalendarSpan?, phaseName: Message) -> TaskTemplate? {
        guard
            let fields = reader.fields(
                node, of: .whatATask,
                allowed: [
                    "key", "title", "description", "measure", "source", "responsible", "assisting", "verifier",
                    "deadline", "required", "depends_on", "evidence", "produces", "scope", "waits_for_villages",
                    "every", "due", "until",
                ], required: ["key", "title", "responsible", "verifier"])
        else { return nil }

        let key = reader.identifier(fields["key"], .whatTaskKey).map { TaskKey($0) }
        if let key, let keyNode = fields["key"] {
            if let first = taskPlaces[key] {
                reader.error(at: keyNode.location, .duplicateTask(key: "\(key)", line: first.location.line))
            } else {
                taskPlaces[key] = (phaseIndex, keyNode.location)
                tasksInOrder.append((key, phaseIndex))
            }
        }
        let title = reader.text(fields["title"], "title", limit: .title)
        let description = reader.text(fields["description"], "description", limit: .description)
        let source = reader.text(fields["source"], "source")
        var measure: MeasureKey?
        if let node = fields["measure"], let name = reader.identifier(node, "measure") {
            if measureKeys.contains(MeasureKey(name)) {
                measure = MeasureKey(name)
            } else {
                reader.error(at: node.location, .unknownMeasure(name: "\(name)", declared: list(measureKeys)))
            }
        }
        let responsible = fields["responsible"].flatMap { roleReference($0) }
        let verifier = fields["verifier"].flatMap { roleReference($0) }
        if let responsible, responsible == verifier, let node = fields["verifier"] {
            reader.error(at: node.location, .selfVerified(role: "\(responsible)"))
        }
        let assisting = fields["assisting"].map { roleList($0, of: "assisting") } ?? []
        if let responsible, assisting.contains(responsible), let node = fields["assisting"] {
            reader.error(at: node.location, .alreadyResponsible(role: "\(responsible)"))
        }
        // A role that helped with the work does not also accept it.
        if let verifier, assisting.contains(verifier), let node = fields["verifier"] {
            reader.error(at: node.location, .verifiedByAssistant(role: "\(verifier)"))
        }
        var deadline = fields["deadline"].flatMap { self.deadline($0, phaseLength: phaseLength, phaseName: phaseName) }
        let recurrence = self.recurrence(fields, key: key, phaseIndex: phaseIndex)
        if recurrence != nil || fields["every"] != nil {
            // Each occurrence has its own deadline; the series runs through the phase.
            deadline = phaseLength.map { .after($0, at: nil) } ?? .after(.workingDays(1), at: nil)
        } else if fields["deadline"] == nil {
            reader.error(at: node.location, .missingKey(what: .whatATask, key: "deadline"))
        }
        let required = fields["required"].map { reader.bool($0, "required") } ?? true
        var dependsOn: [TaskKey] = []
        if let node = fields["depends_on"] {
            for item in reader.list(node, of: "depends_on") {
                guard let name = reader.identifier(item, .whatDependsOnEntry) else { continue }
                dependsOn.append(TaskKey(name))
                if let key { edges.append((key, TaskKey(name), item.location)) }
            }
        }
        var evidence: [String] = []
        for item in fields["evidence"].map({ reader.list($0, of: "evidence") }) ?? [] {
            guard let name = reader.text(item, .whatEvidenceItem, limit: .title) else { continue }
            if evidence.contains(name) {
                reader.error(at: item.location, .evidenceItemTwice(item: "\(name)"))
            } else {
                evidence.append(name)
            }
        }
        let produces = reader.parsed(fields["produces"], "produces") { (text) throws(ParseFailure) -> Bool in
            guard text == "problem_list" else { throw ParseFailure(.notAProduct(text: "\(text)")) }
            return true
        }
        if produces == true, let node = fields["produces"] { problemListBuilders.append(node.location) }
        let scope = fields["scope"].flatMap { reader.parsed($0, "scope", Scope.parse) } ?? .village
        if scope == .campaign {
            // The township's work is done by the township's people: the campaign has no secretary.
            for (role, node) in [(responsible, fields["responsible"]), (verifier, fields["verifier"])] {
                if let role, roleScopes[role] == .village, let node {
                    reader.error(at: node.location, .campaignTaskVillageRole(role: "\(role)"))
                }
            }
            if let node = fields["assisting"] {
                for role in assisting where roleScopes[role] == .village {
                    reader.error(at: node.location, .campaignTaskVillageRole(role: "\(role)"))
                }
            }
            if produces == true, let node = fields["produces"] { reader.error(at: node.location, .campaignTaskBuildsProblemList) }
        }
        var waitsForVillages: PhaseKey?
        if let node = fields["waits_for_villages"], let name = reader.identifier(node, "waits_for_villages") {
            if scope != .campaign {
                reader.error(at: node.location, .villageTaskWaitsForVillages)
            } else {
                waitsForVillages = PhaseKey(name)
                villageWaits.append((PhaseKey(name), node.location))
            }
        }
        if let key { taskScopes[key] = scope }
        guard let key, let title, let responsible, let verifier, let deadline, let required else { return nil }
        deadlines[key] = deadline
        return TaskTemplate(
            key: key, title: title, description: description, measure: measure, source: source,
            responsible: responsible, assisting: assisting, verifier: verifier, deadline: deadline,
            required: required, dependsOn: dependsOn, evidence: evidence, buildsProblemList: produces ?? false,
            scope: scope, waitsForVillages: waitsForVillages, recurrence: recurrence)
    }

    /// A task's `every`, `due` and `until`, which come together and stand in for its deadline.
    private mutating func recurrence(_ fields: Fields, key: TaskKey?, phaseIndex: Int) -> Recurrence? {
        guard let every = fields["every"] else {
            for name in ["due", "until"] {
                if let node = fields[name] { reader.error(at: node.location, .recurrenceKeyWithoutEvery(key: "\(name)")) }
            }
            return nil
        }
        if let node = fields["deadline"] { reader.error(at: node.location, .recurringTaskDeadline) }
        for name in ["due", "until"] where fields[name] == nil {
            reader.error(at: every.location, .missingKey(what: .whatATask, key: "\(name)"))
        }
        if let node = fields["produces"] { reader.error(at: node.location, .recurringTaskBuildsProblemList) }
        if let node = fields["depends_on"] { reader.error(at: node.location, .recurringTaskDependencies) }
        if let node = fields["waits_for_villages"] { reader.error(at: node.location, .recurringTaskWaitsForVillages) }
        let period = reader.parsed(every, "every") { (text) throws(ParseFailure) -> Recurrence.Period in
            guard let period = Recurrence.Period(rawValue: text) else {
                throw ParseFailure(.notAPeriod(text: "\(text)", periods: .alternatives(Recurrence.Period.allCases.map(\.rawValue))))
            }
            return period
        }
        let due = reader.parsed(fields["due"], "due", Recurrence.parseDue)
        let until = reader.parsed(fields["until"], "until", Recurrence.parseEnd)
        guard let period, let due, let until else { return nil }
        let recurrence = Recurrence(every: period, due: due.0, at: due.1, until: until)
        if case .workingDay(let n) = due.0, n > Self.workingDaysIn(period), let node = fields["due"] {
            reader.error(at: node.location, .dueDayBeyondPeriod(day: n, period: "\(period.rawValue)", most: Self.workingDaysIn(period)))
            return nil
        }
        if let key, let node = fields["until"] { recurrences[key] = (phaseIndex, node.location) }
        return recurrence
    }

    /// The fewest working days a period holds in a week of five working days: where the
    /// `n`th working day is always there to fall due on.
    static func workingDaysIn(_ period: Recurrence.Period) -> Int {
        switch period {
        case .week: return 5
        case .month: return 20
        case .quarter: return 60
        }
    }

    /// Refuses a recurring task that would produce no occurrence, or more than the maximum,
    /// over the phases it runs through as planned, whatever day the series begins.
    private mutating func checkRecurrences(_ phases: [Phase]) {
        // An occurrence is one period's work: nothing waits on "the" meeting.
        for edge in edges where recurrences[edge.to] != nil {
            reader.error(at: edge.at, .dependsOnRecurringTask(task: "\(edge.to)"))
        }
        for (index, phase) in phases.enumerated() {
            for task in phase.tasks {
                guard let recurrence = task.recurrence, let place = recurrences[task.key] else { continue }
                let span: [CalendarSpan]
                switch recurrence.until {
                case .phase: span = [phase.length]
                case .campaign: span = phases[index...].map(\.length)
                case .count(let count):
                    if count == 0 { reader.error(at: place.location, .recurrenceNeverOccurs(task: "\(task.key)")) }
                    if count > maximumOccurrences {
                        reader.error(at: place.location, .recurrenceTooMany(task: "\(task.key)", count: count, most: maximumOccurrences))
                    }
                    continue
                }
                let counts = RecurrenceFit.occurrences(recurrence, over: span)
                if counts.fewest == 0 {
                    reader.error(
                        at: place.location,
                        .recurrenceMayNeverOccur(task: "\(task.key)", length: "\(span.map(\.description).joined(separator: " + "))"))
                } else if counts.most > maximumOccurrences {
                    reader.error(at: place.location, .recurrenceTooMany(task: "\(task.key)", count: counts.most, most: maximumOccurrences))
                }
            }
        }
    }

    // MARK: Duties and the look back

    private mutating func duties(_ node: YAMLNode, phases: [Phase]) -> [Duty] {
        var seen: [String: SourceLocation] = [:]
        var duties: [Duty] = []
        for item in reader.list(node, of: "duties") {
            guard
                let fields = reader.fields(
                    item, of: "duties", allowed: ["key", "title", "description", "source", "role", "phases"],
                    required: ["key", "title", "role"])
            else { continue }
            let key = reader.identifier(fields["key"], .whatDutyKey)
            if let key, let first = seen[key] {
                reader.error(at: item.location, .duplicateDuty(key: "\(key)", line: first.line))
            }
            if let key { seen[key] = item.location }
            let title = reader.text(fields["title"], "title", limit: .title)
            let role = fields["role"].flatMap { roleReference($0) }
            var keys: [PhaseKey] = []
            for phase in fields["phases"].map({ reader.list($0, of: "phases") }) ?? [] {
                guard let name = reader.identifier(phase, .whatPhaseKey) else { continue }
                if phases.contains(where: { $0.key.rawValue == name }) {
                    keys.append(PhaseKey(name))
                } else {
                    reader.error(at: phase.location, .unknownPhaseNamed(phase: "\(name)", phases: list(phases.map(\.key))))
                }
            }
            guard let key, let title, let role else { continue }
            duties.append(
                Duty(
                    key: key, title: title, description: reader.text(fields["description"], "description", limit: .description),
                    source: reader.text(fields["source"], "source"), role: role, phases: keys))
        }
        return duties
    }

    private mutating func lookBack(_ node: YAMLNode, phases: [Phase]) -> LookBack? {
        let after =
            node.mapping != nil
            ? reader.parsed(node.mapping!.first { $0.key.scalar == "after" }?.value, "after", LookBack.Delay.parse) : nil
        guard let phase = phase(node, index: phases.count, lookBack: true) else { return nil }
        if phases.contains(where: { $0.key == phase.key }) {
            reader.error(at: node.location, .duplicatePhase(key: "\(phase.key)", line: node.location.line))
        }
        for task in phase.tasks where task.recurrence != nil || task.scope == .campaign {
            reader.error(at: node.location, .lookBackTaskKind(task: "\(task.key)"))
        }
        guard let after else { return nil }
        return LookBack(after: after, phase: phase)
    }

    private mutating func deadline(_ node: YAMLNode, phaseLength: CalendarSpan?, phaseName: Message) -> DeadlineRule? {
        guard let rule = reader.parsed(node, "deadline", DeadlineRule.parse) else { return nil }
        switch rule {
        case .on:
            reader.error(at: node.location, .fixedDateDeadline(rule: "\(rule)"))
            return nil
        case .after(let span, _) where span.amount == 0:
            reader.error(at: node.location, .deadlineAtStart(rule: "\(rule)"))
            return nil
        case .after:
            if let phaseLength, let problem = PhaseFit.problem(deadline: rule, phaseLength: phaseLength, phaseName: phaseName) {
                reader.absorb([Diagnostic(at: node.location, problem)])
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
            let ack = reader.fields(node, of: .whatAckReminder, allowed: ["after", "to"], required: ["after", "to"])
        {
            let after = reader.parsed(ack["after"], "after", CalendarSpan.parse)
            if let after, after.amount == 0, let afterNode = ack["after"] {
                reader.error(at: afterNode.location, .ackAtIssue)
            }
            let to = recipients(ack["to"], of: .whatAckReminder)
            if let after, after.amount > 0, !to.isEmpty { acknowledge = AcknowledgementReminder(after: after, to: to) }
        }
        var beforeDeadline: [DeadlineReminder] = []
        var offsets: [CalendarSpan: SourceLocation] = [:]
        for item in fields["before_deadline"].map({ reader.list($0, of: "before_deadline") }) ?? [] {
            guard let entry = reader.fields(item, of: .whatAReminder, allowed: ["before", "to"], required: ["before", "to"]),
                let before = reader.parsed(entry["before"], "before", CalendarSpan.parse),
                let beforeNode = entry["before"]
            else { continue }
            let to = recipients(entry["to"], of: .whatReminderBefore(before: "\(before)"))
            if before.amount == 0 {
                reader.error(at: beforeNode.location, .reminderAtDeadline(before: "\(before)"))
                continue
            }
            if let first = offsets[before] {
                reader.error(at: beforeNode.location, .secondReminder(before: "\(before)", line: first.line))
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
            guard
                let fields = reader.fields(
                    item, of: .whatAnEscalationLevel, allowed: ["level", "after", "reach", "to", "circular"],
                    required: ["level", "after"])
            else { continue }
            let level = reader.integer(fields["level"], "level", in: 1...99)
            if let level, level != index + 1, let levelNode = fields["level"] {
                reader.error(at: levelNode.location, .escalationOrder(expected: index + 1, found: level))
            }
            let after = reader.parsed(fields["after"], "after", CalendarSpan.parse)
            if let after, let afterNode = fields["after"] {
                if let previous, after.unit == previous.span.unit, after.amount <= previous.span.amount {
                    reader.error(
                        at: afterNode.location,
                        .escalationNotLater(level: index + 1, after: "\(after)", previous: "\(previous.span)", line: previous.location.line)
                    )
                }
                previous = (after, afterNode.location)
            }
            // A level reaches up the chain of supervision, or (as workflows did before) names its recipients.
            let reach = fields["reach"].flatMap { reader.integer($0, "reach", in: 1...9) }
            let to = recipients(fields["to"], of: .whatEscalationLevel(level: level ?? index + 1))
            if (fields["reach"] == nil) == (fields["to"] == nil) {
                reader.error(at: item.location, .escalationReachOrTo(level: level ?? index + 1))
            }
            let circular = fields["circular"].map { reader.bool($0, "circular") } ?? false
            guard let level, let after, reach != nil || !to.isEmpty, let circular else { continue }
            levels.append(EscalationLevel(level: level, after: after, reach: reach, to: to, circular: circular))
        }
        return levels
    }

    private mutating func reports(_ node: YAMLNode) -> ReportSchedule {
        guard let fields = reader.fields(node, of: "reports", allowed: ["progress", "circular", "light"]) else {
            return ReportSchedule(progress: nil, circular: nil)
        }
        var progress: ProgressReportSchedule?
        if let node = fields["progress"],
            let entry = reader.fields(
                node, of: .whatProgressReport, allowed: ["every", "at", "to"], required: ["every", "at", "to"])
        {
            let every = reader.parsed(entry["every"], "every", Weekday.parse)
            let at = reader.parsed(entry["at"], "at", LocalTime.parse)
            let to = entry["to"].map { roleList($0, of: .whatProgressRecipients) } ?? []
            if to.isEmpty, let toNode = entry["to"] {
                reader.error(at: toNode.location, .noRecipientsNamed(what: .whatProgressReport))
            }
            if let every, let at, !to.isEmpty { progress = ProgressReportSchedule(every: every, at: at, to: to) }
        }
        var circular: CircularDistribution?
        if let node = fields["circular"],
            let entry = reader.fields(node, of: .whatTheCircular, allowed: ["to"], required: ["to"])
        {
            let to = entry["to"].map { roleList($0, of: .whatCircularRecipients) } ?? []
            if to.isEmpty, let toNode = entry["to"] {
                reader.error(at: toNode.location, .noRecipientsNamed(what: .whatTheCircular))
            }
            if !to.isEmpty { circular = CircularDistribution(to: to) }
        }
        var light: ProgressLight?
        if let node = fields["light"],
            let entry = reader.fields(node, of: "light", allowed: ["red_level", "red_lagging", "yellow_lagging"])
        {
            let defaults = ProgressLight()
            let redLevel = entry["red_level"].map { reader.integer($0, "red_level", in: 1...10) } ?? defaults.redLevel
            let redLagging = entry["red_lagging"].map { reader.parsed($0, "red_lagging", Self.percent) } ?? defaults.redLagging
            let yellowLagging = entry["yellow_lagging"].map { reader.integer($0, "yellow_lagging", in: 1...1000) } ?? defaults.yellowLagging
            if let redLevel, let redLagging, let yellowLagging {
                light = ProgressLight(redLevel: redLevel, redLagging: redLagging, yellowLagging: yellowLagging)
            }
        }
        return ReportSchedule(progress: progress, circular: circular, light: light)
    }

    /// `assessment:`: who answers for a village, the weights of its rates and what is deducted
    /// for lateness, returns, escalation, overdue problems and each kind of 问责.
    private mutating func assessment(_ node: YAMLNode, answerable villageRoles: [RoleKey]) -> Assessment {
        var assessment = Assessment(answerable: villageRoles)
        guard let fields = reader.fields(node, of: "assessment", allowed: ["answerable", "weights", "deductions", "accountability"])
        else { return assessment }
        if let node = fields["answerable"] {
            assessment.answerable = roleList(node, of: "answerable")
            for (role, item) in zip(assessment.answerable, reader.list(node, of: "answerable")) where roleScopes[role] == .campaign {
                reader.error(at: item.location, .campaignRoleAnswerable(role: "\(role)"))
            }
        }
        func points(_ section: String, _ keys: [String], _ apply: (inout Assessment, String, Double) -> Void) {
            guard let node = fields[section], let entry = reader.fields(node, of: .text(section), allowed: keys) else { return }
            for key in keys {
                if let value = entry[key].flatMap({ reader.parsed($0, .text(key), Self.points) }) { apply(&assessment, key, value) }
            }
        }
        points("weights", ["schedule", "on_time"]) { assessment, key, value in
            if key == "schedule" { assessment.scheduleWeight = value } else { assessment.onTimeWeight = value }
        }
        points("deductions", ["working_day_late", "return", "escalation", "overdue_problem"]) { assessment, key, value in
            switch key {
            case "working_day_late": assessment.perWorkingDayLate = value
            case "return": assessment.perReturn = value
            case "escalation": assessment.perEscalation = value
            default: assessment.perOverdueProblem = value
            }
        }
        points("accountability", AccountabilityKind.allCases.map(\.rawValue)) { assessment, key, value in
            assessment.accountability[AccountabilityKind(rawValue: key)!] = value
        }
        return assessment
    }

    /// `0.5`: points, from 0 to 1000 with at most two decimals.
    static func points(_ text: String) throws(ParseFailure) -> Double {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard let value = Double(text), value.isFinite, (0...1000).contains(value), parts.count <= 2,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            (parts.dropFirst().first?.count ?? 0) <= 2
        else { throw ParseFailure(.notPoints(text: "\(text)")) }
        return value
    }

    /// `one` or `several`: whether a role is held by one person or by several together.
    static func holders(_ text: String) throws(ParseFailure) -> Bool {
        switch text {
        case "one": return false
        case "several": return true
        default: throw ParseFailure(.notHolders(text: "\(text)"))
        }
    }

    /// `20%`: a share in whole percent, 1 to 100.
    static func percent(_ text: String) throws(ParseFailure) -> Int {
        guard text.hasSuffix("%"), let value = Int(text.dropLast()), (1...100).contains(value) else {
            throw ParseFailure(.notAPercent(text: "\(text)"))
        }
        return value
    }

    // MARK: References

    private mutating func roleReference(_ node: YAMLNode) -> RoleKey? {
        guard let name = reader.text(node, .itemRole) else { return nil }
        let key = RoleKey(name)
        guard roleKeys.contains(key) else {
            reader.error(at: node.location, .unknownRole(name: "\(name)", declared: list(roleKeys)))
            return nil
        }
        return key
    }

    private mutating func roleList(_ node: YAMLNode, of what: Message) -> [RoleKey] {
        reader.list(node, of: what).compactMap { roleReference($0) }
    }

    private mutating func recipients(_ node: YAMLNode?, of what: Message) -> [Recipient] {
        guard let node else { return [] }
        let items = reader.list(node, of: "to")
        if items.isEmpty {
            reader.error(at: node.location, .noRecipientsNamed(what: what))
            return []
        }
        return items.compactMap { item in
            guard let word = reader.text(item, .whatRecipient) else { return nil }
            if Workflow.reservedRoleKeys.contains(word) { return Recipient(word) }
            return roleReference(item).map(Recipient.role)
        }
    }

    private func list<Key: CustomStringConvertible>(_ keys: [Key]) -> Message {
        keys.isEmpty ? .noneWord : .list(keys.map { .text($0.description) })
    }

    // MARK: Dependencies

    /// Unknown and later-phase dependencies, and cycles, each reported once.
    mutating func checkDependencies() {
        var graph: [TaskKey: [(to: TaskKey, at: SourceLocation)]] = [:]
        for edge in edges {
            guard let target = taskPlaces[edge.to] else {
                reader.error(at: edge.at, .unknownDependency(task: "\(edge.to)"))
                continue
            }
            if let source = taskPlaces[edge.from], target.phase > source.phase {
                reader.error(at: edge.at, .laterPhaseDependency(from: "\(edge.from)", to: "\(edge.to)"))
                continue
            }
            if taskScopes[edge.from] == .campaign, taskScopes[edge.to] == .village {
                reader.error(at: edge.at, .campaignTaskDependsOnVillage(from: "\(edge.from)", to: "\(edge.to)"))
                continue
            }
            graph[edge.from, default: []].append((edge.to, edge.at))
        }
        // Depth-first search; a step back onto the current path closes a cycle.
        var finished: [TaskKey: Bool] = [:]  // false while on the path
        var path: [TaskKey] = []
        var cycles: [(SourceLocation, Message)] = []
        func visit(_ task: TaskKey) {
            finished[task] = false
            path.append(task)
            for edge in graph[task] ?? [] {
                switch finished[edge.to] {
                case nil: visit(edge.to)
                case false?:
                    let cycle = path[path.lastIndex(of: edge.to)!...] + [edge.to]
                    cycles.append((edge.at, Message.dependencyCycle(cycle: cycle.map(\.rawValue).joined(separator: " → "))))
                case true?: break
                }
            }
            path.removeLast()
            finished[task] = true
        }
        for task in tasksInOrder where finished[task.key] == nil { visit(task.key) }
        reader.absorb(cycles.map { Diagnostic(at: $0.0, $0.1) })

        for edge in edges {
            guard let from = taskPlaces[edge.from], let to = taskPlaces[edge.to], from.phase == to.phase,
                case .after(let mine, _)? = deadlines[edge.from], case .after(let theirs, _)? = deadlines[edge.to],
                mine.unit == theirs.unit, mine.amount < theirs.amount
            else { continue }
            reader.warning(
                at: edge.at, .dueBeforeDependency(from: "\(edge.from)", mine: "\(mine)", to: "\(edge.to)", theirs: "\(theirs)"))
        }
    }
}
