import Foundation
import GRDB
import Testing
import ZhengdunCore

@testable import ZhengdunStore

/// The hashes in a database written before SHA-256 came from swift-crypto, recomputed by
/// today's code. A chain link, a content address or a Message-ID that came out different would
/// make every existing database fail `audit verify`, or send a notice twice under two ids.
@Suite("Hashes recorded in an older database are computed the same today")
struct RecordedHashTests {
    /// Written by `Fixtures/make-chain-fixture.sh` with the hand-written SHA-256.
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/campaign-with-evidence.sqlite")

    /// The fixture, read-only: nothing here may change it.
    func database() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: Self.fixture.path, configuration: configuration)
    }

    @Test("Every event's hash is recomputed as recorded, each links to the one before, and the head is the recorded one")
    func eventChain() throws {
        let (events, head) = try database().read { db in
            (
                try EventRow.fetchAll(db, sql: "SELECT * FROM event ORDER BY id"),
                try Row.fetchOne(db, sql: "SELECT last_event_id, last_hash FROM event_chain")!
            )
        }
        #expect(events.count == 22)
        var previous = EventRow.genesisHash
        for event in events {
            #expect(event.computedHash == event.hash, "event \(event.id)")
            #expect(event.prevHash == previous, "event \(event.id)")
            previous = event.hash
        }
        #expect(events.first?.hash == "3be0bc99b51a5302675b9857610ed674d9cb314a28dd4b3ee2c9aa6790bab51a")
        #expect(head["last_event_id"] == 22 as Int64)
        #expect(head["last_hash"] == "25fbb925bcec3801604e2ce841fd0623403cded7c3bf2ac3e2722893706281bc")
        #expect(previous == head["last_hash"])
    }

    @Test("Evidence, the workflow snapshot and the calendar are found under the SHA-256 of their contents")
    func contentAddresses() throws {
        let (evidence, workflows, calendars) = try database().read { db in
            (
                try Row.fetchAll(db, sql: "SELECT sha256, content FROM evidence ORDER BY bytes"),
                try Row.fetchAll(db, sql: "SELECT sha256, yaml FROM workflow"),
                try Row.fetchAll(db, sql: "SELECT sha256, yaml FROM calendar")
            )
        }
        // A one-line text, a 3 000-byte binary, a 3 590-byte Chinese text: one block, many, and not UTF-8.
        #expect(
            evidence.map { $0["sha256"] as String } == [
                "2b0897fe0885dcacd9c72ff964000c74dc60d2c5d67026f286fc10eb83e9d922",
                "2d8227b1f2806ac177672a2c8bce6454b1b428810e61d94442cf66d25a29ff04",
                "fc0a3c452bf2a5395dc4c0e9fcb87d095b48a02b55879568c4a53b6a4e423c58",
            ])
        for row in evidence {
            #expect(EvidenceRow(content: row["content"]).sha256 == row["sha256"])
        }
        #expect(workflows.map { $0["sha256"] as String } == ["ef931c05a4eec3caa12e0720689a7dea16f3698545a3564a033b9dbc8c200ef5"])
        #expect(calendars.map { $0["sha256"] as String } == ["60fa122e378f69446db60a2b19c7550e48c5ce8475b0a54876e281d8b295af84"])
        for row in workflows + calendars {
            #expect(SHA256.hex(row["yaml"] as String) == row["sha256"])
        }
    }

    @Test("Each queued message's Message-ID is still the hash of its notice key and person")
    func messageIDs() throws {
        let messages = try database().read { db in
            try Row.fetchAll(db, sql: "SELECT notice_key, person_id, message FROM outbox ORDER BY id")
        }
        #expect(messages.count == 17)
        for row in messages {
            let text = String(decoding: row["message"] as Data, as: UTF8.self)
            let header = text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID: <") }
            let id = header?.dropFirst("Message-ID: <".count).prefix { $0 != "@" }
            let key: String = row["notice_key"]
            let person: String = row["person_id"]
            #expect(id.map(String.init) == String(SHA256.hex("\(key)/\(person)").prefix(32)), "\(key) to \(person)")
        }
    }
}
