import GRDB
import ZhengdunCore

/// Who holds a role in a plan: one person, or one of several holding it together, first the
/// one bound first (`ordinal` 0).
public struct RoleBindingRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "role_binding"

    public var planID: PlanID
    public var role: RoleKey
    public var personID: PersonID
    public var ordinal: Int

    public init(planID: PlanID, role: RoleKey, personID: PersonID, ordinal: Int = 0) {
        self.planID = planID
        self.role = role
        self.personID = personID
        self.ordinal = ordinal
    }

    public static var databaseSelection: [any SQLSelectable] {
        [Column("plan_id"), Column("role"), Column("person_id"), Column("ordinal")]
    }

    public init(row: Row) {
        self.init(columns: row)
    }

    init(columns row: some ColumnReader) {
        planID = PlanID(row.integer(0)!)
        role = RoleKey(row.text(1)!)
        personID = PersonID(row.text(2)!)
        ordinal = row.integer(3).map { Int($0) } ?? 0
    }

    public func encode(to container: inout PersistenceContainer) {
        container["plan_id"] = planID
        container["role"] = role
        container["person_id"] = personID
        container["ordinal"] = ordinal
    }
}
