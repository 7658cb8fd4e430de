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

    func flush() throws(MailError) {
        try maildir.flush()
    }
}

@Suite("The outbox: delivery's write-ahead log, and sent messages' retention", .serialized)
struct OutboxTests {
    @Test(
        "5,000 messages delivered on a store opened as the daemon opens it: the write-ahead log stays under 16 MiB, and is emptied at a clean stop",
        .tags(.large))
    func deliveryKeepsTheLogSmall() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("z.db").path
        let store = try Store(path: path, checkpointWhenIdle: true)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let body = Data(String(repeating: "催办通知：请于期限前办结。\r\n", count: 40).utf8)
        try store.write { tx in
            try tx.record([
                NoticeRow(
                    PlannedNotice(key: "P1.circular.1", kind: .circular, plan: nil, task: nil, dueAt: at), recordedAt: at, late: false,
                    foldedInto: nil, details: nil)
            ])
            try tx.enqueue(
                (0..<5_000).map {
                    OutboxRow(noticeKey: "P1.circular.1", personID: nil, address: "p\($0)@x.cn", subject: "s", message: body, createdAt: at)
                })
        }
        try store.checkpointAndTruncate()
        let service = Service(store: store, clock: ManualClock(at.addingTimeInterval(60)))
        let transport = LogWatchingMaildir(folder: folder.appendingPathComponent("maildir").path, database: path)
        let report = try service.deliver(using: transport)
        #expect(report.sent == 5_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: transport.maildir.folder + "/new").count == 5_000)
        #expect(transport.largestLog < 16 << 20, "the log reached \(transport.largestLog) bytes")
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

    @Test(
        "A message the transport took is marked sent even when another process keeps the database busy past the busy timeout: it is never sent twice",
        .tags(.large))
    func markOutlastsABusyDatabase() throws {
        let walk = try Walk()
        try walk.walk(to: walk.at("2026-03-09 10:00"))
        let queued = try walk.service.outbox(states: ["queued"]).count
        #expect(queued >= 2, "the walk queued messages to deliver")
        let transport = BusyingMaildir(
            folder: walk.folder.appendingPathComponent("maildir").path, database: walk.folder.appendingPathComponent("z.db").path)
        let report = try walk.service.deliver(using: transport)
        #expect(transport.heldTheDatabase, "another connection held the write lock while the first mark was made")
        #expect(report.sent == queued)
        #expect(try walk.service.outbox(states: ["queued"]).isEmpty)
        // A second delivery finds nothing left to send.
        #expect(try walk.service.deliver(using: transport).sent == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: transport.maildir.folder + "/new").count == queued)
    }
}

/// A maildir whose first delivery has another connection take the database's write lock and
/// hold it a little longer than the store waits for a busy database.
final class BusyingMaildir: MailTransport {
    let maildir: MaildirTransport
    let database: String
    private let held = Mutex(false)

    init(folder: String, database: String) {
        maildir = MaildirTransport(folder: folder)
        self.database = database
    }

    var heldTheDatabase: Bool { held.withLock { $0 } }

    func send(_ message: Data, to recipients: [String]) throws(MailError) {
        try maildir.send(message, to: recipients)
        guard !held.withLock({ $0 }) else { return }
        let taken = DispatchSemaphore(value: 0)
        let path = database
        let hold = Store.busyTimeout + 2
        Thread.detachNewThread { [self] in
            do {
                let queue = try DatabaseQueue(path: path)
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    self.held.withLock { $0 = true }
                    taken.signal()
                    Thread.sleep(forTimeInterval: hold)
                    try db.execute(sql: "COMMIT")
                }
            } catch {
                taken.signal()
            }
        }
        taken.wait()
    }

    func flush() throws(MailError) {
        try maildir.flush()
    }
}

@Suite("The weekly report's mail size", .serialized)
struct ProgressMailSizeTests {
    /// The weekly report as the outbox holds it for the office director, with mail limited to
    /// `limit` bytes (nil: the default).
    func weeklyReport(limit: Int?, plans: Int = 1) throws -> (message: String, bytes: Int) {
        let walk = try Walk()
        var configuration = Configuration.defaults
        if let limit { configuration.mail.maxMessageSize = limit }
        let service = Service(store: walk.service.store, clock: walk.clock, configuration: configuration)
        let file = try WorkflowFile.load(Walk.repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
        for index in 1..<plans {
            _ = try service.createPlan(
                PlanDraft(
                    village: "村\(index)", start: try LocalDate.parse("2026-03-02"),
                    assignments: Walk.roles.map { (RoleKey($0.0), PersonID($0.1)) }), workflow: file, by: Acting(caller: walk.admin))
            _ = try service.advance(PlanID(Int64(index + 1)), overrideReason: nil, by: walk.acting(Walk.person("org_office")))
        }
        walk.clock.set(walk.at("2026-03-09 09:00"))
        _ = try service.runDue()
        let row = try #require(
            try service.store.read { try $0.outbox(states: [.queued]) }.last {
                $0.noticeKey.hasPrefix("progress.") && $0.personID == Walk.person("office_director")
            })
        return (String(decoding: row.message, as: UTF8.self), row.message.count)
    }

