import ZhengdunCore

/// What the audit of the event log finds.
extension Message {
    public static func auditEventAltered(event: Int) -> Message {
        Message(
            en: "event \(event) was altered: its contents no longer match its hash",
            zh: "事件 \(event) 被改动：内容与其哈希不符")
    }

    public static func auditOneMissing(event: Int, next: Int, before: Message) -> Message {
        Message(
            en: "event \(event) is missing: event \(next) does not follow \(before)",
            zh: "事件 \(event) 缺失：事件 \(next) 未接在\(before)之后")
    }

    public static func auditRangeMissing(first: Int, last: Int, next: Int, before: Message) -> Message {
        Message(
            en: "events \(first)–\(last) are missing: event \(next) does not follow \(before)",
            zh: "事件 \(first)–\(last) 缺失：事件 \(next) 未接在\(before)之后")
    }

    public static func auditEventWord(event: Int) -> Message {
        Message(
            en: "event \(event)",
            zh: "事件 \(event)")
    }

    public static let auditLogStart = Message(
        en: "the start of the log",
        zh: "日志开头")

    public static func auditBrokenLink(event: Int, before: Message) -> Message {
        Message(
            en: "event \(event) does not follow \(before): the link between them is broken",
            zh: "事件 \(event) 未接在\(before)之后：两者之间的链接断裂")
    }

    public static func auditHeadMissing(event: Int) -> Message {
        Message(
            en: "the head of the chain is missing; the log ends at event \(event)",
            zh: "哈希链头缺失；日志止于事件 \(event)")
    }

    public static func auditLogEmptied(last: Int) -> Message {
        Message(
            en: "events 1–\(last) are missing: the log is empty but its chain ends at event \(last)",
            zh: "事件 1–\(last) 缺失：日志为空，但哈希链止于事件 \(last)")
    }

    public static func auditTailOneMissing(event: Int) -> Message {
        Message(
            en: "event \(event) is missing from the end of the log",
            zh: "日志末尾缺失事件 \(event)")
    }

    public static func auditTailMissing(first: Int, last: Int) -> Message {
        Message(
            en: "events \(first)–\(last) are missing from the end of the log",
            zh: "日志末尾缺失事件 \(first)–\(last)")
    }

    public static func auditHeadMismatch(event: Int) -> Message {
        Message(
            en: "the head of the chain does not match event \(event)",
            zh: "哈希链头与事件 \(event) 不符")
    }

    public static func auditEvidenceAltered(address: String) -> Message {
        Message(
            en: "evidence \(address) was altered: its content no longer hashes to its address",
            zh: "佐证材料 \(address) 被改动：内容与其地址的哈希不符")
    }

    public static func auditAnchorMissing(event: Int) -> Message {
        Message(
            en: "the anchor's event \(event) is no longer in the log: the log was cut back or rewritten since",
            zh: "校验点所记的事件 \(event) 已不在日志中：日志在该校验点之后被删改")
    }

    public static func auditAnchorMismatch(event: Int) -> Message {
        Message(
            en: "event \(event) no longer has the anchor's hash: the log was rewritten up to it",
            zh: "事件 \(event) 的哈希与校验点不符：日志在该校验点之前已被重写")
    }
}
