import Crypto
import Foundation

/// The 加签 signature of a DingTalk custom robot (钉钉自定义机器人加签) for one moment.
///
/// As DingTalk's 自定义机器人安全设置 describes it: the string to sign is the timestamp in
/// milliseconds, a line feed, and the secret; it is signed with HmacSHA256 keyed by the secret
/// (both UTF-8), Base64-encoded, then URL-encoded; the timestamp must be within an hour of
/// DingTalk's clock, so each post is signed when it is sent, not when it was queued.
public struct DingTalkSignature: Sendable, Equatable {
    /// Milliseconds since 1970, as sent in `timestamp=`.
    public let timestamp: Int64
    /// Base64 of the HMAC, before URL encoding. Secret: never log it.
    public let sign: String

    public init(secret: String, at date: Date) {
        self.init(secret: secret, timestamp: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    public init(secret: String, timestamp: Int64) {
        let key = SymmetricKey(data: Array(secret.utf8))
        let message = Array("\(timestamp)\n\(secret)".utf8)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: key)
        self.timestamp = timestamp
        self.sign = Data(code).base64EncodedString()
    }

    /// `sign` as it goes in the query: everything but RFC 3986's unreserved characters is
    /// percent-encoded, so Base64's `+`, `/` and `=` become `%2B`, `%2F` and `%3D`, as Java's
    /// URLEncoder and Python's `quote_plus` in DingTalk's examples make them.
    public var urlEncodedSign: String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return sign.addingPercentEncoding(withAllowedCharacters: unreserved) ?? sign
    }
}
