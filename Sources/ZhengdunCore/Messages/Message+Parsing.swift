/// A value that could not be read as what it should be: a date, a time, a rule, a mode.
extension Message {
    public static func notAWeekday(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a day of the week; expected monday … sunday",
            zh: "“\(text)”不是星期几；应为 monday … sunday")
    }

    public static func notADayOrRange(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a day or a range FROM..TO",
            zh: "“\(text)”不是日期或“起..止”范围")
    }

    public static func rangeBackwards(text: Quoted) -> Message {
        Message(
            en: "range '\(text)' ends before it starts",
            zh: "范围“\(text)”的结束早于开始")
    }

    public static func notAFileMode(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a file mode; expected four octal digits, as in \"0660\"",
            zh: "“\(text)”不是文件权限；应为四位八进制数字，如 \"0660\"")
    }

    public static func notALogLevel(text: Quoted, levels: Message) -> Message {
        Message(
            en: "'\(text)' is not a log level; expected \(levels)",
            zh: "“\(text)”不是日志级别；应为 \(levels)")
    }

    public static func notATransport(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a transport; expected sendmail or maildir",
            zh: "“\(text)”不是邮件投递方式；应为 sendmail 或 maildir")
    }

    public static func notAGateRule(text: Quoted, rules: Message) -> Message {
        Message(
            en: "'\(text)' is not a gate rule; expected \(rules)",
            zh: "“\(text)”不是转段条件；应为 \(rules)")
    }

    public static func notALength(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a length of time; expected a whole number followed by wd (working days), d, h or m, as in 10wd",
            zh: "“\(text)”不是时长；应写作整数加单位 wd（工作日）、d（自然日）、h（小时）或 m（分钟），如 10wd")
    }

    public static func lengthTooLong(text: Quoted, maximum: String) -> Message {
        Message(
            en: "'\(text)' is longer than \(maximum)",
            zh: "“\(text)”超过 \(maximum)")
    }

    public static func notADateOrDateTime(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a date; expected YYYY-MM-DD or YYYY-MM-DD HH:MM",
            zh: "“\(text)”不是日期；应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM")
    }

    public static func timeOfDayNotAllowed(text: Quoted, unit: String) -> Message {
        Message(
            en: "'\(text)': a time of day applies only to wd and d rules and to dates, not to \(unit)",
            zh: "“\(text)”：时刻只能用于 wd、d 规则和日期，不能用于 \(unit)")
    }

    public static func notADate(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a date; expected YYYY-MM-DD",
            zh: "“\(text)”不是日期；应为 YYYY-MM-DD")
    }

    public static func notACalendarDay(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a day of the calendar",
            zh: "“\(text)”不是日历上的日期")
    }

    public static func notATimeOfDay(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a time of day; expected HH:MM from 00:00 to 23:59",
            zh: "“\(text)”不是时刻；应为 00:00 至 23:59 的 HH:MM")
    }

    public static func notADateTime(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a date and time; expected YYYY-MM-DD HH:MM",
            zh: "“\(text)”不是日期时间；应为 YYYY-MM-DD HH:MM")
    }

    public static func unknownTimezone(zone: String) -> Message {
        Message(
            en: "unknown timezone '\(zone)'",
            zh: "未知时区“\(zone)”")
    }

    public static func notAnAnchor(text: Quoted) -> Message {
        Message(
            en: "“\(text)” is not an anchor: write EVENT:HASH, the hash in 64 hexadecimal digits, as the weekly report prints it",
            zh: "“\(text)”不是校验点：应写作“事件编号:哈希”，哈希为 64 位十六进制数，与周报所印一致")
    }

    public static func notASendWindow(text: Quoted) -> Message {
        Message(
            en: "“\(text)” is not a send window: write it as 08:30-17:30 (the opening first), or always to send at any hour",
            zh: "“\(text)”不是发送时段：应写作 08:30-17:30（开始在前、结束在后），或写 always 表示随时发送")
    }
}
