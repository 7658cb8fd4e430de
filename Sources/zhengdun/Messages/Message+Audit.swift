import ZhengdunCore

/// `audit`'s summary lines.
extension Message {
    static func auditHead(anchor: String) -> Message {
        Message(
            en:
                "audit: the chain's head is \(anchor) (keep it, as the weekly report does, and check later with audit verify --anchor \(anchor))",
            zh: "审计：当前校验点 \(anchor)（请随周报留存，日后可用 zhengdun audit verify --anchor \(anchor) 核对）")
    }

    static func auditAnchorHeld(anchor: String) -> Message {
        Message(
            en: "audit: the anchor \(anchor) is still in the log; nothing before it was altered",
            zh: "审计：校验点 \(anchor) 仍在日志中，此前的记录未被改动")
    }
}
