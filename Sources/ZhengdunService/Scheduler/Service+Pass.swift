import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

/// What one scheduler pass did (or, dry, would do).
public struct PassReport: Codable, Sendable {
    public struct Sent: Codable, Sendable {
        public var key: String
        public var kind: NoticeKind
        public var plan: Int64?
        public var task: Int64?
        public var level: Int?
        public var dueAt: Date
        public var late: Bool
        /// Notices that fell due with this one and that it stands for.
        public var folded: [String]
        public var recipients: [PersonID]
        public var subject: String

        enum CodingKeys: String, CodingKey {
            case key, kind, plan, task, level, dueAt = "due_at", late, folded, recipients, subject
        }
    }

    public var at: Date
    public var notices: [Sent] = []
    /// Timers dropped because their task had moved on.
    public var stale = 0
    /// Messages put in the outbox.
    public var queued = 0
    /// When the next notice falls due: read once the pass's spent timers are swept, by whoever
    /// sweeps them (a pass alone would have to look past each of them).
    public var next: Date?
    /// What failed after the pass had committed (a later batch, delivery, the sweep): the
    /// notices above stand, and the command line says these as warnings, exit 3.
    public var warnings: [Message] = []
}

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
    public func runDue(dryRun: Bool = false, batch: Int = 10_000, part: Int = 250,
                       continuing: () -> Bool = { true }, betweenBatches: (() throws -> Void)? = nil) throws -> PassReport {
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
            try store.rehearse { tx in while try nextBatch(tx) {} }
        } else {
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
                stands.warnings.append(Message(.passStopped, ["notices": .number(stands.notices.count), "problem": .message(Self.message(for: error))]))
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
    private func passBatch(at now: Date, after position: PlannedNotice?, limit: Int, part: Int, into report: inout PassReport,
                           _ state: inout PassState?, _ tx: StoreTransaction) throws -> [PlannedNotice] {
        let due = try tx.dueTimers(at: now, limit: limit, after: position)
        guard !due.isEmpty else { return [] }
        if state == nil {
            state = PassState(from: try MailAddress.parse(configuration.mail.from), text: NoticeText(zone: zone, templates: try templates(in: tx)))
        }
        // Taken out while the batch works on it, so that adding to it copies nothing.
        var pass = state.take()!
        defer { state = pass }
        var taskIDs: [TaskID] = []
        var seen = Set<TaskID>()
        for timer in due { if let task = timer.task, seen.insert(task).inserted { taskIDs.append(task) } }
        for timer in due where timer.task == nil {
            try tx.deleteTimer(timer.key)
            if timer.kind == .progressReport { try sendProgressReport(timer, at: now, into: &report, &pass, tx) }
        }
        // Every due timer of the batch's tasks, so that a task's notices are weighed together
        // even when the batch cut through them: those it read, and those after its last.
        var timersOf = Dictionary(grouping: due.filter { $0.task != nil }) { $0.task! }
        // (Only when more are due than the batch read: a burst read whole has none after it.)
        let later = try due.count == limit && tx.isDue(at: now, after: due.last!) ? tx.dueTimers(of: taskIDs, at: now, after: due.last!) : []
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
                let work = ids.map { TaskTimers(timers: timersOf[$0] ?? [], task: tasks[$0], plan: tasks[$0].flatMap { pass.plans[$0.planID] }) }
                guard hand(OrderedWork(work) { [known = pass.known, zone] in $0.decided(at: now, writing: known, zone: zone) }) else { break }
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
        var circulars: [PlanID: (circular: PlannedNotice, latest: Date)] = [:]
        var ledger: [NoticeRow] = []
        var outbox: [OutboxRow] = []
        var written: [Parted] = []
        while let work = try parts.next() {
            for index in 0..<work.count {
                let outcome = try work.result(index).get()
                // A stale timer is never recorded: it goes now, not with the spent ones.
                for key in outcome.stale { try tx.deleteTimer(key) }
                report.stale += outcome.stale.count
                guard let sent = outcome.sent else { continue }
                ledger += outcome.ledger
                outbox += outcome.outbox
                report.notices.append(sent)
                report.queued += sent.recipients.count
                if let circular = outcome.circular {
                    // Named after the plan's first level-3 escalation of the batch, weighed by its last.
                    let first = circulars[circular.plan!]?.circular ?? circular
                    circulars[circular.plan!] = (first, max(circulars[circular.plan!]?.latest ?? circular.dueAt, circular.dueAt))
                }
                if ledger.count >= 64 {
                    try write(&ledger, &outbox, tx)
                }
            }
            written.append(work)
        }
        try write(&ledger, &outbox, tx)
        pass = parts.finish()!
        // The messages were freed as they were written; the tasks the work read are freed on a
        // worker, not on the thread that holds the database.
        freeOnWorker(written)
        written = []
        // A circular names every task of its plan then late: an escalation that fell due before
        // the plan's last circular was recorded is in it already. So a plan gets one circular a
        // pass however many batches its level-3 escalations fall in, and a pass that stopped
        // between batches (a kill, a stop) is finished by the next without a second one.
        for (id, called) in circulars.sorted(by: { $0.key < $1.key }) where !(try tx.circularRecorded(plan: id, since: called.latest)) {
            try sendCircular(called.circular, plan: try pass.plan(id, self, tx), at: now, into: &report, &pass, tx)
        }
        return due
    }

    /// A part of a batch's tasks, read, with the work of deciding on each.
    private typealias Parted = OrderedWork<TaskTimers, Result<DueOutcome, any Error>>

    /// Records the notices and then queues their messages (each names its notice).
    private func write(_ ledger: inout [NoticeRow], _ outbox: inout [OutboxRow], _ tx: StoreTransaction) throws {
        try tx.record(ledger)
        try tx.enqueue(outbox)
        ledger.removeAll(keepingCapacity: true)
        outbox.removeAll(keepingCapacity: true)
    }

    private func sendCircular(_ notice: PlannedNotice, plan: PlanContext, at now: Date, into report: inout PassReport,
                              _ pass: inout PassState, _ tx: StoreTransaction) throws {
        let circular = try circularReport(plans: [plan], at: now, in: tx)
        let roles = plan.workflow.reports.circular?.to ?? []
        let people = try Self.recipients(roles.map(Recipient.role), task: nil, plan: plan) { try pass.person($0, tx) }
        let text = pass.text.circular(circular, key: notice.key, dueAt: notice.dueAt, at: now)
        try tx.record(Self.ledger(notice, late: false, folded: [], subject: text.subject, at: now))
        try queue(text, for: notice.key, to: people, &pass, at: now, tx)
        report.notices.append(.init(key: notice.key, kind: .circular, plan: plan.id.rawValue, task: nil, level: nil, dueAt: notice.dueAt,
                                    late: false, folded: [], recipients: people.map(\.id), subject: text.subject))
        report.queued += people.count
    }

    /// The weekly report: each recipient gets the running plans in which they hold one of the
    /// roles the report goes to; the next week's report is planned.
    private func sendProgressReport(_ timer: PlannedNotice, at now: Date, into report: inout PassReport, _ pass: inout PassState,
                                    _ tx: StoreTransaction) throws {
        guard let schedule = NoticeSchedule.progressSchedule(of: timer.key) else { return }
        let running = try runningPlans(nil, in: tx).filter {
            $0.workflow.reports.progress.map { $0.every == schedule.every && $0.at == schedule.at } ?? false
        }
        guard let first = running.first, let policy = first.workflow.reports.progress else { return }
        var plansOf: [PersonID: [PlanContext]] = [:]
        for plan in running {
            for role in plan.workflow.reports.progress?.to ?? [] {
                if let person = plan.bindings.person(for: role), !(plansOf[person]?.contains { $0.id == plan.id } ?? false) {
                    plansOf[person, default: []].append(plan)
                }
            }
        }
        let late = now.timeIntervalSince(timer.dueAt) > NoticeSchedule.lateness
        var messages: [(PersonRow, NoticeText.Message)] = []
        var addresses = Set<String>()
        // People who hold roles in the same plans get the same report, made once.
        var written: [[PlanID]: NoticeText.Message] = [:]
        for (person, plans) in plansOf.sorted(by: { $0.key < $1.key }) {
            // One report to an address, to the first of the people who share it.
            guard let row = try tx.person(person), addresses.insert(row.email).inserted else { continue }
            let ids = plans.map(\.id)
            if written[ids] == nil {
                let text = pass.text.progress(try progressReport(plans: plans, at: now, in: tx), key: timer.key, dueAt: timer.dueAt, late: late, at: now)
                written[ids] = fittingMailSize(text, key: timer.key, plans: plans.count, from: pass.from, at: now)
            }
            messages.append((row, written[ids]!))
        }
        let subject = messages.first?.1.subject ?? ""
        try tx.record(Self.ledger(timer, late: late, folded: [], subject: subject, at: now))
        for (person, text) in messages { try queue(text, for: timer.key, to: [person], &pass, at: now, tx) }
        let recipients = messages.map(\.0.id)
        let next = NoticeSchedule.nextProgressReport(policy, after: now, timeline: first.timeline)
        try tx.insertTimer(NoticeSchedule.progressReport(policy, at: next, timeline: first.timeline))
        report.notices.append(.init(key: timer.key, kind: .progressReport, plan: nil, task: nil, level: nil, dueAt: timer.dueAt, late: late,
                                    folded: [], recipients: recipients, subject: subject))
        report.queued += recipients.count
    }

    /// The recipients the workflow names for a notice.
    fileprivate static func recipients(of notice: PlannedNotice, in workflow: Workflow) -> [Recipient] {
        switch notice.kind {
        case .acknowledgeReminder: return workflow.reminders.acknowledge?.to ?? []
        case .deadlineReminder: return workflow.reminders.beforeDeadline.first { $0.before == notice.offset }?.to ?? []
        case .escalation: return workflow.escalation.first { $0.level == notice.level }?.to ?? []
        case .progressReport: return workflow.reports.progress?.to.map(Recipient.role) ?? []
        case .circular: return workflow.reports.circular?.to.map(Recipient.role) ?? []
        }
    }

    /// The people recipients name in a plan, each once, in order; `person` looks them up. Of
    /// people who share one address, the first stands for the others: a notice goes to an
    /// address once.
    fileprivate static func recipients(_ recipients: [Recipient], task: TaskRow?, plan: PlanContext,
                                       person: (PersonID) throws -> PersonRow?) rethrows -> [PersonRow] {
        var ids: [PersonID] = []
        for recipient in recipients {
            let id: PersonID?
            switch recipient {
            case .assignee: id = task?.assigneeID
            case .verifier: id = task.flatMap { plan.bindings.person(for: $0.verifierRole) }
            case .role(let role): id = plan.bindings.person(for: role)
            }
            if let id, !ids.contains(id) { ids.append(id) }
        }
        var addresses = Set<String>()
        return try ids.compactMap(person).filter { addresses.insert($0.email).inserted }
    }

    /// The ledger's rows for a notice sent, saying `subject`, and the notices folded into it.
    fileprivate static func ledger(_ notice: PlannedNotice, late: Bool, folded: [PlannedNotice], subject: String, at now: Date) -> [NoticeRow] {
        [NoticeRow(notice, recordedAt: now, late: late, foldedInto: nil, details: JSONText.object(["subject": subject]))]
            + folded.map { NoticeRow($0, recordedAt: now, late: late, foldedInto: notice.key, details: nil) }
    }

    /// Renders one message per person into the outbox.
    private func queue(_ text: NoticeText.Message, for key: String, to people: [PersonRow], _ pass: inout PassState, at now: Date,
                       _ tx: StoreTransaction) throws {
        try tx.enqueue(people.map { Self.queued(text, key: key, to: $0, at: try pass.known.address(of: $0), from: pass.from, zone: zone, at: now) })
    }

    /// A notice's message to one person, as the outbox holds it until it is sent.
    fileprivate static func queued(_ text: NoticeText.Message, key: String, to person: PersonRow, at address: MailAddress, from: MailAddress,
                                   zone: TimeZone, at now: Date) -> OutboxRow {
        OutboxRow(noticeKey: key, personID: person.id, address: person.email, subject: text.subject,
                  message: message(text, key: key, to: person.id, at: address, from: from, zone: zone, at: now), createdAt: now)
    }

    /// A notice's message to one person, as sent. The same notice to the same person always has
    /// the same Message-ID, so that a message sent again after a crash is recognisably the same one.
    static func message(_ text: NoticeText.Message, key: String, to person: PersonID, at address: MailAddress, from: MailAddress,
                        zone: TimeZone, at now: Date) -> Data {
        let id = SHA256.hex("\(key)/\(person)").prefix(32)
        return MailMessage(from: from, to: [address], subject: text.subject, text: text.body, html: text.html, date: now,
                           messageID: "\(id)@\(from.domain)", headers: [("X-Zhengdun-Notice", key)], attachments: text.attachments)
            .rendered(zone: zone)
    }

    /// Recomputes a task's planned notices after it changed; in the caller's transaction.
    func refreshTimers(of task: TaskRow, in plan: PlanContext, _ tx: StoreTransaction) throws {
        try tx.replaceTimers(of: task.id!, with: NoticeSchedule.planned(for: task.scheduled, reminders: plan.workflow.reminders,
                                                                          escalation: plan.workflow.escalation, timeline: plan.timeline))
    }
}

