import Foundation
import GRDB
import ZhengdunCore

/// Which tasks a listing wants.
public struct TaskFilter: Sendable {
    public var plan: PlanID?
    /// Only the tasks of this campaign's plans.
    public var campaign: CampaignID?
    public var phase: PhaseKey?
    public var assignee: PersonID?
    public var states: Set<TaskState>?
    /// Only tasks whose deadline is before this instant.
    public var deadlineBefore: Date?

    public init(
        plan: PlanID? = nil, campaign: CampaignID? = nil, phase: PhaseKey? = nil, assignee: PersonID? = nil,
        states: Set<TaskState>? = nil, deadlineBefore: Date? = nil
    ) {
        self.plan = plan
        self.campaign = campaign
        self.phase = phase
        self.assignee = assignee
        self.states = states
        self.deadlineBefore = deadlineBefore
    }
}

extension StoreTransaction {
    public func insert(_ task: TaskRow) throws -> TaskRow {
        var task = task
        try task.insert(db)
        return task
    }

    public func update(_ task: TaskRow) throws {
        try task.update(db)
    }

    public func task(_ id: TaskID) throws -> TaskRow? {
        try one(TaskRow.self, TaskRow.select + " WHERE id = ?", [id])
    }

    public func tasks(_ filter: TaskFilter) throws -> [TaskRow] {
        // The common listings by plan, by campaign or whole, read straight into rows.
        if filter.phase == nil, filter.assignee == nil, filter.states == nil, filter.deadlineBefore == nil {
            switch (filter.plan, filter.campaign) {
            case (let plan?, nil): return try all(TaskRow.self, TaskRow.select + " WHERE plan_id = ? ORDER BY id", [plan])
            case (nil, let campaign?):
                return try all(
                    TaskRow.self, TaskRow.select + " WHERE plan_id IN (SELECT id FROM plan WHERE campaign_id = ?) ORDER BY id", [campaign])
            case (nil, nil): return try all(TaskRow.self, TaskRow.select + " ORDER BY id", [])
            default: break
            }
        }
        var request = TaskRow.all()
        if let plan = filter.plan { request = request.filter(TaskRow.Columns.planID == plan) }
        if let campaign = filter.campaign {
            request = request.filter(sql: "plan_id IN (SELECT id FROM plan WHERE campaign_id = ?)", arguments: [campaign])
        }
        if let phase = filter.phase { request = request.filter(TaskRow.Columns.phase == phase) }
        if let assignee = filter.assignee { request = request.filter(TaskRow.Columns.assigneeID == assignee) }
        if let states = filter.states { request = request.filter(states.map(\.rawValue).contains(TaskRow.Columns.state)) }
        if let before = filter.deadlineBefore { request = request.filter(TaskRow.Columns.deadline < Millis.from(before)) }
        return try request.order(Column("id")).fetchAll(db)
    }

    /// Several tasks by id, in one query.
    public func tasks(ids: [TaskID]) throws -> [TaskID: TaskRow] {
        guard !ids.isEmpty else { return [:] }
        let list = FastStatement.list(ids.count)
        return try FastStatement(db, TaskRow.select + " WHERE id IN (\(list.marks))")
            .rows(ids.map { .integer($0.rawValue) } + list.padding, by: { $0.id! }, TaskRow.init(columns:))
    }

    /// The task a plan issued for a workflow task key.
    public func task(plan: PlanID, templateKey: TaskKey) throws -> TaskRow? {
        try TaskRow.filter(TaskRow.Columns.planID == plan && Column("template_key") == templateKey && Column("occurrence") == 0).fetchOne(
            db)
    }

    public func addDependency(of task: TaskID, on other: TaskID) throws {
        try TaskDependencyRow(taskID: task, dependsOnID: other).insert(db)
    }

