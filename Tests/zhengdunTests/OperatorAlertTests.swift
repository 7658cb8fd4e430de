import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What an operator must hear from the daemon: mail given up on, a sendmail that cannot run,
/// and the files it leaves behind.
@Suite("The daemon tells its operator about trouble with mail", .serialized, .tags(.endToEnd))
struct OperatorAlertTests {
    /// A launched plan whose first day's messages (3: one a person) wait in the outbox of a local database.
    func queuedCampaign() throws -> Campaign {
        var campaign = try Campaign()
        try campaign.launchPlan()
        try campaign.run(["run-due", "--no-send", "--now", "2026-03-03 10:00"])
        let queued = try campaign.json(["outbox", "list", "--state", "queued"]) as! [[String: Any]]
        #expect(queued.count == 3)
        return campaign
    }

    /// The daemon on `campaign`'s database, mail through `sendmail` with `retry`.
    func daemon(on campaign: Campaign, sendmail: String, retry: String = "{attempts: 1, first: 1m, max: 1h}") throws -> DaemonUnderTest {
        let daemon = try DaemonUnderTest()
        _ = try daemon.folder.write(
            "zhengdun.yaml",
            """
            database: \(campaign.database)
            socket: \(daemon.socket)
            workflows: \(CLI.repository.appendingPathComponent("workflows").path)
            mail:
              from: "镇组织办 <zzb@town.example.cn>"
              sendmail: [\(sendmail), -t, -oi]
              retry: \(retry)
            """)
        return daemon
    }

    func script(_ folder: TemporaryFolder, _ name: String, _ body: String) throws -> String {
        let path = try folder.write(name, "#!/bin/sh\n" + body)
        chmod(path, 0o755)
        return path
    }

    func count(_ text: String, in log: String) -> Int { log.components(separatedBy: text).count - 1 }