/// A task's due timers in a pass, with what deciding on them needs.
private struct TaskTimers: Sendable {
    var timers: [PlannedNotice]
    /// Nil when the task is gone.
    var task: TaskRow?
    var plan: PlanContext?

    /// Which notice goes out now, to whom, and its message to each: pure, on any thread.
    func decided(at now: Date, writing: WritingContext, zone: TimeZone) -> Result<DueOutcome, any Error> {
        Result {
            guard let task, let plan else { return DueOutcome(stale: timers.map(\.key)) }
            // The timers are checked against what the task would be planned now, of their kinds.
            let current = NoticeSchedule.planned(for: task.scheduled, reminders: plan.workflow.reminders, escalation: plan.workflow.escalation,
                                                 timeline: plan.timeline, kinds: Set(timers.map(\.kind)))
            let (due, stale) = NoticeSchedule.fire(timers, current: current, now: now)
            guard let due else { return DueOutcome(stale: stale.map(\.key)) }
            let notice = due.notice
            // Everyone any of the notices it folds was for hears it now.
            let named = ([notice] + due.folded).flatMap { Service.recipients(of: $0, in: plan.workflow) }
            let people = Service.recipients(named, task: task, plan: plan) { writing.people[$0] ?? nil }
            let text = writing.text.task(due, task: task, plan: plan, assignee: writing.people[task.assigneeID] ?? nil, at: now)
            var outcome = DueOutcome(stale: stale.map(\.key))
            outcome.sent = PassReport.Sent(key: notice.key, kind: notice.kind, plan: notice.plan?.rawValue, task: notice.task?.rawValue,
                                           level: notice.level, dueAt: notice.dueAt, late: due.late, folded: due.folded.map(\.key),
                                           recipients: people.map(\.id), subject: text.subject)
            outcome.ledger = Service.ledger(notice, late: due.late, folded: due.folded, subject: text.subject, at: now)
            outcome.outbox = try people.map {
                Service.queued(text, key: notice.key, to: $0, at: try writing.address(of: $0), from: writing.from, zone: zone, at: now)
            }
            if notice.kind == .escalation, plan.workflow.escalation.contains(where: { $0.level == notice.level && $0.circular }) {
                outcome.circular = NoticeSchedule.circular(plan: plan.id, after: notice)
            }
            return outcome
        }
    }
}

