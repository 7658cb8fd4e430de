import ZhengdunCore

/// The weekly report cut to the mail size limit; who delivers; a pass that stops.
extension Message {
    public static func progressMailWithoutPage(size: String, limit: String) -> Message {
        Message(
            en:
                "Note: this week's report with each plan's chart comes to about \(size), above the mail size limit of \(limit) (mail.max_message_size), so the page of charts is not attached. On the server, run zhengdun report progress --format html --output progress.html and open or print it in a browser.",
            zh:
                "【说明】本期周报连同各村进度图表约 \(size)，超过邮件大小上限 \(limit)（配置项 mail.max_message_size），进度图表网页未随信附上。请在服务器上运行 zhengdun report progress --format html --output 进度周报.html，用浏览器打开或打印。"
        )
    }

    public static func progressMailTextOnly(size: String, limit: String) -> Message {
        Message(
            en:
                "Note: this week's report with each plan's chart comes to about \(size), above the mail size limit of \(limit) (mail.max_message_size), so only the text is sent, without the page of charts or the HTML version. On the server, run zhengdun report progress --format html --output progress.html and open or print it in a browser.",
            zh:
                "【说明】本期周报连同各村进度图表约 \(size)，超过邮件大小上限 \(limit)（配置项 mail.max_message_size），只发文字版，进度图表和网页版未随信附上。请在服务器上运行 zhengdun report progress --format html --output 进度周报.html，用浏览器打开或打印。"
        )
    }

    public static func progressMailNoteOnly(plans: Int, size: String, limit: String) -> Message {
        Message(
            en:
                "Note: this week's report covers \(plans) plans and comes to about \(size); even its text is above the mail size limit of \(limit) (mail.max_message_size), so it cannot be mailed. On the server, run zhengdun report progress to read it, or add --format html --output progress.html for a page to print.",
            zh:
                "【说明】本期周报涉及 \(plans) 个整顿方案，约 \(size)，文字版也超过邮件大小上限 \(limit)（配置项 mail.max_message_size），无法用邮件发送。请在服务器上运行 zhengdun report progress 查看，或加 --format html --output 进度周报.html 生成网页版打印。"
        )
    }

    public static func daemonOwnsDatabase(path: String, pid: Int) -> Message {
        Message(
            en:
                "\(path) is served by the daemon (zhengdund, pid \(pid)): make changes through its socket (leave out --db and ZHENGDUN_DB); for maintenance an administrator may add --force",
            zh: "\(path) 由守护进程（zhengdund，进程号 \(pid)）管理，请通过其套接字办理（不要用 --db 或 ZHENGDUN_DB）；维护时管理员可加 --force")
    }

    public static func forceNeedsAdministrator(user: String) -> Message {
        Message(
            en: "only the database's administrator may use --force; \(user) is not one",
            zh: "只有数据库管理员才能使用 --force，\(user) 不是管理员")
    }

    public static func passStopped(notices: Int, problem: Message) -> Message {
        Message(
            en: "the pass stopped after recording \(notices) notices: \(problem); the next pass picks up the rest",
            zh: "扫描记录 \(notices) 条提醒后中断：\(problem)；其余的由下次扫描补上")
    }

    public static func afterPassFailed(problem: Message) -> Message {
        Message(
            en: "the notices are recorded, but tidying up after the pass failed: \(problem)",
            zh: "提醒已记录，但扫描后的清理未完成：\(problem)")
    }

    public static func deliveryFailed(message: Int64, address: String, error: String) -> Message {
        Message(
            en: "message \(message) to \(address): \(error)",
            zh: "第 \(message) 号邮件未能发给 \(address)：\(error)")
    }
}
