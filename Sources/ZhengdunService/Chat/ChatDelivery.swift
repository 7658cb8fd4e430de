import Foundation
import ZhengdunChat
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

/// A post to a 企业微信 or 钉钉 group, as the outbox holds it: addressed to `chat:NAME` (the group's
/// name in the configuration, never its webhook, which stays in the configuration file), its
/// title and markdown as JSON. It goes through the outbox like mail: the same retries, dead
/// letters and `outbox list`.
enum ChatMessage {
    static let addressPrefix = "chat:"

    static func address(of group: String) -> String { addressPrefix + group }

    static func encode(_ post: ChatPost) -> Data {
        (try? JSONSerialization.data(withJSONObject: ["title": post.title, "markdown": post.markdown], options: [.sortedKeys])) ?? Data()
    }

    static func decode(_ data: Data) -> ChatPost? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: String], let title = object["title"],
            let markdown = object["markdown"]
        else { return nil }
        return ChatPost(title: title, markdown: markdown)
    }

    /// A plain-text notice as markdown both robots show line by line: a heading, then each line
    /// a paragraph (a single line break is joined up by both), indentation dropped (four
    /// spaces would make code).
    static func markdown(title: String, text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (["### \(title)"] + lines).joined(separator: "\n\n")
    }
}

/// The outbox's transport when chat groups are configured: a message to `chat:NAME` is posted to
/// that group's robot, everything else goes by mail. A robot's refusal that no retry can change
/// (a bad signature, a wrong key) is permanent: the message is dead at once.
struct RoutedTransport: MailTransport {
    let mail: any MailTransport
    let groups: [String: ChatConfiguration.Group]
    let client: WebhookClient

    func send(_ message: Data, to recipients: [String]) throws(MailError) {
        guard let first = recipients.first, first.hasPrefix(ChatMessage.addressPrefix) else {
            return try mail.send(message, to: recipients)
        }
        let name = String(first.dropFirst(ChatMessage.addressPrefix.count))
        guard let group = groups[name], let robot = ChatRobot(rawValue: group.robot) else {
            throw MailError("chat group \(name) is no longer configured", permanent: true)
        }
        guard let post = ChatMessage.decode(message) else {
            throw MailError("the post to chat group \(name) is unreadable", permanent: true)
        }
        let webhook: ChatWebhook
        do {
            webhook = try ChatWebhook(name: name, robot: robot, url: group.webhook, secret: group.secret)
        } catch {
            throw MailError(error.description, permanent: true)
        }
        do {
            try client.post(post, to: webhook)
        } catch {
            throw MailError(error.description, permanent: error.isPermanent)
        }
    }

    func flush() throws(MailError) { try mail.flush() }
}

extension Service {
    /// Queues a post of a notice to each group the configuration routes it to.
    func postToChat(
        _ kind: NoticeKind, key: String, level: Int? = nil, role: RoleKey? = nil, title: String, text: @autoclosure () -> String,
        at now: Date, _ tx: StoreTransaction
    ) throws {
        let groups = configuration.chat.groups(for: kind, level: level, role: role)
        guard !groups.isEmpty else { return }
        let post = ChatPost(title: title, markdown: ChatMessage.markdown(title: title, text: text()))
        let message = ChatMessage.encode(post)
        try tx.enqueue(
            groups.map {
                OutboxRow(
                    noticeKey: key, personID: nil, address: ChatMessage.address(of: $0), subject: title, message: message, createdAt: now)
            })
    }

    /// What `doctor` says of each configured group: its robot, its address without the
    /// credential, and every problem with it; nothing is sent.
    public static func chatGroups(
        in configuration: Configuration
    ) -> [(name: String, robot: String, robotName: String, address: String, problems: [String])] {
        configuration.chat.groups.sorted { $0.key < $1.key }.map { name, group in
            guard let robot = ChatRobot(rawValue: group.robot) else { return (name, group.robot, group.robot, "", ["unknown robot"]) }
            let problems = ChatWebhook.check(name: name, robot: robot, url: group.webhook, secret: group.secret)
            let address = URL(string: group.webhook).map(ChatWebhook.redact) ?? ""
            return (name, robot.rawValue, robot.chineseName, address, problems)
        }
    }
}
