import Foundation
import Testing

@Suite("audit verify: the hash chain proves the log whole", .serialized, .tags(.endToEnd))
struct AuditTests {
    /// A launched campaign with one submission carrying evidence: 20 events (6 people, the
    /// calendar, the plan, its launch, 9 tasks issued, then T3 acknowledged and submitted).
    static func campaign() throws -> Campaign {
        let campaign = try BadInputTests.launched()
        try campaign.run(["task", "ack", "T3"], as: "li-si")
        let evidence = try campaign.folder.write("签到表.txt", "党员签到表\n")
        try campaign.run(["task", "submit", "T3", "--note", "已学习", "--evidence", evidence], as: "li-si")
        return campaign
    }

    /// Changes the database behind zhengdun's back, as someone with the file could: with
    /// Python's sqlite3, dropping the triggers that keep the log append-only.
    func tamper(_ campaign: Campaign, _ sql: String) throws {
        try python(
            """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.executescript('DROP TRIGGER IF EXISTS event_is_append_only_update; DROP TRIGGER IF EXISTS event_is_append_only_delete; DROP TRIGGER IF EXISTS evidence_is_immutable;' + sys.argv[2])
            db.commit()
            """, campaign.database, sql)
    }

    func audit(_ campaign: Campaign, _ arguments: String...) throws -> CLI.Outcome {
        try campaign.run(["audit", "verify"] + arguments, status: 1)
    }

