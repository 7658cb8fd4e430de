import Foundation
import GRDB
import ZhengdunCore

/// A rectification plan as stored: the village, its profile, problems and goals, and the
/// snapshot of the workflow it runs (by the SHA-256 of its text), so that a later edit of the
/// file never changes it silently.
public struct PlanRow: Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "plan"

    public var id: PlanID?
    public var village: String
    public var branch: String
    public var workflowKey: String
    public var workflowVersion: Int
    /// The file the workflow was read from when the plan was created.
    public var workflowSource: String
    /// The workflow snapshot's address in the `workflow` table.
    public var workflowSHA256: String
    public var calendar: String?
    public var households: Int?
    public var population: Int?
    public var partyMembers: Int?
    public var perCapitaIncomeYuan: Int?
    public var incomeYear: Int?
    /// JSON list of `PlanProblem`.
    public var problems: String
    /// JSON list of goal keys.
    public var goals: String
    public var startDate: LocalDate
    public var state: PlanState
    public var createdAt: Date

    /// The columns, in the order `init(row:)` reads them; every query for plans selects these.
    public static let columns = ["id", "village", "branch", "workflow_key", "workflow_version", "workflow_source", "workflow_sha256",
                                 "calendar", "households", "population", "party_members", "per_capita_income_yuan", "income_year",
                                 "problems", "goals", "start_date", "state", "created_at"]
    public static var databaseSelection: [any SQLSelectable] { columns.map { Column($0) } }
    static let select = "SELECT " + columns.joined(separator: ", ") + " FROM plan"

    public init(row: Row) throws {
        try self.init(columns: row)
    }

    /// Reads the columns in `columns` order, from GRDB or straight from SQLite. A start date
    /// that is not a date (the file was changed by hand) is refused in one line.
    init(columns row: some ColumnReader) throws {
        id = row.integer(0).map { PlanID($0) }
        village = row.text(1)!
        branch = row.text(2)!
        workflowKey = row.text(3)!
        workflowVersion = Int(row.integer(4)!)
        workflowSource = row.text(5)!
        workflowSHA256 = row.text(6)!
        calendar = row.text(7)
        households = row.integer(8).map { Int($0) }
        population = row.integer(9).map { Int($0) }
        partyMembers = row.integer(10).map { Int($0) }
        perCapitaIncomeYuan = row.integer(11).map { Int($0) }
        incomeYear = row.integer(12).map { Int($0) }
        problems = row.text(13)!
        goals = row.text(14)!
        let start = row.text(15) ?? ""
        guard let startDate = try? LocalDate.parse(start) else {
            throw StoreError(.corrupt, .storedDateUnreadable, ["record": "P\(id?.rawValue ?? 0)", "column": "start_date", "value": "\(start)"])
        }
        self.startDate = startDate
        state = PlanState(name: row.text(16)!)
        createdAt = Millis.date(row.integer(17)!)
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["village"] = village
        container["branch"] = branch
        container["workflow_key"] = workflowKey
        container["workflow_version"] = workflowVersion
        container["workflow_source"] = workflowSource
        container["workflow_sha256"] = workflowSHA256
        container["calendar"] = calendar
        container["households"] = households
        container["population"] = population
        container["party_members"] = partyMembers
        container["per_capita_income_yuan"] = perCapitaIncomeYuan
        container["income_year"] = incomeYear
        container["problems"] = problems
        container["goals"] = goals
        container["start_date"] = startDate
        container["state"] = state
        container["created_at"] = Millis.from(createdAt)
    }

    public init(village: String, branch: String, workflowKey: String, workflowVersion: Int, workflowSource: String,
                workflowSHA256: String, calendar: String?, profile: VillageProfile, problems: [PlanProblem], goals: [String],
                startDate: LocalDate, createdAt: Date) {
        self.village = village
        self.branch = branch
        self.workflowKey = workflowKey
        self.workflowVersion = workflowVersion
        self.workflowSource = workflowSource
        self.workflowSHA256 = workflowSHA256
        self.calendar = calendar
        households = profile.households
        population = profile.population
        partyMembers = profile.partyMembers
        perCapitaIncomeYuan = profile.perCapitaIncomeYuan
        incomeYear = profile.incomeYear
        self.problems = JSONText.encode(problems)
        self.goals = JSONText.encode(goals)
        self.startDate = startDate
        state = .draft
        self.createdAt = createdAt
    }

    public var profile: VillageProfile {
        VillageProfile(households: households, population: population, partyMembers: partyMembers,
                       perCapitaIncomeYuan: perCapitaIncomeYuan, incomeYear: incomeYear)
    }

    public var problemList: [PlanProblem] { JSONText.decode(problems) ?? [] }
    public var goalList: [String] { JSONText.decode(goals) ?? [] }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = PlanID(inserted.rowID)
    }
}

