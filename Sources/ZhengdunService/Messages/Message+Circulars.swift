import ZhengdunCore

/// Refusals of `circular issue` and `report circular`.
extension Message {
    public static let circularNothingToReport = Message(
        en:
            "there is nothing to put in a circular: no task has climbed to the circular's level of escalation and no rectification ordered by inspection is open",
        zh: "没有需要通报的情况：没有逾期达到通报一级的任务，也没有尚未验收销号的督查责令整改事项")

    public static func onlyRolesMayIssueCircular(plan: String, roles: Message) -> Message {
        Message(
            en: "plan \(plan): only \(roles) may issue a circular",
            zh: "方案 \(plan)：只有\(roles)可以发出通报")
    }

    public static func noCircular(number: Int, year: Int) -> Message {
        Message(
            en: "there is no circular number \(number) of \(year)",
            zh: "没有\(year)年第\(number)号通报")
    }
}
