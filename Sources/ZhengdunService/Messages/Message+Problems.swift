import ZhengdunCore

/// Refusals of the problem list's commands (`problem add|note|close|carry`).
extension Message {
    /// 责任领导, as a 督办 letter's 抄送 line names the leader of a problem.
    public static let problemLeader = Message(
        en: "leader",
        zh: "责任领导")

    public static let whatRemedy = Message(
        en: "the remedy",
        zh: "整改措施")

    public static let problemDetailEmpty = Message(
        en: "say what the problem looks like in the village (--detail)",
        zh: "请写明问题在本村的具体表现（--detail）")

    public static let problemRemedyEmpty = Message(
        en: "say how the problem is to be put right (--remedy)",
        zh: "请写明整改措施（--remedy）")

    public static let problemNoteEmpty = Message(
        en: "the progress note is empty",
        zh: "整改进展说明为空")

    public static let problemCommandCarry = Message(
        en: "carry the problem over",
        zh: "转入长效")

    public static func noProblem(problem: String) -> Message {
        Message(
            en: "there is no problem \(problem)",
            zh: "没有问题 \(problem)")
    }

    public static func workflowKeepsNoProblemList(plan: String) -> Message {
        Message(
            en: "the workflow of plan \(plan) keeps no problem list (problem_list)",
            zh: "方案 \(plan) 的工作流程未设问题清单（problem_list）")
    }

    public static func planNotRecordingProblems(plan: String, state: Message) -> Message {
        Message(
            en: "plan \(plan) is \(state); problems are recorded and carried over only while a plan is in one of its phases",
            zh: "方案 \(plan) 处于“\(state)”；只有处于某一阶段的方案才能登记问题或转入长效")
    }

    public static func onlyRolesMayRecordProblems(roles: Message) -> Message {
        Message(
            en: "only \(roles) may record problems",
            zh: "只有\(roles)可以登记问题")
    }

    public static func onlyRolesMayCarry(roles: Message) -> Message {
        Message(
            en: "only \(roles) may carry a problem over",
            zh: "只有\(roles)可以将问题转入长效")
    }

    public static func onlyConcernedMayNote(problem: String) -> Message {
        Message(
            en: "only the person responsible for \(problem), its leader or the office may note its progress",
            zh: "只有问题 \(problem) 的责任人、责任领导或组织办可以填报整改进展")
    }

    public static func problemNotClosed(problem: String, state: Message) -> Message {
        Message(
            en: "problem \(problem) is \(state), not closed: only a closed item is reopened",
            zh: "问题 \(problem) 的状态为“\(state)”，尚未销号：只有已销号的问题才能重新整改")
    }

    public static func problemSettled(problem: String, state: Message) -> Message {
        Message(
            en: "problem \(problem) is already \(state)",
            zh: "问题 \(problem) 的状态为“\(state)”，不能再更改")
    }

    public static func problemCloseNeedsEvidence(problem: String) -> Message {
        Message(
            en: "problem \(problem) has no evidence; a problem is closed with evidence (--evidence, or handed in with the report)",
            zh: "问题 \(problem) 没有佐证材料；销号须有佐证材料（用 --evidence 附上，或由责任人报送时附上）")
    }

    public static func problemWithoutTask(problem: String) -> Message {
        Message(
            en: "problem \(problem) has no rectification task; the database is damaged",
            zh: "问题 \(problem) 没有对应的整改任务；数据库已损坏")
    }

    public static func problemClosedByItsCommand(task: String, problem: String) -> Message {
        Message(
            en: "task \(task) puts right problem \(problem); close the problem with its evidence instead (problem close \(problem))",
            zh: "任务 \(task) 是问题 \(problem) 的整改任务；请对该问题验收销号并附佐证材料（problem close \(problem)）")
    }

    public static func measureUnknown(measure: String, measures: Message) -> Message {
        Message(
            en: "'\(measure)' is not a measure of the workflow; expected one of: \(measures)",
            zh: "“\(measure)”不是工作流中的整改措施；应为以下之一：\(measures)")
    }
}

/// Refusals of `indicator set|survey`.
extension Message {
    public static let surveySource = Message(en: "the satisfaction survey (indicator survey)", zh: "群众满意度测评（indicator survey）")
    public static let problemsSource = Message(en: "the problems closed on the problem list", zh: "问题清单的销号数")

    public static func onlyRolesMayRecordIndicators(roles: Message) -> Message {
        Message(
            en: "only \(roles) may record the goals' indicators",
            zh: "只有\(roles)可以填报整顿目标指标")
    }

    public static func planNotRecordingIndicators(plan: String, state: Message) -> Message {
        Message(
            en: "plan \(plan) is \(state); indicators are recorded while a plan runs",
            zh: "方案 \(plan) 处于“\(state)”；只有进行中的方案才能填报指标")
    }

    public static func noSuchIndicator(indicator: String, indicators: Message) -> Message {
        Message(
            en: "'\(indicator)' is not an indicator of the plan's goals; they are \(indicators)",
            zh: "“\(indicator)”不是本方案整顿目标的指标；现有指标为 \(indicators)")
    }

    public static func indicatorIsComputed(indicator: String, source: Message) -> Message {
        Message(
            en: "\(indicator) is computed from \(source), not recorded by hand",
            zh: "“\(indicator)”由\(source)计算得出，不能直接填报")
    }

    public static func indicatorWantsNumber(indicator: String, text: String) -> Message {
        Message(
            en: "\(indicator) takes a number, not '\(text)'",
            zh: "“\(indicator)”应填数字，而不是“\(text)”")
    }

    public static func indicatorWantsYesOrNo(indicator: String, text: String) -> Message {
        Message(
            en: "\(indicator) takes yes or no (是 or 否), not '\(text)'",
            zh: "“\(indicator)”应填“是”或“否”，而不是“\(text)”")
    }

    public static func workflowHasNoSurveyIndicator(plan: String) -> Message {
        Message(
            en: "the workflow of plan \(plan) computes no indicator from a satisfaction survey (from: survey)",
            zh: "方案 \(plan) 的工作流程没有由群众满意度测评计算的指标（from: survey）")
    }

    public static func surveyDoesNotAddUp(problems: Message) -> Message {
        Message(
            en: "the survey does not add up: \(problems)",
            zh: "测评数据不符：\(problems)")
    }
}
