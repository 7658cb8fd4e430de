import Foundation
import Testing

@Suite("audit verify: the hash chain proves the log whole", .serialized)
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
        try python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.executescript('DROP TRIGGER IF EXISTS event_is_append_only_update; DROP TRIGGER IF EXISTS event_is_append_only_delete; DROP TRIGGER IF EXISTS evidence_is_immutable;' + sys.argv[2])
            db.commit()
            """, campaign.database, sql)
    }

    func audit(_ campaign: Campaign) throws -> CLI.Outcome {
        try campaign.run(["audit", "verify"], status: 1)
    }

    @Test("An untouched log verifies, counting its events and evidence")
    func untouched() throws {
        let campaign = try Self.campaign()
        let outcome = try campaign.run(["audit", "verify"])
        let events = try campaign.eventCount()
        #expect(events == 20)
        #expect(outcome.stdout == "audit: \(events) events and 1 evidence files verified; the log is intact\n")
    }

    @Test("The schema itself refuses to change or remove an event")
    func appendOnly() throws {
        let campaign = try Self.campaign()
        for sql in ["UPDATE event SET caller = 'unix:x' WHERE id = 3", "DELETE FROM event WHERE id = 3"] {
            #expect(throws: (any Error).self) {
                try python("import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute(sys.argv[2]); db.commit()", campaign.database, sql)
            }
        }
        try campaign.run(["audit", "verify"])
    }

    @Test("An edited event is named")
    func editedRow() throws {
        let campaign = try Self.campaign()
        try tamper(campaign, "UPDATE event SET payload = replace(payload, 'li-si', 'wang-wu') WHERE id = 12;")
        let outcome = try audit(campaign)
        #expect(outcome.stdout == "audit: event 12 was altered: its contents no longer match its hash\n")
        #expect(outcome.stderr == "zhengdun: the event log fails verification: 1 problem (event 12 was altered: its contents no longer match its hash)\n")
    }

    @Test("An edited event whose hash was recomputed is caught by the next link")
    func rehashedRow() throws {
        let campaign = try Self.campaign()
        try tamper(campaign, "UPDATE event SET caller = 'unix:nobody', hash = 'f00d' || substr(hash, 5) WHERE id = 12;")
        let outcome = try audit(campaign)
        #expect(outcome.stdout.contains("audit: event 12 was altered"))
        #expect(outcome.stdout.contains("audit: event 13 does not follow event 12: the link between them is broken"))
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
