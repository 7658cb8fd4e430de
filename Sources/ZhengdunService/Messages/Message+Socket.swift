import ZhengdunCore

/// The command line's side of the daemon's socket.
extension Message {
    public static func socketDaemonVersion(spoken: Int, version: Int) -> Message {
        Message(
            en: "the daemon speaks protocol version \(spoken), not \(version)",
            zh: "守护进程使用协议版本 \(spoken)，而非 \(version)")
    }

    public static func socketFrameTooLarge(length: Int, maximum: Int) -> Message {
        Message(
            en: "a frame of \(length) bytes is larger than \(maximum)",
            zh: "\(length) 字节的帧超过上限 \(maximum)")
    }

    public static func socketCannotWrite(reason: Message) -> Message {
        Message(
            en: "cannot write to the socket: \(reason)",
            zh: "无法写入套接字：\(reason)")
    }

    public static let socketTooSlow = Message(
        en: "the other side was too slow",
        zh: "对方响应过慢")

    public static func socketCannotRead(reason: Message) -> Message {
        Message(
            en: "cannot read from the socket: \(reason)",
            zh: "无法读取套接字：\(reason)")
    }

    public static let socketClosedMidFrame = Message(
        en: "the connection closed in the middle of a frame",
        zh: "连接在帧中途关闭")

    public static func socketCannotReach(path: String, reason: Message) -> Message {
        Message(
            en: "cannot reach the daemon at \(path): \(reason)",
            zh: "无法连接守护进程 \(path)：\(reason)")
    }

    public static func socketPathTooLong(path: String, maximum: Int) -> Message {
        Message(
            en: "the socket path \(path) is longer than \(maximum) bytes",
            zh: "套接字路径 \(path) 超过 \(maximum) 字节")
    }
}
