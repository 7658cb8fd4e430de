import ZhengdunCore

/// Refusals of the ledger's selection.
extension Message {
    public static func planHasNoPhaseListed(plan: String, phase: String, phases: Message) -> Message {
        Message(
            en: "plan \(plan) has no phase '\(phase)'; its phases are \(phases)",
            zh: "方案 \(plan) 没有阶段“\(phase)”；其阶段为 \(phases)")
    }

    public static func noPlanHasPhase(phase: String) -> Message {
        Message(
            en: "no plan has a phase '\(phase)'",
            zh: "没有方案含有阶段“\(phase)”")
    }

    public static func noPlanHasPhaseListed(phase: String, phases: Message) -> Message {
        Message(
            en: "no plan has a phase '\(phase)'; the phases are \(phases)",
            zh: "没有方案含有阶段“\(phase)”；现有阶段为 \(phases)")
    }
}
