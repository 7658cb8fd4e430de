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
    /// When the next notice falls due.
    public var next: Date?
}

extension Service {
    /// The instant the earliest planned notice falls due, for arming the timer.
    public func nextDue() throws -> Date? {
        try store.read { try $0.nextDue() }
    }

    /// One scheduler pass at the clock's now: every notice due is recorded in the ledger under
    /// its key and its messages queued in the outbox, in the same transaction, oldest first.
    /// Running it again, or after a restart, finds nothing more to do. A dry run does the same
    /// and rolls it all back.
    public func runDue(dryRun: Bool = false, batch: Int = 500) throws -> PassReport {
        let now = clock.now()
        var report = PassReport(at: now)
        // The templates, read by the first batch for all the others.
        var text: NoticeText?
        if dryRun {
            try store.rehearse { tx in
                while try passBatch(at: now, limit: batch, into: &report, text: &text, tx) == batch {}
            }
        } else {
            // Batches keep each transaction short; every batch commits whole.
            while try store.write({ tx in try passBatch(at: now, limit: batch, into: &report, text: &text, tx) }) == batch {}
        }
        report.next = try store.read { try $0.nextDue() }
        return report
    }

    /// Handles up to `limit` due timers (and every other due timer of the same tasks); returns
    /// how many of the first kind it found.
    private func passBatch(at now: Date, limit: Int, into report: inout PassReport, text: inout NoticeText?, _ tx: StoreTransaction) throws -> Int {
        let due = try tx.dueTimers(at: now, limit: limit)
        guard !due.isEmpty else { return 0 }
        if text == nil { text = NoticeText(zone: zone, templates: try templates(in: tx)) }
        var batch = PassBatch(from: try MailAddress.parse(configuration.mail.from), text: text!)
        // Every due timer of the tasks in this batch, fetched together, so that a task's notices
        // are weighed together even when the batch cut through them.
        var taskIDs: [TaskID] = []
        var seen = Set<TaskID>()
        for timer in due { if let task = timer.task, seen.insert(task).inserted { taskIDs.append(task) } }
        let timersOf = Dictionary(grouping: try tx.dueTimers(of: taskIDs, at: now)) { $0.task! }
        let tasks = try tx.tasks(ids: taskIDs)
        try batch.load(plans: Array(Set(tasks.values.map(\.planID))), self, tx)
        var circulars: [PlanID: PlannedNotice] = [:]
        for timer in due where timer.task == nil {
            try tx.deleteTimer(timer.key)
            if timer.kind == .progressReport { try sendProgressReport(timer, at: now, into: &report, &batch, tx) }
        }
        // First what goes out and to whom, then the messages written on every core, then each
        // notice recorded and its messages queued, in order.
        var notices: [TaskNotice] = []
        try tx.deleteDueTimers(of: taskIDs, at: now)
        for taskID in taskIDs {
            let timers = timersOf[taskID] ?? []
            guard let task = tasks[taskID] else { report.stale += timers.count; continue }
            let context = try batch.plan(task.planID, self, tx)
            let current = NoticeSchedule.planned(for: task.scheduled, reminders: context.workflow.reminders,
                                                 escalation: context.workflow.escalation, timeline: context.timeline)
            let (send, stale) = NoticeSchedule.fire(timers, current: current, now: now)
            report.stale += stale.count
            guard let send else { continue }
            notices.append(try taskNotice(send, task: task, plan: context, &batch, tx))
            if send.notice.kind == .escalation, context.workflow.escalation.contains(where: { $0.level == send.notice.level && $0.circular }),
               circulars[context.id] == nil {
                circulars[context.id] = NoticeSchedule.circular(plan: context.id, after: send.notice)
            }
        }
        let written = Self.concurrentMap(notices) { [batch, zone] notice in notice.written(batch.text, from: batch.from, zone: zone, at: now) }
        for (notice, (text, messages)) in zip(notices, written) {
            let due = notice.due
            try record(due.notice, late: due.late, folded: due.folded, subject: text.subject, at: now, tx)
            for (recipient, message) in zip(notice.recipients, messages) {
                _ = try tx.enqueue(OutboxRow(noticeKey: due.notice.key, personID: recipient.person.id, address: recipient.person.email,
                                             subject: text.subject, message: message, createdAt: now))
            }
            report.notices.append(.init(key: due.notice.key, kind: due.notice.kind, plan: due.notice.plan?.rawValue, task: due.notice.task?.rawValue,
                                        level: due.notice.level, dueAt: due.notice.dueAt, late: due.late, folded: due.folded.map(\.key),
                                        recipients: notice.recipients.map(\.person.id), subject: text.subject))
            report.queued += notice.recipients.count
        }
        for (id, circular) in circulars.sorted(by: { $0.key < $1.key }) where !(try tx.isRecorded(circular.key)) {
            try sendCircular(circular, plan: try batch.plan(id, self, tx), at: now, into: &report, &batch, tx)
        }
        return due.count
    }

