import Foundation
import ZhengdunCore
import ZhengdunStore

// What commands return: the shapes of `--json` output (documented in docs/json.md) and the
// data the command line prints as text. Dates are instants; JSON writes them as ISO 8601 in the
// deployment's timezone.

public struct PersonView: Codable, Sendable, Hashable {
    public var id: PersonID
    public var name: String
    public var email: String
    public var unixUser: String?

    enum CodingKeys: String, CodingKey {
        case id, name, email, unixUser = "unix_user"
    }

    init(_ row: PersonRow) {
        id = row.id
        name = row.name
        email = row.email
        unixUser = row.unixUser
    }
}

/// A line of `plan list`.
public struct PlanSummary: Codable, Sendable {
    public var id: Int64
    public var village: String
    public var branch: String
    public var workflow: String
    public var state: String
    /// The current phase's title, or the state's name around the phases.
    public var stateTitle: String
    public var start: LocalDate
    public var tasks: [String: Int]
    public var overdue: Int
    /// The campaign (整顿工作) the plan belongs to.
    public var campaign: Int64
    /// Whether it is the township's own plan of the campaign, not a village's.
    public var township: Bool

    enum CodingKeys: String, CodingKey {
        case id, village, branch, workflow, state, stateTitle = "state_title", start, tasks, overdue, campaign, township
    }
}

/// `plan show`.
public struct PlanView: Codable, Sendable {
    public struct WorkflowInfo: Codable, Sendable {
        public var key: String
        public var title: String
        public var version: Int
        public var source: String
        public var sha256: String
    }

    public struct Binding: Codable, Sendable {
        public var role: RoleKey
        public var roleTitle: String
        public var person: PersonID
        public var name: String

        enum CodingKeys: String, CodingKey {
            case role, roleTitle = "role_title", person, name
        }
    }

    public struct Problem: Codable, Sendable {
        public var kind: String
        public var title: String
        public var detail: String
    }

    public struct GoalInfo: Codable, Sendable {
        public var key: String
        public var title: String
    }

    public struct PhaseInfo: Codable, Sendable {
        public var key: PhaseKey
        public var title: String
        public var plannedStart: Date
        public var plannedEnd: Date
        public var startedAt: Date?
        public var endedAt: Date?
        public var tasks: Int
        public var verified: Int

        enum CodingKeys: String, CodingKey {
            case key, title, plannedStart = "planned_start", plannedEnd = "planned_end"
            case startedAt = "started_at", endedAt = "ended_at", tasks, verified
        }
    }

    public struct InspectionInfo: Codable, Sendable {
        public var id: Int64
        public var phase: PhaseKey
        public var inspector: PersonID
        public var at: Date
        public var finding: String
        public var orderedTask: Int64?

        enum CodingKeys: String, CodingKey {
            case id, phase, inspector, at, finding, orderedTask = "ordered_task"
        }
    }

    public var id: Int64
    public var village: String
    public var branch: String
    public var workflow: WorkflowInfo
    public var calendar: String?
    public var start: LocalDate
    public var state: String
    public var stateTitle: String
    public var profile: VillageProfile
    public var problems: [Problem]
    public var goals: [GoalInfo]
    public var bindings: [Binding]
    public var phases: [PhaseInfo]
    public var inspections: [InspectionInfo]
    public var tasks: [TaskSummary]

    enum CodingKeys: String, CodingKey {
        case id, village, branch, workflow, calendar, start, state, stateTitle = "state_title", profile, problems, goals
        case bindings, phases, inspections, tasks
    }
}

/// A line of `task list`.
public struct TaskSummary: Codable, Sendable {
    public var id: Int64
    public var plan: Int64
    public var village: String
    public var phase: PhaseKey
    /// The phase's title in the workflow (摸底准备阶段), for people; the key is for scripts.
    public var phaseTitle: String?
    /// The workflow's task key; absent for an inspection's order.
    public var key: TaskKey?
    public var title: String
    public var assignee: PersonID
    public var assigneeName: String
    public var state: TaskState
    public var deadline: Date
    public var overdue: Bool
    /// Working days past the deadline, for overdue tasks.
    public var workingDaysLate: Int?
    public var required: Bool
    /// Which occurrence of a recurring task it is, from 1; absent for work done once.
    public var occurrence: Int?

    enum CodingKeys: String, CodingKey {
        case id, plan, village, phase, phaseTitle = "phase_title", key, title, assignee, assigneeName = "assignee_name", state
        case deadline, overdue
        case workingDaysLate = "working_days_late", required, occurrence
    }
}

/// `task show`.
public struct TaskView: Codable, Sendable {
    public struct EvidenceInfo: Codable, Sendable {
        public var name: String
        public var sha256: String
        public var bytes: Int
    }

