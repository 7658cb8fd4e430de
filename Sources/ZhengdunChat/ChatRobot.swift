/// A kind of group robot (群机器人) that takes notices over an HTTPS webhook: which JSON it reads,
/// how long its text may be and how it answers.
///
/// Both robots are posted `{"msgtype":"markdown",…}` and answer HTTP 200 with
/// `{"errcode":0,"errmsg":"ok"}`; a non-zero `errcode` is a refusal even though the status is 200.
///
/// Forms relied on (the vendors' pages, read as quoted by several independent write-ups and
/// clients, since the pages themselves need a login or script to show):
/// - 企业微信群机器人, 群机器人配置说明 (developer.work.weixin.qq.com/document/path/91770, also 99398):
///   `POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY`, body
///   `{"msgtype":"markdown","markdown":{"content":"…"}}`, "markdown内容，最长不超过4096个字节，必须是utf8编码",
///   at most 20 messages a minute per robot (errcode 45009 beyond that).
/// - 钉钉自定义机器人, 自定义机器人接入 / 自定义机器人安全设置 (open.dingtalk.com, custom-robot-access):
///   `POST https://oapi.dingtalk.com/robot/send?access_token=TOKEN`, body
///   `{"msgtype":"markdown","markdown":{"title":"…","text":"…"},"at":{"atMobiles":[…],"isAtAll":false}}`;
///   with 加签 the URL also carries `&timestamp=<ms>&sign=<sign>` where sign is
///   urlEncode(base64(HmacSHA256(key: secret, message: "<timestamp>\n<secret>"))), UTF-8, and the
///   timestamp may be at most one hour off; errcode 310000 when the sign does not match,
///   130101 "send too fast" when more than 20 messages a minute are sent ("每个机器人每分钟最多发送20条…
///   会限流10分钟").
public enum ChatRobot: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// 企业微信群机器人 (WeCom group robot).
    case wecom
    /// 钉钉自定义机器人 (DingTalk custom robot).
    case dingtalk

    /// The name used in English messages.
    public var description: String {
        switch self {
        case .wecom: "WeCom"
        case .dingtalk: "DingTalk"
        }
    }

    /// The name a township leader knows the robot by.
    public var chineseName: String {
        switch self {
        case .wecom: "企业微信群机器人"
        case .dingtalk: "钉钉自定义机器人"
        }
    }

    /// The query item that holds the webhook's credential: whoever knows its value can post to the
    /// group, so it is never written in a description or an error.
    public var credentialQueryItem: String {
        switch self {
        case .wecom: "key"
        case .dingtalk: "access_token"
        }
    }

    /// The most UTF-8 bytes the markdown text may take. WeCom documents 4096 bytes for markdown
    /// content; DingTalk documents no figure for markdown text, and 20000 bytes is known to be
    /// accepted, so longer notices are cut to that rather than risk a refusal.
    public var markdownByteLimit: Int {
        switch self {
        case .wecom: 4096
        case .dingtalk: 20000
        }
    }

    /// Whether the robot takes a 加签 secret. Only DingTalk signs its webhook URLs; a WeCom robot's
    /// only credential is its key.
    public var takesSecret: Bool { self == .dingtalk }
}