    @Test("A message given up on is logged at error with its last error, and the dead are counted in systemd's STATUS")
    func deadMessagesAreErrors() throws {
        let campaign = try queuedCampaign()
        let sendmail = try script(campaign.folder, "refusing", "cat >/dev/null\necho 'mailbox unavailable' >&2\nexit 69\n")
        let daemon = try daemon(on: campaign, sendmail: sendmail)
        let listener = try DatagramListener(daemon.folder.url.appendingPathComponent("notify").path)
        try daemon.start(environment: ["NOTIFY_SOCKET": listener.path])
        var received: [String] = []
        // Every message dies on its only try; the last status counts all of them.
        try waitFor("every message dead and counted", timeout: 60) {
            received += listener.drain()
            let dead = count("<3>dead, given up: message ", in: daemon.log())
            return dead >= 3
                && received.last { $0.hasPrefix("STATUS=") && $0.contains("last delivery") }?.contains(
                    "; \(dead) dead messages in the outbox") == true
        }
        let line = try #require(daemon.log().split(separator: "\n").first { $0.contains("dead, given up") })
        #expect(
            line.hasPrefix("<3>") && line.contains("after 1 tries") && line.contains("exited with status 69: mailbox unavailable"),
            "\(line)")
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
        let dead = try campaign.json(["outbox", "list", "--state", "dead"]) as! [[String: Any]]
        #expect(dead.count == count("<3>dead, given up: message ", in: daemon.log()))
    }

    @Test(
        "A sendmail that cannot be run is an error at start and its mail is held, not given up on; a reload naming it is refused, one that can run delivers the mail"
    )
    func sendmailCheckedAtStartAndReload() throws {
        let campaign = try queuedCampaign()
        let sendmail = campaign.folder.url.appendingPathComponent("sendmail").path
        let daemon = try daemon(on: campaign, sendmail: sendmail)
        try daemon.start()
        let log = daemon.log()
        #expect(
            log.contains("<3>sendmail cannot be run, mail is held in the outbox until it can: \(sendmail): No such file or directory"),
            "\(log)")
        try waitFor("a delivery held", timeout: 20) { daemon.log().contains("<3>delivery failed: sendmail cannot be run") }
        let queued = try CLI.run(["outbox", "list", "--state", "queued", "--json"], environment: daemon.environment)
        let held = try JSONSerialization.jsonObject(with: Data(queued.stdout.utf8)) as! [[String: Any]]
        #expect(held.count >= 3 && held.allSatisfy { $0["attempts"] as? Int == 0 }, "\(queued.stdout)\(queued.stderr)")
        let dead = try CLI.run(["outbox", "list", "--state", "dead", "--json"], environment: daemon.environment).stdout
        #expect((try JSONSerialization.jsonObject(with: Data(dead.utf8)) as? [Any])?.isEmpty == true, "\(dead)")

        daemon.signal(SIGHUP)
        try waitFor("the refusal", timeout: 10) { daemon.log().contains("reload refused") }
        let refusal = try #require(daemon.log().split(separator: "\n").first { $0.contains("reload refused") })
        #expect(refusal.hasPrefix("<3>") && refusal.contains("sendmail cannot be run: \(sendmail)"), "\(refusal)")

        _ = try script(
            campaign.folder, "sendmail", "mkdir -p \"$(dirname \"$0\")/inbox\"\ncat > \"$(mktemp \"$(dirname \"$0\")/inbox/m.XXXXXX\")\"\n")
        daemon.signal(SIGHUP)
        try waitFor("the reload", timeout: 10) { daemon.log().contains("<6>reloaded") }
        try waitFor("the held mail delivered", timeout: 30) {
            (try? FileManager.default.contentsOfDirectory(atPath: campaign.folder.url.path + "/inbox"))?.count ?? 0 >= held.count
        }
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
    }

    @Test("doctor fails a sendmail that is a folder, which passes for executable but cannot be run")
    func doctorRefusesAFolderAsSendmail() throws {
        let folder = try TemporaryFolder()
        let configuration = try folder.write(
            "zhengdun.yaml",
            """
            database: \(folder.url.path)/zhengdun.db
            socket: \(folder.url.path)/zhengdun.sock
            workflows: \(CLI.repository.appendingPathComponent("workflows").path)
            mail:
              sendmail: [\(folder.url.path), -t]
            """)
        let outcome = try CLI.run(["doctor"], environment: ["ZHENGDUN_CONFIG": configuration, "LANG": "C.UTF-8"])
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout.split(separator: "\n").contains {
                $0.hasPrefix("fail  sendmail") && $0.contains("\(folder.url.path): not a program file (mail.sendmail)")
            },
            "\(outcome.stdout)")
    }

    @Test(
        "At start the maildir's tmp/ loses the files older than 36 hours and keeps newer ones; a clean stop leaves the write-ahead log empty"
    )
    func staleFilesAndAnEmptyLog() throws {
        let daemon = try DaemonUnderTest()
        let tmp = daemon.maildir + "/tmp/"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        for (name, age) in [("1.left-behind", 40.0 * 3600), ("2.being-written", 60.0)] {
            #expect(FileManager.default.createFile(atPath: tmp + name, contents: Data("Subject: x\r\n\r\n".utf8)))
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: tmp + name)
        }
        try daemon.start()
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp) == ["2.being-written"])
        #expect(daemon.log().contains("<5>removed 1 stale files from the maildir's tmp/ files=1.left-behind"), "\(daemon.log())")
        for index in 0..<50 {
            let added = try CLI.run(
                ["person", "add", "p\(index)", "--name", "人\(index)", "--email", "p\(index)@town.example.cn"],
                environment: daemon.environment)
            #expect(added.status == 0, "\(added.stderr)")
        }
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
        let log = (try? FileManager.default.attributesOfItem(atPath: daemon.database + "-wal"))?[.size] as? Int
        #expect(log == nil || log == 0, "the log keeps \(log ?? 0) bytes after a clean stop")
    }
}
