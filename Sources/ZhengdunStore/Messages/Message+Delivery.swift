import ZhengdunCore

/// One deliverer per database: who holds the delivery lock.
extension Message {
    public static func daemonDeliversForDatabase(path: String, pid: Message) -> Message {
        Message(
            en:
                "\(path) is served by the daemon (zhengdund, pid \(pid)), which runs the passes and sends the mail: run run-due through its socket (leave out --db and ZHENGDUN_DB)",
            zh: "\(path) 由守护进程（zhengdund，进程号 \(pid)）负责扫描和发信，请通过其套接字运行 run-due（不要用 --db 或 ZHENGDUN_DB）")
    }

    public static func runDueDeliversForDatabase(pid: Message, path: String) -> Message {
        Message(
            en: "another run-due (pid \(pid)) is sending the mail of \(path); try again when it has finished",
            zh: "另一个 run-due（进程号 \(pid)）正在发送 \(path) 的邮件，请待其结束后再试")
    }

    public static func anotherDaemonServesDatabase(pid: Message, path: String) -> Message {
        Message(
            en: "another zhengdund (pid \(pid)) already serves \(path)",
            zh: "另一个 zhengdund（进程号 \(pid)）已在管理 \(path)")
    }

    public static func deliveryLockUnusable(path: String, detail: Message) -> Message {
        Message(
            en: "cannot lock \(path): \(detail)",
            zh: "无法锁定 \(path)：\(detail)")
    }
}
