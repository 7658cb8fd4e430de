import Foundation
import GRDB
import ZhengdunCore

extension StoreTransaction {
    // MARK: Timers

    // A timer is pending until its notice is in the ledger. A pass records what it sends and
    // leaves those timers spent in place: deleting them one by one, most on a leaf of the table
    // of their own, cost a burst of 10,000 on the database of 1.6 million about a fifth of its
    // time (BENCHMARKS.md). They are swept later, in a transaction of their own
    // (`sweepSpentTimers`); every read below passes over them meanwhile.

    /// The condition a timer row meets once its notice is recorded.
    static let spent = "EXISTS (SELECT 1 FROM notice WHERE notice.key = timer.key)"
    /// The condition a timer row meets while its notice is not recorded.
    static let pending = "NOT " + spent

    /// Replaces a task's timers with `notices`, leaving out any already in the ledger: a
    /// notice recorded once is never planned again.
    public func replaceTimers(of task: TaskID, with notices: [PlannedNotice]) throws {
        let keys = Self.keys(of: task)
        // The changes announced stay: they are not planned from the deadline, and tell what happened.
        try run("DELETE FROM timer WHERE key >= ? AND key < ? AND kind IN (\(Self.plannedKinds))", [keys.from, keys.to])
        for notice in notices { try insertTimer(notice) }
    }

    /// `NoticeKind.planned` as an SQL list: `'acknowledge', 'escalation', 'reminder'`.
    private static let plannedKinds = NoticeKind.planned.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")

    /// The keys of a task's timers, as one stretch of the table: from its prefix (`T12.`) up to
    /// the prefix with its dot moved on by one (`T12/`), between which no other task's keys fall.
    static func keys(of task: TaskID) -> (from: String, to: String) {
        let prefix = PlannedNotice.keyPrefix(of: task)
        return (prefix, prefix.dropLast() + "/")
    }

    /// Plans a notice unless it is planned or recorded already.
    public func insertTimer(_ notice: PlannedNotice) throws {
        try FastStatement(
            db,
            """
            INSERT OR IGNORE INTO timer (key, due_at, kind, plan_id, task_id, level, offset)
            SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM notice WHERE key = ?)
            """
        ).execute([
            .text(notice.key), .integer(Millis.from(notice.dueAt)), .text(notice.kind.rawValue), .integer(notice.plan?.rawValue),
            .integer(notice.task?.rawValue), .integer(notice.level), .text(notice.offset?.description), .text(notice.key),
        ])
    }

    /// The instant the earliest pending notice falls due: the first entry of the due index, unless
    /// spent timers are still to be swept.
    public func nextDue() throws -> Date? {
        let notice = try Int64.fetchOne(try db.cachedStatement(sql: Self.nextDueQuery)).map(Millis.date)
        // Work the scheduler issues later (an occurrence, a look back) wakes it too.
        guard let work = try nextScheduledWork() else { return notice }
        return notice.map { min($0, work) } ?? work
    }

    static let nextDueQuery = "SELECT due_at FROM timer WHERE \(pending) ORDER BY due_at, key LIMIT 1"

    /// The earliest pending notices due at `now`, oldest first, after `position` (a place in
    /// (due_at, key) order) when given: a pass reads its batches one after the other.
    public func dueTimers(at now: Date, limit: Int, after position: PlannedNotice? = nil) throws -> [PlannedNotice] {
        try FastStatement(db, Self.dueTimersQuery).rows(
            [
                .integer(Millis.from(now)), .integer(position.map { Millis.from($0.dueAt) } ?? Int64.min),
                .text(position?.key ?? ""), .integer(limit),
            ], Self.planned)
    }

    /// Read along the `timer_due` index alone, which holds every column (migration v7).
    static let dueTimersQuery = """
        SELECT key, due_at, kind, plan_id, task_id, level, offset FROM timer
        WHERE due_at <= ? AND (due_at, key) > (?, ?) AND \(pending) ORDER BY due_at, key LIMIT ?
        """

    /// Whether any timer is due at `now` after `position` in (due_at, key) order.
    public func isDue(at now: Date, after position: PlannedNotice) throws -> Bool {
        try FastStatement(db, Self.isDueQuery).rows([
            .integer(Millis.from(now)), .integer(Millis.from(position.dueAt)), .text(position.key),
        ]) { _ in true }.first ?? false
    }

    static let isDueQuery = "SELECT 1 FROM timer WHERE due_at <= ? AND (due_at, key) > (?, ?) LIMIT 1"

