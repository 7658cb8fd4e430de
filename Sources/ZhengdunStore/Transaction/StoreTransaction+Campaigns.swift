import Foundation
import GRDB
import ZhengdunCore

extension StoreTransaction {
    /// Stores a new campaign; returns it with its id.
    public func insert(_ campaign: CampaignRow) throws -> CampaignRow {
        var campaign = campaign
        try campaign.insert(db)
        return campaign
    }

    public func campaign(_ id: CampaignID) throws -> CampaignRow? {
        try one(CampaignRow.self, "SELECT * FROM campaign WHERE id = ?", [id])
    }

    public func campaigns() throws -> [CampaignRow] {
        try all(CampaignRow.self, "SELECT * FROM campaign ORDER BY id", [])
    }

    /// The campaigns' plans, the township's own first in each, then the villages' by id.
    public func plans(in campaigns: [CampaignID]) throws -> [PlanRow] {
        guard !campaigns.isEmpty else { return [] }
        let list = FastStatement.list(campaigns.count)
        return try FastStatement(db, PlanRow.select + " WHERE campaign_id IN (\(list.marks)) ORDER BY campaign_id, township DESC, id")
            .rows(campaigns.map { .integer($0.rawValue) } + list.padding, PlanRow.init(columns:))
    }

    /// The township's own plan of a campaign, if the campaign has township work.
    public func townshipPlan(of campaign: CampaignID) throws -> PlanRow? {
        try one(PlanRow.self, PlanRow.select + " WHERE campaign_id = ? AND township = 1", [campaign])
    }

    // MARK: Accountability

    public func insert(_ record: AccountabilityRow) throws -> AccountabilityRow {
        var record = record
        try record.insert(db)
        return record
    }

    /// 问责 records, of some people or of everyone, oldest first.
    public func accountability(of people: Set<PersonID>? = nil) throws -> [AccountabilityRow] {
        guard let people else { return try all(AccountabilityRow.self, "SELECT * FROM accountability ORDER BY id", []) }
        guard !people.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: people.count).joined(separator: ", ")
        return try all(
            AccountabilityRow.self, "SELECT * FROM accountability WHERE person_id IN (\(marks)) ORDER BY id",
            StatementArguments(people.sorted().map(\.rawValue)))
    }
}