    public var summary: TaskSummary
    public var description: String?
    public var measure: MeasureKey?
    /// The measure's title in the workflow (强化“两委”班子), for people.
    public var measureTitle: String?
    public var responsibleRole: RoleKey
    public var verifierRole: RoleKey
    /// The roles' titles in the workflow (党支部书记), for people; the keys are for scripts.
    public var responsibleRoleTitle: String?
    public var verifierRoleTitle: String?
    public var deadlineRule: String
    public var originalDeadline: Date
    public var deadlineVersion: Int
    public var issuedAt: Date
    public var acknowledgedAt: Date?
    public var submittedAt: Date?
    public var submittedBy: PersonID?
    public var verifiedAt: Date?
    public var closedAt: Date?
    public var lastNote: String?
    public var dependsOn: [Int64]
    public var inspection: Int64?
    /// The number in its plan of the problem list's item the task puts right (`Q3` is 3).
    public var problem: Int?
    public var evidence: [EvidenceInfo]
    /// The evidence the workflow asks of the task (会议记录、签到表 …), the items of it no file
    /// handed in answers, and why they are missing as the latest submission said.
    public var evidenceAsked: [String]
    public var evidenceMissing: [String]
    public var missingReason: String?

    enum CodingKeys: String, CodingKey {
        case description, measure, responsibleRole = "responsible_role", verifierRole = "verifier_role"
        case responsibleRoleTitle = "responsible_role_title", verifierRoleTitle = "verifier_role_title"
        case measureTitle = "measure_title"
        case deadlineRule = "deadline_rule", originalDeadline = "original_deadline", deadlineVersion = "deadline_version"
        case issuedAt = "issued_at", acknowledgedAt = "acknowledged_at", submittedAt = "submitted_at"
        case submittedBy = "submitted_by", verifiedAt = "verified_at", closedAt = "closed_at", lastNote = "last_note"
        case dependsOn = "depends_on", inspection, problem, evidence
        case evidenceAsked = "evidence_asked", evidenceMissing = "evidence_missing", missingReason = "missing_reason"
    }

    /// The summary's fields and the details, side by side in one JSON object.
    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(measure, forKey: .measure)
        try container.encode(responsibleRole, forKey: .responsibleRole)
        try container.encode(verifierRole, forKey: .verifierRole)
        try container.encodeIfPresent(measureTitle, forKey: .measureTitle)
        try container.encodeIfPresent(responsibleRoleTitle, forKey: .responsibleRoleTitle)
        try container.encodeIfPresent(verifierRoleTitle, forKey: .verifierRoleTitle)
        try container.encode(deadlineRule, forKey: .deadlineRule)
        try container.encode(originalDeadline, forKey: .originalDeadline)
        try container.encode(deadlineVersion, forKey: .deadlineVersion)
        try container.encode(issuedAt, forKey: .issuedAt)
        try container.encodeIfPresent(acknowledgedAt, forKey: .acknowledgedAt)
        try container.encodeIfPresent(submittedAt, forKey: .submittedAt)
        try container.encodeIfPresent(submittedBy, forKey: .submittedBy)
        try container.encodeIfPresent(verifiedAt, forKey: .verifiedAt)
        try container.encodeIfPresent(closedAt, forKey: .closedAt)
        try container.encodeIfPresent(lastNote, forKey: .lastNote)
        try container.encode(dependsOn, forKey: .dependsOn)
        try container.encodeIfPresent(inspection, forKey: .inspection)
        try container.encodeIfPresent(problem, forKey: .problem)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(evidenceAsked, forKey: .evidenceAsked)
        try container.encode(evidenceMissing, forKey: .evidenceMissing)
        try container.encodeIfPresent(missingReason, forKey: .missingReason)
    }

    public init(from decoder: any Decoder) throws {
        summary = try TaskSummary(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        measure = try container.decodeIfPresent(MeasureKey.self, forKey: .measure)
        responsibleRole = try container.decode(RoleKey.self, forKey: .responsibleRole)
        verifierRole = try container.decode(RoleKey.self, forKey: .verifierRole)
        measureTitle = try container.decodeIfPresent(String.self, forKey: .measureTitle)
        responsibleRoleTitle = try container.decodeIfPresent(String.self, forKey: .responsibleRoleTitle)
        verifierRoleTitle = try container.decodeIfPresent(String.self, forKey: .verifierRoleTitle)
        deadlineRule = try container.decode(String.self, forKey: .deadlineRule)
        originalDeadline = try container.decode(Date.self, forKey: .originalDeadline)
        deadlineVersion = try container.decode(Int.self, forKey: .deadlineVersion)
        issuedAt = try container.decode(Date.self, forKey: .issuedAt)
        acknowledgedAt = try container.decodeIfPresent(Date.self, forKey: .acknowledgedAt)
        submittedAt = try container.decodeIfPresent(Date.self, forKey: .submittedAt)
        submittedBy = try container.decodeIfPresent(PersonID.self, forKey: .submittedBy)
        verifiedAt = try container.decodeIfPresent(Date.self, forKey: .verifiedAt)
        closedAt = try container.decodeIfPresent(Date.self, forKey: .closedAt)
        lastNote = try container.decodeIfPresent(String.self, forKey: .lastNote)
        dependsOn = try container.decode([Int64].self, forKey: .dependsOn)
        inspection = try container.decodeIfPresent(Int64.self, forKey: .inspection)
        problem = try container.decodeIfPresent(Int.self, forKey: .problem)
        evidence = try container.decode([EvidenceInfo].self, forKey: .evidence)
        evidenceAsked = try container.decodeIfPresent([String].self, forKey: .evidenceAsked) ?? []
        evidenceMissing = try container.decodeIfPresent([String].self, forKey: .evidenceMissing) ?? []
        missingReason = try container.decodeIfPresent(String.self, forKey: .missingReason)
    }

    init(
        summary: TaskSummary, row: TaskRow, workflow: Workflow?, dependsOn: [Int64], problem: Int?, evidence: [EvidenceInfo],
        missingReason: String?
    ) {
        self.problem = problem
        evidenceAsked = row.templateKey.flatMap { workflow?.task($0)?.task.evidence } ?? []
        evidenceMissing = EvidenceChecklist.missing(evidenceAsked, handedIn: evidence.map(\.name))
        self.missingReason = evidenceMissing.isEmpty ? nil : missingReason
        self.summary = summary
        description = row.description
        measure = row.measure
        responsibleRole = row.responsibleRole
        verifierRole = row.verifierRole
        measureTitle = row.measure.flatMap { key in workflow?.measures.first { $0.key == key }?.title }
        responsibleRoleTitle = workflow?.role(row.responsibleRole)?.title
        verifierRoleTitle = workflow?.role(row.verifierRole)?.title
        deadlineRule = row.deadlineRule
        originalDeadline = row.originalDeadline
        deadlineVersion = row.deadlineVersion
        issuedAt = row.issuedAt
        acknowledgedAt = row.acknowledgedAt
        submittedAt = row.submittedAt
        submittedBy = row.submittedBy
        verifiedAt = row.verifiedAt
        closedAt = row.closedAt
        lastNote = row.lastNote
        self.dependsOn = dependsOn
        inspection = row.inspectionID
        self.evidence = evidence
    }
}

