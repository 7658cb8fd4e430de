/// The problem list (问题清单): its items' states.
extension Message {
    public static let problemOpen = Message(en: "not yet taken in hand", zh: "未整改")
    public static let problemInHand = Message(en: "in hand", zh: "整改中")
    public static let problemClosed = Message(en: "closed", zh: "已销号")
    public static let problemCarried = Message(en: "carried over", zh: "转入长效")
}

/// Goals' indicators and the satisfaction survey.
extension Message {
    public static let wordYes = Message(en: "yes", zh: "是")
    public static let wordNo = Message(en: "no", zh: "否")

    public static func indicatorAtLeast(target: String, unit: String) -> Message {
        Message(en: "at least \(target) \(unit)", zh: "不低于\(target)\(unit)")
    }

    public static func indicatorAtMost(target: String, unit: String) -> Message {
        Message(en: "at most \(target) \(unit)", zh: "不高于\(target)\(unit)")
    }

    public static let surveyNegative = Message(
        en: "no count of the survey may be negative",
        zh: "测评各项数字不能为负数")

    public static let surveyNoneReturned = Message(
        en: "no form was returned (--returned 0); there is no rate to compute",
        zh: "回收份数为 0，无法计算满意率")

    public static func surveyMoreReturnedThanIssued(returned: Int, issued: Int) -> Message {
        Message(
            en: "\(returned) forms returned but only \(issued) handed out",
            zh: "回收 \(returned) 份，多于发放的 \(issued) 份")
    }

    public static func surveyAnswersDoNotAddUp(satisfied: Int, basically: Int, dissatisfied: Int, returned: Int) -> Message {
        Message(
            en:
                "satisfied \(satisfied) + basically satisfied \(basically) + dissatisfied \(dissatisfied) is not the \(returned) forms returned",
            zh: "满意 \(satisfied) + 基本满意 \(basically) + 不满意 \(dissatisfied) 不等于回收的 \(returned) 份")
    }
}
