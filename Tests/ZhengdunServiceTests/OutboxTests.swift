import Foundation
import GRDB
import Synchronization
import Testing
import ZhengdunCore
import ZhengdunMail
import ZhengdunService
import ZhengdunStore

/// A maildir that also notes the size of the database's write-ahead log each time it is handed
/// a message.
final class LogWatchingMaildir: MailTransport {
    let maildir: MaildirTransport
    let log: String
    private let largest = Mutex(0)

    init(folder: String, database: String) {
        maildir = MaildirTransport(folder: folder)
        log = database + "-wal"
    }

    var largestLog: Int { largest.withLock { $0 } }

    func send(_ message: Data, to recipients: [String]) throws(MailError) {
        let size = ((try? FileManager.default.attributesOfItem(atPath: log))?[.size] as? Int) ?? 0
        largest.withLock { $0 = max($0, size) }
        try maildir.send(message, to: recipients)
    }
}

@Suite("The outbox: delivery's write-ahead log, and sent messages' retention", .serialized)
struct OutboxTests {
    @Test("2,000 messages delivered on a store opened as the daemon opens it: the write-ahead log stays under 4 MiB, and is emptied at a clean stop")
    func deliveryKeepsTheLogSmall() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("z.db").path
        let store = try Store(path: path, checkpointWhenIdle: true)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let body = Data(String(repeating: "催办通知：请于期限前办结。\r\n", count: 40).utf8)
        try store.write { tx in
            try tx.record([NoticeRow(PlannedNotice(key: "P1.circular.1", kind: .circular, plan: nil, task: nil, dueAt: at), recordedAt: at, late: false,
                                     foldedInto: nil, details: nil)])
            try tx.enqueue((0..<2_000).map { OutboxRow(noticeKey: "P1.circular.1", personID: nil, address: "p\($0)@x.cn", subject: "s", message: body, createdAt: at) })
        }
        try store.checkpointAndTruncate()
        let service = Service(store: store, clock: ManualClock(at.addingTimeInterval(60)))
        let transport = LogWatchingMaildir(folder: folder.appendingPathComponent("maildir").path, database: path)
        let report = try service.deliver(using: transport)
        #expect(report.sent == 2_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: transport.maildir.folder + "/new").count == 2_000)
        #expect(transport.largestLog < 4 << 20, "the log reached \(transport.largestLog) bytes")
        try store.checkpointAndTruncate()
        #expect(try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int == 0)
    }

    @Test("Sent messages are deleted once older than mail.keep_sent; the ledger still shows every task's highest escalation level sent")
    func sentMessagesPrunedLedgerKept() throws {
        let walk = try Walk()
        try walk.walk(to: walk.at("2026-04-30 10:00"))
        let maildir = MaildirTransport(folder: walk.folder.appendingPathComponent("maildir").path)
        let delivered = try walk.service.deliver(using: maildir)
        #expect(delivered.sent > 0 && delivered.pruned == 0)
        let ledger = try walk.service.ledger(LedgerQuery(plan: PlanID(1)))
        #expect(ledger.contains { $0.details.escalationLevel >= 2 }, "the walk climbed the ladder")
        let sent = try walk.service.outbox(states: ["sent"])
        #expect(sent.count == delivered.sent)

        // 89 days on, every sent message is kept.
        walk.clock.set(walk.at("2026-04-30 10:00").addingTimeInterval(89 * 86_400))
        #expect(try walk.service.deliver(using: maildir).pruned == 0)
        #expect(try walk.service.outbox(states: ["sent"]).count == sent.count)
        // 91 days on, none is, and the ledger reads as before.
        walk.clock.set(walk.at("2026-04-30 10:00").addingTimeInterval(91 * 86_400))
        #expect(try walk.service.deliver(using: maildir).pruned == sent.count)
        #expect(try walk.service.outbox(states: ["sent"]).isEmpty)
        let after = try walk.service.ledger(LedgerQuery(plan: PlanID(1)))
        #expect(after.map(\.details.escalationLevel) == ledger.map(\.details.escalationLevel))
        #expect(after.map(\.task.id) == ledger.map(\.task.id))
    }
}
