import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun campaign create|list|show|advance`: a township's campaign (整顿工作) of several
/// villages, with the township's own work done once for all of them.
struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: say(
            en: "A township's campaign (整顿工作): its village plans and the township's own work, done once.",
            zh: "整顿工作：全镇各村的整顿方案，以及全镇只办一次的镇级任务。"),
        subcommands: [Create.self, List.self, Show.self, Advance.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: say(
                en: "Create a campaign with the township's people bound to the township's roles (administrators only).",
                zh: "创建一项整顿工作，并绑定镇级角色的人员（仅限管理员）。"),
            discussion: say(
                en:
                    "Village plans join it with zhengdun plan create --campaign C1; zhengdun campaign advance C1 issues the township's work.",
                zh: "各村方案用 zhengdun plan create --campaign C1 加入；镇级任务由 zhengdun campaign advance C1 下发。"))

        @Option(help: ArgumentHelp(say(en: "The workflow file.", zh: "工作流文件。"))) var workflow: String
        @Option(
            help: ArgumentHelp(say(en: "The campaign's title (e.g. XX镇2026年软弱涣散村党组织整顿).", zh: "整顿工作名称（如 XX镇2026年软弱涣散村党组织整顿）。")))
        var title: String
        @Option(
            help: ArgumentHelp(
                say(en: "The planned start date (YYYY-MM-DD) of the township's work.", zh: "镇级任务的计划开始日期（YYYY-MM-DD）。"))) var start: String
        @Option(
            help: ArgumentHelp(
                say(en: "Bind a person to a township role; repeat for every one.", zh: "把一名人员绑定到一个镇级角色；每个角色各写一次。"),
                valueName: "role=person"))
        var assign: [String] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(Help.outcomeAsJSON)) var json = false

        func run() throws {
            let file = try WorkflowFile.load(workflow)
            Warnings.print(file.warnings.map { $0.text(in: .current) })
            let assignments = try assign.map { text -> (role: RoleKey, person: PersonID) in
                let (role, person) = try Parse.pair(text, "--assign")
                return (RoleKey(role), PersonID(person))
            }
            let draft = CampaignDraft(title: title, start: try Parse.date(start, "--start"), assignments: assignments)
            let (campaign, zone) = try Gateway.perform(CreateCampaign(draft, workflow: file.bundle, as: acting.person), database)
            if json {
                try JSONOutput.print(campaign, zone: zone)
            } else {
                print(
                    say(.campaignCreated(campaign: "C\(campaign.id)", title: "\(campaign.title)", plan: "P\(campaign.township?.id ?? 0)")))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(en: "List campaigns with their villages.", zh: "列出各项整顿工作及其所含村。"))

        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.listAsJSON)) var json = false

        func run() throws {
            let (campaigns, zone) = try Gateway.perform(ListCampaigns(), database)
            if json { try JSONOutput.print(campaigns, zone: zone) } else { print(Render(zone: zone).campaigns(campaigns)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: say(en: "Show a campaign: the township's work and each village's plan.", zh: "显示一项整顿工作：镇级任务和各村方案。"))

        @Argument(help: ArgumentHelp(Help.campaign)) var campaign: String
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.outcomeAsJSON)) var json = false

        func run() throws {
            let (view, zone) = try Gateway.perform(ShowCampaign(try Parse.campaign(campaign)), database)
            if json { try JSONOutput.print(view, zone: zone) } else { print(Render(zone: zone).campaign(view)) }
        }
    }

    struct Advance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "advance",
            abstract: say(
                en: "Launch the township's work of a campaign, or pass its current phase's gate.", zh: "启动整顿工作的镇级任务，或在达到转段条件后转段。"))

        @Argument(help: ArgumentHelp(Help.campaign)) var campaign: String
        @OptionGroup var gate: GateOverride
        @OptionGroup var holders: HolderOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(Help.outcomeAsJSON)) var json = false

        func run() throws {
            let request = AdvanceCampaign(
                try Parse.campaign(campaign), overrideReason: gate.overrideReason, holders: try holders.parsed(), as: acting.person)
            let (outcome, zone) = try Gateway.perform(request, database)
            try PlanCommand.Advance.print(outcome, zone: zone, json: json)
        }
    }
}
