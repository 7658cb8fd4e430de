import ZhengdunCore

/// Options that go together, or do not.
extension Message {
    static let orderNeedsAssignAndDue = Message(
        en: "--order-rectification needs --assign ROLE and --due RULE",
        zh: "--order-rectification 需要同时给出 --assign ROLE 和 --due RULE")

    static let orderOptionsAlone = Message(
        en: "--assign, --due, --title and --verifier go with --order-rectification",
        zh: "--assign、--due、--title 和 --verifier 只能与 --order-rectification 一起使用")

    static let reopenNeedsDue = Message(
        en: "--reopen needs --due: by when the item must be put right again",
        zh: "--reopen 需要 --due：重新整改的期限")

    static let overrideNeedsReason = Message(
        en: "--override needs --reason",
        zh: "--override 需要给出 --reason（理由）")

    static let reasonNeedsOverride = Message(
        en: "--reason goes with --override",
        zh: "--reason 只能与 --override 一起使用")

    static let extendNeedsToOrBy = Message(
        en: "give either --to or --by",
        zh: "请给出 --to 或 --by 之一")
}

/// `mail-in` and `reply-keys`.
extension Message {
    static func mailInTooLarge(maximum: Int) -> Message {
        Message(
            en: "the message is larger than \(maximum) MiB, the most mail-in reads",
            zh: "邮件超过 \(maximum) MiB，超出 mail-in 可读取的上限")
    }

    static let replyKeySigns = Message(en: "signs", zh: "签发中")
}
