import ZhengdunCore

/// `doctor`: each check, its verdict and its detail.
extension Message {
    static let doctorOk = Message(
        en: "ok",
        zh: "正常")

    static let doctorWarn = Message(
        en: "warn",
        zh: "注意")

    static let doctorFail = Message(
        en: "fail",
        zh: "失败")

    static let checkConfiguration = Message(
        en: "configuration",
        zh: "配置")

    static let checkTimezone = Message(
        en: "timezone",
        zh: "时区")

    static let checkDatabase = Message(
        en: "database",
        zh: "数据库")

    static let checkWorkflows = Message(
        en: "workflows",
        zh: "工作流")

    static let checkTemplates = Message(
        en: "templates",
        zh: "邮件模板")

    static let checkCalendar = Message(
        en: "calendar",
        zh: "工作日历")

    static let checkSendmail = Message(
        en: "sendmail",
        zh: "发信程序")

    static let checkMaildir = Message(
        en: "maildir",
        zh: "邮件目录")

    static let checkSocket = Message(
        en: "socket",
        zh: "套接字")

    static let checkOutbox = Message(
        en: "outbox",
        zh: "发件箱")

    static let doctorNoConfiguration = Message(
        en: "no file; built-in defaults",
        zh: "没有配置文件；使用内置默认值")

    static func doctorDatabaseCurrent(path: String, count: Int) -> Message {
        Message(
            en: "\(path): at the latest migration (\(count) of \(count))",
            zh: "\(path)：已是最新迁移（\(count)/\(count)）")
    }

    static func doctorDatabaseBehind(path: String, count: Int) -> Message {
        Message(
            en: "\(path): \(count) migration(s) to apply; the daemon or the next command applies them",
            zh: "\(path)：还有 \(count) 项迁移待执行；守护进程或下一条命令会执行")
    }

    static func doctorDatabaseOther(path: String, migrations: Message) -> Message {
        Message(
            en: "\(path): written by another version of zhengdun (migrations \(migrations))",
            zh: "\(path)：由其他版本的 zhengdun 写入（迁移 \(migrations)）")
    }

    static func doctorNoDatabase(path: String) -> Message {
        Message(
            en: "no database at \(path) yet; the first command creates it",
            zh: "\(path) 处还没有数据库；第一条命令会创建它")
    }

    static func doctorNoWorkflows(path: String) -> Message {
        Message(
            en: "no workflows folder configured (workflows:), and none at \(path)",
            zh: "没有配置工作流目录（workflows:），\(path) 处也没有")
    }

    static func doctorWorkflows(path: String, workflows: Message) -> Message {
        Message(
            en: "\(path): \(workflows)",
            zh: "\(path)：\(workflows)")
    }

    static func doctorNoTemplates(language: String, path: String) -> Message {
        Message(
            en: "no \(language) templates in \(path)/templates (mail.language)",
            zh: "\(path)/templates 中没有 \(language) 模板（mail.language）")
    }

    static func doctorTemplates(languages: Message, language: Message) -> Message {
        Message(
            en: "\(languages) (mail in \(language))",
            zh: "\(languages)（邮件使用 \(language)）")
    }

    static func doctorCalendarMissingYear(name: String, year: String) -> Message {
        Message(
            en: "\(name) has no holidays for \(year); deadlines this year count weekends only",
            zh: "\(name) 没有 \(year) 年的节假日；今年的期限只扣除周末")
    }

    static func doctorCalendarNextYear(name: String, year: String, next: String) -> Message {
        Message(
            en: "\(name) covers \(year) but not \(next); add next year's holidays once they are published",
            zh: "\(name) 有 \(year) 年但没有 \(next) 年；明年的节假日公布后请补上")
    }

    static func doctorCalendarCovers(name: String, year: String, next: String) -> Message {
        Message(
            en: "\(name) covers \(year) and \(next)",
            zh: "\(name) 已有 \(year) 年和 \(next) 年")
    }

