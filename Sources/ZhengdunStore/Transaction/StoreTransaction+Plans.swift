import Foundation
import GRDB
import ZhengdunCore

extension StoreTransaction {
    /// Stores a new plan with its role bindings; returns it with its id.
    public func insert(_ plan: PlanRow, bindings: RoleBindings) throws -> PlanRow {
        var plan = plan
        try plan.insert(db)
        for role in bindings.roles {
            for (ordinal, person) in bindings.people(for: role).enumerated() {
                try RoleBindingRow(planID: plan.id!, role: role, personID: person, ordinal: ordinal).insert(db)
            }
        }
        return plan
    }

    public func plan(_ id: PlanID) throws -> PlanRow? {
        try one(PlanRow.self, PlanRow.select + " WHERE id = ?", [id])
    }

    /// Several plans by id, in one query.
    public func plans(ids: [PlanID]) throws -> [PlanID: PlanRow] {
        guard !ids.isEmpty else { return [:] }
        let list = FastStatement.list(ids.count)
        return try FastStatement(db, PlanRow.select + " WHERE id IN (\(list.marks))")
            .rows(ids.map { .integer($0.rawValue) } + list.padding, by: { $0.id! }, PlanRow.init(columns:))
    }

    /// The role bindings of several plans, in one query.
    public func bindings(of plans: [PlanID]) throws -> [PlanID: RoleBindings] {
        guard !plans.isEmpty else { return [:] }
        let list = FastStatement.list(plans.count)
        // A plan's rows come together, in (plan, role, ordinal) order, and each plan's bindings are
        // made at once.
        let rows = try FastStatement(
            db,
            "SELECT plan_id, role, person_id, ordinal FROM role_binding WHERE plan_id IN (\(list.marks)) ORDER BY plan_id, role, ordinal"
        )
        .rows(plans.map { .integer($0.rawValue) } + list.padding, RoleBindingRow.init(columns:))
        var bindings: [PlanID: RoleBindings] = Dictionary(minimumCapacity: plans.count)
        var start = rows.startIndex
        while start < rows.endIndex {
            let plan = rows[start].planID
            let end = rows[start...].firstIndex { $0.planID != plan } ?? rows.endIndex
            bindings[plan] = Self.bindings(rows[start..<end])
            start = end
        }
        return bindings
    }

    public func plans() throws -> [PlanRow] {
        try all(PlanRow.self, PlanRow.select + " ORDER BY id", [])
    }

    public func setState(_ state: PlanState, of plan: PlanID) throws {
        try db.execute(sql: "UPDATE plan SET state = ? WHERE id = ?", arguments: [state, plan])
    }

    public func bindings(of plan: PlanID) throws -> RoleBindings {
        let rows = try all(
            RoleBindingRow.self, "SELECT plan_id, role, person_id, ordinal FROM role_binding WHERE plan_id = ? ORDER BY role, ordinal",
            [plan])
        return Self.bindings(rows[...])
    }

    /// One plan's rows, in (role, ordinal) order, as its bindings.
    private static func bindings(_ rows: ArraySlice<RoleBindingRow>) -> RoleBindings {
        var holders: [RoleKey: [PersonID]] = [:]
        for row in rows { holders[row.role, default: []].append(row.personID) }
        return RoleBindings(holders: holders)
    }

    /// The plans in which `person` holds a role, with the roles.
    public func rolesHeld(by person: PersonID) throws -> [PlanID: Set<RoleKey>] {
        let rows = try RoleBindingRow.filter(Column("person_id") == person).fetchAll(db)
        return rows.reduce(into: [:]) { $0[$1.planID, default: []].insert($1.role) }
    }

    // MARK: Phases

    public func start(_ phase: PlanPhaseRow) throws {
        try phase.insert(db)
    }

    public func end(phase: PhaseKey, of plan: PlanID, at instant: Date) throws {
        try db.execute(
            sql: "UPDATE plan_phase SET ended_at = ? WHERE plan_id = ? AND phase = ?",
            arguments: [Millis.from(instant), plan, phase])
    }

    public func phases(of plan: PlanID) throws -> [PlanPhaseRow] {
        try all(PlanPhaseRow.self, "SELECT * FROM plan_phase WHERE plan_id = ? ORDER BY ordinal", [plan])
    }

    // MARK: Inspections

    public func insert(_ inspection: InspectionRow) throws -> InspectionRow {
        var inspection = inspection
        try inspection.insert(db)
        return inspection
    }

    public func inspections(of plan: PlanID) throws -> [InspectionRow] {
        try all(InspectionRow.self, "SELECT * FROM inspection WHERE plan_id = ? ORDER BY id", [plan])
    }

    public func inspection(_ id: Int64) throws -> InspectionRow? {
        try InspectionRow.fetchOne(db, key: id)
    }
}
