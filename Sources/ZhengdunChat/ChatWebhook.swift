import Foundation

/// A group robot that notices are posted to (群机器人): the group's name in zhengdun's
/// configuration (say `leaders`, the 领导群), which kind of robot it is, its webhook address and,
/// for a DingTalk robot with 加签, its secret.
///
/// The address's `key=` / `access_token=` value and the secret let anyone post to the group, so no
/// text this type makes (``description``, ``debugDescription``, its mirror, ``Invalid``) contains
/// them: the address is always shown as ``redactedURL``.
public struct ChatWebhook: Sendable {
    /// The group's name in the configuration, as people and logs refer to it.
    public let name: String
    public let robot: ChatRobot
    /// The webhook address as the robot's settings page gives it, credential included.
    public let url: URL
    /// The DingTalk 加签 secret (the `SEC…` string), if the robot's security setting is 加签.
    public let secret: String?

    /// Why a configured robot cannot be used: every problem found, each a short English phrase
    /// that never quotes the address's credential or the secret.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let name: String
        public let problems: [String]
        public var description: String {
            // Quoted with escapes, so that a name with a line break still makes one line.
            "chat webhook \(String(reflecting: name)): " + problems.joined(separator: "; ")
        }
    }

    /// Checks and keeps a robot's configuration.
    /// - Throws: ``Invalid`` naming everything ``check(name:robot:url:secret:)`` finds wrong.
    public init(name: String, robot: ChatRobot, url: String, secret: String? = nil) throws(Invalid) {
        let problems = Self.check(name: name, robot: robot, url: url, secret: secret)
        guard problems.isEmpty, let parsed = URL(string: url) else {
            throw Invalid(name: name, problems: problems.isEmpty ? ["url is not a URL"] : problems)
        }
        self.name = name
        self.robot = robot
        self.url = parsed
        self.secret = secret
    }

    /// What is wrong with a robot's configuration, without posting anything: an empty list when it
    /// can be used. Meant for `zhengdun doctor` as much as for ``init(name:robot:url:secret:)``.
    public static func check(name: String, robot: ChatRobot, url: String, secret: String?) -> [String] {
        var problems: [String] = []
        if name.isEmpty {
            problems.append("name is empty")
        } else if name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            problems.append("name must not contain spaces or control characters")
        }
        problems += checkURL(url, robot: robot)
        problems += checkSecret(secret, robot: robot)
        return problems
    }

    private static func checkURL(_ text: String, robot: ChatRobot) -> [String] {
        // The text itself is never quoted back: it holds the credential.
        guard !text.isEmpty else { return ["url is empty"] }
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased() else {
            return ["url is not a URL"]
        }
        guard let host = parts.host, !host.isEmpty else { return ["url has no host"] }
        var problems: [String] = []
        switch scheme {
        case "https":
            break
        case "http" where isLoopback(host):
            // A test server on this machine; nothing leaves the host, so the credential cannot leak.
            break
        default:
            problems.append("url must be https (http only to a loopback host, for tests)")
        }
        if parts.user != nil || parts.password != nil {
            problems.append("url must not carry a user name or password")
        }
        if parts.fragment != nil {
            problems.append("url must not have a #fragment")
        }
        let items = parts.queryItems ?? []
        let credential = robot.credentialQueryItem
        if !items.contains(where: { $0.name == credential && !($0.value ?? "").isEmpty }) {
            problems.append(
                "url has no \(credential)=… (copy the robot's whole webhook address from its \(robot) settings)")
        }
        if robot == .dingtalk, items.contains(where: { $0.name == "timestamp" || $0.name == "sign" }) {
            problems.append("url must not carry timestamp= or sign=: give the 加签 secret and each post is signed afresh")
        }
        return problems
    }

    private static func checkSecret(_ secret: String?, robot: ChatRobot) -> [String] {
        guard let secret else { return [] }
        guard robot.takesSecret else { return ["a secret is only for DingTalk 加签; \(robot) robots take none"] }
        if secret.isEmpty { return ["secret is empty (leave it out when the robot is not set to 加签)"] }
        var problems: [String] = []
        if secret.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            problems.append("secret contains spaces or line breaks")
        }
        // DingTalk shows the 加签 secret as "SEC" followed by hex; anything else is most likely the
        // access token or another robot's setting pasted in the wrong place.
        if !secret.hasPrefix("SEC") {
            problems.append("secret must be the SEC… string shown under 加签 in the robot's settings")
        }
        return problems
    }

    /// Whether `host` is this machine, the only place plain http may go.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The address with every query value (and any name that is not a known parameter) replaced by
    /// `…`, and without user, password or fragment: safe to log, print or put in an error.
    /// For example `https://oapi.dingtalk.com/robot/send?access_token=…`.
    public var redactedURL: String { Self.redact(url) }

    /// ``redactedURL`` for any address.
    public static func redact(_ url: URL) -> String {
        guard let parts = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = parts.scheme, let host = parts.percentEncodedHost
        else { return "(a URL)" }
        var text = "\(scheme)://\(host)"
        if let port = parts.port { text += ":\(port)" }
        text += parts.percentEncodedPath
        if let items = parts.queryItems, !items.isEmpty {
            let known: Set<String> = ["key", "access_token", "timestamp", "sign"]
            text += "?" + items.map { (known.contains($0.name) ? $0.name : "…") + "=…" }.joined(separator: "&")
        }
        return text
    }

    /// The address one post goes to at `date`: for a DingTalk robot with a secret, the configured
    /// address plus `&timestamp=<ms>&sign=<signature>`; otherwise the configured address.
    public func requestURL(at date: Date) -> URL {
        guard robot == .dingtalk, let secret else { return url }
        let signature = DingTalkSignature(secret: secret, at: date)
        // `check` made sure the address has a query (its access_token) and no timestamp or sign yet.
        let signed = url.absoluteString + "&timestamp=\(signature.timestamp)&sign=\(signature.urlEncodedSign)"
        guard let signedURL = URL(string: signed) else {
            preconditionFailure("appending percent-encoded ASCII to a valid URL gives a valid URL")
        }
        return signedURL
    }
}

extension ChatWebhook: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `leaders (DingTalk https://oapi.dingtalk.com/robot/send?access_token=…, signed)`.
    public var description: String {
        "\(name) (\(robot) \(redactedURL)\(secret == nil ? "" : ", signed"))"
    }

    public var debugDescription: String {
        "ChatWebhook(name: \(String(reflecting: name)), robot: .\(robot.rawValue), url: \(String(reflecting: redactedURL)), secret: \(secret == nil ? "nil" : "<redacted>"))"
    }

    /// Keeps `dump(webhook)` and debuggers from showing the credential and the secret.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["name": name, "robot": robot, "url": redactedURL, "signed": secret != nil],
            displayStyle: .struct)
    }
}