    /// The pending timers of several tasks due at `now` that come after `last` in (due_at, key)
    /// order: those a batch of `dueTimers(at:limit:)` ending at `last` did not reach. Each task's
    /// are read from its stretch of keys.
    public func dueTimers(of tasks: [TaskID], at now: Date, after last: PlannedNotice) throws -> [PlannedNotice] {
        let statement = try FastStatement(db, Self.laterDueTimersQuery)
        var timers: [PlannedNotice] = []
        for task in tasks {
            let keys = Self.keys(of: task)
            timers += try statement.rows(
                [.text(keys.from), .text(keys.to), .integer(Millis.from(now)), .integer(Millis.from(last.dueAt)), .text(last.key)],
                Self.planned)
        }
        return timers.sorted { ($0.dueAt, $0.key) < ($1.dueAt, $1.key) }
    }

    /// A task's pending timers due after a point in (due_at, key) order, read along its stretch of
    /// keys. (`+due_at` keeps SQLite from reading the whole due stretch along the due index instead.)
    static let laterDueTimersQuery = """
        SELECT key, due_at, kind, plan_id, task_id, level, offset FROM timer
        WHERE key >= ? AND key < ? AND +due_at <= ? AND (+due_at, key) > (?, ?) AND \(pending)
        """

    /// A task's pending timers.
    public func timers(of task: TaskID) throws -> [PlannedNotice] {
        let keys = Self.keys(of: task)
        return try FastStatement(db, Self.taskTimersQuery).rows([.text(keys.from), .text(keys.to)], Self.planned)
    }

    /// Along the task's stretch of keys, then sorted: a task plans a handful.
    static let taskTimersQuery = """
        SELECT key, due_at, kind, plan_id, task_id, level, offset FROM timer WHERE key >= ? AND key < ? AND \(pending) ORDER BY due_at, key
        """

