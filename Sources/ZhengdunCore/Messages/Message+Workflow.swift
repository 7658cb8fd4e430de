/// A workflow described: its version, phases and weekdays.
extension Message {
    public static func workflowVersion(key: String, title: String, version: String) -> Message {
        Message(
            en: "\(key) (\(title)), version \(version)",
            zh: "\(title)（第\(version)版）")
    }

    public static func workflowTitleLine(title: String, key: String, version: String) -> Message {
        Message(
            en: "\(title)  (\(key), version \(version))",
            zh: "\(title)（第\(version)版）")
    }

    public static func phaseLine(number: Int, key: String, title: String, length: String, dates: String) -> Message {
        Message(
            en: "Phase \(number)  \(key)  \(title)  \(length)\(dates)",
            zh: "第\(number)阶段  \(title)  计划\(length)\(dates)")
    }

    public static let weekdayMonday = Message(
        en: "monday",
        zh: "周一")

    public static let weekdayTuesday = Message(
        en: "tuesday",
        zh: "周二")

    public static let weekdayWednesday = Message(
        en: "wednesday",
        zh: "周三")

    public static let weekdayThursday = Message(
        en: "thursday",
        zh: "周四")

    public static let weekdayFriday = Message(
        en: "friday",
        zh: "周五")

    public static let weekdaySaturday = Message(
        en: "saturday",
        zh: "周六")

    public static let weekdaySunday = Message(
        en: "sunday",
        zh: "周日")
}
