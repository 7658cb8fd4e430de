/// Refusals of plan commands, and problems of a plan as it is created.
extension Message {
    public static func planFinished(state: Message, command: Message) -> Message {
        Message(
            en: "the plan is \(state); there is nothing to \(command)",
            zh: "方案已\(state)，无可\(command)")
    }

    public static let planAlreadyAccepted = Message(
        en: "already accepted",
        zh: "验收通过")

    public static let planIsCancelled = Message(
        en: "cancelled",
        zh: "撤销")

    public static func onlyRolesMayPlan(roles: Message, command: Message) -> Message {
        Message(
            en: "only \(roles) may \(command) this plan",
            zh: "本方案只有\(roles)可以\(command)")
    }

    public static func indicatorsNotMet(phase: Message, count: Int, indicators: Message) -> Message {
        Message(
            en:
                "the gate of phase '\(phase)' is not met: \(count) \(count, one: "indicator of the goals is", other: "indicators of the goals are") not met (\(indicators))",
            zh: "\(phase)尚未达到验收条件：\(count)项整顿目标指标未达标（\(indicators)）")
    }

    public static func gateNotMet(phase: Message, count: Int, tasks: Message) -> Message {
        Message(
            en:
                "the gate of phase '\(phase)' is not met: \(count) required \(count, one: "task is", other: "tasks are") not verified (\(tasks))",
            zh: "\(phase)尚未达到转段条件：\(count)项必办任务尚未验收销号（\(tasks)）")
    }

    public static func andMore(list: Message, count: Int) -> Message {
        Message(
            en: "\(list) and \(count) more",
            zh: "\(list)等，另有\(count)项")
    }

    public static func gateAlreadyMet(phase: Message) -> Message {
        Message(
            en: "the gate of phase '\(phase)' is met; advance without an override",
            zh: "\(phase)已达到转段条件，直接转段即可，无需 --override")
    }

    public static func nothingToOverride(state: Message) -> Message {
        Message(
            en: "a plan in \(state) has no gate to override",
            zh: "处于“\(state)”的方案没有待达成的转段条件")
    }

    public static func reasonRequired(command: Message) -> Message {
        Message(
            en: "a reason is required to \(command) a plan",
            zh: "\(command)方案须填写理由")
    }

    public static func unknownPhase(phase: String) -> Message {
        Message(
            en: "the plan's workflow has no phase '\(phase)'",
            zh: "方案的工作流没有阶段“\(phase)”")
    }

    public static let villageUnnamed = Message(
        en: "the village has no name",
        zh: "村名为空")

    public static func roleTakesOnePerson(role: String, title: String) -> Message {
        Message(
            en: "role '\(role)' (\(title)) is held by one person; the workflow would say holders: several for more",
            zh: "角色“\(role)”（\(title)）只能由一人担任；多人担任须在工作流中写明 holders: several")
    }

    public static func roleUnbound(role: String, title: String) -> Message {
        Message(
            en: "no one is bound to role '\(role)' (\(title))",
            zh: "角色“\(role)”（\(title)）无人担任")
    }

    public static func roleUndeclared(role: String) -> Message {
        Message(
            en: "the workflow declares no role '\(role)'",
            zh: "工作流未定义角色“\(role)”")
    }

    public static func problemKindUnknown(kind: String, kinds: Message) -> Message {
        Message(
            en: "'\(kind)' is not a kind of problem the workflow knows; expected one of: \(kinds)",
            zh: "“\(kind)”不是工作流中的后进原因类别；应为以下之一：\(kinds)")
    }

    public static func goalUnknown(goal: String) -> Message {
        Message(
            en: "'\(goal)' is not a goal of the workflow",
            zh: "“\(goal)”不是工作流中的整顿目标")
    }

    public static func negativeProfile(field: Message, value: Int) -> Message {
        Message(
            en: "\(field) cannot be negative (\(value))",
            zh: "\(field)不能为负数（\(value)）")
    }

    public static let fieldHouseholds = Message(
        en: "households",
        zh: "户数")

    public static let fieldPopulation = Message(
        en: "population",
        zh: "人口")

    public static let fieldPartyMembers = Message(
        en: "party members",
        zh: "党员人数")

    public static let fieldIncome = Message(
        en: "per-capita income",
        zh: "人均收入")

    public static func populationTooSmall(population: Int, households: Int) -> Message {
        Message(
            en: "a population of \(population) cannot fill \(households) households",
            zh: "人口\(population)人，不可能有\(households)户，请核对户数和人口")
    }

    public static func membersExceedPopulation(members: Int, population: Int) -> Message {
        Message(
            en: "\(members) Party members is more than the population of \(population)",
            zh: "党员\(members)人，多于总人口\(population)人")
    }

    public static let incomeNeedsYear = Message(
        en: "per-capita income needs the year it was measured",
        zh: "人均收入须注明统计年份")

    public static func incomeYearImpossible(year: String) -> Message {
        Message(
            en: "\(year) is not a year an income could be measured in",
            zh: "\(year)不是可以统计收入的年份")
    }
}