    static func doctorExecutable(path: String) -> Message {
        Message(
            en: "\(path) is executable",
            zh: "\(path) 可执行")
    }

    static func doctorNotUsable(path: String, reason: Message, key: String) -> Message {
        Message(
            en: "\(path): \(reason) (\(key))",
            zh: "\(path)：\(reason)（\(key)）")
    }

    static func doctorWritable(path: String) -> Message {
        Message(
            en: "\(path) is writable",
            zh: "\(path) 可写")
    }

    static func doctorSocketAnswers(path: String) -> Message {
        Message(
            en: "\(path) answers",
            zh: "\(path) 有应答")
    }

    static func doctorNoDaemon(path: String) -> Message {
        Message(
            en: "no daemon answers at \(path); the command line works on the database directly",
            zh: "\(path) 处没有守护进程应答；命令行直接操作数据库")
    }

    static let checkReplies = Message(en: "replies", zh: "回复办理")
    static let checkChat = Message(en: "chat", zh: "工作群")

    static func doctorChatGroup(name: String, robot: String, robotName: String, address: String) -> Message {
        Message(en: "group \(name): \(robot) robot at \(address)", zh: "群组 \(name)：\(robotName)，\(address)")
    }

    static func doctorChatGroupUnusable(name: String, problems: String) -> Message {
        Message(en: "group \(name) cannot be posted to: \(problems)", zh: "群组 \(name) 无法推送：\(problems)")
    }
    static let checkMailIn = Message(en: "mail-in", zh: "收信")

    static func doctorReplies(address: String, keys: String, count: Int) -> Message {
        Message(
            en:
                "replies to \(address); \(count) \(count, one: "key", other: "keys") in \(keys)\(count == 0 ? " (made when the first notice goes out; zhengdun reply-keys rotate makes one now)" : "")",
            zh: "回复发往 \(address)；密钥文件 \(keys) 中有 \(count) 个密钥\(count == 0 ? "（首次发出通知时生成，也可用 zhengdun reply-keys rotate 立即生成）" : "")")
    }

    static func doctorNoKeptMail(folder: String) -> Message {
        Message(en: "no incoming message waits in \(folder)", zh: "\(folder) 中没有待人工处理的来信")
    }

    static func doctorKeptMail(count: Int, folder: String) -> Message {
        Message(
            en:
                "\(count) incoming \(count, one: "message", other: "messages") could not be handled and \(count, one: "is", other: "are") kept in \(folder) (the .why file beside each says why)",
            zh: "有 \(count) 封来信未能自动办理，留存于 \(folder)（各自旁边的 .why 文件说明原因）")
    }

    static func doctorBounced(count: Int) -> Message {
        Message(
            en:
                "\(count) \(count, one: "message was", other: "messages were") bounced in the last 30 days; see zhengdun outbox list --state sent",
            zh: "近 30 天有 \(count) 封邮件被退信；请看 zhengdun outbox list --state sent")
    }

    static let doctorNoDeadMessages = Message(
        en: "no dead messages",
        zh: "没有投递失败的邮件")

    static func doctorDeadMessages(count: Int) -> Message {
        Message(
            en: "\(count) dead \(count, one: "message", other: "messages"); see zhengdun outbox list --state dead, then outbox retry",
            zh: "\(count) 封邮件投递失败；请看 zhengdun outbox list --state dead，再用 outbox retry 重发")
    }

    static let doctorNotAFile = Message(
        en: "not a program file",
        zh: "不是可执行的程序文件")

    static func doctorSocketNotLinked(path: String, user: String) -> Message {
        Message(
            en:
                "\(path) answers, but the Unix account \(user) is linked to no person; ask the town organisation office (镇组织办) to link it with person add … --unix-user \(user)",
            zh: "\(path) 有应答，但系统账号 \(user) 尚未关联到任何人员；请联系镇组织办用 person add … --unix-user \(user) 关联")
    }
}
