/// Why a notice did not reach a group robot (群机器人发送失败): what went wrong and whether sending
/// the same notice again could ever work. The outbox decides about retries; this only classifies.
///
/// Its ``description`` is one English line naming the robot by its configured name and
/// ``ChatWebhook/redactedURL``; it never contains the webhook's credential, the 加签 secret or a
/// signature, so it can go to logs and to the dead-letter table as it is.
public struct ChatError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The robot answered with a non-zero `errcode` other than a rate limit: the post was read
        /// and refused (bad signature, unknown key, malformed message…).
        case rejected(errcode: Int, errmsg: String)
        /// Too many posts: HTTP 429, or errcode 45009 (WeCom) / 130101, 90030 (DingTalk).
        case rateLimited
        /// An HTTP status other than 200 (and 429).
        case server(status: Int)
        /// No connection: refused, host unknown, network down, TLS failure, or dropped before an answer.
        case unreachable
        /// No connection or no whole answer within the client's timeouts.
        case timedOut
        /// HTTP 200, but not the robots' `{"errcode":…}` JSON.
        case badAnswer
    }

    public let kind: Kind
    /// The configured name of the robot (``ChatWebhook/name``).
    public let webhook: String
    /// The robot's address, redacted (``ChatWebhook/redactedURL``).
    public let redactedURL: String
    /// A short English detail, e.g. "connect timed out after 5 s". Never holds a secret.
    public let detail: String?

    public init(_ kind: Kind, webhook: String, redactedURL: String, detail: String? = nil) {
        self.kind = kind
        self.webhook = webhook
        self.redactedURL = redactedURL
        self.detail = detail
    }

    init(_ kind: Kind, for webhook: ChatWebhook, detail: String? = nil) {
        self.init(kind, webhook: webhook.name, redactedURL: webhook.redactedURL, detail: detail)
    }

    /// Codes the robots answer when the same post will be taken later: rate limits and
    /// "system busy".
    static let rateLimitCodes: Set<Int> = [
        45009,  // WeCom: api freq out of limit (20 a minute per robot)
        130101,  // DingTalk: send too fast, exceed 20 times per minute
        90030,  // DingTalk: webhook over limit
    ]
    static let busyCodes: Set<Int> = [-1]  // both: system busy

    /// Whether sending the same post to the same webhook can never succeed, so the outbox should
    /// dead-letter it at once: the robot refused it for what it is (bad signature 310000, invalid
    /// key 93000, unknown token 300001, bad message…), or the address answers 4xx (400, 403, 404…)
    /// or redirects. Rate limits, 408, 429, 5xx, timeouts, unreachable hosts, "system busy" and
    /// unreadable answers are worth another try later.
    public var isPermanent: Bool {
        switch kind {
        case .rejected(let errcode, _):
            // Unknown codes are refusals of this post or this configuration; sending it unchanged
            // would only be refused again.
            return !Self.busyCodes.contains(errcode)
        case .rateLimited, .unreachable, .timedOut, .badAnswer:
            return false
        case .server(let status):
            return !(status == 408 || status == 429 || status >= 500)
        }
    }

    public var description: String {
        var text = "chat webhook \(webhook) (\(redactedURL)): "
        switch kind {
        case .rejected(let errcode, let errmsg):
            text += "refused, errcode \(errcode)" + (errmsg.isEmpty ? "" : " \"\(Self.oneLine(errmsg))\"")
        case .rateLimited:
            text += "rate limited"
        case .server(let status):
            text += "HTTP \(status)"
        case .unreachable:
            text += "unreachable"
        case .timedOut:
            text += "timed out"
        case .badAnswer:
            text += "answer is not the robot's JSON"
        }
        if let detail { text += " (\(Self.oneLine(detail)))" }
        text += isPermanent ? ", will not succeed if retried" : ", may succeed later"
        return text
    }

    /// `text` on one line and short: errmsg comes from the far end.
    static func oneLine(_ text: String, limit: Int = 200) -> String {
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
