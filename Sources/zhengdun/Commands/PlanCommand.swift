import ArgumentParser
import ZhengdunCore
import ZhengdunService

/// `zhengdun plan create|list|show|advance|cancel`.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: say(.helpCreateAndRunRectificationPlans),
        subcommands: [Create.self, List.self, Show.self, Advance.self, Cancel.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: say(.helpCreateADraftPlanForOne),
            discussion: say(.helpNothingIsIssuedUntilThePlan))

        @Option(help: ArgumentHelp(say(.helpTheWorkflowFile))) var workflow: String
        @Option(help: ArgumentHelp(say(.helpTheVillageEGXX))) var village: String
        @Option(help: ArgumentHelp(say(.helpTheBranchUnderRectificationDefaultThe))) var branch: String?
        @Option(help: ArgumentHelp(say(.helpThePlannedStartDateYYYYMM))) var start: String
        @Option(help: ArgumentHelp(say(.helpBindAPersonToARole), valueName: "role=person")) var assign: [String] = []
        @Option(help: ArgumentHelp(say(.helpHouseholdsInTheVillage))) var households: Int?
        @Option(help: ArgumentHelp(say(.helpPeopleLivingInTheVillage))) var population: Int?
        @Option(name: .customLong("party-members"), help: ArgumentHelp(say(.helpPartyMembersInTheVillage))) var partyMembers: Int?
        @Option(help: ArgumentHelp(say(.helpPerCapitaIncomeInYuan))) var income: Int?
        @Option(name: .customLong("income-year"), help: ArgumentHelp(say(.helpTheYearTheIncomeWasMeasured))) var incomeYear: Int?
        @Option(help: ArgumentHelp(say(.helpACauseOfWeaknessFoundBy), valueName: "kind=text")) var problem: [String] = []
        @Option(help: ArgumentHelp(say(.helpAGoalOfTheWorkflowTo), valueName: "goal")) var goal: [String] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(.helpPrintThePlanAsJSON))) var json = false

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
                problems: problems, goals: goal.isEmpty ? nil : goal)
            let (plan, zone) = try Gateway.perform(CreatePlan(draft, workflow: file.bundle, as: acting.person), database)
            if json {
                try JSONOutput.print(plan, zone: zone)
            } else {
                print(
                    say(
                        .planCreated,
                        [
                            "plan": "\(plan.id)", "village": "\(plan.village)", "workflow": "\(plan.workflow.key)",
                            "version": "\(plan.workflow.version)",
                        ]))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(.helpListPlansWithTheirStateAnd))

        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheListAsJSON))) var json = false

        func run() throws {
            let (plans, zone) = try Gateway.perform(ListPlans(), database)
            if json { try JSONOutput.print(plans, zone: zone) } else { print(Render(zone: zone).plans(plans)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: say(.helpShowAPlanVillageRolesPhases))

        @Argument(help: ArgumentHelp(say(.helpThePlanP1Or1))) var plan: String
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(say(.helpPrintThePlanAsJSON))) var json = false

        func run() throws {
            let (view, zone) = try Gateway.perform(ShowPlan(try Parse.plan(plan)), database)
            if json { try JSONOutput.print(view, zone: zone) } else { print(Render(zone: zone).plan(view)) }
        }
    }

    struct Advance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "advance",
            abstract: say(.helpLaunchADraftPlanOrPass),
            discussion: say(.helpAGatePassesWhenEveryRequired))

        @Argument(help: ArgumentHelp(say(.helpThePlanP1Or1))) var plan: String
        @Flag(help: ArgumentHelp(say(.helpPassTheGateAlthoughItIs))) var override = false
        @Option(help: ArgumentHelp(say(.helpWhyTheGateIsOverridden))) var reason: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheOutcomeAsJSON))) var json = false

        func validate() throws {
            if override && reason == nil { throw ValidationError(say(.overrideNeedsReason)) }
            if reason != nil && !override { throw ValidationError(say(.reasonNeedsOverride)) }
        }

        func run() throws {
            let request = AdvancePlan(try Parse.plan(plan), overrideReason: override ? reason : nil, as: acting.person)
            let (outcome, zone) = try Gateway.perform(request, database)
            Warnings.print(outcome.warnings)
            if json {
                try JSONOutput.print(outcome, zone: zone)
            } else {
                print(
                    say(
                        outcome.issued.isEmpty ? .planMoved : .planMovedIssued,
                        [
                            "plan": "\(outcome.plan)", "from": Render.state(outcome.from, title: outcome.fromTitle),
                            "to": Render.state(outcome.to, title: outcome.toTitle),
                            "count": .number(outcome.issued.count),
                        ]))
                if !outcome.issued.isEmpty { print(Render(zone: zone).tasks(outcome.issued, indent: 2)) }
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel", abstract: say(.helpCancelAPlanAndItsOpen))

        @Argument(help: ArgumentHelp(say(.helpThePlanP1Or1))) var plan: String
        @Option(help: ArgumentHelp(say(.helpWhyThePlanIsCancelled))) var reason: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheOutcomeAsJSON))) var json = false

        func run() throws {
            let (outcome, zone) = try Gateway.perform(CancelPlan(try Parse.plan(plan), reason: reason, as: acting.person), database)
            if json {
                try JSONOutput.print(outcome, zone: zone)
            } else {
                print(
                    say(
                        .planMoved,
                        [
                            "plan": "\(outcome.plan)", "from": Render.state(outcome.from, title: outcome.fromTitle),
                            "to": Render.state(outcome.to, title: outcome.toTitle),
                        ]))
            }
        }
    }
}
