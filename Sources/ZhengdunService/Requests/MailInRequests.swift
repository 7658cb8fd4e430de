import Foundation
import ZhengdunCore

/// `mail-in`: one message a mail server hands over, acted on as its reply token says. Whoever
/// may reach the service may hand one in: the token, not the caller, is the authority.
public struct ReceiveMail: ServiceRequest {
    public static let name = "receiveMail"
    public var message: Data

    public init(message: Data) { self.message = message }

    public var writes: Bool { true }
    /// The token in the reply's address: whichever account the mail server runs mail-in as may
    /// hand a reply in.
    public var carriesItsOwnAuthority: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> MailInOutcome {
        try service.receive(mail: Array(message))
    }
}

/// What `doctor` reports of the mail coming in: messages kept for people to look at, and bounces
/// of the messages sent in the last 30 days.
public struct MailInStatus: Codable, Sendable {
    public var keptFolder: String
    public var kept: Int
    public var bounced: Int
    /// Where replies go (`mail.reply_to`), and the reply keys' file with how many keys it holds;
    /// nil when replies are not configured.
    public var replyTo: String?
    public var replyKeys: String
    public var keys: Int
}

/// `doctor`: the mail-in side of the deployment, as the service sees it.
public struct ShowMailInStatus: ServiceRequest {
    public static let name = "mailInStatus"

    public init() {}

    public func perform(on service: Service, for caller: Caller) throws -> MailInStatus {
        try service.mailInStatus()
    }
}
