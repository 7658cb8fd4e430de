import ArgumentParser
import ZhengdunCore
import ZhengdunService

/// `zhengdun plan create|list|show|advance|cancel`.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Create and run rectification plans (整顿方案).",
        subcommands: [Create.self, List.self, Show.self, Advance.self, Cancel.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a draft plan for one village under a workflow (administrators only).",
            discussion: "Nothing is issued until the plan is launched with `plan advance`.")

        @Option(help: "The workflow file.") var workflow: String
        @Option(help: "The village (e.g. XX村).") var village: String
        @Option(help: "The branch under rectification (default: the village followed by 党支部).") var branch: String?
        @Option(help: "The planned start date (YYYY-MM-DD), from which the baseline schedule is drawn.") var start: String
        @Option(help: ArgumentHelp("Bind a person to a role; repeat for every role.", valueName: "role=person")) var assign: [String] = []
        @Option(help: "Households in the village.") var households: Int?
        @Option(help: "People living in the village.") var population: Int?
        @Option(name: .customLong("party-members"), help: "Party members in the village.") var partyMembers: Int?
        @Option(help: "Per-capita income in yuan.") var income: Int?
        @Option(name: .customLong("income-year"), help: "The year the income was measured.") var incomeYear: Int?
        @Option(help: ArgumentHelp("A cause of weakness found (后进原因), by the workflow's problem kind; repeatable.", valueName: "kind=text")) var problem: [String] = []
        @Option(help: ArgumentHelp("A goal of the workflow to pursue; repeatable (default: all of them).", valueName: "goal")) var goal: [String] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: "Print the plan as JSON.") var json = false

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
            let draft = PlanDraft(village: village, branch: branch, start: try Parse.date(start, "--start"), assignments: assignments,
                                  profile: VillageProfile(households: households, population: population, partyMembers: partyMembers,
                                                          perCapitaIncomeYuan: income, incomeYear: incomeYear),
                                  problems: problems, goals: goal.isEmpty ? nil : goal)
            let (response, zone) = try Gateway.perform(.createPlan(draft, workflow: file.bundle, as: acting.person), database)
            let plan = try Gateway.unwrap(response) { if case .plan(let plan) = $0 { return plan }; return nil }
            if json {
                try JSONOutput.print(plan, zone: zone)
            } else {
                print(say(.planCreated, ["plan": "\(plan.id)", "village": "\(plan.village)", "workflow": "\(plan.workflow.key)", "version": "\(plan.workflow.version)"]))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List plans with their state and progress.")

        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print the list as JSON.") var json = false

        func run() throws {
            let (response, zone) = try Gateway.perform(.plans, database)
            let plans = try Gateway.unwrap(response) { if case .plans(let plans) = $0 { return plans }; return nil }
            if json { try JSONOutput.print(plans, zone: zone) } else { print(Render(zone: zone).plans(plans)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a plan: village, roles, phases, inspections and tasks.")

        @Argument(help: "The plan (P1 or 1).") var plan: String
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print the plan as JSON.") var json = false

        func run() throws {
            let (response, zone) = try Gateway.perform(.plan(try Parse.plan(plan)), database)
            let view = try Gateway.unwrap(response) { if case .plan(let view) = $0 { return view }; return nil }
            if json { try JSONOutput.print(view, zone: zone) } else { print(Render(zone: zone).plan(view)) }
        }
    }

    struct Advance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "advance",
            abstract: "Launch a draft plan, or pass its current phase's gate.",
            discussion: "A gate passes when every required task of the phase is verified. The office director may pass a gate that is not met with --override and a written reason.")

        @Argument(help: "The plan (P1 or 1).") var plan: String
        @Flag(help: "Pass the gate although it is not met.") var override = false
        @Option(help: "Why the gate is overridden.") var reason: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: "Print the outcome as JSON.") var json = false

        func validate() throws {
            if override && reason == nil { throw ValidationError(say(.overrideNeedsReason)) }
            if reason != nil && !override { throw ValidationError(say(.reasonNeedsOverride)) }
        }

        func run() throws {
            let request = ServiceRequest.advance(try Parse.plan(plan), overrideReason: override ? reason : nil, as: acting.person)
            let (response, zone) = try Gateway.perform(request, database)
            let outcome = try Gateway.unwrap(response) { if case .planOutcome(let outcome) = $0 { return outcome }; return nil }
            Warnings.print(outcome.warnings)
            if json {
                try JSONOutput.print(outcome, zone: zone)
            } else {
                print(say(outcome.issued.isEmpty ? .planMoved : .planMovedIssued,
                          ["plan": "\(outcome.plan)", "from": "\(outcome.from)", "to": "\(outcome.to)", "count": .number(outcome.issued.count)]))
                if !outcome.issued.isEmpty { print(Render(zone: zone).tasks(outcome.issued, indent: 2)) }
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel", abstract: "Cancel a plan and its open tasks.")

        @Argument(help: "The plan (P1 or 1).") var plan: String
        @Option(help: "Why the plan is cancelled.") var reason: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: "Print the outcome as JSON.") var json = false

        func run() throws {
            let (response, zone) = try Gateway.perform(.cancelPlan(try Parse.plan(plan), reason: reason, as: acting.person), database)
            let outcome = try Gateway.unwrap(response) { if case .planOutcome(let outcome) = $0 { return outcome }; return nil }
            if json { try JSONOutput.print(outcome, zone: zone) } else { print(say(.planMoved, ["plan": "\(outcome.plan)", "from": "\(outcome.from)", "to": "\(outcome.to)"])) }
        }
    }
}
