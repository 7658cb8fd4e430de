import ZhengdunCore

/// The daemon's refusals of connections, and its socket's set-up.
extension Message {
    static func socketGroupUnknown(group: String) -> Message {
        Message(
            en: "socket_group \(group) is not a group on this system",
            zh: "socket_group \(group) 不是本系统的用户组")
    }

    static func socketAnotherDaemon(path: String) -> Message {
        Message(
            en: "another daemon answers on \(path)",
            zh: "已有另一个守护进程在 \(path) 上应答")
    }

    static func socketCannotBind(path: String, reason: Message) -> Message {
        Message(
            en: "cannot bind \(path): \(reason)",
            zh: "无法绑定 \(path)：\(reason)")
    }

    static func socketCannotSetMode(path: String, reason: Message) -> Message {
        Message(
            en: "cannot set the mode of \(path): \(reason)",
            zh: "无法设置 \(path) 的权限：\(reason)")
    }

    static func socketCannotGiveGroup(path: String, reason: Message) -> Message {
        Message(
            en: "cannot give \(path) its group: \(reason)",
            zh: "无法设置 \(path) 的用户组：\(reason)")
    }

    static func socketCannotListen(path: String, reason: Message) -> Message {
        Message(
            en: "cannot listen on \(path): \(reason)",
            zh: "无法在 \(path) 上监听：\(reason)")
    }

    static func socketCannotMakePipe(reason: Message) -> Message {
        Message(
            en: "cannot make a pipe: \(reason)",
            zh: "无法创建管道：\(reason)")
    }

    static let daemonStopping = Message(
        en: "the daemon is stopping; try again in a moment",
        zh: "守护进程正在停止，请稍后再试")

    static let noPeerCredentials = Message(
        en: "the daemon cannot tell who is calling (no peer credentials)",
        zh: "守护进程无法确认调用者身份（没有对端凭据）")

    static func notARequest(version: Int, reason: String) -> Message {
        Message(
            en: "not a zhengdun request of protocol version \(version): \(reason)",
            zh: "不是协议版本 \(version) 的 zhengdun 请求：\(reason)")
    }

    static func requestTooSlow(seconds: Int) -> Message {
        Message(
            en: "the request did not arrive within \(seconds) s",
            zh: "请求未在 \(seconds) 秒内送达")
    }

    static let daemonBusy = Message(
        en: "the daemon is busy; try again",
        zh: "守护进程正忙，请重试")

    static let tooManyConnections = Message(
        en: "the daemon has too many connections open; try again",
        zh: "守护进程的连接过多，请重试")

    static func accountConnections(count: Int) -> Message {
        Message(
            en: "this account has \(count) connections waiting already; try again",
            zh: "此账户已有 \(count) 个连接在等待，请重试")
    }

    static func socketClientOutdated(spoken: Int, version: Int) -> Message {
        Message(
            en:
                "this zhengdun speaks socket protocol version \(spoken) and the daemon version \(version): install the zhengdun command line of the daemon's release (protocol version \(version))",
            zh: "本命令行使用套接字协议版本 \(spoken)，守护进程使用版本 \(version)：请安装与守护进程同一发行版本的 zhengdun 命令行（协议版本 \(version)）")
    }
}
