/// A rectification workflow (整顿工作流程) as a workflow file declares it: who takes part, the
/// phases in order with their tasks (任务清单), who may do what, and how the late are reminded
/// and escalated. A plan instantiates one workflow for one village branch.
public struct Workflow: Sendable, Hashable, Codable {
    public var key: String
    public var title: String
    public var version: Int
    /// The working-day calendar by name (`cn` → `calendars/cn.yaml` beside the workflow); nil
    /// counts Monday to Friday.
    public var calendar: String?
    public var roles: [Role]
    public var measures: [Measure]
    /// The kinds of cause a plan's problem list (后进原因) sorts its findings into.
    public var problemKinds: [ProblemKind]
    /// The goals (整顿目标) every plan of this workflow pursues.
    public var goals: [Goal]
    /// How plans keep their problem list (问题清单); nil where the workflow keeps none.
    public var problemList: ProblemListPolicy?
    public var permissions: Permissions
    public var phases: [Phase]
    public var reminders: ReminderPolicy
    public var escalation: [EscalationLevel]
    public var reports: ReportSchedule
    /// How `report ranking` scores villages and the people answerable for them (考核积分).
    public var assessment: Assessment
    /// Standing duties without a deadline (镇工作组随机检查督导): counted, never reminded.
    public var duties: [Duty]
    /// The look back after acceptance (回头看); nil where the campaign ends with the acceptance.
    public var lookBack: LookBack?
    /// The most occurrences one recurring task may run to (`max_occurrences`).
    public var maximumOccurrences: Int

    public init(
        key: String, title: String, version: Int, calendar: String?, roles: [Role], measures: [Measure], problemKinds: [ProblemKind],
        goals: [Goal], problemList: ProblemListPolicy?, permissions: Permissions, phases: [Phase], reminders: ReminderPolicy,
        escalation: [EscalationLevel], reports: ReportSchedule, assessment: Assessment, duties: [Duty] = [], lookBack: LookBack? = nil,
        maximumOccurrences: Int = Recurrence.defaultMaximumOccurrences
    ) {
        self.key = key
        self.title = title
        self.version = version
        self.calendar = calendar
        self.roles = roles
        self.measures = measures
        self.problemKinds = problemKinds
        self.goals = goals
        self.problemList = problemList
        self.permissions = permissions
        self.phases = phases
        self.reminders = reminders
        self.escalation = escalation
        self.reports = reports
        self.assessment = assessment
        self.duties = duties
        self.lookBack = lookBack
        self.maximumOccurrences = maximumOccurrences
    }

    enum CodingKeys: String, CodingKey {
        case key = "workflow", title, version, calendar, roles, measures
        case problemKinds = "problem_kinds", goals, problemList = "problem_list", permissions, phases, reminders, escalation
        case reports, assessment, duties, lookBack = "look_back", maximumOccurrences = "max_occurrences"
    }

    /// The phases a plan goes through: those before the acceptance, then the look back.
    public var allPhases: [Phase] { phases + (lookBack.map { [$0.phase] } ?? []) }

    public var tasks: [TaskTemplate] { allPhases.flatMap(\.tasks) }

    /// Whether a plan may leave `role` without a holder: a role several hold together that no
    /// task is given to or verified by, no gate waits on, no standing duty falls to and the
    /// problem list does not name (领导小组成员 receiving the reports) may have no members yet.
    /// Every other role needs one.
    public func mayBeUnheld(_ role: Role) -> Bool {
        guard role.several else { return false }
        if duties.contains(where: { $0.role == role.key }) { return false }
        if tasks.contains(where: { $0.responsible == role.key || $0.verifier == role.key }) { return false }
        if phases.contains(where: { $0.gate.signedBy.contains(role.key) }) { return false }
        if let list = problemList, [list.responsible, list.leader, list.verifier].contains(role.key) { return false }
        return true
    }

