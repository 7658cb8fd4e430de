/// Values whose words differ by language beyond translation: a role is named by its title in
/// Chinese and by its key in English, a time is written `3月5日（星期四）18:00` in Chinese and
/// `2026-03-05 18:00` in English. The core and the service build the message; both forms travel
/// in it (and over the socket), and the reader's language picks one when it is said.
extension Message {
    /// A role: `office_director` in English, `领导小组办公室主任（镇党委组织委员）` in Chinese.
    public static func role(_ key: RoleKey, title: String?) -> Message {
        perLanguage(en: key.rawValue, zh: title ?? key.rawValue)
    }

    /// Roles as alternatives: `org_office or office_director`, `镇组织办或领导小组办公室主任`.
    public static func roles(_ keys: [RoleKey], in workflow: Workflow?) -> Message {
        .perLanguage(
            en: alternatives(keys.map(\.rawValue)).english,
            zh: alternatives(keys.map { workflow?.role($0)?.title ?? $0.rawValue }).chinese)
    }

    /// A phase: `survey` in English, `摸底准备阶段` in Chinese.
    public static func phase(_ key: PhaseKey, in workflow: Workflow?) -> Message {
        perLanguage(en: key.rawValue, zh: workflow?.phase(key)?.title ?? key.rawValue)
    }

    /// A time in a sentence: `3月5日（星期四）18:00` in Chinese, `2026-03-05 18:00` in English.
    public static func time(_ time: LocalDateTime) -> Message {
        perLanguage(en: time.description, zh: time.prose(in: .zh))
    }
}