/// What a task's due timers come to: the keys of timers dropped because the task moved on; the
/// notice sent, as the report tells it, its rows in the ledger and its messages; the circular it
/// calls for.
private struct DueOutcome: Sendable {
    var stale: [String]
    var sent: PassReport.Sent?
    var ledger: [NoticeRow] = []
    var outbox: [OutboxRow] = []
    var circular: PlannedNotice?
}

/// What writing a notice's messages needs besides the task and its plan: the sender, the
/// templates and the people read so far with their addresses.
private struct WritingContext: Sendable {
    let from: MailAddress
    let text: NoticeText
    var people: [PersonID: PersonRow?] = [:]
    var addresses: [PersonID: MailAddress] = [:]

    func address(of person: PersonRow) throws -> MailAddress {
        try addresses[person.id] ?? MailAddress(name: person.name, address: person.email)
    }
}

/// What a pass reads once: the sender, the templates, plans and people.
private struct PassState: Sendable {
    var known: WritingContext
    var plans: [PlanID: PlanContext] = [:]

    init(from: MailAddress, text: NoticeText) {
        known = WritingContext(from: from, text: text)
    }

    var from: MailAddress { known.from }
    var text: NoticeText { known.text }

    /// Reads several plans and their bindings at once.
    mutating func load(plans ids: [PlanID], _ service: Service, _ tx: StoreTransaction) throws {
        let missing = ids.filter { plans[$0] == nil }
        let rows = try tx.plans(ids: missing)
        let bindings = try tx.bindings(of: missing)
        var timelines: [String: Timeline] = [:]
        for (id, row) in rows {
            if let name = row.calendar, timelines[name] == nil { timelines[name] = try service.timeline(calendar: name, in: tx) }
            plans[id] = try service.context(row, bindings: bindings[id] ?? RoleBindings(), timelines: timelines, in: tx)
        }
    }

    /// Reads the people not read yet, with their addresses when they parse.
    mutating func load(people ids: some Sequence<PersonID>, _ tx: StoreTransaction) throws {
        // After the first few tasks, everyone named is known already.
        var missing: Set<PersonID> = []
        for id in ids where known.people[id] == nil { missing.insert(id) }
        guard !missing.isEmpty else { return }
        let rows = try tx.people(missing)
        for id in missing { remember(id, rows[id]) }
    }

    mutating func plan(_ id: PlanID, _ service: Service, _ tx: StoreTransaction) throws -> PlanContext {
        if let read = plans[id] { return read }
        let loaded = try service.context(id, in: tx)
        plans[id] = loaded
        return loaded
    }

    mutating func person(_ id: PersonID, _ tx: StoreTransaction) throws -> PersonRow? {
        if let read = known.people[id] { return read }
        let loaded = try tx.person(id)
        remember(id, loaded)
        return loaded
    }

    private mutating func remember(_ id: PersonID, _ row: PersonRow?) {
        known.people[id] = row
        if let row, let address = try? MailAddress(name: row.name, address: row.email) { known.addresses[id] = address }
    }
}