/// A line of `log`.
public struct EventView: Codable, Sendable {
    public var id: Int64
    public var at: Date
    public var kind: String
    public var plan: Int64?
    public var task: Int64?
    public var actor: PersonID?
    public var caller: String
    public var details: JSONValue
    public var hash: String

    init(_ row: EventRow) {
        id = row.id
        at = row.at
        kind = row.kind
        plan = row.planID?.rawValue
        task = row.taskID?.rawValue
        actor = row.actorID
        caller = row.caller
        details = (try? JSONDecoder().decode(JSONValue.self, from: Data(row.payload.utf8))) ?? .string(row.payload)
        hash = row.hash
    }
}

/// Any JSON value, for event details.
public enum JSONValue: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as one line for a person: `key: value, key: value`.
    public var summary: String {
        switch self {
        case .null: return ""
        case .bool(let value): return value ? "yes" : "no"
        case .number(let value): return value == value.rounded() ? String(Int64(value)) : String(value)
        case .string(let value): return value
        case .array(let values): return values.map(\.summary).joined(separator: ", ")
        case .object(let fields):
            return fields.sorted { $0.key < $1.key }.filter { $0.value != .null }.map { "\($0.key): \($0.value.summary)" }.joined(
                separator: "; ")
        }
    }
}

/// What a plan command did.
public struct PlanOutcome: Codable, Sendable {
    public var plan: Int64
    public var from: String
    public var to: String
    /// The two states as people read them: a phase by its title, otherwise nil (the state's
    /// word in the reader's language says it).
    public var fromTitle: String?
    public var toTitle: String?
    public var event: String
    /// Tasks issued as a phase started.
    public var issued: [TaskSummary]
    public var warnings: [Message]
}

/// What a task command did.
public struct TaskOutcome: Codable, Sendable {
    public var event: String
    public var task: TaskView
    public var warnings: [Message]
}

/// What an inspection recorded.
public struct InspectionOutcome: Codable, Sendable {
    public var inspection: Int64
    public var plan: Int64
    public var phase: PhaseKey
    public var phaseTitle: String?
    public var finding: String
    public var ordered: TaskSummary?
    /// The standing duty it counts towards, by its title (随机检查督导).
    public var duty: String?
    /// The items of the problem list it sent back to work (`Q2`).
    public var reopened: [String] = []
    /// Whether it put the plan back under watch (反弹).
    public var rebounded = false
    public var warnings: [Message]
}
