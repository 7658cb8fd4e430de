import Foundation
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

    @Test(
        "A role several hold may have no members when no task or gate needs it; one that a task needs may not; a role of one takes one person"
    )
    func severalHolders() throws {
        var bindings = RoleBindings()
        for role in workflow.roles where !workflow.mayBeUnheld(role) { bindings.bind(role.key, to: PersonID("p-\(role.key)")) }
        let plan = { (bindings: RoleBindings) in Plan(village: "XX村", goals: [], bindings: bindings, start: date("2026-02-12")) }
        #expect(plan(bindings).problems(under: workflow).isEmpty)
        #expect(workflow.roles.filter { workflow.mayBeUnheld($0) }.map(\.key) == ["leading_group", "contact_leader", "two_committees"])
        // 镇工作组 is held by several, but a standing duty falls to it: it needs a member.
        #expect(workflow.role("work_team")?.several == true && !workflow.mayBeUnheld(workflow.role("work_team")!))
        var many = bindings
        many.bind("two_committees", to: "x1")
        many.bind("two_committees", to: "x2")
        many.bind("two_committees", to: "x1")
        #expect(many.people(for: "two_committees") == ["x1", "x2"])
        #expect(many.person(for: "two_committees") == "x1")
        #expect(plan(many).problems(under: workflow).isEmpty)
        var two = bindings
        two.bind("secretary", to: "someone-else")
        #expect(
            plan(two).problems(under: workflow).map(\.description) == [
                "role 'secretary' (党支部书记) is held by one person; the workflow would say holders: several for more"
            ])
        // Written as JSON, a role of one is a person's id, a role of several a list, and both read back.
        let json = try JSONEncoder().encode(many)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"two_committees\":[\"x1\",\"x2\"]") && text.contains("\"secretary\":\"p-secretary\""), "\(text)")
        #expect(try JSONDecoder().decode(RoleBindings.self, from: json) == many)
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
