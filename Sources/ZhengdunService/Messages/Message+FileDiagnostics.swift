import ZhengdunCore

/// What is wrong in a mail template or beside a workflow file.
extension Message {
    public static let templateMissing = Message(
        en: "the template is missing",
        zh: "缺少此模板")

    public static let templateSubjectEmpty = Message(
        en: "the first line is the subject and must not be empty",
        zh: "第一行是邮件主题，不能为空")

    public static let templateFilenameEmpty = Message(
        en: "the first line is the file's name and must not be empty",
        zh: "第一行是附件文件名，不能为空")

    public static func templateClosesNothing(tag: String) -> Message {
        Message(
            en: "'\(tag)' closes no section",
            zh: "“\(tag)”没有可结束的区段")
    }

    public static func templateClosesOther(tag: String, other: String, line: Int) -> Message {
        Message(
            en: "'\(tag)' closes '\(other)' (line \(line))",
            zh: "“\(tag)”结束的是“\(other)”（第 \(line) 行）")
    }

    public static let templateUnclosedTag = Message(
        en: "a tag opened here is never closed",
        zh: "此处开始的标签没有结束")

    public static func templateUnsupported(tag: String) -> Message {
        Message(
            en: "'\(tag)' is not supported in zhengdun's mail templates; use sections and names only",
            zh: "zhengdun 邮件模板不支持“\(tag)”；只能用区段和名称")
    }

    public static func templateUnclosed(name: String) -> Message {
        Message(
            en: "section '\(name)' is never closed",
            zh: "区段“\(name)”没有结束")
    }

    public static let templateEmptyTag = Message(
        en: "an empty tag",
        zh: "空标签")

    public static func templateUnknownField(field: String, fields: Message) -> Message {
        Message(
            en: "unknown field '\(field)'; this template may use: \(fields)",
            zh: "未知字段“\(field)”；此模板可用：\(fields)")
    }

    public static func templateUnknownSubfield(field: String) -> Message {
        Message(
            en: "unknown field '\(field)'",
            zh: "未知字段“\(field)”")
    }

    public static func noTemplatesBesideWorkflow(folder: String) -> Message {
        Message(
            en: "no mail templates beside the workflow (\(folder)); plans cannot be created from it",
            zh: "工作流旁没有邮件模板（\(folder)）；无法据此创建方案")
    }

    public static let noCalendarNamed = Message(
        en: "the workflow names no calendar; working days are counted Monday to Friday without holidays",
        zh: "工作流未指定工作日历；工作日按周一至周五计算，不计节假日")

    public static func calendarNameMismatch(declared: String, named: String) -> Message {
        Message(
            en: "the file declares calendar '\(declared)', but the workflow names it '\(named)'",
            zh: "文件声明的日历是“\(declared)”，而工作流写的是“\(named)”")
    }
}
