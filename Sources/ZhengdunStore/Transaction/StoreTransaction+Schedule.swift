import Foundation
import GRDB
import ZhengdunCore

extension StoreTransaction {
    // MARK: Timers

    /// Replaces a task's timers with `notices`, leaving out any already in the ledger: a
    /// notice recorded once is never planned again.
    public func replaceTimers(of task: TaskID, with notices: [PlannedNotice]) throws {
        try db.execute(sql: "DELETE FROM timer WHERE task_id = ?", arguments: [task])
        for notice in notices { try insertTimer(notice) }
    }

    /// Plans a notice unless it is planned or recorded already.
    public func insertTimer(_ notice: PlannedNotice) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO timer (key, due_at, kind, plan_id, task_id, level, offset)
            SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM notice WHERE key = ?)
            """, arguments: [notice.key, Millis.from(notice.dueAt), notice.kind.rawValue, notice.plan, notice.task, notice.level,
                             notice.offset?.description, notice.key])
    }

    /// The instant the earliest notice falls due (an index lookup).
    public func nextDue() throws -> Date? {
        try Int64.fetchOne(db, sql: "SELECT min(due_at) FROM timer").map(Millis.date)
    }

    /// Notices due at `now`, oldest first.
    public func dueTimers(at now: Date, limit: Int) throws -> [PlannedNotice] {
        try Row.fetchAll(db, sql: "SELECT * FROM timer WHERE due_at <= ? ORDER BY due_at, key LIMIT ?",
                         arguments: [Millis.from(now), limit]).map(Self.planned)
    }

    public func timers(of task: TaskID) throws -> [PlannedNotice] {
        try Row.fetchAll(db, sql: "SELECT * FROM timer WHERE task_id = ? ORDER BY due_at, key", arguments: [task]).map(Self.planned)
    }

    public func timerCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM timer") ?? 0
    }

    public func deleteTimer(_ key: String) throws {
        try db.execute(sql: "DELETE FROM timer WHERE key = ?", arguments: [key])
    }

    private static func planned(_ row: Row) -> PlannedNotice {
        PlannedNotice(key: row["key"], kind: NoticeKind(rawValue: row["kind"]) ?? .circular, plan: row["plan_id"], task: row["task_id"],
                      dueAt: Millis.date(row["due_at"]), level: row["level"],
                      offset: (row["offset"] as String?).flatMap { try? CalendarSpan.parse($0) })
    }

    // MARK: The ledger

    /// Records a notice; a key recorded before is refused by the schema.
    public func record(_ notice: NoticeRow) throws {
        try notice.insert(db)
    }

    public func isRecorded(_ key: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM notice WHERE key = ?)", arguments: [key]) ?? false
    }

    public func notices(plan: PlanID? = nil, task: TaskID? = nil) throws -> [NoticeRow] {
        var request = NoticeRow.all()
        if let plan { request = request.filter(Column("plan_id") == plan) }
        if let task { request = request.filter(Column("task_id") == task) }
        return try request.order(Column("recorded_at"), Column("due_at"), Column("key")).fetchAll(db)
    }

    // MARK: The outbox

    public func enqueue(_ message: OutboxRow) throws -> OutboxRow {
        var message = message
        try message.insert(db)
        return message
    }

    /// Messages whose next try is due, oldest first.
    public func deliverable(at now: Date, limit: Int) throws -> [OutboxRow] {
        try OutboxRow.filter(sql: "state = 'queued' AND next_attempt_at <= ?", arguments: [Millis.from(now)])
            .order(Column("id")).limit(limit).fetchAll(db)
    }

    public func outbox(states: Set<OutboxRow.State>, limit: Int? = nil) throws -> [OutboxRow] {
        var request = OutboxRow.filter(states.map(\.rawValue).contains(Column("state"))).order(Column("id"))
        if let limit { request = request.limit(limit) }
        return try request.fetchAll(db)
    }

    public func outboxMessage(_ id: Int64) throws -> OutboxRow? {
        try OutboxRow.fetchOne(db, key: id)
    }

    public func update(_ message: OutboxRow) throws {
        try message.update(db)
    }

    public func outboxCounts() throws -> [OutboxRow.State: Int] {
        let rows = try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM outbox GROUP BY state")
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in OutboxRow.State(rawValue: row["state"]).map { ($0, row["n"] as Int) } })
    }
}
