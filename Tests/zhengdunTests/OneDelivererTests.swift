import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("One deliverer per database: the daemon, or one local run-due, never both", .serialized, .tags(.endToEnd))
struct OneDelivererTests {
    /// The Message-ID of every message in a maildir's `new`, one per file.
    static func messageIDs(_ maildir: String) throws -> [String] {
        let inbox = maildir + "/new"
        return try ((try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []).map { file in
            let text = try String(contentsOfFile: inbox + "/" + file, encoding: .utf8)
            return try #require(text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID:") }.map(String.init))
        }
    }

    @Test(
        "A local run-due tried while the daemon delivers on the same database is refused in one line, however it names the database, and no message goes out twice",
        .tags(.large))
    func localRunDueBesideTheDaemon() throws {
        let daemon = try DaemonUnderTest(settings: "log_level: debug")
        // A campaign started in March copied into 1,500 villages: about 3,300 messages due the
        // moment the daemon starts (one a person a batch: each village's secretary and resident
        // cadre, the township's office), enough to keep even a fast delivery busy while the
        // attempts below are made.
        try daemon.launchCampaign(plans: 1_500)
        try daemon.start()
        try waitFor("the daemon to be delivering", timeout: 300) { try Self.messageIDs(daemon.maildir).count >= 50 }

        let refusal =
            "zhengdun: \(daemon.database) is served by the daemon (zhengdund, pid \(daemon.pid)), which runs the passes and sends the mail: "
            + "run run-due through its socket (leave out --db and ZHENGDUN_DB)\n"
        let attempts: [([String], [String: String])] = [
            (["run-due", "--db", daemon.database], [:]),
            (["run-due"], ["ZHENGDUN_DB": daemon.database]),
            (["run-due", "--db", daemon.database, "--force"], [:]),
            (["run-due", "--db", daemon.database, "--no-send"], [:]),
            (["run-due", "--db", daemon.database, "--now", "2026-12-31 10:00"], [:]),
        ]
        for (arguments, environment) in attempts {
            let outcome = try CLI.run(arguments, environment: daemon.environment.merging(environment) { $1 })
            #expect(outcome.status == 1, "\(arguments): \(outcome.stdout)")
            #expect(outcome.stderr == refusal, "\(arguments)")
        }
        let queuedAfterAttempts = try Int(sqlite(daemon.database, "SELECT count(*) FROM outbox WHERE state = 'queued'"))!
        #expect(queuedAfterAttempts > 0, "the attempts came while the daemon was delivering")
        // The dry run changes nothing and delivers nothing: it may look.
        let dry = try CLI.run(["run-due", "--db", daemon.database, "--dry-run"], environment: daemon.environment)
        #expect(dry.status == 0, "\(dry.stderr)")

        try waitFor("every message sent", timeout: 600) {
            try sqlite(daemon.database, "SELECT count(*) FROM outbox WHERE state <> 'sent'") == "0"
        }
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
        // The refused attempts and the dry run committed nothing, and the daemon's own commits
        // never wake it as another process's would.
        #expect(!daemon.log().contains("changed by another process"))
        let ids = try Self.messageIDs(daemon.maildir)
        let messages = try Int(sqlite(daemon.database, "SELECT count(*) FROM outbox"))!
        #expect(Set(ids).count == messages, "every message delivered")
        #expect(ids.count == messages, "\(ids.count - Set(ids).count) messages went out twice")
    }

    @Test(
        "A local change while the daemon serves is refused in one line that points to the socket, in the reader's language; an administrator's --force makes it, and the daemon sends what it made due without being told"
    )
    func localChangeBesideTheDaemon() throws {
        let daemon = try DaemonUnderTest(settings: "log_level: debug")
        var campaign = try Campaign()
        campaign.environment["ZHENGDUN_DB"] = daemon.database
        try campaign.launchPlan()
        try daemon.start()
        try waitFor("the first pass and its delivery", timeout: 60) {
            try sqlite(daemon.database, "SELECT count(*) FROM outbox WHERE state = 'queued'") == "0"
                && sqlite(daemon.database, "SELECT count(*) FROM outbox") != "0"
        }
        let events = try sqlite(daemon.database, "SELECT count(*) FROM event")
        let local = daemon.environment.merging(["ZHENGDUN_DB": daemon.database]) { $1 }
        let add = ["person", "add", "wu-shi", "--name", "吴十", "--email", "wu-shi@town.example.cn"]
        let english = try CLI.run(add, environment: local)
        #expect(english.status == 1)
        #expect(
            english.stderr
                == "zhengdun: \(daemon.database) is served by the daemon (zhengdund, pid \(daemon.pid)): make changes through its socket "
                + "(leave out --db and ZHENGDUN_DB); for maintenance an administrator may add --force\n")
        let chinese = try CLI.run(add + ["--lang", "zh"], environment: local)
        #expect(chinese.status == 1)
        #expect(
            chinese.stderr
                == "zhengdun: \(daemon.database) 由守护进程（zhengdund，进程号 \(daemon.pid)）管理，请通过其套接字办理（不要用 --db 或 ZHENGDUN_DB）；维护时管理员可加 --force\n")
        // Only an administrator (root, the owner of the database file) may force a change.
        if getuid() == 0 {
            let binary = daemon.folder.url.appendingPathComponent("zhengdun").path
            try FileManager.default.copyItem(atPath: CLI.binary.path, toPath: binary)
            let command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary] + add + ["--force"]
            let stranger = try CLI.run(command, environment: local, executable: URL(fileURLWithPath: command[0]))
            #expect(stranger.status == 1)
            #expect(stranger.stderr == "zhengdun: only the database's administrator may use --force; nobody is not one\n")
        }
        #expect(try sqlite(daemon.database, "SELECT count(*) FROM event") == events, "nothing changed")
        // Reads need no socket.
        #expect(try CLI.run(["person", "list"], environment: local).status == 0)

        // Maintenance: a second plan, made and launched beside the daemon with its clock in March.
        let sent = try Self.messageIDs(daemon.maildir).count
        var forced = local
        forced["ZHENGDUN_NOW"] = "2026-03-02 09:00"
        for arguments in [
            ["plan", "create", "--workflow", CLI.shippedWorkflow, "--village", "YY村", "--start", "2026-03-02"]
                + Campaign.people.flatMap { ["--assign", "\($0.role)=\($0.id)"] },
            ["plan", "advance", "P2", "--as", "qian-qi"],
        ] {
            let outcome = try CLI.run(arguments + ["--force"], environment: forced)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
        }
        // Nobody pokes the daemon through its socket: it notices the change on its own.
        try waitFor("the daemon to send P2's notices", timeout: 20) {
            try sqlite(daemon.database, "SELECT count(*) FROM notice WHERE plan_id = 2") != "0"
                && Self.messageIDs(daemon.maildir).count > sent
                && sqlite(daemon.database, "SELECT count(*) FROM outbox WHERE state = 'queued'") == "0"
        }
        #expect(daemon.log().contains("<7>the database was changed by another process"))
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
    }

    @Test(
        "While a local run-due delivers, a second run-due and a daemon on the same database are refused, naming it; a plain change still goes through, and no message goes out twice"
    )
    func runDueHoldsTheDatabase() throws {
        let daemon = try DaemonUnderTest()
        var campaign = try Campaign()
        campaign.environment["ZHENGDUN_DB"] = daemon.database
        // A slow sendmail that keeps every message it is given as a maildir would.
        let sendmail = try campaign.folder.write(
            "sendmail",
            """
            #!/bin/sh
            mkdir -p "\(daemon.maildir)/new"
            tmp=$(mktemp "\(daemon.maildir)/.XXXXXX"); cat > "$tmp"; sleep 0.2
            mv "$tmp" "\(daemon.maildir)/new/$(date +%s%N)"
            """)
        chmod(sendmail, 0o755)
        campaign.environment["ZHENGDUN_CONFIG"] = try campaign.folder.write(
            "zhengdun.yaml",
            """
            mail:
              from: "镇组织办 <zzb@town.example.cn>"
              sendmail: [\(sendmail), -t, -oi]
            """)
        try campaign.launchPlan()
        // Ten villages, so that there are many people to write to.
        try Campaign.clone(daemon.database, plans: 10)
        try campaign.run(["run-due", "--now", "2026-03-20 10:00", "--no-send"])
        let total = try Int(sqlite(daemon.database, "SELECT count(*) FROM outbox"))!
        #expect(total >= 15)

        let first = Process()
        first.executableURL = CLI.binary
        first.arguments = ["run-due", "--now", "2026-03-20 10:00"]
        first.environment = ProcessInfo.processInfo.environment.merging(campaign.environment) { $1 }
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        try waitFor("the first run-due to be delivering", timeout: 30) { try Self.messageIDs(daemon.maildir).count >= 2 }

        let second = try campaign.run(["run-due", "--now", "2026-03-20 10:00"], status: 1)
        #expect(
            second.stderr
                == "zhengdun: another run-due (pid \(first.processIdentifier)) is sending the mail of \(daemon.database); try again when it has finished\n"
        )
        let secondInChinese = try CLI.run(["run-due", "--lang", "zh"], environment: campaign.environment)
        #expect(secondInChinese.stderr == "zhengdun: 另一个 run-due（进程号 \(first.processIdentifier)）正在发送 \(daemon.database) 的邮件，请待其结束后再试\n")
        #expect(throws: DaemonFailure.self) { try daemon.start() }
        // (Should it have started after all, it goes now, not orphaned by the start below.)
        daemon.signal(SIGKILL)
        _ = try? daemon.waitForExit()
        #expect(
            daemon.log().contains(
                "cannot start: another run-due (pid \(first.processIdentifier)) is sending the mail of \(daemon.database)"),
            "\(daemon.log())")
        // A change that runs no pass waits for nobody.
        try campaign.run(["person", "add", "wu-shi", "--name", "吴十", "--email", "wu-shi@town.example.cn"])
        #expect(first.isRunning, "the checks came while the first run-due delivered")

        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let ids = try Self.messageIDs(daemon.maildir)
        #expect(ids.count == total && Set(ids).count == total, "\(ids.count) delivered for \(total) messages")
        // Once it is done, the next deliverer may start; a second daemon on the same database may not.
        try daemon.start()
        let secondConfiguration = DaemonUnderTest.configuration(
            database: daemon.database, socket: daemon.folder.url.appendingPathComponent("second.sock").path,
            maildir: daemon.maildir, settings: "")
        let secondDaemon = try CLI.run(
            [DaemonUnderTest.binary.path, "--config", try daemon.folder.write("second.yaml", secondConfiguration)],
            executable: DaemonUnderTest.binary)
        #expect(secondDaemon.status == 1)
        #expect(
            secondDaemon.stderr.contains("cannot start: another zhengdund (pid \(daemon.pid)) already serves \(daemon.database)"),
            "\(secondDaemon.stderr)")
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
    }
}
