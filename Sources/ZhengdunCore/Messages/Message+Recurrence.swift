/// What the workflow file is told about recurring work, standing duties and the look back.
extension Message {
    public static func notAPeriod(text: Quoted, periods: Message) -> Message {
        Message(
            en: "'\(text)' is not a period; expected \(periods)",
            zh: "“\(text)”不是周期；应为 \(periods)")
    }

    public static func notADueDay(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a day of the period; expected, as in 5th working day or last working day, optionally @HH:MM",
            zh: "“\(text)”不是周期内的日子；应写作 5th working day（第5个工作日）或 last working day（最后一个工作日），可加 @HH:MM")
    }

    public static func notARecurrenceEnd(text: Quoted) -> Message {
        Message(
            en: "'\(text)' does not say how long the task recurs; expected phase, campaign or a number of occurrences",
            zh: "“\(text)”没有说明重复到何时；应为 phase（本阶段）、campaign（至验收通过）或次数")
    }

    public static func recurrenceKeyWithoutEvery(key: String) -> Message {
        Message(
            en: "\(key) belongs to a recurring task; add every: week, month or quarter",
            zh: "\(key) 只用于定期任务；请加上 every: week、month 或 quarter")
    }

    public static let recurringTaskDeadline = Message(
        en: "a recurring task has a deadline in each period (due), not one deadline",
        zh: "定期任务每期各有期限（due），不设统一期限（deadline）")

    public static let recurringTaskBuildsProblemList = Message(
        en: "a recurring task cannot build the problem list: the list is built once",
        zh: "定期任务不能建立问题清单：问题清单只建立一次")

    public static let recurringTaskDependencies = Message(
        en: "a recurring task cannot wait for other tasks: each period's occurrence is due in its period",
        zh: "定期任务不能以其他任务为前提：每期任务在本期内到期")

    public static let recurringTaskWaitsForVillages = Message(
        en: "a recurring task cannot wait for the villages: each period's occurrence is due in its period",
        zh: "定期任务不能等待各村进度：每期任务在本期内到期")

    public static func dependsOnRecurringTask(task: Quoted) -> Message {
        Message(
            en: "'\(task)' recurs, so no task can wait for it: which period's would it be?",
            zh: "“\(task)”是定期任务，不能作为其他任务的前提：无法确定以哪一期为准")
    }

    public static func dueDayBeyondPeriod(day: Int, period: String, most: Int) -> Message {
        Message(
            en: "a \(period) may have fewer than \(day) working days; name at most the \(most)th, or the last working day",
            zh: "一个周期（\(period)）可能不足\(day)个工作日；最多写第\(most)个工作日，或写最后一个工作日（last working day）")
    }

    public static func recurrenceNeverOccurs(task: Quoted) -> Message {
        Message(
            en: "'\(task)' recurs 0 times: it would never be issued",
            zh: "“\(task)”重复0次：永远不会下发")
    }

    public static func recurrenceMayNeverOccur(task: Quoted, length: String) -> Message {
        Message(
            en: "'\(task)' may never fall due within \(length) as planned: a shorter period, or until: campaign, gives it time",
            zh: "按计划时长 \(length)，“\(task)”可能一次也不到期：请缩短周期，或改为 until: campaign")
    }

    public static func recurrenceTooMany(task: Quoted, count: Int, most: Int) -> Message {
        Message(
            en: "'\(task)' may recur \(count) times, more than the \(most) this workflow allows (max_occurrences)",
            zh: "“\(task)”可能重复\(count)次，超过本工作流程允许的\(most)次（max_occurrences）")
    }

    public static let whatDutyKey = Message(
        en: "duty key",
        zh: "常态职责键")

    public static func duplicateDuty(key: Quoted, line: Int) -> Message {
        Message(
            en: "duplicate duty key '\(key)' (first at line \(line))",
            zh: "常态职责键“\(key)”重复（首次出现在第 \(line) 行）")
    }

    public static func lookBackTaskKind(task: Quoted) -> Message {
        Message(
            en: "the look back's task '\(task)' is done once in each village: it can neither recur nor be the township's",
            zh: "回头看任务“\(task)”每村办理一次：不能定期重复，也不能全镇一次")
    }

    public static func notALookBackDelay(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a time after the acceptance; expected months, as in 6 months, or days, as in 120wd",
            zh: "“\(text)”不是验收后的时长；应写作月数，如 6 months，或天数，如 120wd")
    }
}
