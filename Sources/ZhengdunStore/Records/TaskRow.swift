import Foundation
import GRDB
import ZhengdunCore

/// A task issued under a plan: a line of the workflow's task list given to a person at a phase
/// start, or a rectification an inspection ordered.
public struct TaskRow: Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
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
    /// When the current deadline was set (issue, return or extension).
    public var deadlineSetAt: Date
    public var issuedAt: Date
    /// When the current assignee received it.
    public var assignedAt: Date
    /// Raised by each reassignment, so the new assignee's acknowledgement reminder is new.
    public var assignmentVersion: Int
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
        deadlineSetAt = issuedAt
        self.issuedAt = issuedAt
        assignedAt = issuedAt
        assignmentVersion = 1
    }

    /// The columns, in the order `init(row:)` reads them; every query for tasks selects these.
    public static let columns = ["id", "plan_id", "phase", "template_key", "inspection_id", "title", "description", "measure",
                                 "responsible_role", "verifier_role", "required", "assignee_id", "state", "deadline_rule", "deadline",
                                 "original_deadline", "deadline_version", "deadline_set_at", "issued_at", "assigned_at",
                                 "assignment_version", "acknowledged_at", "submitted_at", "submitted_by", "verified_at", "closed_at",
                                 "last_note"]
    public static var databaseSelection: [any SQLSelectable] { columns.map { Column($0) } }
    static let select = "SELECT " + columns.map { "task." + $0 }.joined(separator: ", ") + " FROM task"

    public init(row: Row) {
        self.init(columns: row)
    }

    /// Reads the columns in `columns` order, from GRDB or straight from SQLite.
    init(columns row: some ColumnReader) {
        id = row.integer(0).map { TaskID($0) }
        planID = PlanID(row.integer(1)!)
        phase = PhaseKey(row.text(2)!)
        templateKey = row.text(3).map { TaskKey($0) }
        inspectionID = row.integer(4)
        title = row.text(5)!
        description = row.text(6)
        measure = row.text(7).map { MeasureKey($0) }
        responsibleRole = RoleKey(row.text(8)!)
        verifierRole = RoleKey(row.text(9)!)
        required = row.integer(10)! != 0
        assigneeID = PersonID(row.text(11)!)
        state = TaskState(rawValue: row.text(12)!)!
        deadlineRule = row.text(13)!
        deadline = Millis.date(row.integer(14)!)
        originalDeadline = Millis.date(row.integer(15)!)
        deadlineVersion = Int(row.integer(16)!)
        deadlineSetAt = Millis.date(row.integer(17)!)
        issuedAt = Millis.date(row.integer(18)!)
        assignedAt = Millis.date(row.integer(19)!)
        assignmentVersion = Int(row.integer(20)!)
        acknowledgedAt = row.integer(21).map(Millis.date)
        submittedAt = row.integer(22).map(Millis.date)
        submittedBy = row.text(23).map { PersonID($0) }
        verifiedAt = row.integer(24).map(Millis.date)
        closedAt = row.integer(25).map(Millis.date)
        lastNote = row.text(26)
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["plan_id"] = planID
        container["phase"] = phase
        container["template_key"] = templateKey
        container["inspection_id"] = inspectionID
        container["title"] = title
        container["description"] = description
        container["measure"] = measure
        container["responsible_role"] = responsibleRole
        container["verifier_role"] = verifierRole
        container["required"] = required
        container["assignee_id"] = assigneeID
        container["state"] = state
        container["deadline_rule"] = deadlineRule
        container["deadline"] = Millis.from(deadline)
        container["original_deadline"] = Millis.from(originalDeadline)
        container["deadline_version"] = deadlineVersion
        container["deadline_set_at"] = Millis.from(deadlineSetAt)
        container["issued_at"] = Millis.from(issuedAt)
        container["assigned_at"] = Millis.from(assignedAt)
        container["assignment_version"] = assignmentVersion
        container["acknowledged_at"] = acknowledgedAt.map(Millis.from)
        container["submitted_at"] = submittedAt.map(Millis.from)
        container["submitted_by"] = submittedBy
        container["verified_at"] = verifiedAt.map(Millis.from)
        container["closed_at"] = closedAt.map(Millis.from)
        container["last_note"] = lastNote
    }

    public enum Columns {
        public static let planID = Column("plan_id")
        public static let phase = Column("phase")
        public static let assigneeID = Column("assignee_id")
        public static let state = Column("state")
        public static let deadline = Column("deadline")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = TaskID(inserted.rowID)
    }

    /// `T12`, as people see it.
    public var label: String { "T\(id?.rawValue ?? 0)" }

    /// The task as the notice schedule sees it.
    public var scheduled: ScheduledTask {
        ScheduledTask(id: id!, plan: planID, state: state, assignedAt: assignedAt, assignmentVersion: assignmentVersion,
                      deadline: deadline, deadlineVersion: deadlineVersion, deadlineSetAt: deadlineSetAt)
    }
}
