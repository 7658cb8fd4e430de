/// Words other messages use: verbs, states, plan commands.
extension Message {
    public static let noRole = Message(
        en: "no role",
        zh: "无角色")

    public static let verbAcknowledge = Message(
        en: "acknowledge",
        zh: "签收")

    public static let verbSubmit = Message(
        en: "submit",
        zh: "报送")

    public static let verbVerify = Message(
        en: "verify",
        zh: "验收")

    public static let verbReturn = Message(
        en: "return",
        zh: "退回")

    public static let verbReassign = Message(
        en: "reassign",
        zh: "改派")

    public static let verbExtend = Message(
        en: "extend the deadline of",
        zh: "延期")

    public static let verbCancel = Message(
        en: "cancel",
        zh: "撤销")

    public static let planCommandAdvance = Message(
        en: "advance",
        zh: "推进")

    public static let planCommandOverride = Message(
        en: "override the gate of",
        zh: "未达转段条件而转段")

    public static let planCommandCancel = Message(
        en: "cancel",
        zh: "撤销")

    public static let planCommandLaunch = Message(
        en: "launch",
        zh: "启动")

    public static func planCommandSignGate(phase: Message) -> Message {
        Message(
            en: "sign the gate of phase '\(phase)' of",
            zh: "批准\(phase)转段")
    }

    public static let stateIssued = Message(
        en: "issued",
        zh: "已下发")

    public static let stateAcknowledged = Message(
        en: "acknowledged",
        zh: "已签收")

    public static let stateSubmitted = Message(
        en: "submitted",
        zh: "已办结待验收")

    public static let stateVerified = Message(
        en: "verified",
        zh: "已验收销号")

    public static let stateReturned = Message(
        en: "returned",
        zh: "退回整改")

    public static let stateCancelled = Message(
        en: "cancelled",
        zh: "已撤销")

    public static let planDraft = Message(
        en: "draft",
        zh: "草稿")

    public static let planAccepted = Message(
        en: "accepted",
        zh: "验收通过")

    /// Accepted, with the look back (回头看) still ahead.
    public static let planConsolidating = Message(
        en: "accepted, consolidating",
        zh: "验收通过（巩固期）")

    public static let planRebound = Message(
        en: "rebound, under watch again",
        zh: "反弹，重新整改")

    public static let planClosed = Message(
        en: "signed off",
        zh: "已销号")

    public static let planCancelled = Message(
        en: "cancelled",
        zh: "已撤销")
}
