import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

extension Service {
    /// The instant the earliest planned notice falls due, for arming the timer.
    public func nextDue() throws -> Date? {
        try store.read { try $0.nextDue() }
    }

    /// One scheduler pass at the clock's now: every notice due is recorded in the ledger under
    /// its key and its messages queued in the outbox, in the same transaction, oldest first.
    /// Running it again, or after a restart, finds nothing more to do. A dry run does the same
    /// and rolls it all back. The timers of the notices recorded are spent, left for
    /// `sweepSpentTimers()`.
    ///
    /// A pass works in batches of up to `batch` due timers, each its own transaction: a burst of
    /// ten thousand notices commits once (each commit waits for the disk), while a catch-up after
    /// long downtime still never holds the database for more than about half a second at a time.
    /// It reads the templates, the plans and the people once, as they were when it first needed them;
    /// it reads a batch's tasks `part` at a time, handing each part on to be worked out while it
    /// reads the next. `continuing` is asked after each batch that commits: a pass stopped there
    /// (the daemon stopping) leaves the rest due for the next, as a kill would.
    ///
    /// `betweenBatches` runs after a batch has committed when another follows (the daemon
    /// copies the write-ahead log into the database there, so that a catch-up of many batches
    /// does not grow the log by every one of them).
    public func runDue(
        dryRun: Bool = false, batch: Int = 10_000, part: Int = 250,
        continuing: () -> Bool = { true }, betweenBatches: (() throws -> Void)? = nil
    ) throws -> PassReport {
        // A batch of none would find nothing forever; a part of none, never end.
        precondition(batch > 0 && part > 0, "a pass needs batches and parts of at least one")
        let now = clock.now()
        var report = PassReport(at: now)
        var pass: PassState?
        // Each batch reads on from where the one before stopped.
        var position: PlannedNotice?
        func nextBatch(_ tx: StoreTransaction) throws -> Bool {
            let due = try passBatch(at: now, after: position, limit: batch, part: part, into: &report, &pass, tx)
            position = due.last ?? position
            return due.count == batch
        }
        if dryRun {
            try store.rehearse { tx in
                report.issued = try issueScheduledWork(at: now, tx)
                while try nextBatch(tx) {}
            }
        } else {
            // The work due is issued first, so that the notices it calls for go out in this pass.
            report.issued = try store.write { tx in try issueScheduledWork(at: now, tx) }
            // Batches keep each transaction short; every batch commits whole. A batch that fails
            // after others committed leaves what they recorded standing, said as a warning.
            var committed: PassReport?
            do {
                while try store.write(nextBatch) {
                    committed = report
                    guard continuing() else { break }
                    try betweenBatches?()
                }
            } catch {
                guard var stands = committed else { throw error }
                stands.warnings.append(
                    Message.passStopped(notices: stands.notices.count, problem: Self.message(for: error)))
                report = stands
            }
        }
        // What the pass read (plans, people, templates) is freed on a worker.
        if let read = pass.take() { freeOnWorker(read) }
        return report
    }

    /// Deletes the timers of the notices recorded (spent), in a transaction of its own; returns
    /// how many. A pass leaves them, so that a burst writes only what it records and queues;
    /// the daemon sweeps after each pass, once delivery is under way.
    @discardableResult
    public func sweepSpentTimers() throws -> Int {
        let now = clock.now()
        return try store.write { try $0.sweepSpentTimers(through: now) }
    }

