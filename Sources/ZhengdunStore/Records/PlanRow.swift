import Foundation
import GRDB
import ZhengdunCore

/// A rectification plan as stored: the village, its profile, problems and goals, and the
/// snapshot of the workflow it runs, so that a later edit of the file never changes it silently.
public struct PlanRow: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord, MillisecondDates {
    public static let databaseTableName = "plan"

    public var id: PlanID?
    public var village: String
    public var branch: String
    public var workflowKey: String
    public var workflowVersion: Int
    /// The file the workflow was read from when the plan was created.
    public var workflowSource: String
    public var workflowYAML: String
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

    enum CodingKeys: String, CodingKey {
        case id, village, branch
        case workflowKey = "workflow_key", workflowVersion = "workflow_version", workflowSource = "workflow_source"
        case workflowYAML = "workflow_yaml", workflowSHA256 = "workflow_sha256", calendar
        case households, population, partyMembers = "party_members", perCapitaIncomeYuan = "per_capita_income_yuan"
        case incomeYear = "income_year", problems, goals, startDate = "start_date", state, createdAt = "created_at"
    }

    public init(village: String, branch: String, workflowKey: String, workflowVersion: Int, workflowSource: String,
                workflowYAML: String, calendar: String?, profile: VillageProfile, problems: [PlanProblem], goals: [String],
                startDate: LocalDate, createdAt: Date) {
        self.village = village
        self.branch = branch
        self.workflowKey = workflowKey
        self.workflowVersion = workflowVersion
        self.workflowSource = workflowSource
        self.workflowYAML = workflowYAML
        workflowSHA256 = SHA256.hex(workflowYAML)
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
public struct RoleBindingRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "role_binding"

    public var planID: PlanID
    public var role: RoleKey
    public var personID: PersonID

    public init(planID: PlanID, role: RoleKey, personID: PersonID) {
        self.planID = planID
        self.role = role
        self.personID = personID
    }

    enum CodingKeys: String, CodingKey {
        case planID = "plan_id", role, personID = "person_id"
    }
}

/// When a plan's phase actually started and ended.
public struct PlanPhaseRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord, MillisecondDates {
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

    enum CodingKeys: String, CodingKey {
        case planID = "plan_id", phase, ordinal, startedAt = "started_at", endedAt = "ended_at"
    }
}

/// A working-day calendar as last read from the workflows folder; plans name it.
public struct CalendarRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord, MillisecondDates {
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

    enum CodingKeys: String, CodingKey {
        case name, yaml, sha256, updatedAt = "updated_at"
    }
}

/// JSON held in a text column.
enum JSONText {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding plain value types cannot fail.
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ text: String) -> Value? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Value.self, from: Data(text.utf8))
    }
}
