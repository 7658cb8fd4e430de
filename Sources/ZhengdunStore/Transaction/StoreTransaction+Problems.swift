import Foundation
import GRDB
import ZhengdunCore

extension StoreTransaction {
    /// Stores a new item of a plan's problem list under the next number of the plan.
    public func insert(_ problem: ProblemRow) throws -> ProblemRow {
        var problem = problem
        problem.number = try nextProblemNumber(of: problem.planID)
        try problem.insert(db)
        return problem
    }

    public func update(_ problem: ProblemRow) throws {
        try problem.update(db)
    }

    private func nextProblemNumber(of plan: PlanID) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(number), 0) + 1 FROM problem WHERE plan_id = ?", arguments: [plan]) ?? 1
    }

    /// An item by its number in its plan (`Q3` → 3).
    public func problem(plan: PlanID, number: Int) throws -> ProblemRow? {
        try ProblemRow.fetchOne(db, sql: "SELECT * FROM problem WHERE plan_id = ? AND number = ?", arguments: [plan, number])
    }

    public func problem(_ id: Int64) throws -> ProblemRow? {
        try ProblemRow.fetchOne(db, key: id)
    }

    /// Several items by id, a few hundred to a query.
    public func problems(ids: [Int64]) throws -> [Int64: ProblemRow] {
        var problems: [Int64: ProblemRow] = [:]
        for part in Self.parts(ids) {
            for row in try ProblemRow.fetchAll(
                db, sql: "SELECT * FROM problem WHERE id IN (\(part.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(part))
            { problems[row.id!] = row }
        }
        return problems
    }

    /// `ids` a few hundred at a time, within what one statement may bind.
    static func parts<ID>(_ ids: [ID]) -> [ArraySlice<ID>] {
        stride(from: 0, to: ids.count, by: 500).map { ids[$0..<min($0 + 500, ids.count)] }
    }

    /// A plan's items in number order, or every plan's, plan by plan.
    public func problems(of plan: PlanID?) throws -> [ProblemRow] {
        if let plan {
            return try ProblemRow.fetchAll(db, sql: "SELECT * FROM problem WHERE plan_id = ? ORDER BY number", arguments: [plan])
        }
        return try ProblemRow.fetchAll(db, sql: "SELECT * FROM problem ORDER BY plan_id, number")
    }

    /// The rectification task each item was handed over as, by item.
    public func problemTasks(of problems: [Int64]) throws -> [Int64: TaskRow] {
        var tasks: [Int64: TaskRow] = [:]
        for part in Self.parts(problems) {
            for task in try TaskRow.fetchAll(
                db, sql: TaskRow.select + " WHERE problem_id IN (\(part.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(Array(part)))
            { tasks[task.problemID!] = task }
        }
        return tasks
    }
}
