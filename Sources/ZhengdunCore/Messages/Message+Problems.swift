/// The problem list (问题清单): its items' states.
extension Message {
    public static let problemOpen = Message(en: "not yet taken in hand", zh: "未整改")
    public static let problemInHand = Message(en: "in hand", zh: "整改中")
    public static let problemClosed = Message(en: "closed", zh: "已销号")
    public static let problemCarried = Message(en: "carried over", zh: "转入长效")
}
