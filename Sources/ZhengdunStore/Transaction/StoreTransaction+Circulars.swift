import Foundation
import GRDB
import ZhengdunCore

extension StoreTransaction {
    /// The number the next circular of `year` takes: one past the year's last. Read in the write
    /// transaction that stores it, which holds the database's write lock, so no other process can
    /// take the same one meanwhile.
    public func nextCircularNumber(year: Int) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(number), 0) + 1 FROM circular WHERE year = ?", arguments: [year]) ?? 1
    }

    /// Stores an issued circular and the plans it covers.
    public func insert(_ circular: CircularRow, plans: [PlanID]) throws -> CircularRow {
        var circular = circular
        try circular.insert(db)
        for plan in plans {
            try run("INSERT INTO circular_plan (plan_id, circular_id) VALUES (?, ?)", [plan.rawValue, circular.id!])
        }
        return circular
    }

    /// Every circular issued, the newest last; of one year when `year` is given.
    public func circulars(year: Int? = nil) throws -> [CircularRow] {
        if let year { return try all(CircularRow.self, "SELECT * FROM circular WHERE year = ? ORDER BY year, number", [year]) }
        return try all(CircularRow.self, "SELECT * FROM circular ORDER BY year, number", [])
    }

    public func circular(year: Int, number: Int) throws -> CircularRow? {
        try one(CircularRow.self, "SELECT * FROM circular WHERE year = ? AND number = ?", [year, number])
    }

    /// The plans each circular covers, by circular id.
    public func circularPlans() throws -> [Int64: [PlanID]] {
        let rows = try Row.fetchAll(db, sql: "SELECT circular_id, plan_id FROM circular_plan ORDER BY circular_id, plan_id")
        return rows.reduce(into: [:]) { $0[$1[0] as Int64, default: []].append(PlanID($1[1] as Int64)) }
    }

    /// The circular timers due by `now` and not spent: the calls for a circular a pass's full
    /// batch left for its last (or for the next pass).
    public func pendingCircularTimers(through now: Date) throws -> [PlannedNotice] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT key, due_at, plan_id FROM timer
                WHERE kind = 'circular' AND due_at <= ? AND NOT EXISTS (SELECT 1 FROM notice WHERE notice.key = timer.key)
                ORDER BY due_at, key
                """, arguments: [Millis.from(now)]
        ).map { row in
            PlannedNotice(
                key: row["key"], kind: .circular, plan: (row["plan_id"] as Int64?).map(PlanID.init), task: nil,
                dueAt: Millis.date(row["due_at"]))
        }
    }

    /// Who holds `roles` in each running plan, plan by plan and in the order of `roles`: those a
    /// circular is addressed to. One query however many plans run, reading no plan row.
    public func holdersInRunningPlans(of roles: [RoleKey]) throws -> [(plan: PlanID, role: RoleKey, person: PersonID)] {
        guard !roles.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: roles.count).joined(separator: ", ")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT role_binding.plan_id, role_binding.role, role_binding.person_id FROM role_binding
                JOIN plan ON plan.id = role_binding.plan_id
                WHERE plan.state NOT IN ('draft', 'accepted', 'cancelled') AND role_binding.role IN (\(marks))
                ORDER BY role_binding.plan_id
                """, arguments: StatementArguments(roles.map(\.rawValue)))
        let order = Dictionary(roles.enumerated().map { ($1, $0) }) { first, _ in first }
        return rows.map { (PlanID($0[0] as Int64), RoleKey($0[1] as String), PersonID($0[2] as String)) }
            .sorted { ($0.plan.rawValue, order[$0.role] ?? 0) < ($1.plan.rawValue, order[$1.role] ?? 0) }
    }
}