    /// Every goal's indicators, goal by goal.
    public var indicators: [Indicator] { goals.flatMap(\.indicators) }

    public func indicator(_ key: String) -> Indicator? { indicators.first { $0.key == key } }

    public func role(_ key: RoleKey) -> Role? { roles.first { $0.key == key } }

    /// Whether some of the work is the township's, done once for a whole campaign.
    public var hasCampaignTasks: Bool { tasks.contains { $0.scope == .campaign } }

    /// The roles of one scope: the township's, bound once for a campaign, or each village's.
    public func roles(in scope: Scope) -> [Role] { roles.filter { $0.scope == scope } }

    /// The roles above `role` in the chain of supervision, nearest first, at most `steps` of
    /// them: a chain that runs out stops at its top. (The loader refuses a chain with a cycle.)
    public func supervisors(of role: RoleKey, steps: Int) -> [RoleKey] {
        var chain: [RoleKey] = []
        var current = role
        while chain.count < steps, let next = self.role(current)?.reportsTo, next != role, !chain.contains(next) {
            chain.append(next)
            current = next
        }
        return chain
    }

    /// A phase by its key, the look back's too.
    public func phase(_ key: PhaseKey) -> Phase? { allPhases.first { $0.key == key } }

    /// Whether `key` is the look back's phase (回头看).
    public func isLookBack(_ key: PhaseKey) -> Bool { lookBack?.phase.key == key }

    /// The standing duty a person holding `roles` does, the first of the workflow's.
    public func duty(of roles: Set<RoleKey>) -> Duty? { duties.first { roles.contains($0.role) } }

    public func phaseIndex(_ key: PhaseKey) -> Int? { phases.firstIndex { $0.key == key } }

    /// The phase after `key`, nil after the last.
    public func phase(after key: PhaseKey) -> Phase? {
        phaseIndex(key).flatMap { $0 + 1 < phases.count ? phases[$0 + 1] : nil }
    }

    public func task(_ key: TaskKey) -> (phase: Phase, task: TaskTemplate)? {
        for phase in allPhases {
            if let task = phase.tasks.first(where: { $0.key == key }) { return (phase, task) }
        }
        return nil
    }
}

/// A part people play in a campaign (党支部书记, 驻村干部 …); people are bound to roles per plan.
public struct Role: Sendable, Hashable, Codable {
    public var key: RoleKey
    public var title: String
    public var description: String?
    /// Whom this role answers to in the chain of supervision (上级): the next step up when a
    /// task of this role is escalated (督办). Nil at the top of the chain.
    public var reportsTo: RoleKey?
    /// A village's role, held in each plan (党支部书记, 驻村干部), or the township's, held once
    /// for the whole campaign (镇组织办, 组织委员, 镇党委书记).
    public var scope: Scope
    /// Whether several people hold it together (`holders: several`: 领导小组成员, 村“两委”成员,
    /// 镇工作组): a task of the role goes to one of them, the first unless another is named when
    /// it is issued; a notice to the role goes to all of them.
    public var several: Bool

    public init(
        key: RoleKey, title: String, description: String?, reportsTo: RoleKey? = nil, scope: Scope = .village, several: Bool = false
    ) {
        self.key = key
        self.title = title
        self.description = description
        self.reportsTo = reportsTo
        self.scope = scope
        self.several = several
    }

    enum CodingKeys: String, CodingKey {
        case key, title, description, reportsTo = "reports_to", scope, holders
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(reportsTo, forKey: .reportsTo)
        try container.encode(scope, forKey: .scope)
        try container.encode(several ? "several" : "one", forKey: .holders)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(RoleKey.self, forKey: .key)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        reportsTo = try container.decodeIfPresent(RoleKey.self, forKey: .reportsTo)
        scope = try container.decodeIfPresent(Scope.self, forKey: .scope) ?? .village
        several = try container.decodeIfPresent(String.self, forKey: .holders) == "several"
    }
}

