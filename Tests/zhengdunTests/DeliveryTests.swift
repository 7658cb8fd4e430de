import Foundation
import Testing

@Suite("Delivery through fake sendmail programs, retries and crashes", .serialized, .tags(.endToEnd))
struct DeliveryTests {
    /// A launched campaign whose sendmail is `script`, with its own retry policy.
    func campaign(sendmail script: String, retry: String = "{attempts: 5, first: 1m, max: 1h}") throws -> (Campaign, String) {
        var campaign = try Campaign()
        let path = try campaign.folder.write("sendmail", "#!/bin/sh\n" + script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        campaign.environment["ZHENGDUN_CONFIG"] = try campaign.folder.write(
            "zhengdun.yaml",
            """
            mail:
              from: "镇组织办 <zzb@town.example.cn>"
              sendmail: [\(path), -t, -oi]
              retry: \(retry)
            """)
        try campaign.launchPlan()
        return (campaign, campaign.folder.url.path)
    }

    func received(_ folder: String) throws -> [String] {
        let inbox = folder + "/inbox"
        return ((try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []).sorted().map { inbox + "/" + $0 }
    }

    @Test(
        "A sendmail that fails twice for each message and then takes it: every message goes through on its third try, waiting longer each time"
    )
    func failsTwiceThenSucceeds() throws {
        let (campaign, folder) = try campaign(
            sendmail: """
                message=$(cat)
                id=$(printf '%s' "$message" | grep -i '^Message-ID:' | head -1 | tr -dc 'a-zA-Z0-9')
                count=$(cat "$0.$id" 2>/dev/null || echo 0); count=$((count + 1)); echo $count > "$0.$id"
                if [ $count -le 2 ]; then echo 'temporary failure' >&2; exit 75; fi
                mkdir -p "$(dirname "$0")/inbox"; printf '%s' "$message" > "$(dirname "$0")/inbox/$id"
                """)
        // The pass committed but the mail did not go: a warning, exit 3.
        let first = try campaign.run(["run-due", "--now", "2026-03-03 10:00"], status: 3)
        #expect(first.stdout.contains("delivered 0, 3 to try again"))
        #expect(first.stderr.contains("exited with status 75: temporary failure"))
        let queued = try campaign.json(["outbox", "list", "--state", "queued"]) as! [[String: Any]]
        #expect(queued.count == 3 && queued.allSatisfy { $0["attempts"] as? Int == 1 })
        // Before the first wait (1 minute, give or take a fifth) is over, nothing is tried.
        let early = try campaign.run(["run-due", "--now", "2026-03-03 10:00"])
        #expect(early.stdout.contains("delivered 0\n"))
        // After it, the second try fails too; the next wait is twice as long. Said in Chinese,
        // each failed try names its message and address in Chinese around sendmail's own words.
        let second = try campaign.run(["run-due", "--now", "2026-03-03 10:02", "--lang", "zh"], status: 3)
        #expect(second.stdout.contains("已投递 0 封，3 封待重试"), "\(second.stdout)")
        let failures = second.stderr.split(separator: "\n").filter { $0.contains("号邮件未能发给") }
        #expect(failures.count == 3, "\(second.stderr)")
        #expect(failures.allSatisfy { $0.contains("@") && $0.contains("temporary failure") }, "\(second.stderr)")
        let third = try campaign.run(["run-due", "--now", "2026-03-03 10:03"])
        #expect(third.stdout.contains("delivered 0\n"))
        let last = try campaign.run(["run-due", "--now", "2026-03-03 10:05"])
        #expect(last.stdout.contains("delivered 3"))
        let sent = try campaign.json(["outbox", "list", "--state", "sent"]) as! [[String: Any]]
        #expect(sent.count == 3 && sent.allSatisfy { $0["attempts"] as? Int == 3 })
        #expect(try received(folder).count == 3)
    }

    @Test("Killed with SIGKILL mid-batch, the next run delivers the rest: none lost, duplicates only what was in flight")
    func crashMidBatch() throws {
        // A slow sendmail that keeps every message it is given.
        let (campaign, folder) = try campaign(
            sendmail: """
                mkdir -p "$(dirname "$0")/inbox"
                tmp=$(mktemp "$(dirname "$0")/inbox/.XXXXXX"); cat > "$tmp"; sleep 0.2
                mv "$tmp" "$(dirname "$0")/inbox/$(date +%s%N)"
                """)
        // Ten villages, so that there are many people to write to.
        try campaign.clone(plans: 10)
        try campaign.run(["run-due", "--now", "2026-03-20 10:00", "--no-send"])
        let total = (try campaign.json(["outbox", "list", "--state", "queued"]) as! [Any]).count
        #expect(total >= 15)
        // Deliver in a child process and kill it once a few messages have gone out.
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run-due", "--now", "2026-03-20 10:00"]
        var environment = ProcessInfo.processInfo.environment
        environment.merge(campaign.environment) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 where try received(folder).count < 5 { Thread.sleep(forTimeInterval: 0.05) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let before = try received(folder).count
        #expect(before >= 5 && before < total)
        // Restart: the rest goes out.
        try campaign.run(["run-due", "--now", "2026-03-20 10:05"])
        let messages = try received(folder).map { try String(contentsOfFile: $0, encoding: .utf8) }
        let ids = messages.compactMap { $0.split(separator: "\r\n").first { $0.hasPrefix("Message-ID:") }.map(String.init) }
        #expect(ids.count == messages.count)
        #expect(Set(ids).count == total, "every message delivered")
        #expect(messages.count - total <= 1, "only the message in flight at the kill may come twice")
        #expect((try campaign.json(["outbox", "list", "--state", "sent"]) as! [Any]).count == total)
    }
}
