import Foundation
import Testing

@testable import ZhengdunCore

@Suite("The configuration file")
struct ConfigurationTests {
    @Test("The documented example in deploy/zhengdun.yaml reads back with every key")
    func documentedExample() throws {
        let path = Fixtures.repository.appendingPathComponent("deploy/zhengdun.yaml")
        let config = try Configuration.load(try Fixtures.text(path), file: path.path).value
        #expect(config.database == "/var/lib/zhengdun/zhengdun.db")
        #expect(config.socket == "/run/zhengdun/zhengdun.sock")
        #expect(config.timezone == "Asia/Shanghai")
        #expect(config.adminGroup == "zhengdun-admin")
        #expect(config.mail.from == "镇组织办 <zzb@town.example.cn>")
        #expect(config.mail.sendmail == ["/usr/sbin/sendmail", "-t", "-oi"])
        #expect(config.mail.retry == Configuration.Retry(attempts: 8, first: 60, maximum: 6 * 3600))
        #expect(config.mail.keepSent == 90 * 86_400)
        #expect(config.mail.maxMessageSize == 8 << 20)
    }

    @Test(
        "Reply and chat settings that cannot work are refused at their line",
        arguments: [
            ("mail:\n  reply_to: zzb+x@town.example.cn\n", 2, "reply_to"),
            ("mail:\n  reply_to: 镇组织办 <zzb@town.example.cn>\n", 2, "reply_to"),
            ("mail:\n  reply_to: \(String(repeating: "z", count: 36))@town.example.cn\n", 2, "at most 35"),
            ("chat:\n  groups:\n    g: {robot: feishu, webhook: \"https://x.cn/h\"}\n", 3, "wecom"),
            ("chat:\n  groups:\n    g: {robot: wecom, webhook: \"http://x.cn/h?key=k\"}\n", 3, "https"),
            ("chat:\n  groups:\n    g: {robot: wecom, webhook: \"https://x.cn/h?key=k\", secret: s}\n", 3, "dingtalk"),
            (
                "chat:\n  groups:\n    g: {robot: wecom, webhook: \"https://x.cn/h?key=k\"}\n  routes:\n    - {notices: [reply], to: g}\n",
                5, "reply"
            ),
        ])
    func replyAndChatRefused(_ text: String, _ line: Int, _ says: String) {
        do {
            _ = try Configuration.load(text, file: "c.yaml")
            Issue.record("read: \(text)")
        } catch {
            #expect(error.diagnostics.first?.location.line == line, "\(error.diagnostics)")
            #expect(error.diagnostics.first?.message.english.contains(says) == true, "\(error.diagnostics)")
        }
    }