    /// The parts of a rendered message: each one's headers and its text, decoded from base64.
    func parts(_ message: String) -> [(headers: String, text: String)] {
        var parts: [(String, String)] = []
        var rest = Substring(message)
        while let marker = rest.range(of: "Content-Transfer-Encoding: base64\r\n") {
            let start = rest[..<marker.lowerBound].range(of: "Content-Type: ", options: .backwards)!.lowerBound
            let headersEnd = rest[marker.lowerBound...].range(of: "\r\n\r\n")!
            let end = rest[headersEnd.upperBound...].range(of: "\r\n--")?.lowerBound ?? rest.endIndex
            let base64 = rest[headersEnd.upperBound..<end].replacingOccurrences(of: "\r\n", with: "")
            parts.append(
                (String(rest[start..<headersEnd.lowerBound]), String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)))
            rest = rest[end...]
        }
        return parts
    }

    @Test(
        "A weekly report within mail.max_message_size goes whole: the text, its HTML version and the page of charts attached, with no note")
    func wholeWhenItFits() throws {
        let report = try weeklyReport(limit: nil, plans: 5)
        let sections = parts(report.message)
        #expect(sections.map { $0.headers.hasPrefix("Content-Type: text/plain") } == [true, false, false])
        #expect(sections[1].headers.hasPrefix("Content-Type: text/html") && !sections[1].headers.contains("attachment"))
        #expect(sections[2].headers.contains("attachment") && sections[2].text.contains("<svg"))
        #expect(!sections.contains { $0.text.contains("max_message_size") })
    }

    @Test(
        "Above mail.max_message_size the page of charts is left out and the mail says so first, in text and HTML, naming the command that prints the page"
    )
    func pageLeftOut() throws {
        let whole = try weeklyReport(limit: nil, plans: 5)
        let report = try weeklyReport(limit: 64 << 10, plans: 5)
        #expect(whole.bytes > 64 << 10 && report.bytes <= 64 << 10)
        let sections = parts(report.message)
        #expect(sections.count == 2 && !report.message.contains("attachment"))
        #expect(sections[0].text.hasPrefix("【说明】本期周报连同各村进度图表约 8"), "\(sections[0].text.prefix(200))")
        #expect(sections[0].text.contains(" KB，超过邮件大小上限 66 KB（配置项 mail.max_message_size），进度图表网页未随信附上。"), "\(sections[0].text.prefix(200))")
        #expect(sections[0].text.contains("zhengdun report progress --format html --output 进度周报.html"))
        #expect(sections[0].text.contains("XX村") && sections[0].text.contains("村4"), "the report itself follows the note")
        #expect(sections[1].headers.hasPrefix("Content-Type: text/html"))
        #expect(sections[1].text.contains(">【说明】本期周报连同各村进度图表约"))
    }

    @Test(
        "When the text and HTML together are still too large, the text goes alone; when even the text is, a note alone says how to read the report"
    )
    func textAloneThenNoteAlone() throws {
        let textOnly = try weeklyReport(limit: 64 << 10, plans: 60)
        #expect(textOnly.bytes <= 64 << 10)
        let sections = parts(textOnly.message)
        #expect(sections.count == 1 && sections[0].headers.hasPrefix("Content-Type: text/plain"))
        #expect(sections[0].text.hasPrefix("【说明】本期周报连同各村进度图表约 9"), "\(sections[0].text.prefix(200))")
        #expect(sections[0].text.contains(" KB，超过邮件大小上限 66 KB（配置项 mail.max_message_size），只发文字版"), "\(sections[0].text.prefix(200))")
        #expect(sections[0].text.contains("村59"))

        let noteOnly = try weeklyReport(limit: 7 << 10, plans: 5)
        #expect(noteOnly.bytes <= 7 << 10)
        let note = self.parts(noteOnly.message)
        #expect(note.count == 1 && note[0].text.hasPrefix("【说明】本期周报涉及 5 个整顿方案，约 8"), "\(note.first?.text ?? "")")
        #expect(note.first?.text.contains(" KB，文字版也超过邮件大小上限 8 KB") == true, "\(note.first?.text ?? "")")
        #expect(note[0].text.contains("zhengdun report progress") && !note[0].text.contains("XX村"))
    }
}