/// Who holds a role in a plan.
public struct RoleBindingRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "role_binding"

    public var planID: PlanID
    public var role: RoleKey
    public var personID: PersonID

    public init(planID: PlanID, role: RoleKey, personID: PersonID) {
        self.planID = planID
        self.role = role
        self.personID = personID
    }

    public static var databaseSelection: [any SQLSelectable] { [Column("plan_id"), Column("role"), Column("person_id")] }

    public init(row: Row) {
        self.init(columns: row)
    }

    init(columns row: some ColumnReader) {
        planID = PlanID(row.integer(0)!)
        role = RoleKey(row.text(1)!)
        personID = PersonID(row.text(2)!)
    }

    public func encode(to container: inout PersistenceContainer) {
        container["plan_id"] = planID
        container["role"] = role
        container["person_id"] = personID
    }
}

/// When a plan's phase actually started and ended.
public struct PlanPhaseRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "plan_phase"

    public var planID: PlanID
    public var phase: PhaseKey
    public var ordinal: Int
    public var startedAt: Date
    public var endedAt: Date?

    public init(planID: PlanID, phase: PhaseKey, ordinal: Int, startedAt: Date, endedAt: Date? = nil) {
        self.planID = planID
        self.phase = phase
        self.ordinal = ordinal
        self.startedAt = startedAt
        self.endedAt = endedAt
    }

    public init(row: Row) {
        planID = row["plan_id"]
        phase = row["phase"]
        ordinal = row["ordinal"]
        startedAt = Millis.date(row["started_at"])
        endedAt = (row["ended_at"] as Int64?).map(Millis.date)
    }

    public func encode(to container: inout PersistenceContainer) {
        container["plan_id"] = planID
        container["phase"] = phase
        container["ordinal"] = ordinal
        container["started_at"] = Millis.from(startedAt)
        container["ended_at"] = endedAt.map(Millis.from)
    }
}

/// A working-day calendar as last read from the workflows folder; plans name it.
public struct CalendarRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "calendar"

    public var name: String
    public var yaml: String
    public var sha256: String
    public var updatedAt: Date

    public init(name: String, yaml: String, updatedAt: Date) {
        self.name = name
        self.yaml = yaml
        sha256 = SHA256.hex(yaml)
        self.updatedAt = updatedAt
    }

    public init(row: Row) {
        name = row["name"]
        yaml = row["yaml"]
        sha256 = row["sha256"]
        updatedAt = Millis.date(row["updated_at"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["name"] = name
        container["yaml"] = yaml
        container["sha256"] = sha256
        container["updated_at"] = Millis.from(updatedAt)
    }
}

/// JSON held in a text column.
public enum JSONText {
    public static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding plain value types cannot fail.
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    /// A flat object of texts, its names in the order given, written as bytes without the cost
    /// of an encoder or of hashing the names (the scheduler writes one per notice).
    public static func object(_ fields: KeyValuePairs<String, String>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(2) { $0 + $1.key.utf8.count + $1.value.utf8.count + 8 })
        out.append(UInt8(ascii: "{"))
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendQuoted(field.key, to: &out)
            out.append(UInt8(ascii: ":"))
            appendQuoted(field.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped, the rest
    /// (UTF-8 included) as it is. Runs that need no escaping are copied whole.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text
        out.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
                case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    public static func decode<Value: Decodable>(_ text: String) -> Value? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Value.self, from: Data(text.utf8))
    }
}
