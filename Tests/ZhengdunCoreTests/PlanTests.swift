import Testing

@testable import ZhengdunCore

@Suite("Plans")
struct PlanTests {
    let workflow: Workflow

    init() throws {
        workflow = try Fixtures.shippedWorkflow()
    }

    func fullyBound() -> RoleBindings {
        var bindings = RoleBindings()
        for (index, role) in workflow.roles.enumerated() { bindings.bind(role.key, to: PersonID("p\(index)")) }
        return bindings
    }

    @Test("A plan with every role bound, known problems and goals, and a sound profile has no problems")
    func soundPlan() {
        let plan = Plan(
            village: "XX村",
            profile: VillageProfile(households: 320, population: 1_150, partyMembers: 31, perCapitaIncomeYuan: 8_600, incomeYear: 2025),
            problems: [PlanProblem(kind: "weak-collective-economy", detail: "村集体无经营性收入")],
            goals: workflow.goals.map(\.key), bindings: fullyBound(), start: date("2026-02-12"))
        #expect(plan.problems(under: workflow).isEmpty)
        #expect(plan.branch == "XX村党支部")
        #expect(plan.state == .draft)
    }

    @Test("Every gap is reported: unbound roles, unknown kinds and goals, an impossible profile")
    func gaps() {
        var bindings = RoleBindings()
        bindings.bind("secretary", to: "li-si")
        bindings.bind("mayor", to: "x")
        let plan = Plan(
            village: "XX村", profile: VillageProfile(households: 300, population: 200, partyMembers: 250, perCapitaIncomeYuan: 9_000),
            problems: [PlanProblem(kind: "laziness", detail: "")], goals: ["prosperity"], bindings: bindings, start: date("2026-02-12"))
        let problems = plan.problems(under: workflow).map(\.description)
        #expect(problems.filter { $0.hasPrefix("no one is bound to role") }.count == 5)
        #expect(problems.contains("the workflow declares no role 'mayor'"))
        #expect(problems.contains { $0.hasPrefix("'laziness' is not a kind of problem") })
        #expect(problems.contains("'prosperity' is not a goal of the workflow"))
        #expect(problems.contains("a population of 200 cannot fill 300 households"))
        #expect(problems.contains("250 Party members is more than the population of 200"))
        #expect(problems.contains("per-capita income needs the year it was measured"))
    }

    @Test("The roles a person holds come from the plan's bindings")
    func rolesOfAPerson() {
        var bindings = RoleBindings()
        bindings.bind("org_office", to: "qian-qi")
        bindings.bind("office_director", to: "qian-qi")
        bindings.bind("secretary", to: "li-si")
        #expect(bindings.roles(of: "qian-qi") == ["org_office", "office_director"])
        #expect(bindings.roles(of: "nobody").isEmpty)
    }
}