    /// A task's notice with everyone any of the notices it folds was for: they all hear it now.
    private func taskNotice(_ due: DueNotice, task: TaskRow, plan: PlanContext, _ batch: inout PassBatch,
                            _ tx: StoreTransaction) throws -> TaskNotice {
        var recipients: [Recipient] = []
        for planned in [due.notice] + due.folded {
            recipients += self.recipients(of: planned, in: plan.workflow)
        }
        let people = try resolve(recipients, task: task, plan: plan, &batch, tx)
        return TaskNotice(due: due, task: task, plan: plan, assignee: try batch.person(task.assigneeID, tx),
                          recipients: try people.map { ($0, try batch.address(of: $0)) })
    }

    /// `transform` of every item, on as many cores as there are, in the items' order.
    static func concurrentMap<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        // Each iteration writes its own slots and no other; all are done when concurrentPerform returns.
        nonisolated(unsafe) let slots = results
        let chunk = 32
        DispatchQueue.concurrentPerform(iterations: (items.count + chunk - 1) / chunk) { part in
            for index in part * chunk..<min(items.count, (part + 1) * chunk) { slots[index] = transform(items[index]) }
        }
        return results.map { $0! }
    }

    private func sendCircular(_ notice: PlannedNotice, plan: PlanContext, at now: Date, into report: inout PassReport,
                              _ batch: inout PassBatch, _ tx: StoreTransaction) throws {
        let circular = try circularReport(plans: [plan], at: now, in: tx)
        let roles = plan.workflow.reports.circular?.to ?? []
        let people = try resolve(roles.map(Recipient.role), task: nil, plan: plan, &batch, tx)
        let text = batch.text.circular(circular, key: notice.key, dueAt: notice.dueAt, at: now)
        try record(notice, late: false, folded: [], subject: text.subject, at: now, tx)
        try queue(text, for: notice.key, to: people, batch: &batch, at: now, tx)
        report.notices.append(.init(key: notice.key, kind: .circular, plan: plan.id.rawValue, task: nil, level: nil, dueAt: notice.dueAt,
                                    late: false, folded: [], recipients: people.map(\.id), subject: text.subject))
        report.queued += people.count
    }

    /// The weekly report: each recipient gets the running plans in which they hold one of the
    /// roles the report goes to; the next week's report is planned.
    private func sendProgressReport(_ timer: PlannedNotice, at now: Date, into report: inout PassReport, _ batch: inout PassBatch,
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
        for (person, plans) in plansOf.sorted(by: { $0.key < $1.key }) {
            guard let row = try tx.person(person) else { continue }
            messages.append((row, batch.text.progress(try progressReport(plans: plans, at: now, in: tx), key: timer.key, dueAt: timer.dueAt,
                                                      late: late, at: now)))
        }
        let subject = messages.first?.1.subject ?? ""
        try record(timer, late: late, folded: [], subject: subject, at: now, tx)
        for (person, text) in messages { try queue(text, for: timer.key, to: [person], batch: &batch, at: now, tx) }
        let recipients = messages.map(\.0.id)
        let next = NoticeSchedule.nextProgressReport(policy, after: now, timeline: first.timeline)
        try tx.insertTimer(NoticeSchedule.progressReport(policy, at: next, timeline: first.timeline))
        report.notices.append(.init(key: timer.key, kind: .progressReport, plan: nil, task: nil, level: nil, dueAt: timer.dueAt, late: late,
                                    folded: [], recipients: recipients, subject: subject))
        report.queued += recipients.count
    }

    /// The recipients the workflow names for a notice.
    private func recipients(of notice: PlannedNotice, in workflow: Workflow) -> [Recipient] {
        switch notice.kind {
        case .acknowledgeReminder: return workflow.reminders.acknowledge?.to ?? []
        case .deadlineReminder: return workflow.reminders.beforeDeadline.first { $0.before == notice.offset }?.to ?? []
        case .escalation: return workflow.escalation.first { $0.level == notice.level }?.to ?? []
        case .progressReport: return workflow.reports.progress?.to.map(Recipient.role) ?? []
        case .circular: return workflow.reports.circular?.to.map(Recipient.role) ?? []
        }
    }

    /// The people recipients name in a plan, each once, in order.
    private func resolve(_ recipients: [Recipient], task: TaskRow?, plan: PlanContext, _ batch: inout PassBatch,
                         _ tx: StoreTransaction) throws -> [PersonRow] {
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
        return try ids.compactMap { try batch.person($0, tx) }
    }

    private func record(_ notice: PlannedNotice, late: Bool, folded: [PlannedNotice], subject: String, at now: Date, _ tx: StoreTransaction) throws {
        try tx.record(NoticeRow(notice, recordedAt: now, late: late, foldedInto: nil, details: JSONText.object(["subject": subject])))
        for other in folded {
            try tx.record(NoticeRow(other, recordedAt: now, late: late, foldedInto: notice.key, details: nil))
        }
    }

    /// Renders one message per person into the outbox.
    private func queue(_ text: NoticeText.Message, for key: String, to people: [PersonRow], batch: inout PassBatch, at now: Date,
                       _ tx: StoreTransaction) throws {
        for person in people {
            let message = Self.message(text, key: key, to: person.id, at: try batch.address(of: person), from: batch.from, zone: zone, at: now)
            _ = try tx.enqueue(OutboxRow(noticeKey: key, personID: person.id, address: person.email, subject: text.subject,
                                         message: message, createdAt: now))
        }
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

/// A task notice decided on, with who hears it, before its messages are written.
private struct TaskNotice: Sendable {
    var due: DueNotice
    var task: TaskRow
    var plan: PlanContext
    var assignee: PersonRow?
    var recipients: [(person: PersonRow, address: MailAddress)]

    /// What it says, and the message to each recipient.
    func written(_ text: NoticeText, from: MailAddress, zone: TimeZone, at now: Date) -> (NoticeText.Message, [Data]) {
        let said = text.task(due, task: task, plan: plan, assignee: assignee, at: now)
        return (said, recipients.map { Service.message(said, key: due.notice.key, to: $0.person.id, at: $0.address, from: from, zone: zone, at: now) })
    }
}

/// What one batch of a pass looks up once: plans, people, the sender.
private struct PassBatch {
    let from: MailAddress
    let text: NoticeText
    var plans: [PlanID: PlanContext] = [:]
    var people: [PersonID: PersonRow?] = [:]
    var addresses: [PersonID: MailAddress] = [:]

    mutating func address(of person: PersonRow) throws -> MailAddress {
        if let known = addresses[person.id] { return known }
        let address = try MailAddress(name: person.name, address: person.email)
        addresses[person.id] = address
        return address
    }

    init(from: MailAddress, text: NoticeText) {
        self.from = from
        self.text = text
    }

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

    mutating func plan(_ id: PlanID, _ service: Service, _ tx: StoreTransaction) throws -> PlanContext {
        if let known = plans[id] { return known }
        let loaded = try service.context(id, in: tx)
        plans[id] = loaded
        return loaded
    }

    mutating func person(_ id: PersonID, _ tx: StoreTransaction) throws -> PersonRow? {
        if let known = people[id] { return known }
        let loaded = try tx.person(id)
        people[id] = loaded
        return loaded
    }
}
