/// A rectification plan (整顿方案): one workflow applied to one village branch, with the
/// village's profile, the problems found, the goals, and the people bound to its roles.
public struct Plan: Sendable, Hashable, Codable {
    public var village: String
    /// The branch under rectification, e.g. `XX村党支部`.
    public var branch: String
    public var profile: VillageProfile
    /// 后进原因: what made the branch weak and lax.
    public var problems: [PlanProblem]
    /// 整顿目标: the workflow's goals this plan pursues.
    public var goals: [String]
    public var bindings: RoleBindings
    /// The planned start, from which the baseline schedule is drawn.
    public var start: LocalDate
    public var state: PlanState

    public init(
        village: String, branch: String? = nil, profile: VillageProfile = VillageProfile(), problems: [PlanProblem] = [],
        goals: [String], bindings: RoleBindings, start: LocalDate, state: PlanState = .draft
    ) {
        self.village = village
        self.branch = branch ?? village + "党支部"
        self.profile = profile
        self.problems = problems
        self.goals = goals
        self.bindings = bindings
        self.start = start
        self.state = state
    }

    /// Everything that keeps this plan from running under `workflow`, for the office to fix.
    /// Every role of the workflow is bound, or every role of `binding` (the township's plan
    /// binds the township's roles only).
    public func problems(under workflow: Workflow, binding: [Role]? = nil) -> [Message] {
        var found: [Message] = []
        if village.allSatisfy(\.isWhitespace) { found.append(Message.villageUnnamed) }
        for role in binding ?? workflow.roles where bindings.person(for: role.key) == nil && !workflow.mayBeUnheld(role) {
            found.append(Message.roleUnbound(role: "\(role.key)", title: "\(role.title)"))
        }
        for role in bindings.roles where workflow.role(role) == nil {
            found.append(Message.roleUndeclared(role: "\(role)"))
        }
        for role in binding ?? workflow.roles where !role.several && bindings.people(for: role.key).count > 1 {
            found.append(Message.roleTakesOnePerson(role: "\(role.key)", title: "\(role.title)"))
        }
        let kinds = Set(workflow.problemKinds.map(\.key))
        for problem in problems where !kinds.contains(problem.kind) {
            found.append(
                Message.problemKindUnknown(kind: "\(problem.kind)", kinds: .list(workflow.problemKinds.map { .text($0.key) })))
        }
        let goalKeys = Set(workflow.goals.map(\.key))
        for goal in goals where !goalKeys.contains(goal) {
            found.append(Message.goalUnknown(goal: "\(goal)"))
        }
        found += profile.problems()
        return found
    }
}

/// The village's basic situation (基本情况) as the plan records it.
public struct VillageProfile: Sendable, Hashable, Codable {
    public var households: Int?
    public var population: Int?
    public var partyMembers: Int?
    /// 人均收入, in yuan, for `incomeYear`.
    public var perCapitaIncomeYuan: Int?
    public var incomeYear: Int?

    public init(
        households: Int? = nil, population: Int? = nil, partyMembers: Int? = nil,
        perCapitaIncomeYuan: Int? = nil, incomeYear: Int? = nil
    ) {
        self.households = households
        self.population = population
        self.partyMembers = partyMembers
        self.perCapitaIncomeYuan = perCapitaIncomeYuan
        self.incomeYear = incomeYear
    }

    enum CodingKeys: String, CodingKey {
        case households, population, partyMembers = "party_members"
        case perCapitaIncomeYuan = "per_capita_income_yuan", incomeYear = "income_year"
    }

    func problems() -> [Message] {
        var found: [Message] = []
        for (field, value) in [
            (Message.fieldHouseholds, households), (.fieldPopulation, population), (.fieldPartyMembers, partyMembers),
            (.fieldIncome, perCapitaIncomeYuan),
        ] {
            if let value, value < 0 { found.append(Message.negativeProfile(field: field, value: value)) }
        }
        if let households, let population, population < households {
            found.append(Message.populationTooSmall(population: population, households: households))
        }
        if let partyMembers, let population, partyMembers > population {
            found.append(Message.membersExceedPopulation(members: partyMembers, population: population))
        }
        if perCapitaIncomeYuan != nil && incomeYear == nil {
            found.append(Message.incomeNeedsYear)
        }
        if let incomeYear, !(1949...9999).contains(incomeYear) {
            found.append(Message.incomeYearImpossible(year: "\(incomeYear)"))
        }
        return found
    }
}

/// One cause of weakness found in the survey (后进原因), sorted into a workflow problem kind.
public struct PlanProblem: Sendable, Hashable, Codable {
    public var kind: String
    public var detail: String

    public init(kind: String, detail: String) {
        self.kind = kind
        self.detail = detail
    }
}

/// Who holds each role in one plan (责任到人).
public struct RoleBindings: Sendable, Hashable, Codable {
    /// Each role's holders in the order they were bound; most roles have one.
    private var people: [RoleKey: [PersonID]]

    public init(_ people: [RoleKey: PersonID] = [:]) { self.people = people.mapValues { [$0] } }

    public init(holders: [RoleKey: [PersonID]]) { self.people = holders.filter { !$0.value.isEmpty } }

    /// The role's first holder: whom a task of the role goes to unless another is named.
    public func person(for role: RoleKey) -> PersonID? { people[role]?.first }

    /// Everyone holding the role, in the order bound: whom a notice to the role goes to.
    public func people(for role: RoleKey) -> [PersonID] { people[role] ?? [] }

    /// Adds `person` to the role's holders, after those bound before; binding someone twice
    /// to one role changes nothing.
    public mutating func bind(_ role: RoleKey, to person: PersonID) {
        if !(people[role]?.contains(person) ?? false) { people[role, default: []].append(person) }
    }

    public var roles: [RoleKey] { people.keys.sorted() }

    /// Everyone bound to a role; one bound to two roles comes twice.
    public var boundPeople: [PersonID] { people.values.flatMap { $0 } }

    /// The roles `person` holds in the plan.
    public func roles(of person: PersonID) -> Set<RoleKey> {
        Set(people.filter { $0.value.contains(person) }.keys)
    }

    /// A role with one holder is written as that person's id, a role with several as a list.
    public init(from decoder: any Decoder) throws {
        let byName = try decoder.singleValueContainer().decode([String: OneOrSeveral].self)
        people = Dictionary(uniqueKeysWithValues: byName.map { (RoleKey($0.key), $0.value.people) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: people.map { ($0.key.rawValue, OneOrSeveral(people: $0.value)) }))
    }

    private struct OneOrSeveral: Codable {
        var people: [PersonID]

        init(people: [PersonID]) { self.people = people }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(PersonID.self) { people = [one] } else { people = try container.decode([PersonID].self) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if people.count == 1 { try container.encode(people[0]) } else { try container.encode(people) }
        }
    }
}
