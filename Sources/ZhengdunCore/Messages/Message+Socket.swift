/// What either side of the daemon's socket says of a frame or an account.
extension Message {
    public static func requestTooLarge(bytes: Int, maximum: Int) -> Message {
        Message(
            en: "a request of \(bytes) bytes is larger than \(maximum)",
            zh: "\(bytes) 字节的请求超过上限 \(maximum)")
    }

    public static func socketVersionNotSpoken(spoken: Int, version: Int) -> Message {
        Message(
            en: "protocol version \(spoken) is not spoken here (\(version) is)",
            zh: "本端不支持协议版本 \(spoken)（支持 \(version)）")
    }

    public static func socketCannotMake(reason: Message) -> Message {
        Message(
            en: "cannot make a socket: \(reason)",
            zh: "无法创建套接字：\(reason)")
    }

    public static func socketNotLinked(user: String) -> Message {
        Message(
            en:
                "the Unix account \(user) is linked to no person, so the daemon does nothing for it; ask the town organisation office (镇组织办) to link it with person add ID --name NAME --email ADDRESS --unix-user \(user)",
            zh: "系统账号 \(user) 尚未关联到任何人员，守护进程不受理该账号的请求；请联系镇组织办关联账号：person add 人员编号 --name 姓名 --email 邮箱 --unix-user \(user)")
    }
}
