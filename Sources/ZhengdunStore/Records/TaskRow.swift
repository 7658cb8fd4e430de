import Foundation
import GRDB
import ZhengdunCore

/// A task issued under a plan: a line of the workflow's task list given to a person at a phase
/// start, or a rectification an inspection ordered.
public struct TaskRow: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord, MillisecondDates {
    public static let databaseTableName = "task"

    public var id: TaskID?
    public var planID: PlanID
    public var phase: PhaseKey
    /// The workflow's task key; nil for an inspection's order.
    public var templateKey: TaskKey?
    public var inspectionID: Int64?
    public var title: String
    public var description: String?
    public var measure: MeasureKey?
    public var responsibleRole: RoleKey
    public var verifierRole: RoleKey
    public var required: Bool
    public var assigneeID: PersonID
    public var state: TaskState
    public var deadlineRule: String
    public var deadline: Date
    /// The deadline it was issued with; extensions never change it.
    public var originalDeadline: Date
    public var deadlineVersion: Int
    public var issuedAt: Date
    public var acknowledgedAt: Date?
    public var submittedAt: Date?
    public var submittedBy: PersonID?
    public var verifiedAt: Date?
    /// When it was verified or cancelled.
    public var closedAt: Date?
    public var lastNote: String?

    public init(planID: PlanID, phase: PhaseKey, templateKey: TaskKey?, inspectionID: Int64?, title: String,
                description: String?, measure: MeasureKey?, responsibleRole: RoleKey, verifierRole: RoleKey,
                required: Bool, assigneeID: PersonID, deadlineRule: String, deadline: Date, issuedAt: Date) {
        self.planID = planID
        self.phase = phase
        self.templateKey = templateKey
        self.inspectionID = inspectionID
        self.title = title
        self.description = description
        self.measure = measure
        self.responsibleRole = responsibleRole
        self.verifierRole = verifierRole
        self.required = required
        self.assigneeID = assigneeID
        state = .issued
        self.deadlineRule = deadlineRule
        self.deadline = deadline
        originalDeadline = deadline
        deadlineVersion = 1
        self.issuedAt = issuedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, planID = "plan_id", phase, templateKey = "template_key", inspectionID = "inspection_id"
        case title, description, measure, responsibleRole = "responsible_role", verifierRole = "verifier_role"
        case required, assigneeID = "assignee_id", state, deadlineRule = "deadline_rule", deadline
        case originalDeadline = "original_deadline", deadlineVersion = "deadline_version", issuedAt = "issued_at"
        case acknowledgedAt = "acknowledged_at", submittedAt = "submitted_at", submittedBy = "submitted_by"
        case verifiedAt = "verified_at", closedAt = "closed_at", lastNote = "last_note"
    }

    public enum Columns {
        public static let planID = Column(CodingKeys.planID)
        public static let phase = Column(CodingKeys.phase)
        public static let assigneeID = Column(CodingKeys.assigneeID)
        public static let state = Column(CodingKeys.state)
        public static let deadline = Column(CodingKeys.deadline)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = TaskID(inserted.rowID)
    }

    /// `T12`, as people see it.
    public var label: String { "T\(id?.rawValue ?? 0)" }
}

/// That a task may be submitted only once another is verified.
public struct TaskDependencyRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "task_dependency"

    public var taskID: TaskID
    public var dependsOnID: TaskID

    public init(taskID: TaskID, dependsOnID: TaskID) {
        self.taskID = taskID
        self.dependsOnID = dependsOnID
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id", dependsOnID = "depends_on_id"
    }
}

/// An inspection (督查) and what it found.
public struct InspectionRow: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord, MillisecondDates {
    public static let databaseTableName = "inspection"

    public var id: Int64?
    public var planID: PlanID
    public var phase: PhaseKey
    public var inspectorID: PersonID
    public var at: Date
    public var finding: String
    public var ordersRectification: Bool

    public init(planID: PlanID, phase: PhaseKey, inspectorID: PersonID, at: Date, finding: String, ordersRectification: Bool) {
        self.planID = planID
        self.phase = phase
        self.inspectorID = inspectorID
        self.at = at
        self.finding = finding
        self.ordersRectification = ordersRectification
    }

    enum CodingKeys: String, CodingKey {
        case id, planID = "plan_id", phase, inspectorID = "inspector_id", at, finding
        case ordersRectification = "orders_rectification"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A file handed in with a submission, stored once under its SHA-256.
public struct EvidenceRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "evidence"

    public var sha256: String
    public var bytes: Int
    public var content: Data

    public init(content: Data) {
        sha256 = SHA256.hex(content)
        bytes = content.count
        self.content = content
    }
}

/// Which evidence a submission carried, under the name it was handed in with.
public struct TaskEvidenceRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "task_evidence"

    public var eventID: Int64
    public var taskID: TaskID
    public var sha256: String
    public var name: String

    public init(eventID: Int64, taskID: TaskID, sha256: String, name: String) {
        self.eventID = eventID
        self.taskID = taskID
        self.sha256 = sha256
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", taskID = "task_id", sha256, name
    }
}