    /// How many notices are pending.
    public func timerCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM timer WHERE \(Self.pending)") ?? 0
    }

    /// Deletes the timers whose notices are recorded, of those due at `now`; returns how many.
    /// Every spent timer fell due by the pass that spent it.
    @discardableResult
    public func sweepSpentTimers(through now: Date) throws -> Int {
        try run(Self.sweepQuery, [Millis.from(now)])
        return db.changesCount
    }

    /// Along the `timer_due` index.
    static let sweepQuery = "DELETE FROM timer WHERE due_at <= ? AND \(spent)"

    public func deleteTimer(_ key: String) throws {
        try run("DELETE FROM timer WHERE key = ?", [key])
    }

    /// A timer row, selected as `key, due_at, kind, plan_id, task_id, level, offset`.
    private static func planned(_ row: FastStatement.Columns) -> PlannedNotice {
        PlannedNotice(
            key: row.text(0) ?? "", kind: row.text(2).flatMap(NoticeKind.init(rawValue:)) ?? .circular,
            plan: row.integer(3).map(PlanID.init),
            task: row.integer(4).map(TaskID.init), dueAt: Millis.date(row.integer(1) ?? 0), level: row.integer(5).map { Int($0) },
            offset: row.text(6).flatMap { try? CalendarSpan.parse($0) })
    }

    // MARK: The ledger

    /// Records notices, in order; a key recorded before is refused by the schema.
    public func record(_ notices: [NoticeRow]) throws {
        try FastStatement.insert(
            db, into: "notice (key, kind, plan_id, task_id, level, due_at, recorded_at, late, folded_into, details)",
            notices.map { notice in
                [
                    .text(notice.key), .text(notice.kind.rawValue), .integer(notice.planID?.rawValue), .integer(notice.taskID?.rawValue),
                    .integer(notice.level),
                    .integer(Millis.from(notice.dueAt)), .integer(Millis.from(notice.recordedAt)), .bool(notice.late),
                    .text(notice.foldedInto), .text(notice.details),
                ]
            })
    }

    public func isRecorded(_ key: String) throws -> Bool {
        try Bool.fetchOne(try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM notice WHERE key = ?)"), arguments: [key]) ?? false
    }

    /// Whether a circular (通报) covering `plan` was recorded at or after `instant`. A circular
    /// names every task of the plans it covers late when it is recorded, so a task whose
    /// escalation fell due by then has been named already. A numbered circular may cover several
    /// plans (`circular_plan`); one recorded before circulars were numbered covered its notice's.
    public func circularRecorded(plan: PlanID, since instant: Date) throws -> Bool {
        try Bool.fetchOne(
            try db.cachedStatement(
                sql: """
                    SELECT EXISTS (SELECT 1 FROM notice WHERE plan_id = ?1 AND kind = 'circular' AND recorded_at >= ?2)
                        OR EXISTS (SELECT 1 FROM circular_plan JOIN circular ON circular.id = circular_plan.circular_id
                                   WHERE circular_plan.plan_id = ?1 AND circular.issued_at >= ?2)
                    """),
            arguments: [plan.rawValue, Millis.from(instant)]) ?? false
    }

    /// The highest escalation level (督办) sent so far for each task of `plans` that has had one,
    /// under any of its deadlines. A notice folded into another is left out: the one sent for a
    /// batch is always its highest level.
    public func escalationLevelsSent(plans: [PlanID]) throws -> [TaskID: Int] {
        guard !plans.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: plans.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT task_id, max(level) FROM notice
                WHERE kind = 'escalation' AND folded_into IS NULL AND task_id IS NOT NULL AND plan_id IN (\(marks))
                GROUP BY task_id
                """, arguments: StatementArguments(plans.map(\.rawValue)))
        return Dictionary(uniqueKeysWithValues: rows.map { (TaskID($0[0] as Int64), $0[1] as Int) })
    }

    public func notices(plan: PlanID? = nil, task: TaskID? = nil) throws -> [NoticeRow] {
        var request = NoticeRow.all()
        if let plan { request = request.filter(Column("plan_id") == plan) }
        if let task { request = request.filter(Column("task_id") == task) }
        return try request.order(Column("recorded_at"), Column("due_at"), Column("key")).fetchAll(db)
    }

    // MARK: The outbox

    /// Queues messages, in order.
    public func enqueue(_ messages: [OutboxRow]) throws {
        try FastStatement.insert(
            db,
            into: "outbox (notice_key, person_id, address, cc, subject, message, state, attempts, next_attempt_at, created_at, message_id)",
            messages.map { message in
                [
                    .text(message.noticeKey), .text(message.personID?.rawValue), .text(message.address),
                    .text(message.cc.isEmpty ? nil : message.cc.joined(separator: ", ")), .text(message.subject),
                    .blob(message.message),
                    .text(message.state.rawValue), .integer(message.attempts), .integer(Millis.from(message.nextAttemptAt)),
                    .integer(Millis.from(message.createdAt)), .text(message.messageID),
                ]
            })
    }

    /// When the next queued message is to be tried.
    public func nextDelivery() throws -> Date? {
        try Int64.fetchOne(try db.cachedStatement(sql: Self.nextDeliveryQuery)).map(Millis.date)
    }

    static let nextDeliveryQuery = "SELECT min(next_attempt_at) FROM outbox INDEXED BY outbox_queued WHERE state = 'queued'"

    /// Messages whose next try is due, the longest waiting first (in a burst, all due at one
    /// instant, in the order they were queued).
    public func deliverable(at now: Date, limit: Int) throws -> [OutboxRow] {
        try OutboxRow.fetchAll(try db.cachedStatement(sql: Self.deliverableQuery), arguments: [Millis.from(now), limit])
    }

    /// Walks the queued messages' index, which the sent rows are not in: in id order SQLite
    /// scanned the whole table, every sent message of the past, for each batch.
    static let deliverableQuery = """
        SELECT * FROM outbox INDEXED BY outbox_queued
        WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
        """

    /// Records the outcome of a try: only the columns a try changes, so that the message itself
    /// is not bound again.
    public func recordTry(_ message: OutboxRow) throws {
        try run(
            Self.recordTryQuery,
            [
                message.state.rawValue, message.attempts, Millis.from(message.nextAttemptAt), message.lastError,
                message.sentAt.map(Millis.from), message.id,
            ])
    }

    static let recordTryQuery = "UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, sent_at = ? WHERE id = ?"

    /// Deletes the messages sent before `instant`; the ledger (the `notice` table) keeps what
    /// was sent, to whom and when it fell due. Returns how many went.
    public func pruneSent(before instant: Date, limit: Int) throws -> Int {
        try run(Self.pruneSentQuery, [Millis.from(instant), limit])
        return db.changesCount
    }

    /// How many messages are dead, waiting for an administrator (`outbox retry`).
    public func deadMessages() throws -> Int {
        try Int.fetchOne(try db.cachedStatement(sql: Self.deadCountQuery)) ?? 0
    }

    static let deadCountQuery = "SELECT count(*) FROM outbox INDEXED BY outbox_dead WHERE state = 'dead'"

    static let pruneSentQuery = """
        DELETE FROM outbox WHERE id IN (
            SELECT id FROM outbox INDEXED BY outbox_sent WHERE state = 'sent' AND sent_at < ? ORDER BY sent_at LIMIT ?)
        """

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
        return Dictionary(
            uniqueKeysWithValues: rows.compactMap { row in OutboxRow.State(rawValue: row["state"]).map { ($0, row["n"] as Int) } })
    }
}
