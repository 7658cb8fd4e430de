import Foundation
import GRDB
import ZhengdunCore

/// A task issued under a plan: a line of the workflow's task list given to a person at a phase
/// start, a rectification an inspection ordered, or an item of the problem list handed over.
public struct TaskRow: Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "task"

    public var id: TaskID?
    public var planID: PlanID
    public var phase: PhaseKey
    /// The workflow's task key; nil for an inspection's order and a problem's rectification.
    public var templateKey: TaskKey?
    public var inspectionID: Int64?
    /// The item of the problem list (问题清单) the task puts right.
    public var problemID: Int64?
    public var title: String
    public var description: String?
    public var measure: MeasureKey?
    public var responsibleRole: RoleKey
    public var required: Bool
    public var deadlineRule: String
    /// The deadline it was issued with; extensions never change it.
    public var originalDeadline: Date
    public var issuedAt: Date
    /// Which occurrence of a recurring task it is (from 1); nil for work done once.
    public var occurrence: Int?
    /// What the task machine decides on and moves: a transition's `after` is written back whole.
    public var facts: TaskFacts

    public init(
        planID: PlanID, phase: PhaseKey, templateKey: TaskKey?, inspectionID: Int64?, title: String,
        description: String?, measure: MeasureKey?, responsibleRole: RoleKey, verifierRole: RoleKey,
        required: Bool, assigneeID: PersonID, deadlineRule: String, deadline: Date, issuedAt: Date, problemID: Int64? = nil,
        occurrence: Int? = nil
    ) {
        self.occurrence = occurrence
        self.problemID = problemID
        self.planID = planID
        self.phase = phase
        self.templateKey = templateKey
        self.inspectionID = inspectionID
        self.title = title
        self.description = description
        self.measure = measure
        self.responsibleRole = responsibleRole
        self.required = required
        self.deadlineRule = deadlineRule
        originalDeadline = deadline
        self.issuedAt = issuedAt
        facts = TaskFacts(
            state: .issued, assignee: assigneeID, verifier: verifierRole, deadline: deadline,
            steps: TaskSteps(issuedAt: issuedAt))
    }

    public var state: TaskState {
        get { facts.state }
        set { facts.state = newValue }
    }
    public var assigneeID: PersonID {
        get { facts.assignee }
        set { facts.assignee = newValue }
    }
    public var verifierRole: RoleKey { facts.verifier }
    public var deadline: Date { facts.deadline }
    public var deadlineVersion: Int { facts.deadlineVersion }
    public var submittedBy: PersonID? { facts.submittedBy }
    public var deadlineSetAt: Date { facts.steps.deadlineSetAt }
    public var assignedAt: Date { facts.steps.assignedAt }
    public var assignmentVersion: Int { facts.steps.assignmentVersion }
    public var acknowledgedAt: Date? { facts.steps.acknowledgedAt }
    public var submittedAt: Date? { facts.steps.submittedAt }
    public var verifiedAt: Date? { facts.steps.verifiedAt }
    public var closedAt: Date? { facts.steps.closedAt }
    public var lastNote: String? { facts.steps.lastNote }

    /// The columns, in the order `init(row:)` reads them; every query for tasks selects these.
    public static let columns = [
        "id", "plan_id", "phase", "template_key", "inspection_id", "title", "description", "measure",
        "responsible_role", "verifier_role", "required", "assignee_id", "state", "deadline_rule", "deadline",
        "original_deadline", "deadline_version", "deadline_set_at", "issued_at", "assigned_at",
        "assignment_version", "acknowledged_at", "submitted_at", "submitted_by", "verified_at", "closed_at",
        "last_note", "problem_id", "occurrence",
    ]
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
        problemID = row.integer(27)
        occurrence = row.integer(28).flatMap { $0 == 0 ? nil : Int($0) }
        title = row.text(5)!
        description = row.text(6)
        measure = row.text(7).map { MeasureKey($0) }
        responsibleRole = RoleKey(row.text(8)!)
        required = row.integer(10)! != 0
        deadlineRule = row.text(13)!
        originalDeadline = Millis.date(row.integer(15)!)
        issuedAt = Millis.date(row.integer(18)!)
        let steps = TaskSteps(
            deadlineSetAt: Millis.date(row.integer(17)!), assignedAt: Millis.date(row.integer(19)!),
            assignmentVersion: Int(row.integer(20)!), acknowledgedAt: row.integer(21).map(Millis.date),
            submittedAt: row.integer(22).map(Millis.date), verifiedAt: row.integer(24).map(Millis.date),
            closedAt: row.integer(25).map(Millis.date), lastNote: row.text(26))
        facts = TaskFacts(
            state: TaskState(rawValue: row.text(12)!)!, assignee: PersonID(row.text(11)!), verifier: RoleKey(row.text(9)!),
            deadline: Millis.date(row.integer(14)!), deadlineVersion: Int(row.integer(16)!),
            submittedBy: row.text(23).map { PersonID($0) }, steps: steps)
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
        container["problem_id"] = problemID
        container["occurrence"] = occurrence ?? 0
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
        ScheduledTask(
            id: id!, plan: planID, state: state, assignedAt: assignedAt, assignmentVersion: assignmentVersion,
            deadline: deadline, deadlineVersion: deadlineVersion, deadlineSetAt: deadlineSetAt)
    }
}