    /// Handles up to `limit` due timers after `position` (and every other due timer of the same
    /// tasks); returns those of the first kind.
    private func passBatch(
        at now: Date, after position: PlannedNotice?, limit: Int, part: Int, into report: inout PassReport,
        _ state: inout PassState?, _ tx: StoreTransaction
    ) throws -> [PlannedNotice] {
        let due = try tx.dueTimers(at: now, limit: limit, after: position)
        guard !due.isEmpty else {
            // The batch after a full one may find nothing due: it is the pass's last all the same.
            if var pass = state.take() {
                try circulars([:], last: true, at: now, into: &report, &pass, tx)
                state = pass
            }
            return []
        }
        if state == nil {
            state = PassState(
                from: try MailAddress.parse(configuration.mail.from),
                text: NoticeText(
                    zone: zone, templates: try templates(in: tx), contact: configuration.mail.contact, replies: try replyAddressing()),
                window: configuration.mail.sendWindow)
        }
        // Taken out while the batch works on it, so that adding to it copies nothing.
        var pass = state.take()!
        defer { state = pass }
        var taskIDs: [TaskID] = []
        var seen = Set<TaskID>()
        for timer in due { if let task = timer.task, seen.insert(task).inserted { taskIDs.append(task) } }
        // The plans that call for a circular in this batch, for the pass's one circular.
        var calls: [PlanID: CircularCall] = [:]
        for timer in due where timer.task == nil {
            try tx.deleteTimer(timer.key)
            switch timer.kind {
            case .progressReport: try sendProgressReport(timer, at: now, into: &report, &pass, tx)
            case .circular:
                // An inspection's order (or a call a full batch left), named in the pass's circular;
                // a plan gone since leaves nothing to say.
                if let id = timer.plan, try tx.plan(id) != nil { calls[id, default: CircularCall()].add(timer) }
            default: break
            }
        }
        // Every due timer of the batch's tasks, so that a task's notices are weighed together
        // even when the batch cut through them: those it read, and those after its last.
        var timersOf = Dictionary(grouping: due.filter { $0.task != nil }) { $0.task! }
        // (Only when more are due than the batch read: a burst read whole has none after it.)
        let later =
            try due.count == limit && tx.isDue(at: now, after: due.last!) ? tx.dueTimers(of: taskIDs, at: now, after: due.last!) : []
        for timer in later { timersOf[timer.task!, default: []].append(timer) }
        // The tasks are read a part at a time, with their plans and people, and each part handed
        // to the other cores, which work out which notice each task sends, to whom, and its
        // messages. When there is more than one part, the parts are read beside the transaction
        // (on a reader of the pool, on a thread of its own, while this one deletes the timers and
        // writes what the parts come to); the pass writes none of what is read there.
        let read: @Sendable (StoreTransaction, (Parted) -> Bool) throws -> PassState = { [self, pass, taskIDs, timersOf] tx, hand in
            var pass = pass
            for start in stride(from: 0, to: taskIDs.count, by: part) {
                let ids = Array(taskIDs[start..<min(start + part, taskIDs.count)])
                let tasks = try tx.tasks(ids: ids)
                let planIDs = Set(tasks.values.map(\.planID))
                try pass.load(plans: Array(planIDs), self, tx)
                try pass.load(people: tasks.values.lazy.map(\.assigneeID), tx)
                for plan in planIDs { if let bound = pass.plans[plan]?.bindings.boundPeople { try pass.load(people: bound, tx) } }
                var inspections: [Int64: InspectionRow] = [:]
                // An inspection's order is handed over with the finding and who made it.
                for task in tasks.values
                where task.inspectionID != nil && timersOf[task.id!]?.contains(where: { $0.kind == .issued }) == true {
                    if let id = task.inspectionID, let row = try tx.inspection(id) {
                        inspections[id] = row
                        try pass.load(people: [row.inspectorID], tx)
                    }
                }
                try pass.load(people: ids.flatMap { id in (timersOf[id] ?? []).compactMap(NoticeSchedule.reassignedFrom) }, tx)
                // An item of the problem list is escalated with its leader copied.
                let problems = try tx.problems(ids: tasks.values.compactMap(\.problemID))
                try pass.load(people: problems.values.map(\.leaderID), tx)
                let work = ids.map {
                    TaskTimers(
                        timers: timersOf[$0] ?? [], task: tasks[$0], plan: tasks[$0].flatMap { pass.plans[$0.planID] },
                        inspection: tasks[$0]?.inspectionID.flatMap { inspections[$0] },
                        problem: tasks[$0]?.problemID.flatMap { problems[$0] })
                }
                guard hand(OrderedWork(work) { [known = pass.known, zone] in $0.decided(at: now, writing: known, zone: zone) }) else {
                    break
                }
            }
            return pass
        }
        let parts = MadeAhead<Parted, PassState>()
        if taskIDs.count > part {
            store.read(beside: tx, { [parts] tx in try read(tx, parts.hand) }, then: parts.end)
        } else {
            // A batch of one part (the daemon's usual pass, a notice or a few) has nothing to read ahead of.
            parts.end(Result { try read(tx, parts.hand) })
        }
        defer { parts.finish() }
        // Each notice recorded and its messages queued, in order, as they are ready.
        var ledger: [NoticeRow] = []
        // Each person's letters, gathered into one message when the batch is decided.
        var letters: [PersonID: [Letter]] = [:]
        var addressees: [PersonID] = []
        var written: [Parted] = []
        while let work = try parts.next() {
            for index in 0..<work.count {
                let outcome = try work.result(index).get()
                // A stale timer is never recorded: it goes now, not with the spent ones.
                for key in outcome.stale { try tx.deleteTimer(key) }
                for notice in outcome.later {
                    try tx.deleteTimer(notice.key)
                    try tx.insertTimer(notice)
                }
                report.stale += outcome.stale.count
                ledger += outcome.ledger
                report.notices += outcome.sent
                if !configuration.chat.routes.isEmpty { try postToChat(outcome, text: pass.text, at: now, tx) }
                for letter in outcome.letters {
                    if letters[letter.to.id] == nil { addressees.append(letter.to.id) }
                    letters[letter.to.id, default: []].append(letter)
                }
                if let circular = outcome.circular { calls[circular.plan!, default: CircularCall()].add(circular) }
                if ledger.count >= 64 {
                    try tx.record(ledger)
                    ledger.removeAll(keepingCapacity: true)
                }
            }
            written.append(work)
        }
        try tx.record(ledger)
        pass = parts.finish()!
        // One message a person a batch: the notices that fell due for them together, gathered,
        // each person's written on the other cores and queued in order. (A catch-up after long
        // downtime may hold more for one person than a message should: several, then.)
        var groups: [[Letter]] = []
        for person in addressees {
            let all = letters[person]!
            for start in stride(from: 0, to: all.count, by: Self.digestItems) {
                groups.append(Array(all[start..<min(start + Self.digestItems, all.count)]))
            }
        }
        letters = [:]
        let messages = OrderedWork(groups) { [text = pass.text, known = pass.known, zone] group in
            Result { try Service.gathered(group, text: text, known: known, zone: zone, at: now) }
        }
        groups = []
        var outbox: [OutboxRow] = []
        for index in 0..<messages.count {
            outbox.append(try messages.result(index).get())
            if outbox.count >= 64 {
                report.queued += outbox.count
                try tx.enqueue(outbox)
                outbox.removeAll(keepingCapacity: true)
            }
        }
        report.queued += outbox.count
        try tx.enqueue(outbox)
        // The messages were freed as they were written; the tasks the work read are freed on a
        // worker, not on the thread that holds the database.
        freeOnWorker(written)
        written = []
        // One circular a pass, in its last batch: a full one leaves its calls for the next.
        try circulars(calls, last: due.count < limit, at: now, into: &report, &pass, tx)
        return due
    }

}

extension Service {
    /// Posts a task's notices to the chat groups the configuration routes them to: once a notice,
    /// whoever its letters went to.
    fileprivate func postToChat(_ outcome: DueOutcome, text: NoticeText, at now: Date, _ tx: StoreTransaction) throws {
        var posted = Set<String>()
        for letter in outcome.letters where posted.insert(letter.key).inserted {
            guard let notice = outcome.ledger.first(where: { $0.key == letter.key }) else { continue }
            try postToChat(
                notice.kind, key: letter.key, level: notice.level, role: letter.text.role, title: letter.text.subject,
                text: text.chatText(letter.text), at: now, tx)
        }
    }
}