/// Whose a role or a task is in a campaign (整顿工作): each village's (每村一份), or the
/// township's, done once for all its villages (全镇一次).
public enum Scope: String, Sendable, Hashable, Codable, CaseIterable {
    case village
    case campaign

    /// `village` or `campaign`, as a workflow file writes it.
    public static func parse(_ text: String) throws(ParseFailure) -> Scope {
        guard let scope = Scope(rawValue: text) else { throw ParseFailure(.notAScope(text: "\(text)")) }
        return scope
    }
}

/// One of the rectification measures (整改措施) a task carries out.
public struct Measure: Sendable, Hashable, Codable {
    public var key: MeasureKey
    public var title: String
    /// Where the plan sets it out, e.g. `四（一）`.
    public var source: String?
}

/// A kind of cause for a branch's weakness (后进原因), e.g. 集体经济薄弱.
public struct ProblemKind: Sendable, Hashable, Codable {
    public var key: String
    public var title: String
    public var description: String?
}

/// A goal of the rectification (整顿目标), e.g. 村级组织健全规范, with the indicators that say
/// whether a village reached it.
public struct Goal: Sendable, Hashable, Codable {
    public var key: String
    public var title: String
    public var description: String?
    public var indicators: [Indicator]

    public init(key: String, title: String, description: String?, indicators: [Indicator] = []) {
        self.key = key
        self.title = title
        self.description = description
        self.indicators = indicators
    }

    enum CodingKeys: String, CodingKey {
        case key, title, description, indicators
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        indicators = try container.decodeIfPresent([Indicator].self, forKey: .indicators) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        if !indicators.isEmpty { try container.encode(indicators, forKey: .indicators) }
    }
}

/// How a plan keeps its problem list (问题清单): who records the items, in which phase they are
/// worked through (its gate waits for every item closed, 已销号, or carried over, 转入长效), who
/// answers for an item and who leads it unless the office names others, and who closes it.
/// Each item is handed to its person as a rectification task, reminded and escalated like any.
public struct ProblemListPolicy: Sendable, Hashable, Codable {
    /// The phase whose gate waits for every item (集中整改).
    public var phase: PhaseKey
    /// The roles that may record items and note their progress.
    public var record: [RoleKey]
    /// The role whose holder answers for an item (责任人) unless another person is named.
    public var responsible: RoleKey
    /// The role whose holder leads an item (责任领导) unless another person is named: copied on
    /// every 督办 of the item.
    public var leader: RoleKey
    /// The role whose holder closes an item (销号) or carries it over.
    public var verifier: RoleKey

    public init(phase: PhaseKey, record: [RoleKey], responsible: RoleKey, leader: RoleKey, verifier: RoleKey) {
        self.phase = phase
        self.record = record
        self.responsible = responsible
        self.leader = leader
        self.verifier = verifier
    }
}

/// A phase (阶段) of the campaign with its planned length and the gate that closes it.
public struct Phase: Sendable, Hashable, Codable {
    public var key: PhaseKey
    public var title: String
    public var description: String?
    /// The planned length, from which the baseline schedule is drawn.
    public var length: CalendarSpan
    public var gate: Gate
    public var tasks: [TaskTemplate]

    public var requiredTasks: [TaskTemplate] { tasks.filter(\.required) }

    /// The tasks of one scope, or every task when `scope` is nil: a village plan in a campaign
    /// with township work issues the village's, the township's plan the campaign's, and a plan
    /// alone in its campaign all of them.
    public func tasks(in scope: Scope?) -> [TaskTemplate] {
        guard let scope else { return tasks }
        return tasks.filter { $0.scope == scope }
    }
}

