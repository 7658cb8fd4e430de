import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun plan create|list|show|advance|cancel`.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: say(en: "Create and run rectification plans (整顿方案).", zh: "创建和推进整顿方案。"),
        subcommands: [Create.self, List.self, Show.self, Advance.self, Cancel.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: say(en: "Create a draft plan for one village under a workflow (administrators only).", zh: "按工作流为一个村创建方案草稿（仅限管理员）。"),
            discussion: say(
                en: "Nothing is issued until the plan is launched with `plan advance`.", zh: "用 zhengdun plan advance 启动方案之前，不会下发任何任务。"))

        @Option(help: ArgumentHelp(say(en: "The workflow file.", zh: "工作流文件。"))) var workflow: String
        @Option(help: ArgumentHelp(say(en: "The village (e.g. XX村).", zh: "村名（如 XX村）。"))) var village: String
        @Option(
            help: ArgumentHelp(
                say(
                    en: "The campaign the plan joins (C1 or 1), taking the township's people from it; by default a campaign of its own.",
                    zh: "方案加入的整顿工作（C1 或 1），镇级角色沿用整顿工作的人员；默认单独成为一项整顿工作。"))) var campaign: String?
        @Option(
            help: ArgumentHelp(
                say(en: "The branch under rectification (default: the village followed by 党支部).", zh: "被整顿的党组织（默认：村名加“党支部”）。"))) var branch:
            String?
        @Option(
            help: ArgumentHelp(
                say(
                    en: "The planned start date (YYYY-MM-DD), from which the baseline schedule is drawn.",
                    zh: "计划开始日期（YYYY-MM-DD），据此排出基准进度。"))) var start: String
        @Option(
            help: ArgumentHelp(
                say(en: "Bind a person to a role; repeat for every role.", zh: "把一名人员绑定到一个角色；每个角色各写一次。"), valueName: "role=person"))
        var assign: [String] = []
        @Option(help: ArgumentHelp(say(en: "Households in the village.", zh: "村内户数。"))) var households: Int?
        @Option(help: ArgumentHelp(say(en: "People living in the village.", zh: "村内常住人口。"))) var population: Int?
        @Option(name: .customLong("party-members"), help: ArgumentHelp(say(en: "Party members in the village.", zh: "村内党员人数。")))
        var partyMembers: Int?
        @Option(help: ArgumentHelp(say(en: "Per-capita income in yuan.", zh: "人均收入（元）。"))) var income: Int?
        @Option(name: .customLong("income-year"), help: ArgumentHelp(say(en: "The year the income was measured.", zh: "收入统计的年份。")))
        var incomeYear: Int?
        @Option(
            help: ArgumentHelp(
                say(en: "A cause of weakness found (后进原因), by the workflow's problem kind; repeatable.", zh: "查找到的后进原因，按工作流的问题类型填写；可重复。"),
                valueName: "kind=text")) var problem: [String] = []
        @Option(
            help: ArgumentHelp(
                say(en: "A goal of the workflow to pursue; repeatable (default: all of them).", zh: "要实现的工作流整顿目标；可重复（默认：全部）。"),
                valueName: "goal")) var goal: [String] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(Help.planAsJSON)) var json = false

        func run() throws {
            let file = try WorkflowFile.load(workflow)
            Warnings.print(file.warnings.map { $0.text(in: .current) })
            let assignments = try assign.map { text -> (role: RoleKey, person: PersonID) in
                let (role, person) = try Parse.pair(text, "--assign")
                return (RoleKey(role), PersonID(person))
            }
            let problems = try problem.map { text -> PlanProblem in
                let (kind, detail) = try Parse.pair(text, "--problem")
                return PlanProblem(kind: kind, detail: detail)
            }
            let draft = PlanDraft(
                village: village, branch: branch, start: try Parse.date(start, "--start"), assignments: assignments,
                profile: VillageProfile(
                    households: households, population: population, partyMembers: partyMembers,
                    perCapitaIncomeYuan: income, incomeYear: incomeYear),
                problems: problems, goals: goal.isEmpty ? nil : goal, campaign: try campaign.map { try Parse.campaign($0) })
            let (plan, zone) = try Gateway.perform(CreatePlan(draft, workflow: file.bundle, as: acting.person), database)
            if json {
                try JSONOutput.print(plan, zone: zone)
            } else {
                print(
                    say(
                        .planCreated(
                            plan: "\(plan.id)", village: "\(plan.village)", workflow: "\(plan.workflow.key)",
                            version: "\(plan.workflow.version)")))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(en: "List plans with their state and progress.", zh: "列出各方案及其状态和进展。"))

        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.listAsJSON)) var json = false

        func run() throws {
            let (plans, zone) = try Gateway.perform(ListPlans(), database)
            if json { try JSONOutput.print(plans, zone: zone) } else { print(Render(zone: zone).plans(plans)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: say(en: "Show a plan: village, roles, phases, inspections and tasks.", zh: "显示一个方案：村、角色、阶段、督查和任务。"))

        @Argument(help: ArgumentHelp(Help.plan)) var plan: String
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.planAsJSON)) var json = false

        func run() throws {
            let (view, zone) = try Gateway.perform(ShowPlan(try Parse.plan(plan)), database)
            if json { try JSONOutput.print(view, zone: zone) } else { print(Render(zone: zone).plan(view)) }
        }
    }

    struct Advance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "advance",
            abstract: say(en: "Launch a draft plan, or pass its current phase's gate.", zh: "启动方案草稿，或在当前阶段达到转段条件后转段。"),
            discussion: say(
                en:
                    "A gate passes when every required task of the phase is verified. The office director may pass a gate that is not met with --override and a written reason.",
                zh: "阶段的每项必办任务都已验收销号，即可转段。未达到转段条件时，办公室主任可用 --override 写明理由后转段。"))

        @Argument(help: ArgumentHelp(Help.plan)) var plan: String
        @OptionGroup var gate: GateOverride
        @OptionGroup var holders: HolderOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(Help.outcomeAsJSON)) var json = false

        func run() throws {
            let request = AdvancePlan(
                try Parse.plan(plan), overrideReason: gate.overrideReason, holders: try holders.parsed(), as: acting.person)
            let (outcome, zone) = try Gateway.perform(request, database)
            try Self.print(outcome, zone: zone, json: json)
        }

        /// The plan's move and the tasks it issued, as `plan advance` and `campaign advance` print them.
        static func print(_ outcome: PlanOutcome, zone: TimeZone, json: Bool) throws {
            Warnings.print(outcome.warnings)
            if json {
                try JSONOutput.print(outcome, zone: zone)
            } else {
                let from = Render.state(outcome.from, title: outcome.fromTitle)
                let to = Render.state(outcome.to, title: outcome.toTitle)
                Swift.print(
                    say(
                        outcome.issued.isEmpty
                            ? .planMoved(plan: "\(outcome.plan)", from: from, to: to)
                            : .planMovedIssued(plan: "\(outcome.plan)", from: from, to: to, count: outcome.issued.count)))
                if !outcome.issued.isEmpty { Swift.print(Render(zone: zone).tasks(outcome.issued, indent: 2)) }
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel", abstract: say(en: "Cancel a plan and its open tasks.", zh: "撤销一个方案及其未完成的任务。"))

        @Argument(help: ArgumentHelp(Help.plan)) var plan: String
        @Option(help: ArgumentHelp(say(en: "Why the plan is cancelled.", zh: "撤销方案的理由。"))) var reason: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(Help.outcomeAsJSON)) var json = false

        func run() throws {
            let (outcome, zone) = try Gateway.perform(CancelPlan(try Parse.plan(plan), reason: reason, as: acting.person), database)
            if json {
                try JSONOutput.print(outcome, zone: zone)
            } else {
                print(
                    say(
                        .planMoved(
                            plan: "\(outcome.plan)", from: Render.state(outcome.from, title: outcome.fromTitle),
                            to: Render.state(outcome.to, title: outcome.toTitle))))
            }
        }
    }
}
