/// Refusals that several parts give: no such plan, a frozen plan, an empty text.
extension Message {
    public static func noPlan(plan: String) -> Message {
        Message(
            en: "there is no plan \(plan)",
            zh: "没有方案 \(plan)")
    }

    public static func mustNotBeEmpty(what: Message) -> Message {
        Message(
            en: "\(what) must not be empty",
            zh: "\(what)不能为空")
    }

    public static func taskRefused(task: String, refusal: Message) -> Message {
        Message(
            en: "task \(task): \(refusal)",
            zh: "任务 \(task)：\(refusal)")
    }

    public static func planFrozen(task: String, plan: String, state: Message) -> Message {
        Message(
            en: "task \(task): plan \(plan) is \(state); its tasks can no longer change",
            zh: "任务 \(task)：方案 \(plan) 处于“\(state)”，其任务不能再变更")
    }

    public static func calendarNoData(years: Message) -> Message {
        Message(
            en: "the working-day calendar has no data for \(years); counted Monday to Friday without holidays",
            zh: "工作日历没有 \(years) 年的数据；已按周一至周五计算，未计节假日")
    }

    public static func warningAbout(subject: Message, warning: Message) -> Message {
        Message(
            en: "\(subject): \(warning)",
            zh: "\(subject)：\(warning)")
    }

    public static let theSchedule = Message(
        en: "the schedule",
        zh: "进度安排")
}