/// What must be true before a phase may close, and who signs it off.
public struct Gate: Sendable, Hashable, Codable {
    public enum Requirement: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every task marked `required` is verified (验收销号) or cancelled.
        case requiredTasksVerified = "required-tasks-verified"
        /// Every task of the phase is verified or cancelled.
        case allTasksVerified = "all-tasks-verified"
    }

    public var require: Requirement
    /// Whether the gate also waits for every blocking indicator of the goals to be met
    /// (`indicators: met`): the acceptance (验收) checks the goals one by one.
    public var indicatorsMet: Bool
    /// The roles whose holder signs the gate (`plan advance`).
    public var signedBy: [RoleKey]

    public init(require: Requirement, indicatorsMet: Bool = false, signedBy: [RoleKey]) {
        self.require = require
        self.indicatorsMet = indicatorsMet
        self.signedBy = signedBy
    }

    enum CodingKeys: String, CodingKey {
        case require, indicators, signedBy = "signed_by"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        require = try container.decode(Requirement.self, forKey: .require)
        indicatorsMet = try container.decodeIfPresent(String.self, forKey: .indicators) == "met"
        signedBy = try container.decode([RoleKey].self, forKey: .signedBy)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(require, forKey: .require)
        if indicatorsMet { try container.encode("met", forKey: .indicators) }
        try container.encode(signedBy, forKey: .signedBy)
    }
}

/// A line of the task list (任务清单/责任清单): what is to be done, by which role, checked by
/// which role, due when.
public struct TaskTemplate: Sendable, Hashable, Codable {
    public var key: TaskKey
    public var title: String
    public var description: String?
    public var measure: MeasureKey?
    /// Where the plan asks for it, e.g. `五（一）`.
    public var source: String?
    /// The role whose holder receives the task, acknowledges and submits it (责任人).
    public var responsible: RoleKey
    public var assisting: [RoleKey]
    /// The role whose holder verifies or returns it (验收).
    public var verifier: RoleKey
    /// Counted from the phase start. A recurring task's occurrences each have their own, by
    /// its `recurrence`; its `deadline` is then the phase's planned end.
    public var deadline: DeadlineRule
    /// How the task comes back (`every: month`), each period's occurrence a task of its own;
    /// nil for work done once.
    public var recurrence: Recurrence?
    /// Whether the phase gate waits for it.
    public var required: Bool
    /// Tasks that must be verified before this one may be submitted.
    public var dependsOn: [TaskKey]
    /// The evidence it asks for (会议记录、签到表、照片 …): a submission without an item says why.
    public var evidence: [String]
    /// Whether the task builds the plan's problem list (`produces: problem_list`): it is not
    /// reported done while the list holds no item.
    public var buildsProblemList: Bool
    /// Done once for the whole campaign (`scope: campaign`) or once in each village.
    public var scope: Scope
    /// For a campaign's task: the phase every village of the campaign must have begun before it
    /// may be reported done (`waits_for_villages`), e.g. a review once all villages rectify.
    public var waitsForVillages: PhaseKey?

