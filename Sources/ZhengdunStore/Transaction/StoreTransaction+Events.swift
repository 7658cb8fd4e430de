import Foundation
import GRDB
import ZhengdunCore

extension StoreTransaction {
    /// Appends an event to the hash chain and moves the chain's head to it.
    @discardableResult
    public func append(_ event: NewEvent, at instant: Date) throws -> EventRow {
        let head = try EventChainRow.fetchOne(db, key: 1)
        var row = EventRow(
            id: (head?.lastEventID ?? 0) + 1, at: Millis.date(Millis.from(instant)), planID: event.planID, taskID: event.taskID,
            kind: event.kind.rawValue, actorID: event.actorID, caller: event.caller, payload: event.payload,
            prevHash: head?.lastHash ?? EventRow.genesisHash, hash: "")
        row.hash = row.computedHash
        try row.insert(db)
        try EventChainRow(lastEventID: row.id, lastHash: row.hash).upsert(db)
        return row
    }

    public func events(plan: PlanID) throws -> [EventRow] {
        try EventRow.filter(EventRow.Columns.planID == plan).order(EventRow.Columns.id).fetchAll(db)
    }

    public func events(task: TaskID) throws -> [EventRow] {
        try EventRow.filter(EventRow.Columns.taskID == task).order(EventRow.Columns.id).fetchAll(db)
    }

    /// The events of `kinds` of several tasks, oldest first, a few hundred tasks to a query.
    public func events(tasks: [TaskID], kinds: [EventKind]) throws -> [EventRow] {
        var events: [EventRow] = []
        for part in Self.parts(tasks) {
            events += try EventRow.filter(part.map(\.rawValue).contains(EventRow.Columns.taskID))
                .filter(kinds.map(\.rawValue).contains(Column("kind"))).fetchAll(db)
        }
        return events.sorted { $0.id < $1.id }
    }

    /// The latest event of one of `kinds` for each task of `plans` that has one.
    public func latestTaskEvents(_ kinds: [EventKind], plans: [PlanID]) throws -> [TaskID: EventRow] {
        guard !plans.isEmpty, !kinds.isEmpty else { return [:] }
        let planMarks = Array(repeating: "?", count: plans.count).joined(separator: ",")
        let kindMarks = Array(repeating: "?", count: kinds.count).joined(separator: ",")
        let rows = try EventRow.fetchAll(
            db,
            sql: """
                SELECT * FROM event WHERE id IN (
                    SELECT max(id) FROM event
                    WHERE plan_id IN (\(planMarks)) AND task_id IS NOT NULL AND kind IN (\(kindMarks))
                    GROUP BY task_id)
                """, arguments: StatementArguments(plans.map(\.rawValue)) + StatementArguments(kinds.map(\.rawValue)))
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.taskID!, $0) })
    }

    /// How many events of `kind` each task of `plans` has (a task with none is left out).
    public func taskEventCounts(_ kind: EventKind, plans: [PlanID]) throws -> [TaskID: Int] {
        guard !plans.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: plans.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT task_id, count(*) FROM event
                WHERE plan_id IN (\(marks)) AND task_id IS NOT NULL AND kind = ?
                GROUP BY task_id
                """, arguments: StatementArguments(plans.map(\.rawValue)) + [kind.rawValue])
        return Dictionary(uniqueKeysWithValues: rows.map { (TaskID($0[0] as Int64), $0[1] as Int) })
    }

    /// The chain's head as last written: the newest event and its hash.
    public func chainHead() throws -> ChainAnchor? {
        try EventChainRow.fetchOne(db, key: 1).map { ChainAnchor(event: $0.lastEventID, hash: $0.lastHash) }
    }

    public func eventCount() throws -> Int {
        try EventRow.fetchCount(db)
    }

    /// Walks the whole log: every row's hash must match its contents, every row must link to the
    /// one before it, the chain's head must be the last row, and every piece of evidence must
    /// still hash to its address.
    /// With an `anchor`, the log must also still hold its event with its hash.
    public func verifyAudit(anchor: ChainAnchor? = nil) throws -> AuditReport {
        var problems: [Message] = []
        var previous: EventRow?
        var count = 0
        let cursor = try EventRow.order(EventRow.Columns.id).fetchCursor(db)
        while let row = try cursor.next() {
            count += 1
            if row.computedHash != row.hash {
                problems.append(Message.auditEventAltered(event: Int(row.id)))
            }
            let expectedLink = previous?.hash ?? EventRow.genesisHash
            if row.prevHash != expectedLink {
                let before: Message = previous.map { .auditEventWord(event: Int($0.id)) } ?? .auditLogStart
                let first = Int(previous?.id ?? 0) + 1
                if row.id != (previous?.id ?? 0) + 1 {
                    problems.append(
                        first == Int(row.id) - 1
                            ? Message.auditOneMissing(event: first, next: Int(row.id), before: before)
                            : Message.auditRangeMissing(first: first, last: Int(row.id) - 1, next: Int(row.id), before: before)
                    )
                } else {
                    problems.append(Message.auditBrokenLink(event: Int(row.id), before: before))
                }
            }
            previous = row
        }
        let head = try EventChainRow.fetchOne(db, key: 1)
        switch (head, previous) {
        case (nil, nil):
            break
        case (nil, let last?):
            problems.append(Message.auditHeadMissing(event: Int(last.id)))
        case (let head?, nil):
            problems.append(Message.auditLogEmptied(last: Int(head.lastEventID)))
        case (let head?, let last?):
            if head.lastEventID > last.id {
                problems.append(
                    head.lastEventID == last.id + 1
                        ? Message.auditTailOneMissing(event: Int(head.lastEventID))
                        : Message.auditTailMissing(first: Int(last.id) + 1, last: Int(head.lastEventID)))
            } else if head.lastEventID != last.id || head.lastHash != last.hash {
                problems.append(Message.auditHeadMismatch(event: Int(last.id)))
            }
        }
        if let anchor {
            if let row = try EventRow.fetchOne(db, key: anchor.event) {
                if row.hash != anchor.hash { problems.append(Message.auditAnchorMismatch(event: Int(anchor.event))) }
            } else {
                problems.append(Message.auditAnchorMissing(event: Int(anchor.event)))
            }
        }
        var evidence = 0
        let blobs = try Row.fetchCursor(db, sql: "SELECT sha256, content FROM evidence ORDER BY sha256")
        while let blob = try blobs.next() {
            evidence += 1
            let address: String = blob["sha256"]
            let content: Data = blob["content"]
            if SHA256.hex(content) != address {
                problems.append(Message.auditEvidenceAltered(address: "\(address)"))
            }
        }
        return AuditReport(
            events: count, evidence: evidence, problems: problems,
            head: previous.map { ChainAnchor(event: $0.id, hash: $0.hash) }, anchor: anchor)
    }
}