    @Test("An untouched log verifies, counting its events and evidence")
    func untouched() throws {
        let campaign = try Self.campaign()
        let outcome = try campaign.run(["audit", "verify"])
        let events = try campaign.eventCount()
        #expect(events == 21)
        let head = (try campaign.json(["audit", "verify"]) as! [String: Any])["head"] as! [String: Any]
        let anchor = "\(head["event"] as! Int):\(head["hash"] as! String)"
        #expect(head["event"] as? Int == events)
        #expect(
            outcome.stdout == """
                audit: \(events) events and 1 evidence files verified; the log is intact
                audit: the chain's head is \(anchor) (keep it, as the weekly report does, and check later with audit verify --anchor \(anchor))

                """)
    }

    @Test("A database written before SHA-256 came from swift-crypto verifies, against the head it recorded then")
    func olderDatabase() throws {
        let folder = try TemporaryFolder()
        let copy = folder.url.appendingPathComponent("zhengdun.db").path
        try FileManager.default.copyItem(
            atPath: CLI.repository.appendingPathComponent("Tests/ZhengdunStoreTests/Fixtures/campaign-with-evidence.sqlite").path,
            toPath: copy)
        let anchor = "22:25fbb925bcec3801604e2ce841fd0623403cded7c3bf2ac3e2722893706281bc"
        let outcome = try CLI.run(["audit", "verify", "--db", copy, "--anchor", anchor])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(
            outcome.stdout == """
                audit: 22 events and 3 evidence files verified; the log is intact
                audit: the anchor \(anchor) is still in the log; nothing before it was altered
                audit: the chain's head is \(anchor) (keep it, as the weekly report does, and check later with audit verify --anchor \(anchor))

                """)
    }

    @Test("The schema itself refuses to change or remove an event")
    func appendOnly() throws {
        let campaign = try Self.campaign()
        for sql in ["UPDATE event SET caller = 'unix:x' WHERE id = 3", "DELETE FROM event WHERE id = 3"] {
            #expect(throws: (any Error).self) {
                try python(
                    "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute(sys.argv[2]); db.commit()", campaign.database, sql)
            }
        }
        try campaign.run(["audit", "verify"])
    }

    @Test("An edited event is named")
    func editedRow() throws {
        let campaign = try Self.campaign()
        try tamper(campaign, "UPDATE event SET payload = replace(payload, 'li-si', 'wang-wu') WHERE id = 13;")
        let outcome = try audit(campaign)
        #expect(outcome.stdout == "audit: event 13 was altered: its contents no longer match its hash\n")
        #expect(
            outcome.stderr
                == "zhengdun: the event log fails verification: 1 problem (event 13 was altered: its contents no longer match its hash)\n")
    }

    @Test("An edited event whose hash was recomputed is caught by the next link")
    func rehashedRow() throws {
        let campaign = try Self.campaign()
        try tamper(campaign, "UPDATE event SET caller = 'unix:nobody', hash = 'f00d' || substr(hash, 5) WHERE id = 12;")
        let outcome = try audit(campaign)
        #expect(outcome.stdout.contains("audit: event 12 was altered"))
        #expect(outcome.stdout.contains("audit: event 13 does not follow event 12: the link between them is broken"))
    }

    /// Rewrites the log as someone who knows the chain's rules could: `sql` changes it, then every
    /// hash is recomputed (an independent implementation of the chain, in
    /// Python) and the head moved to the new last one.
    func rewrite(_ campaign: Campaign, _ sql: String) throws {
        try tamper(
            campaign,
            """
            \(sql)
            ;
            """)
        try python(
            """
            import hashlib, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            rows = db.execute('SELECT id, at, plan_id, task_id, kind, actor_id, caller, payload, prev_hash FROM event ORDER BY id').fetchall()
            link = rows[0][8]
            for (id, at, plan, task, kind, actor, caller, payload, _) in rows:
                digest = hashlib.sha256(b'zhengdun-event/1\\n')
                for name, value in [('id', id), ('at', at), ('plan', plan), ('task', task), ('kind', kind), ('actor', actor),
                                    ('caller', caller), ('payload', payload), ('prev', link)]:
                    if value is None:
                        digest.update(f'{name}=-\\n'.encode())
                    else:
                        text = str(value).encode()
                        digest.update(f'{name}={len(text)}:'.encode() + text + b'\\n')
                db.execute('UPDATE event SET prev_hash = ?, hash = ? WHERE id = ?', (link, digest.hexdigest(), id))
                link = digest.hexdigest()
            db.execute('UPDATE event_chain SET last_event_id = ?, last_hash = ?', (rows[-1][0], link))
            db.commit()
            """, campaign.database)
    }

    @Test(
        "The weekly report's page prints the chain's head; a log rewritten whole, every hash recomputed, passes alone but not against that anchor"
    )
    func anchorCatchesRewrite() throws {
        let campaign = try Self.campaign()
        let page = try campaign.run(["report", "progress", "--format", "html"]).stdout
        let anchor = String(try #require(page.firstMatch(of: /<code>([0-9]+:[0-9a-f]{64})<\/code>/)).1)
        let events = try campaign.eventCount()
        #expect(anchor.hasPrefix("\(events):"))
        let held = try campaign.run(["audit", "verify", "--anchor", anchor])
        #expect(
            held.stdout == """
                audit: \(events) events and 1 evidence files verified; the log is intact
                audit: the anchor \(anchor) is still in the log; nothing before it was altered
                audit: the chain's head is \(anchor) (keep it, as the weekly report does, and check later with audit verify --anchor \(anchor))

                """)
        // Upper case is the same hash.
        try campaign.run(["audit", "verify", "--anchor", anchor.uppercased()])

        try rewrite(campaign, "UPDATE event SET caller = 'unix:nobody' WHERE id = 12")
        // The chain is whole again: only the anchor kept outside shows the rewrite.
        try campaign.run(["audit", "verify"])
        let caught = try audit(campaign, "--anchor", anchor)
        #expect(caught.stdout == "audit: event \(events) no longer has the anchor's hash: the log was rewritten up to it\n")

        try rewrite(campaign, "DELETE FROM event WHERE id >= \(events - 1)")
        try campaign.run(["audit", "verify"])
        let cut = try audit(campaign, "--anchor", anchor)
        #expect(cut.stdout == "audit: the anchor's event \(events) is no longer in the log: the log was cut back or rewritten since\n")
    }

    @Test(
        "An anchor is EVENT:HASH in full; anything else is refused in one line",
        arguments: [
            "12", "12:", ":\(String(repeating: "a", count: 64))", "012:\(String(repeating: "a", count: 64))",
            "+12:\(String(repeating: "a", count: 64))",
            "12:\(String(repeating: "a", count: 63))", "12:\(String(repeating: "g", count: 64))",
            "12:\(String(repeating: "a", count: 64)):1",
        ])
    func badAnchor(_ text: String) throws {
        let campaign = try Self.campaign()
        let outcome = try campaign.run(["audit", "verify", "--anchor", text], status: 1)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr.hasPrefix("zhengdun: --anchor: “\(text)” is not an anchor"))
        #expect(outcome.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test("A deleted event in the middle is named")
    func deletedRow() throws {
        let campaign = try Self.campaign()
        try tamper(campaign, "DELETE FROM event WHERE id = 7;")
        let outcome = try audit(campaign)
        #expect(outcome.stdout == "audit: event 7 is missing: event 8 does not follow event 6\n")
    }

    @Test("Deleting the newest events is noticed through the head of the chain")
    func deletedTail() throws {
        let campaign = try Self.campaign()
        let events = try campaign.eventCount()
        try tamper(campaign, "DELETE FROM event WHERE id >= \(events - 1);")
        let outcome = try audit(campaign)
        #expect(outcome.stdout == "audit: events \(events - 1)–\(events) are missing from the end of the log\n")
    }

    @Test("Evidence changed after submission is named by its address")
    func alteredEvidence() throws {
        let campaign = try Self.campaign()
        let address = sha256(of: campaign.folder.url.appendingPathComponent("签到表.txt").path)
        try tamper(campaign, "UPDATE evidence SET content = X'00';")
        let outcome = try audit(campaign)
        #expect(outcome.stdout == "audit: evidence \(address) was altered: its content no longer hashes to its address\n")
    }
}
