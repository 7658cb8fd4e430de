import Foundation
import GRDB
import ZhengdunCore

extension StoreTransaction {
    /// Stores a new plan with its role bindings; returns it with its id.
    public func insert(_ plan: PlanRow, bindings: RoleBindings) throws -> PlanRow {
        var plan = plan
        try plan.insert(db)
        for role in bindings.roles {
            try RoleBindingRow(planID: plan.id!, role: role, personID: bindings.person(for: role)!).insert(db)
        }
        return plan
    }

    public func plan(_ id: PlanID) throws -> PlanRow? {
        try PlanRow.fetchOne(db, key: id.rawValue)
    }

    public func plans() throws -> [PlanRow] {
        try PlanRow.order(Column("id")).fetchAll(db)
    }

    public func setState(_ state: PlanState, of plan: PlanID) throws {
        try db.execute(sql: "UPDATE plan SET state = ? WHERE id = ?", arguments: [state, plan])
    }

    public func bindings(of plan: PlanID) throws -> RoleBindings {
        let rows = try RoleBindingRow.filter(Column("plan_id") == plan).fetchAll(db)
        return RoleBindings(Dictionary(uniqueKeysWithValues: rows.map { ($0.role, $0.personID) }))
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
        try db.execute(sql: "UPDATE plan_phase SET ended_at = ? WHERE plan_id = ? AND phase = ?",
                       arguments: [Millis.from(instant), plan, phase])
    }

    public func phases(of plan: PlanID) throws -> [PlanPhaseRow] {
        try PlanPhaseRow.filter(Column("plan_id") == plan).order(Column("ordinal")).fetchAll(db)
    }

    // MARK: Inspections

    public func insert(_ inspection: InspectionRow) throws -> InspectionRow {
        var inspection = inspection
        try inspection.insert(db)
        return inspection
    }

    public func inspections(of plan: PlanID) throws -> [InspectionRow] {
        try InspectionRow.filter(Column("plan_id") == plan).order(Column("id")).fetchAll(db)
    }

    public func inspection(_ id: Int64) throws -> InspectionRow? {
        try InspectionRow.fetchOne(db, key: id)
    }
}