    public init(
        key: TaskKey, title: String, description: String?, measure: MeasureKey?, source: String?, responsible: RoleKey,
        assisting: [RoleKey], verifier: RoleKey, deadline: DeadlineRule, required: Bool, dependsOn: [TaskKey], evidence: [String] = [],
        buildsProblemList: Bool = false, scope: Scope = .village, waitsForVillages: PhaseKey? = nil, recurrence: Recurrence? = nil
    ) {
        self.recurrence = recurrence
        self.buildsProblemList = buildsProblemList
        self.scope = scope
        self.waitsForVillages = waitsForVillages
        self.key = key
        self.title = title
        self.description = description
        self.measure = measure
        self.source = source
        self.responsible = responsible
        self.assisting = assisting
        self.verifier = verifier
        self.deadline = deadline
        self.required = required
        self.dependsOn = dependsOn
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case key, title, description, measure, source, responsible, assisting, verifier, deadline, required
        case dependsOn = "depends_on", evidence, produces, scope, waitsForVillages = "waits_for_villages", recurrence
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(TaskKey.self, forKey: .key)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        measure = try container.decodeIfPresent(MeasureKey.self, forKey: .measure)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        responsible = try container.decode(RoleKey.self, forKey: .responsible)
        assisting = try container.decode([RoleKey].self, forKey: .assisting)
        verifier = try container.decode(RoleKey.self, forKey: .verifier)
        deadline = try container.decode(DeadlineRule.self, forKey: .deadline)
        required = try container.decode(Bool.self, forKey: .required)
        dependsOn = try container.decode([TaskKey].self, forKey: .dependsOn)
        evidence = try container.decodeIfPresent([String].self, forKey: .evidence) ?? []
        buildsProblemList = try container.decodeIfPresent(String.self, forKey: .produces) == "problem_list"
        scope = try container.decodeIfPresent(Scope.self, forKey: .scope) ?? .village
        waitsForVillages = try container.decodeIfPresent(PhaseKey.self, forKey: .waitsForVillages)
        recurrence = try container.decodeIfPresent(Recurrence.self, forKey: .recurrence)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(measure, forKey: .measure)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encode(responsible, forKey: .responsible)
        try container.encode(assisting, forKey: .assisting)
        try container.encode(verifier, forKey: .verifier)
        try container.encode(deadline, forKey: .deadline)
        try container.encode(required, forKey: .required)
        try container.encode(dependsOn, forKey: .dependsOn)
        if !evidence.isEmpty { try container.encode(evidence, forKey: .evidence) }
        if buildsProblemList { try container.encode("problem_list", forKey: .produces) }
        if scope != .village { try container.encode(scope, forKey: .scope) }
        try container.encodeIfPresent(waitsForVillages, forKey: .waitsForVillages)
        try container.encodeIfPresent(recurrence, forKey: .recurrence)
    }
}

/// An act that the workflow grants to roles by name.
public enum Permission: String, Sendable, Hashable, Codable, CaseIterable {
    /// Start a draft plan's first phase.
    case launch
    /// Pass a gate that is not met, with a written reason.
    case overrideGate = "override_gate"
    /// Move a task's deadline later (延期).
    case extend
    /// Give a task to another person.
    case reassign
    /// Cancel a task or a plan.
    case cancel
    /// Record an inspection (督查) and order rectification.
    case inspect
    /// Record the goals' indicators and the satisfaction survey; optional in a file, held by
    /// the roles that may `launch` unless named.
    case recordIndicators = "record_indicators"
    /// Record a 问责 measure against a person answerable for a village; optional in a file,
    /// held by the roles that may `override_gate` unless named.
    case holdAccountable = "hold_accountable"

    /// The permissions a workflow file must list.
    public static let required: [Permission] = [.launch, .overrideGate, .extend, .reassign, .cancel, .inspect]
}

/// Which roles hold each permission. Acknowledging and submitting belong to a task's assignee,
/// verifying and returning to its verifying role, advancing to the gate's signers.
public struct Permissions: Sendable, Hashable, Codable {
    public var holders: [Permission: [RoleKey]]

    public init(_ holders: [Permission: [RoleKey]]) { self.holders = holders }

    public func roles(for permission: Permission) -> [RoleKey] {
        if permission == .recordIndicators, holders[permission] == nil { return holders[.launch] ?? [] }
        if permission == .holdAccountable, holders[permission] == nil { return holders[.overrideGate] ?? [] }
        return holders[permission] ?? []
    }

    public init(from decoder: any Decoder) throws {
        let byName = try decoder.singleValueContainer().decode([String: [RoleKey]].self)
        holders = Dictionary(
            uniqueKeysWithValues: byName.compactMap { name, roles in
                Permission(rawValue: name).map { ($0, roles) }
            })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: holders.map { ($0.key.rawValue, $0.value) }))
    }
}

/// Who a notice goes to: the task's assignee, whoever holds its verifying role, or whoever
/// holds a named role in the plan.
public enum Recipient: Sendable, Hashable, Codable, CustomStringConvertible {
    case assignee
    case verifier
    case role(RoleKey)

