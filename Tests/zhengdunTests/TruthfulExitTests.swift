import Foundation
import Testing

@Suite("Truthful exits: 0 done, 1 refused and nothing changed, 3 done but a later step failed", .serialized, .tags(.endToEnd))
struct TruthfulExitTests {
    /// A launched campaign whose mail goes through `mail` (the configuration's `mail:` lines).
    func campaign(mail: String) throws -> Campaign {
        var campaign = try Campaign()
        campaign.environment["ZHENGDUN_CONFIG"] = try campaign.folder.write(
            "zhengdun.yaml", "mail:\n  from: \"镇组织办 <zzb@town.example.cn>\"\n" + mail)
        try campaign.launchPlan()
        return campaign
    }

    @Test("run-due whose maildir cannot be written records its pass, warns and exits 3; run again, it records nothing more")
    func maildirUnwritable() throws {
        let folder = try TemporaryFolder()
        // A maildir below a plain file can never be made.
        let file = try folder.write("not-a-folder", "")
        let campaign = try campaign(mail: "  transport: maildir\n  maildir: \(file)/maildir\n")
        let first = try campaign.run(["run-due", "--now", "2026-03-03 10:00"], status: 3)
        #expect(first.stdout.contains("recorded 11 notices and queued 3 messages"), "\(first.stdout)")
        #expect(first.stdout.contains("delivered 0, 3 to try again"))
        #expect(!first.stderr.isEmpty && first.stderrLines.allSatisfy { $0.hasPrefix("zhengdun: warning: ") }, "\(first.stderr)")
        // The pass committed: the notices are recorded and their messages wait in the outbox.
        let queued = try campaign.json(["outbox", "list", "--state", "queued"]) as! [Any]
        #expect(queued.count == 3)
        let again = try campaign.run(["run-due", "--now", "2026-03-03 10:00"])
        #expect(again.stdout.hasPrefix("recorded 0 notices"), "\(again.stdout)")
        let json = try CLI.run(["run-due", "--now", "2026-03-03 10:05", "--json"], environment: campaign.environment)
        #expect(json.status == 3)
        let output = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect((output["delivery"] as? [String: Any])?["failed"] as? Int == 3)
    }

    @Test(
        "run-due whose database another process locks while it delivers waits to mark the message sent, exits 0, and sends nothing twice"
    )
    func databaseLockedWhileDelivering() throws {
        var campaign = try Campaign()
        // A sendmail that takes the message and, the first time, has another process hold the
        // database's write lock for longer than zhengdun waits (10 s).
        let sendmail = try campaign.folder.write(
            "sendmail",
            """
            #!/bin/sh
            folder="$(dirname "$0")"
            mkdir -p "$folder/inbox"; cat > "$(mktemp "$folder/inbox/XXXXXX")"
            if [ ! -e "$folder/locked" ]; then
              touch "$folder/locked"
              /usr/bin/python3 -c 'import os, sqlite3, sys, time
            os.closerange(3, 65536)  # let go of what it inherited from zhengdun, whose transport waits for it
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN IMMEDIATE")
            open(sys.argv[2], "w").close()
            time.sleep(12)
            c.execute("ROLLBACK")' "\(campaign.database)" "$folder/held" </dev/null >/dev/null 2>&1 &
              while [ ! -e "$folder/held" ]; do sleep 0.05; done
            fi
            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sendmail)
        campaign.environment["ZHENGDUN_CONFIG"] = try campaign.folder.write(
            "zhengdun.yaml",
            """
            mail:
              from: "镇组织办 <zzb@town.example.cn>"
              sendmail: [\(sendmail), -t, -oi]
            """)
        try campaign.launchPlan()
        let run = try campaign.run(["run-due", "--now", "2026-03-03 10:00"])
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("recorded 11 notices and queued 3 messages"), "\(run.stdout)")
        #expect(FileManager.default.fileExists(atPath: campaign.folder.url.appendingPathComponent("held").path), "the lock was held")
        // Every message marked sent once the lock was gone, none handed over twice.
        let inbox = try FileManager.default.contentsOfDirectory(atPath: campaign.folder.url.appendingPathComponent("inbox").path)
        #expect(inbox.count == 3, "\(inbox.count) messages for 3")
        #expect((try campaign.json(["outbox", "list", "--state", "sent"]) as! [Any]).count == 3)
    }
}