    /// The tasks `task` waits for.
    public func dependencies(of task: TaskID) throws -> [TaskRow] {
        try all(
            TaskRow.self,
            TaskRow.select + """
                 JOIN task_dependency ON task.id = task_dependency.depends_on_id
                WHERE task_dependency.task_id = ? ORDER BY task.id
                """, [task])
    }

    /// How many tasks each plan holds in each state.
    public func taskCounts() throws -> [PlanID: [TaskState: Int]] {
        let rows = try Row.fetchAll(db, sql: "SELECT plan_id, state, count(*) AS n FROM task GROUP BY plan_id, state")
        var counts: [PlanID: [TaskState: Int]] = [:]
        for row in rows {
            guard let state = TaskState(rawValue: row["state"]) else { continue }
            counts[PlanID(row["plan_id"] as Int64), default: [:]][state] = row["n"]
        }
        return counts
    }

    /// How many tasks awaiting their assignee are past their deadline, per plan.
    public func overdueCounts(at instant: Date) throws -> [PlanID: Int] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT plan_id, count(*) AS n FROM task
                WHERE state IN ('issued', 'acknowledged', 'returned') AND deadline < ? GROUP BY plan_id
                """, arguments: [Millis.from(instant)])
        return Dictionary(uniqueKeysWithValues: rows.map { (PlanID($0["plan_id"] as Int64), $0["n"] as Int) })
    }

    // MARK: Evidence

    /// Stores a file under its SHA-256 (once, however often it is handed in).
    public func store(evidence content: Data) throws -> EvidenceRow {
        let row = EvidenceRow(content: content)
        try db.execute(
            sql: "INSERT OR IGNORE INTO evidence (sha256, bytes, content) VALUES (?, ?, ?)",
            arguments: [row.sha256, row.bytes, row.content])
        return row
    }

    public func attach(_ evidence: TaskEvidenceRow) throws {
        try evidence.insert(db)
    }

    /// The evidence handed in with a task, oldest first, with sizes.
    public func evidence(of task: TaskID) throws -> [(name: String, sha256: String, bytes: Int, eventID: Int64)] {
        try evidence(of: [task])[task] ?? []
    }

    /// The evidence handed in with each of several tasks, oldest first, a few hundred tasks to a query.
    public func evidence(of tasks: [TaskID]) throws -> [TaskID: [(name: String, sha256: String, bytes: Int, eventID: Int64)]] {
        var files: [TaskID: [(name: String, sha256: String, bytes: Int, eventID: Int64)]] = [:]
        for part in Self.parts(tasks) {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT task_evidence.task_id, task_evidence.name, task_evidence.sha256, evidence.bytes, task_evidence.event_id
                    FROM task_evidence JOIN evidence ON evidence.sha256 = task_evidence.sha256
                    WHERE task_evidence.task_id IN (\(part.map { _ in "?" }.joined(separator: ",")))
                    ORDER BY task_evidence.event_id, task_evidence.name
                    """, arguments: StatementArguments(part.map(\.rawValue)))
            for row in rows {
                files[TaskID(row["task_id"] as Int64), default: []].append((row["name"], row["sha256"], row["bytes"], row["event_id"]))
            }
        }
        return files
    }

    /// The names of the files handed in with each task of `plans`, oldest first.
    public func evidenceNames(plans: [PlanID]) throws -> [TaskID: [String]] {
        guard !plans.isEmpty else { return [:] }
        let marks = plans.map { _ in "?" }.joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT task_evidence.task_id, task_evidence.name FROM task_evidence JOIN task ON task.id = task_evidence.task_id"
                + " WHERE task.plan_id IN (\(marks)) ORDER BY task_evidence.event_id, task_evidence.name",
            arguments: StatementArguments(plans.map(\.rawValue)))
        var names: [TaskID: [String]] = [:]
        for row in rows { names[TaskID(row["task_id"] as Int64), default: []].append(row["name"]) }
        return names
    }

    public func evidenceContent(_ sha256: String) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT content FROM evidence WHERE sha256 = ?", arguments: [sha256])
    }
}
