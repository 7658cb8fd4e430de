/// Values whose words differ by language beyond translation: a role is named by its title in
/// Chinese and by its key in English, a time is written `3月5日（星期四）18:00` in Chinese and
/// `2026-03-05 18:00` in English. The core and the service build the message; the reader's
/// language picks the form when it is said, so both travel in the value (and over the socket).
extension MessageValue {
    /// `en` said to an English reader, `zh` to a Chinese one.
    public static func perLanguage(en: String, zh: String) -> MessageValue {
        .said(.perLanguage, ["en": .text(en), "zh": .text(zh)])
    }

    /// A role: `office_director` in English, `领导小组办公室主任（镇党委组织委员）` in Chinese.
    public static func role(_ key: RoleKey, title: String?) -> MessageValue {
        perLanguage(en: key.rawValue, zh: title ?? key.rawValue)
    }

    /// Roles as alternatives: `org_office or office_director`, `镇组织办或领导小组办公室主任`.
    public static func roles(_ keys: [RoleKey], in workflow: Workflow?) -> MessageValue {
        .perLanguage(
            en: MessageValue.alternatives(keys.map(\.rawValue)).text(in: .en),
            zh: MessageValue.alternatives(keys.map { workflow?.role($0)?.title ?? $0.rawValue }).text(in: .zh))
    }

    /// A phase: `survey` in English, `摸底准备阶段` in Chinese.
    public static func phase(_ key: PhaseKey, in workflow: Workflow?) -> MessageValue {
        perLanguage(en: key.rawValue, zh: workflow?.phase(key)?.title ?? key.rawValue)
    }

    /// A time in a sentence: `3月5日（星期四）18:00` in Chinese, `2026-03-05 18:00` in English.
    public static func time(_ time: LocalDateTime) -> MessageValue {
        perLanguage(en: time.description, zh: time.prose(in: .zh))
    }
}
