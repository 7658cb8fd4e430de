import Foundation
import ZhengdunCore
import ZhengdunService

extension Render {
    /// `campaign list`: each campaign, its township's work and how many villages.
    func campaigns(_ campaigns: [CampaignView]) -> String {
        var table = TextTable(say(.headerCampaign, .headerTitle, .headerTownshipWork, .headerVillages))
        for campaign in campaigns {
            table.add([
                "C\(campaign.id)", campaign.title,
                campaign.township.map { "P\($0.id) " + planState($0.state, title: $0.stateTitle) } ?? "—",
                String(campaign.villages.count),
            ])
        }
        return table.render()
    }

    /// `campaign show`: the title, the township's own plan, then the villages' plans.
    func campaign(_ campaign: CampaignView) -> String {
        var lines = ["C\(campaign.id)  \(campaign.title)"]
        if let township = campaign.township {
            lines.append(say(.campaignTownshipWork))
            lines.append(plans([township]))
        }
        lines.append(say(.campaignVillages(count: campaign.villages.count)))
        if !campaign.villages.isEmpty { lines.append(plans(campaign.villages)) }
        return lines.joined(separator: "\n")
    }
}