    @Test("The commented chat section of the example reads as documented, and a route to no group is refused at its line")
    func chatSection() throws {
        let path = Fixtures.repository.appendingPathComponent("deploy/zhengdun.yaml")
        let example = try Fixtures.text(path)
        let start = try #require(example.range(of: "# chat:\n"))
        let section = example[start.lowerBound...].split(separator: "\n").map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : String($0) }
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.joined(separator: "\n")
        let chat = try Configuration.load(section, file: "chat.yaml").value.chat
        #expect(chat.groups.keys.sorted() == ["leaders", "office"])
        #expect(chat.groups["leaders"]?.robot == "dingtalk" && chat.groups["leaders"]?.secret == "SEC…")
        #expect(chat.groups(for: .escalation, level: 2, role: RoleKey("secretary")) == ["leaders"])
        #expect(chat.groups(for: .escalation, level: 1, role: RoleKey("secretary")).isEmpty)
        #expect(chat.groups(for: .escalation, level: 1, role: RoleKey("org_office")) == ["office"])
        #expect(chat.groups(for: .circular, level: nil, role: nil) == ["leaders"])
        #expect(chat.groups(for: .progressReport, level: nil, role: nil) == ["office"])
        do {
            _ = try Configuration.load("chat:\n  groups: {}\n  routes:\n    - {notices: [circular], to: nobody}\n", file: "c.yaml")
            Issue.record("a route to no group was read")
        } catch {
            #expect(error.diagnostics.first?.location.line == 4)
        }
    }

    @Test(
        "The sent messages' retention and the largest message are read from the mail section, with defaults under a stock Postfix's limit")
    func retentionAndMessageSize() throws {
        let defaults = Configuration.defaults.mail
        #expect(defaults.keepSent == 90 * 86_400)
        #expect(defaults.maxMessageSize < 10_240_000)
        let config = try Configuration.load("mail:\n  keep_sent: 30d\n  max_message_size: 9500K\n", file: "c.yaml").value
        #expect(config.mail.keepSent == 30 * 86_400)
        #expect(config.mail.maxMessageSize == 9500 * 1024)
        #expect(try Configuration.load("mail:\n  max_message_size: 5000000\n", file: "c.yaml").value.mail.maxMessageSize == 5_000_000)
    }

    @Test(
        "The socket is for its group, not every local account: the example gives it to zhengdun-users, 0660, and without a mode it is 0660 too"
    )
    func socketIsTheGroups() throws {
        let path = Fixtures.repository.appendingPathComponent("deploy/zhengdun.yaml")
        let config = try Configuration.load(try Fixtures.text(path), file: path.path).value
        #expect(config.socketGroup == "zhengdun-users")
        #expect(config.socketMode == 0o660)
        #expect(Configuration.defaults.socketMode == 0o660)
        #expect(try Configuration.load("timezone: Asia/Shanghai\n", file: "c.yaml").value.socketMode & 0o007 == 0, "nothing for others")
    }

    @Test("Notices go out in office hours unless the configuration names other hours, or always")
    func sendWindow() throws {
        #expect(Configuration.defaults.mail.sendWindow?.description == "08:30-17:30")
        #expect(
            try Configuration.load("mail:\n  send_window: 09:00-17:00\n", file: "c.yaml").value.mail.sendWindow?.description
                == "09:00-17:00")
        #expect(try Configuration.load("mail:\n  send_window: always\n", file: "c.yaml").value.mail.sendWindow == nil)
        let path = Fixtures.repository.appendingPathComponent("deploy/zhengdun.yaml")
        #expect(
            try Configuration.load(try Fixtures.text(path), file: path.path).value.mail.sendWindow == Configuration.defaults.mail.sendWindow
        )
    }

    @Test("Retries wait twice as long each time, up to the maximum")
    func backoff() {
        let retry = Configuration.Retry(attempts: 8, first: 60, maximum: 3600)
        #expect((1...8).map { retry.delay(after: $0) } == [60, 120, 240, 480, 960, 1920, 3600, 3600])
    }

    @Test(
        "Every problem is named at its line and column",
        arguments: [
            ("colour: red\n", "1:1: unknown key 'colour' in the configuration"),
            ("timezone: Mars/Olympus\n", "1:11: timezone: unknown timezone 'Mars/Olympus'"),
            ("log_level: loud\n", "1:12: log_level: 'loud' is not a log level"),
            ("mail:\n  transport: maildir\n", "2:3: transport maildir needs a maildir folder"),
            ("mail:\n  sendmail: [sendmail, -t]\n", "2:13: sendmail: the command must be an absolute path"),
            ("mail:\n  from: nobody\n", "2:9: from: 'nobody' is not an address"),
            ("mail:\n  retry: {first: 2wd}\n", "2:18: first: a retry waits minutes (m), hours (h) or days (d)"),
            ("mail:\n  retry: {attempts: 3, first: 0m, max: 1h}\n", "2:31: retry: first must be at least a minute"),
            ("mail:\n  keep_sent: 0d\n", "2:14: keep_sent: sent messages are kept at least a day"),
            ("mail:\n  max_message_size: 10MB\n", "2:21: max_message_size: '10MB' is not a message size"),
            ("mail:\n  max_message_size: 1K\n", "2:21: max_message_size: the message size '1K' must be from 64K to 1024M"),
            ("mail:\n  max_message_size: 99999999999999999999M\n", "2:21: max_message_size: '99999999999999999999M' is not a message size"),
            ("mail:\n  send_window: 17:30-08:30\n", "2:16: send_window: “17:30-08:30” is not a send window"),
            ("mail:\n  send_window: 8:30\n", "2:16: send_window: “8:30” is not a send window"),
            ("mail:\n  send_window: 08:30-25:00\n", "2:16: send_window: '25:00' is not a time of day"),
        ])
    func refused(_ text: String, _ expected: String) {
        do {
            _ = try Configuration.load(text, file: "c.yaml")
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.description.hasPrefix("c.yaml:" + expected), "\(error)")
        }
    }
}
