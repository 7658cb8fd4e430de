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
    /// The campaign (整顿工作) the plan belongs to.
    public var campaignID: CampaignID
    /// Whether this is the township's own plan of its campaign, issuing the work done once for
    /// every village (`scope: campaign`), rather than a village's.
    public var township: Bool

    /// The columns, in the order `init(row:)` reads them; every query for plans selects these.
    public static let columns = [
        "id", "village", "branch", "workflow_key", "workflow_version", "workflow_source", "workflow_sha256",
        "calendar", "households", "population", "party_members", "per_capita_income_yuan", "income_year",
        "problems", "goals", "start_date", "state", "created_at", "campaign_id", "township",
    ]
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
            throw StoreError(
                .corrupt, .storedDateUnreadable(record: "P\(id?.rawValue ?? 0)", column: "start_date", value: "\(start)"))
        }
        self.startDate = startDate
        state = PlanState(name: row.text(16)!)
        createdAt = Millis.date(row.integer(17)!)
        campaignID = CampaignID(row.integer(18)!)
        township = row.integer(19)! != 0
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
        container["campaign_id"] = campaignID
        container["township"] = township
    }

    public init(
        village: String, branch: String, workflowKey: String, workflowVersion: Int, workflowSource: String,
        workflowSHA256: String, calendar: String?, profile: VillageProfile, problems: [PlanProblem], goals: [String],
        startDate: LocalDate, createdAt: Date, campaign: CampaignID, township: Bool = false
    ) {
        campaignID = campaign
        self.township = township
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
        VillageProfile(
            households: households, population: population, partyMembers: partyMembers,
            perCapitaIncomeYuan: perCapitaIncomeYuan, incomeYear: incomeYear)
    }

    public var problemList: [PlanProblem] { JSONText.decode(problems) ?? [] }
    public var goalList: [String] { JSONText.decode(goals) ?? [] }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = PlanID(inserted.rowID)
    }
}