    public init(_ word: String) {
        switch word {
        case "assignee": self = .assignee
        case "verifier": self = .verifier
        default: self = .role(RoleKey(word))
        }
    }

    public var description: String {
        switch self {
        case .assignee: return "assignee"
        case .verifier: return "verifier"
        case .role(let key): return key.rawValue
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Reminders (催办) before a task is late.
public struct ReminderPolicy: Sendable, Hashable, Codable {
    /// 签收提醒: an issued task not acknowledged this long after issue.
    public var acknowledge: AcknowledgementReminder?
    /// 催办 before the deadline, earliest first.
    public var beforeDeadline: [DeadlineReminder]

    enum CodingKeys: String, CodingKey {
        case acknowledge, beforeDeadline = "before_deadline"
    }
}

public struct AcknowledgementReminder: Sendable, Hashable, Codable {
    public var after: CalendarSpan
    public var to: [Recipient]
}

public struct DeadlineReminder: Sendable, Hashable, Codable {
    public var before: CalendarSpan
    public var to: [Recipient]
}

/// One step of the supervision ladder (督办) once a task is overdue.
public struct EscalationLevel: Sendable, Hashable, Codable {
    /// A level as Chinese writes it in 第…级: 一 to 九, then in digits.
    public static func chineseName(_ level: Int) -> String {
        let names = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        return (0..<names.count).contains(level) ? names[level] : String(level)
    }

    public var level: Int
    /// How long after the deadline this level is reached (`0wd`: at the deadline).
    public var after: CalendarSpan
    /// How many steps up the chain of supervision this level reaches: its letter goes to the
    /// person responsible (主送) and is copied (抄送) to the holders of the roles that many steps
    /// above the task's responsible role. Nil where the level names its recipients in `to`.
    public var reach: Int?
    /// Recipients named outright, each sent the letter (a workflow written before `reach`).
    public var to: [Recipient]
    /// Whether reaching this level puts the task on the circular (通报).
    public var circular: Bool

    public init(level: Int, after: CalendarSpan, reach: Int? = nil, to: [Recipient] = [], circular: Bool) {
        self.level = level
        self.after = after
        self.reach = reach
        self.to = to
        self.circular = circular
    }

    enum CodingKeys: String, CodingKey {
        case level, after, reach, to, circular
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decode(Int.self, forKey: .level)
        after = try container.decode(CalendarSpan.self, forKey: .after)
        reach = try container.decodeIfPresent(Int.self, forKey: .reach)
        to = try container.decodeIfPresent([Recipient].self, forKey: .to) ?? []
        circular = try container.decode(Bool.self, forKey: .circular)
    }
}

/// The reports the workflow sends on its own.
public struct ReportSchedule: Sendable, Hashable, Codable {
    public var progress: ProgressReportSchedule?
    public var circular: CircularDistribution?
    /// The traffic light's thresholds as the file sets them; nil keeps the defaults.
    public var lightThresholds: ProgressLight?

    public init(progress: ProgressReportSchedule?, circular: CircularDistribution?, light: ProgressLight? = nil) {
        self.progress = progress
        self.circular = circular
        lightThresholds = light
    }

    /// How the traffic light is decided for this workflow's plans.
    public var light: ProgressLight { lightThresholds ?? ProgressLight() }

    enum CodingKeys: String, CodingKey {
        case progress, circular, lightThresholds = "light"
    }
}

/// The weekly progress report: each plan's phase, tasks by state, the overdue, red/yellow/green.
public struct ProgressReportSchedule: Sendable, Hashable, Codable {
    public var every: Weekday
    public var at: LocalTime
    public var to: [RoleKey]
}

/// Who receives circulars (通报), on demand and after escalations that call for one.
public struct CircularDistribution: Sendable, Hashable, Codable {
    public var to: [RoleKey]
}
