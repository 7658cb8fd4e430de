/// Refusals of task commands: the state, the person, the deadline.
extension Message {
    public static let taskAlreadyVerified = Message(
        en: "the task is already verified",
        zh: "该任务已验收销号")

    public static let taskCancelled = Message(
        en: "the task is cancelled",
        zh: "该任务已撤销")

    public static let taskMustBeAcknowledged = Message(
        en: "the task must be acknowledged (签收) before it is submitted",
        zh: "任务须先签收才能报送")

    public static let taskSubmittedVerifyFirst = Message(
        en: "the task is submitted and awaits verification; verify or return it first",
        zh: "任务已报送，待验收；请先验收销号或退回整改")

    public static let taskAlreadySubmitted = Message(
        en: "the task is already submitted and awaits verification",
        zh: "任务已报送，正待验收")

    public static let taskReturnedSubmitAgain = Message(
        en: "the task was returned for rework; submit it again when the work is done",
        zh: "任务已退回整改；整改完成后请重新报送")

    public static func taskNotSubmitted(state: Message) -> Message {
        Message(
            en: "the task is \(state), not submitted; only submitted work is verified or returned",
            zh: "任务处于“\(state)”状态，尚未报送办结；只有已报送的任务才能验收销号或退回整改")
    }

    public static func taskAlreadyInState(state: Message) -> Message {
        Message(
            en: "the task is already \(state)",
            zh: "任务已是“\(state)”状态")
    }

    public static func onlyAssignee(assignee: String, verb: Message) -> Message {
        Message(
            en: "only the assignee (\(assignee)) may \(verb) this task",
            zh: "只有责任人（\(assignee)）可以\(verb)此任务")
    }

    public static func onlyVerifier(role: Message, verb: Message) -> Message {
        Message(
            en: "only the verifying role (\(role)) may \(verb) this task",
            zh: "只有验收角色（\(role)）可以\(verb)此任务")
    }

    public static func onlyRolesMayTask(roles: Message, verb: Message) -> Message {
        Message(
            en: "only \(roles) may \(verb) a task",
            zh: "只有\(roles)可以\(verb)任务")
    }

    public static let ownWork = Message(
        en: "nobody may verify a task they submitted themselves",
        zh: "任何人不得验收自己报送的任务")

    public static func dependenciesNotVerified(tasks: Message) -> Message {
        Message(
            en: "the task depends on work not yet verified: \(tasks)",
            zh: "本任务依赖的工作尚未验收：\(tasks)")
    }

    public static func textRequired(what: Message, verb: Message) -> Message {
        Message(
            en: "\(what) is required to \(verb) a task",
            zh: "\(verb)任务须填写\(what)")
    }

    public static let whatNoteOnWork = Message(
        en: "a note on the work done",
        zh: "办结说明")

    public static let whatReason = Message(
        en: "a reason",
        zh: "理由")

    public static func deadlineNotLater(proposed: LocalDateTime, current: LocalDateTime) -> Message {
        Message(
            en: "the new deadline \(proposed) is not later than the current one (\(current))",
            zh: "新的办结时限\(proposed)不晚于现有时限\(current)")
    }

    public static func deadlineInPast(proposed: LocalDateTime) -> Message {
        Message(
            en: "the new deadline \(proposed) has already passed",
            zh: "新的办结时限\(proposed)已经过去")
    }

    public static func alreadyAssigned(person: String) -> Message {
        Message(
            en: "the task is already assigned to \(person)",
            zh: "任务已由 \(person) 负责")
    }

    public static func evidenceMissing(items: Message) -> Message {
        Message(
            en:
                "the task asks for evidence not handed in: \(items); hand it in, or say why it is missing (--missing-reason; in a reply, a line “缺项说明：why”)",
            zh: "任务要求的佐证材料缺少：\(items)；请补交，或写明缺项理由（命令行用 --missing-reason；回复邮件另起一行写“缺项说明：理由”）")
    }

    public static let problemListEmpty = Message(
        en: "the task builds the problem list, which holds no item yet: record what the survey found first (problem add)",
        zh: "本任务要建立问题清单，但清单中尚无问题：请先将摸排发现的问题逐项登记（problem add），再报送办结")

    public static func villagesBehind(phase: Message, villages: Message) -> Message {
        Message(
            en: "the task waits for every village of the campaign to begin \(phase); not yet: \(villages)",
            zh: "本任务须待全镇各村进入\(phase)后方可报送办结，尚未进入的村：\(villages)")
    }
}
