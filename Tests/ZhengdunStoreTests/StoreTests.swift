import Foundation
import GRDB
import Testing
import ZhengdunCore

@testable import ZhengdunStore

@Suite("The SQLite store")
struct StoreTests {
    let folder: URL
    let path: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("z.db").path
    }

    func raw(_ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write(body)
    }

    @Test("A new database is migrated to the latest schema, in WAL mode with foreign keys on")
    func newDatabase() throws {
        let store = try Store(path: path)
        #expect(try store.appliedMigrations() == Store.knownMigrations)
        let (mode, keys) = try store.read { tx in
            (try String.fetchOne(tx.db, sql: "PRAGMA journal_mode"), try Int.fetchOne(tx.db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(keys == 1)
        // Opening again changes nothing.
        _ = try Store(path: path)
    }

    @Test(
        "A read beside a write transaction sees the database as the transaction began: on a file, on a reader of the pool; in memory, in the transaction itself, which is all there is"
    )
    func readBesideAWrite() throws {
        for (store, counted) in [(try Store(path: path), 1), (try Store(inMemory: "beside"), 2)] {
            try store.write { tx in try tx.db.execute(sql: "CREATE TABLE probe (n INTEGER); INSERT INTO probe VALUES (1)") }
            let seen = try store.write { tx in
                try tx.db.execute(sql: "INSERT INTO probe VALUES (2)")
                let outcome = Outcome()
                store.read(beside: tx, { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM probe") ?? 0 }, then: outcome.set)
                return try outcome.wait().get()
            }
            #expect(seen == counted, "\(store.path)")
        }
    }

    /// What a read beside a transaction came to, waited for.
    final class Outcome: @unchecked Sendable {
        // `value` is written once, before `ready` is signalled, and read only after waiting on it.
        private var value: Result<Int, any Error>?
        private let ready = DispatchSemaphore(value: 0)

        func set(_ result: Result<Int, any Error>) {
            value = result
            ready.signal()
        }

        func wait() -> Result<Int, any Error> {
            ready.wait()
            return value!
        }
    }

    @Test(
        "The next due instant, the due timers after a place, whether more are due, and the sweep all go along timer_due, with no temporary B-tree"
    )
    func timerQueriesUseTheDueIndex() throws {
        let store = try Store(path: path)
        let queries: [(String, StatementArguments, String)] = [
            (StoreTransaction.nextDueQuery, [], "USING COVERING INDEX timer_due"),
            (StoreTransaction.dueTimersQuery, [0, 0, "k", 500], "USING COVERING INDEX timer_due ((due_at,key)>(?,?) AND due_at<?)"),
            (StoreTransaction.isDueQuery, [0, 0, "k"], "USING COVERING INDEX timer_due ((due_at,key)>(?,?) AND due_at<?)"),
            (StoreTransaction.sweepQuery, [0], "USING COVERING INDEX timer_due (due_at<?)"),
        ]
        for (query, arguments, expected) in queries {
            let plan = try store.read { tx in
                try Row.fetchAll(tx.db, sql: "EXPLAIN QUERY PLAN " + query, arguments: arguments).map { $0["detail"] as String }.joined(
                    separator: "; ")
            }
            #expect(plan.contains("SEARCH timer " + expected) || plan.contains("SCAN timer " + expected), "\(query): \(plan)")
            #expect(plan.contains("SEARCH notice USING COVERING INDEX") || !query.contains("notice"), "\(query): \(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(query): \(plan)")
        }
    }

    @Test(
        "Delivery finds queued messages along outbox_queued, never scanning the sent ones; pruning and the dead count read only their own indexes"
    )
    func outboxQueriesUseTheirIndexes() throws {
        let store = try Store(path: path)
        let queries: [(String, StatementArguments, String)] = [
            (StoreTransaction.deliverableQuery, [0, 100], "SEARCH outbox USING INDEX outbox_queued (next_attempt_at<?)"),
            (StoreTransaction.nextDeliveryQuery, [], "SEARCH outbox USING INDEX outbox_queued"),
            (StoreTransaction.pruneSentQuery, [0, 1000], "SEARCH outbox USING INDEX outbox_sent (sent_at<?)"),
            (StoreTransaction.deadCountQuery, [], "SCAN outbox USING INDEX outbox_dead"),
        ]
        for (query, arguments, expected) in queries {
            let plan = try store.read { tx in
                try Row.fetchAll(tx.db, sql: "EXPLAIN QUERY PLAN " + query, arguments: arguments).map { $0["detail"] as String }.joined(
                    separator: "; ")
            }
            #expect(plan.contains(expected), "\(query): \(plan)")
            #expect(!plan.contains("SCAN outbox;") && !plan.hasSuffix("SCAN outbox"), "\(query): \(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(query): \(plan)")
        }
    }

    @Test(
        "Sent messages older than the retention are pruned, oldest first, a limited number at a time; queued, dead and newer sent ones stay"
    )
    func pruningSentMessages() throws {
        let store = try Store(path: path)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        try store.write { tx in
            try tx.record([
                NoticeRow(
                    PlannedNotice(key: "P1.circular.1", kind: .circular, plan: nil, task: nil, dueAt: at), recordedAt: at, late: false,
                    foldedInto: nil, details: nil)
            ])
            try tx.enqueue(
                (0..<6).map {
                    OutboxRow(
                        noticeKey: "P1.circular.1", personID: nil, address: "p\($0)@x.cn", subject: "s", message: Data("m".utf8),
                        createdAt: at)
                })
            for (id, state, sentAt) in [
                (1, OutboxRow.State.sent, at), (2, .sent, at.addingTimeInterval(60)), (3, .sent, at.addingTimeInterval(7200)),
                (4, .dead, nil),
                (5, .queued, nil),
            ] as [(Int64, OutboxRow.State, Date?)] {
                var message = try #require(try tx.outboxMessage(id))
                message.state = state
                message.sentAt = sentAt
                try tx.recordTry(message)
            }
        }
        #expect(try store.write { try $0.pruneSent(before: at.addingTimeInterval(3600), limit: 1) } == 1)
        #expect(try store.read { try Int64.fetchAll($0.db, sql: "SELECT id FROM outbox ORDER BY id") } == [2, 3, 4, 5, 6])
        #expect(try store.write { try $0.pruneSent(before: at.addingTimeInterval(3600), limit: 1000) } == 1)
        #expect(try store.read { try Int64.fetchAll($0.db, sql: "SELECT id FROM outbox ORDER BY id") } == [3, 4, 5, 6])
        #expect(try store.read { try $0.deadMessages() } == 1)
        #expect(try store.read { try $0.notices() }.map(\.key) == ["P1.circular.1"], "the ledger keeps the notice")
    }

    @Test(
        "An IN list padded to its statement's size finds exactly the values given, for lists of every length up to past a size",
        arguments: [1, 7, 8, 9, 16, 17, 250, 4096, 4097])
    func paddedList(_ count: Int) throws {
        let store = try Store(path: path)
        let found = try store.write { tx in
            try tx.db.execute(sql: "CREATE TEMP TABLE n (v INTEGER PRIMARY KEY)")
            for v in 1...300 { try tx.db.execute(sql: "INSERT INTO n VALUES (?)", arguments: [v]) }
            let list = FastStatement.list(count)
            let size = list.padding.count + count
            #expect(size >= 8)
            #expect(size & (size - 1) == 0, "\(size) marks")
            #expect(list.marks.split(separator: ",").count == size)
            let values = (0..<count).map { FastStatement.Value.integer(Int64($0 * 2 + 1)) }
            return try FastStatement(tx.db, "SELECT v FROM n WHERE v IN (\(list.marks)) ORDER BY v").rows(values + list.padding) {
                $0.integer(0)!
            }
        }
        let odd: [Int64] = (0..<count).map { Int64($0) * 2 + 1 }.filter { $0 <= 300 }
        #expect(found == odd)
    }

    @Test("A timer whose notice is recorded is spent: no read finds it, and the sweep deletes it and no pending timer, and none due later")
    func spentTimers() throws {
        let store = try Store(path: path)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let timers = [
            ("b", at), ("a", at.addingTimeInterval(60)), ("c", at.addingTimeInterval(60)), ("d", at.addingTimeInterval(120)),
            ("e", at.addingTimeInterval(180)),
        ].map { PlannedNotice(key: $0.0, kind: .progressReport, plan: nil, task: nil, dueAt: $0.1) }
        try store.write { tx in
            for timer in timers { try tx.insertTimer(timer) }
            // "b" and "c" sent, "e" sent early (its timer due after the sweep's instant).
            try tx.record(
                [timers[0], timers[2], timers[4]].map { NoticeRow($0, recordedAt: at, late: false, foldedInto: nil, details: nil) })
            // A recorded notice is never planned again.
            try tx.insertTimer(PlannedNotice(key: "b", kind: .progressReport, plan: nil, task: nil, dueAt: at.addingTimeInterval(600)))
        }
        try store.read { tx throws in
            #expect(try tx.nextDue() == timers[1].dueAt)
            #expect(try tx.timerCount() == 2)
            #expect(try tx.dueTimers(at: .distantFuture, limit: 10).map(\.key) == ["a", "d"])
            #expect(try tx.dueTimers(at: at.addingTimeInterval(60), limit: 10).map(\.key) == ["a"])
            // Read on from a place in (due_at, key) order.
            #expect(try tx.dueTimers(at: .distantFuture, limit: 10, after: timers[1]).map(\.key) == ["d"])
            #expect(try tx.dueTimers(at: .distantFuture, limit: 1, after: timers[0]).map(\.key) == ["a"])
            #expect(try tx.isDue(at: at.addingTimeInterval(120), after: timers[2]))
            #expect(try !tx.isDue(at: at.addingTimeInterval(119), after: timers[2]))
        }
        #expect(try store.write { try $0.sweepSpentTimers(through: at.addingTimeInterval(120)) } == 2)
        #expect(try store.write { try $0.sweepSpentTimers(through: at.addingTimeInterval(120)) } == 0)
        let left = try store.read { try String.fetchAll($0.db, sql: "SELECT key FROM timer ORDER BY key") }
        #expect(left == ["a", "d", "e"])
        #expect(try store.read { try $0.dueTimers(at: .distantFuture, limit: 10) }.map(\.key) == ["a", "d"])
    }

    @Test(
        "Notices recorded many to a statement need no copies of the pages they change: no temporary file beside the database",
        .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd"), "needs /proc/self/fd to see the files the process has open"))
    func recordingNeedsNoStatementJournal() throws {
        // A statement SQLite may have to undo alone copies each page it changes first, in memory
        // up to 64 KiB and then in a temporary file, page by page. A pass's inserts of many rows
        // at once, each row to another leaf of each index, went far past that.
        func temporaryFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
                .compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") }
                .filter { $0.contains("etilqs_") }
        }
        let store = try Store(path: path)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        func notices(_ range: Range<Int>) -> [NoticeRow] {
            range.map { index in
                // Keys spread over the index, as a pass's keys are.
                let key = "\(String(index * 7_919 % 10_007, radix: 36))-notice-" + String(repeating: "x", count: 40)
                return NoticeRow(
                    PlannedNotice(key: key, kind: .progressReport, plan: nil, task: nil, dueAt: at), recordedAt: at, late: false,
                    foldedInto: nil, details: nil)
            }
        }
        try store.write { tx in try tx.record(notices(0..<4_000)) }
        let opened = try store.write { tx in
            try tx.record(notices(4_000..<6_000))
            return try temporaryFiles()
        }
        #expect(opened.isEmpty, "\(opened)")
        #expect(try store.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM notice") } == 6_000)
    }

    @Test("A notice or message whose reference does not hold is refused when the transaction commits, and nothing of it is kept")
    func referencesCheckedAtCommit() throws {
        let store = try Store(path: path)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let notice = PlannedNotice(key: "T1.acknowledge.a1", kind: .acknowledgeReminder, plan: PlanID(99), task: TaskID(99), dueAt: at)
        #expect(throws: (any Error).self) {
            try store.write { tx in try tx.record([NoticeRow(notice, recordedAt: at, late: false, foldedInto: nil, details: nil)]) }
        }
        #expect(throws: (any Error).self) {
            try store.write { tx in
                try tx.enqueue([
                    OutboxRow(
                        noticeKey: "no-such-notice", personID: nil, address: "a@b.cn", subject: "s", message: Data("m".utf8), createdAt: at)
                ])
            }
        }
        let counts = try store.read { tx in
            [try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM notice"), try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM outbox")]
        }
        #expect(counts == [0, 0])
    }

    @Test("A database from before v4 keeps its ledger, outbox and timers, and an outbox id once given is not given again")
    func ledgerAndOutboxMigrated() throws {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v3: a task's due timers found by task and time")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO notice (key, kind, due_at, recorded_at, late, details) VALUES ('P1.circular.1', 'circular', 1, 2, 0, '{"subject":"s"}');
                    INSERT INTO notice (key, kind, due_at, recorded_at, late, folded_into) VALUES ('P1.circular.0', 'circular', 1, 2, 1, 'P1.circular.1');
                    INSERT INTO outbox (notice_key, address, subject, message, state, next_attempt_at, created_at)
                        VALUES ('P1.circular.1', 'a@b.cn', '通报', X'0102', 'sent', 3, 4), ('P1.circular.1', 'c@d.cn', '通报', X'03', 'queued', 5, 6),
                               ('P1.circular.0', 'e@f.cn', 's', X'04', 'queued', 7, 8);
                    DELETE FROM outbox WHERE id = 3;
                    INSERT INTO timer (key, due_at, kind, plan_id) VALUES ('progress.monday.09:00.2027-01-04', 9, 'progress', NULL),
                        ('circular.P1.after.T3.escalation.3.d1', 10, 'circular', NULL);
                    """)
        }
        try queue.close()
        let store = try Store(path: path)
        #expect(
            try store.read { try $0.dueTimers(at: .distantFuture, limit: 10) }.map(\.key)
                == ["progress.monday.09:00.2027-01-04", "circular.P1.after.T3.escalation.3.d1"])
        #expect(
            try store.read {
                try String.fetchAll($0.db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'timer' AND sql IS NOT NULL")
            }
                == ["timer", "timer_due"])
        #expect(try store.appliedMigrations() == Store.knownMigrations)
        let (notices, outbox, schema) = try store.read { tx in
            (
                try Row.fetchAll(tx.db, sql: "SELECT key, late, folded_into, details FROM notice ORDER BY key").map { "\($0)" },
                try Row.fetchAll(tx.db, sql: "SELECT id, notice_key, address, hex(message), state FROM outbox ORDER BY id").map { "\($0)" },
                try String.fetchAll(tx.db, sql: "SELECT sql FROM sqlite_master WHERE name IN ('notice', 'outbox')").joined()
            )
        }
        #expect(
            notices == [
                "[key:\"P1.circular.0\" late:1 folded_into:\"P1.circular.1\" details:NULL]",
                "[key:\"P1.circular.1\" late:0 folded_into:NULL details:\"{\\\"subject\\\":\\\"s\\\"}\"]",
            ])
        #expect(
            outbox == [
                "[id:1 notice_key:\"P1.circular.1\" address:\"a@b.cn\" hex(message):\"0102\" state:\"sent\"]",
                "[id:2 notice_key:\"P1.circular.1\" address:\"c@d.cn\" hex(message):\"03\" state:\"queued\"]",
            ])
        #expect(schema.components(separatedBy: "DEFERRABLE INITIALLY DEFERRED").count - 1 == 5, "\(schema)")
        try store.write { tx in
            try tx.enqueue([
                OutboxRow(
                    noticeKey: "P1.circular.0", personID: nil, address: "g@h.cn", subject: "s", message: Data("m".utf8), createdAt: Date())
            ])
        }
        #expect(try store.read { try Int64.fetchOne($0.db, sql: "SELECT max(id) FROM outbox") } == 4)
        #expect(try store.read { try Row.fetchAll($0.db, sql: "PRAGMA foreign_key_check") }.isEmpty)
        let indexes = try store.read {
            try String.fetchAll(
                $0.db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('notice', 'outbox') ORDER BY name")
        }
        #expect(
            indexes == [
                "notice_plan", "notice_task", "outbox_dead", "outbox_message_id", "outbox_queued", "outbox_sent",
                "sqlite_autoindex_notice_1", "sqlite_autoindex_outbox_1",
            ])
    }

    @Test("A database from before v6 keeps its role bindings, now without a rowid, and each plan's are read together")
    func roleBindingsMigrated() throws {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v5: timers kept in key order, a task's together, without a rowid or a task index")
        let sha = String(repeating: "a", count: 64)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO workflow (sha256, key, version, yaml) VALUES (?, 'w', 1, 'key: w')", arguments: [sha])
            for person in ["li-si", "wang-wu", "qian-qi"] {
                try db.execute(
                    sql: "INSERT INTO person (id, name, email, created_at) VALUES (?, ?, ?, 0)",
                    arguments: [person, person, "\(person)@town.cn"])
            }
            for plan in 1...4 {
                try db.execute(
                    sql: """
                        INSERT INTO plan (id, village, branch, workflow_key, workflow_version, workflow_source, workflow_sha256, problems, goals,
                                          start_date, state, created_at)
                        VALUES (?, 'XX村', '党支部', 'w', 1, 'w.yaml', ?, '[]', '[]', '2026-03-02', 'draft', 0)
                        """, arguments: [plan, sha])
            }
            // Written out of order; plan 3 has none.
            for (plan, role, person) in [
                (2, "secretary", "wang-wu"), (1, "secretary", "li-si"), (4, "org_office", "qian-qi"),
                (1, "org_office", "qian-qi"), (2, "org_office", "li-si"), (4, "secretary", "li-si"),
            ] {
                try db.execute(
                    sql: "INSERT INTO role_binding (plan_id, role, person_id) VALUES (?, ?, ?)", arguments: [plan, role, person])
            }
        }
        try queue.close()
        let store = try Store(path: path)
        #expect(try store.appliedMigrations() == Store.knownMigrations)
        let schema = try store.read { try String.fetchOne($0.db, sql: "SELECT sql FROM sqlite_master WHERE name = 'role_binding'") } ?? ""
        #expect(schema.contains("WITHOUT ROWID"), "\(schema)")
        let bindings = try store.read { try $0.bindings(of: [4, 3, 2, 1].map(PlanID.init)) }
        #expect(bindings.keys.sorted() == [1, 2, 4].map(PlanID.init))
        let described = { (plan: Int64) in (bindings[PlanID(plan)]?.roles ?? []).map { "\($0)=\(bindings[PlanID(plan)]!.person(for: $0)!)" }
        }
        #expect(described(1) == ["org_office=qian-qi", "secretary=li-si"])
        #expect(described(2) == ["org_office=li-si", "secretary=wang-wu"])
        #expect(described(4) == ["org_office=qian-qi", "secretary=li-si"])
        for plan in [1, 2, 4] as [Int64] { #expect(try store.read { try $0.bindings(of: PlanID(plan)) } == bindings[PlanID(plan)]) }
        #expect(
            try store.read { try $0.rolesHeld(by: "li-si") } == [
                PlanID(1): ["secretary"], PlanID(2): ["org_office"], PlanID(4): ["secretary"],
            ])
        let plan = try store.read {
            try Row.fetchAll($0.db, sql: "EXPLAIN QUERY PLAN SELECT person_id FROM role_binding WHERE person_id = 'li-si'")
        }
        #expect(plan.map { $0["detail"] as String }.joined().contains("role_binding_person"))
    }

    @Test(
        "A task's timers are found, replaced and read when due by its stretch of keys, and never another task's whose number begins the same"
    )
    func timersByTaskKeys() throws {
        let store = try Store(path: path)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let tasks = [1, 10, 12, 120, 2]
        // Timers of tasks that do not exist: written with the references unchecked.
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for task in tasks {
                for (index, kind) in ["acknowledge.a1", "reminder.3wd.d1", "escalation.1.d1"].enumerated() {
                    try db.execute(
                        sql: "INSERT INTO timer (key, due_at, kind, task_id) VALUES (?, ?, ?, ?)",
                        arguments: [
                            "T\(task).\(kind)", Millis.from(at) + Int64(1_000 * (index * 10 + task % 7)), String(kind.prefix { $0 != "." }),
                            task,
                        ])
                }
            }
            try db.execute(
                sql: "INSERT INTO timer (key, due_at, kind) VALUES ('progress.monday.09:00.2027-01-04', ?, 'progress')",
                arguments: [Millis.from(at)])
        }
        try queue.close()
        try store.write { tx in
            #expect(try tx.timers(of: TaskID(1)).map(\.key) == ["T1.acknowledge.a1", "T1.reminder.3wd.d1", "T1.escalation.1.d1"])
            #expect(try tx.timers(of: TaskID(12)).allSatisfy { $0.task == TaskID(12) })
            #expect(try tx.timers(of: TaskID(3)).isEmpty)
            // The due timers of tasks 1 and 12 after the first of task 1, in (due_at, key) order.
            let first = try tx.timers(of: TaskID(1))[0]
            let later = try tx.dueTimers(of: [TaskID(12), TaskID(1)], at: at.addingTimeInterval(15), after: first)
            #expect(later.map(\.key) == ["T12.acknowledge.a1", "T1.reminder.3wd.d1", "T12.reminder.3wd.d1"])
            try tx.replaceTimers(of: TaskID(1), with: [])
            try tx.replaceTimers(of: TaskID(12), with: [])
        }
        let left = try store.read { try String.fetchAll($0.db, sql: "SELECT key FROM timer ORDER BY key") }
        #expect(
            left == [
                "T10.acknowledge.a1", "T10.escalation.1.d1", "T10.reminder.3wd.d1", "T120.acknowledge.a1", "T120.escalation.1.d1",
                "T120.reminder.3wd.d1", "T2.acknowledge.a1", "T2.escalation.1.d1", "T2.reminder.3wd.d1", "progress.monday.09:00.2027-01-04",
            ])
        let queries: [(String, StatementArguments)] = [
            ("SELECT key FROM timer WHERE key >= ? AND key < ?", ["T1.", "T1/"]),
            (StoreTransaction.taskTimersQuery, ["T1.", "T1/"]),
            (StoreTransaction.laterDueTimersQuery, ["T1.", "T1/", 0, 0, ""]),
        ]
        for (query, arguments) in queries {
            let plan = try store.read { tx in
                try Row.fetchAll(tx.db, sql: "EXPLAIN QUERY PLAN " + query, arguments: arguments)
                    .map { $0["detail"] as String }.joined(separator: "; ")
            }
            #expect(plan.contains("PRIMARY KEY (key>? AND key<?)"), "\(plan)")
        }
    }

    @Test(
        "After a checkpoint the write-ahead log is written again from its start: the next commit reuses its space, the file does not grow")
    func checkpointRestartsTheLog() throws {
        let store = try Store(path: path, checkpointWhenIdle: true)
        func writePeople(_ prefix: String) throws {
            try store.write { tx in
                for index in 0..<200 {
                    try tx.insert(
                        PersonRow(
                            id: PersonID("\(prefix)-\(index)"), name: String(repeating: "名", count: 1_000), email: "p\(index)@x.cn",
                            unixUser: nil, createdAt: Date()))
                }
            }
        }
        func logSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as! Int }
        try writePeople("a")
        let grown = try logSize()
        try store.checkpoint()
        #expect(try logSize() == grown, "the checkpoint kept the log's space")
        try writePeople("b")
        #expect(try logSize() == grown, "the second commit wrote over the first instead of after it")
        #expect(try store.read { try $0.people() }.count == 400)
    }

    @Test("A database from a newer zhengdun is refused rather than misread")
    func newerSchema() throws {
        _ = try Store(path: path)
        try raw { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
        #expect(throws: StoreError.self) { try Store(path: path) }
        do { _ = try Store(path: path) } catch {
            #expect(error.description == "\(path) was written by a newer zhengdun (unknown migrations: v9: from the future)")
        }
    }

    @Test("A write that throws leaves nothing behind: the event and the person roll back together")
    func oneTransaction() throws {
        let store = try Store(path: path)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.write { tx in
                try tx.insert(PersonRow(id: "li-si", name: "李四", email: "l@x.cn", unixUser: nil, createdAt: Date()))
                try tx.append(NewEvent(.personAdded, actor: nil, caller: "unix:test", payload: ["id": "li-si"]), at: Date())
                throw Stop()
            }
        }
        #expect(try store.read { try $0.eventCount() } == 0)
        #expect(try store.read { try $0.people() }.isEmpty)
    }

    @Test("The schema keeps its invariants: known states only, real plans only")
    func schemaInvariants() throws {
        _ = try Store(path: path)
        #expect(throws: DatabaseError.self) {
            try raw { try $0.execute(sql: "INSERT INTO person (id, name, email, created_at) VALUES ('a', ' ', 'a@b.cn', 0)") }
        }
        #expect(throws: DatabaseError.self) {
            try raw { db in
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                try db.execute(sql: "INSERT INTO role_binding (plan_id, role, person_id) VALUES (99, 'secretary', 'nobody')")
            }
        }
    }

    @Test("Dates keep their value to the millisecond however often a row is written back")
    func datesDoNotDrift() throws {
        let store = try Store(path: path)
        let deadline = Date(timeIntervalSince1970: 1_772_618_400.123)
        try store.write { tx in
            try tx.insert(PersonRow(id: "li-si", name: "李四", email: "l@x.cn", unixUser: nil, createdAt: deadline))
        }
        for _ in 0..<50 {
            try store.write { tx in
                var person = try tx.person("li-si")!
                person.name += "."
                try person.update(tx.db)
            }
        }
        let stored = try store.read { try $0.person("li-si")!.createdAt }
        #expect(Millis.from(stored) == 1_772_618_400_123)
    }

    @Test("Each event links to the one before; the chain verifies and names a broken link")
    func hashChain() throws {
        let store = try Store(path: path)
        try store.write { tx in
            for index in 1...5 {
                try tx.append(NewEvent(.calendarUpdated, actor: nil, caller: "unix:test", payload: ["n": index]), at: Date())
            }
        }
        let events = try store.read { tx in try EventRow.order(Column("id")).fetchAll(tx.db) }
        #expect(events.map(\.id) == [1, 2, 3, 4, 5])
        #expect(events[0].prevHash == EventRow.genesisHash)
        #expect(zip(events.dropFirst(), events).allSatisfy { $0.prevHash == $1.hash })
        #expect(try store.read { try $0.verifyAudit() }.problems.isEmpty)
        try raw { db in
            try db.execute(sql: "DROP TRIGGER event_is_append_only_update")
            try db.execute(sql: "UPDATE event SET at = at + 1 WHERE id = 4")
        }
        #expect(
            try store.read { try $0.verifyAudit() }.problems.map(\.description) == [
                "event 4 was altered: its contents no longer match its hash"
            ])
    }

    @Test("Evidence is stored once under its SHA-256")
    func contentAddressed() throws {
        let store = try Store(path: path)
        let content = Data("会议记录".utf8)
        let (first, second) = try store.write { tx in (try tx.store(evidence: content), try tx.store(evidence: content)) }
        #expect(first.sha256 == second.sha256)
        #expect(first.sha256 == SHA256.hex(content))
        #expect(try store.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM evidence") } == 1)
        #expect(try store.read { try $0.evidenceContent(first.sha256) } == content)
    }

    @Test(
        "A flat JSON object keeps its names in order and reads back as written, whatever the text holds",
        arguments: ["【签收提醒】T1 成立整顿工作机构（XX村）", "say \"hi\" \\ back", "two\nlines\r\tand\u{01}\u{1F}", "", "emoji 🚩"])
    func jsonObject(_ text: String) throws {
        let json = JSONText.object(["subject": text, "a": "b"])
        #expect(json.hasPrefix("{\"subject\":"))
        let read = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(read == ["subject": text, "a": "b"])
    }
}
