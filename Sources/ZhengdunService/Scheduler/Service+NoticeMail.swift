import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

/// Who hears a notice, the ledger's rows for it, and the message each person gets.
extension Service {
    /// The recipients the workflow names for a notice.
    static func recipients(of notice: PlannedNotice, in workflow: Workflow) -> [Recipient] {
        switch notice.kind {
        case .acknowledgeReminder: return workflow.reminders.acknowledge?.to ?? []
        case .deadlineReminder: return workflow.reminders.beforeDeadline.first { $0.before == notice.offset }?.to ?? []
        case .escalation: return workflow.escalation.first { $0.level == notice.level }?.to ?? []
        case .progressReport: return workflow.reports.progress?.to.map(Recipient.role) ?? []
        case .circular: return workflow.reports.circular?.to.map(Recipient.role) ?? []
        case .issued, .returned, .verified, .extended: return [.assignee]
        // The person the task was taken from, whom the key names (`reassignedFrom`); the person
        // who replied.
        case .reassigned, .reply: return []
        }
    }

    /// The role in which a task's assignee answers for it: the task's responsible role when
    /// they hold it; after a reassignment to someone else, the first role of the workflow they
    /// hold in the plan. The chain of supervision climbs from there, and notices name it.
    static func answeringRole(of task: TaskRow, in plan: PlanContext) -> RoleKey {
        let held = plan.bindings.roles(of: task.assigneeID)
        guard !held.contains(task.responsibleRole) else { return task.responsibleRole }
        return plan.workflow.roles.first { held.contains($0.key) }?.key ?? task.responsibleRole
    }

    /// Whom a task's notices (one sent and those it stands for) are addressed to, each with the
    /// supervisors the letter is copied to. A level of the ladder that reaches up the chain of
    /// supervision is one letter to the assignee (主送) copied to the holders of the roles up to
    /// the highest reach among the levels (抄送); nobody is copied on their own task or twice,
    /// and a chain that runs out stops at its top. Recipients named outright each get it.
    /// An item of the problem list is led by its `leader` (责任领导), copied on every level
    /// before the chain of supervision.
    static func addressed(
        _ notices: [PlannedNotice], task: TaskRow, plan: PlanContext, leader: PersonID? = nil, person: (PersonID) -> PersonRow?
    ) -> [(to: PersonRow, cc: [(title: String, person: PersonRow)])] {
        var named: [Recipient] = []
        var reach = 0
        var others: [PersonID] = []
        for notice in notices {
            if notice.kind == .escalation, let climbs = plan.workflow.escalation.first(where: { $0.level == notice.level })?.reach {
                reach = max(reach, climbs)
                named.append(.assignee)
            } else if let from = NoticeSchedule.reassignedFrom(notice) {
                others.append(from)
            } else {
                named += recipients(of: notice, in: plan.workflow)
            }
        }
        var to = recipients(named, task: task, plan: plan, person: person)
        for id in others where !to.contains(where: { $0.id == id }) { if let row = person(id) { to.append(row) } }
        guard reach > 0, let assignee = to.first(where: { $0.id == task.assigneeID }) else { return to.map { ($0, []) } }
        var cc: [(title: String, person: PersonRow)] = []
        let leading = leader.map { [(Message.problemLeader.text(in: .zh), $0)] } ?? []
        let supervising = plan.workflow.supervisors(of: answeringRole(of: task, in: plan), steps: reach).flatMap { role in
            plan.bindings.people(for: role).map { (plan.workflow.role(role)?.title ?? role.rawValue, $0) }
        }
        for (title, id) in leading + supervising {
            guard let row = person(id), !to.contains(where: { $0.id == id || $0.email == row.email }),
                !cc.contains(where: { $0.person.id == id || $0.person.email == row.email })
            else { continue }
            cc.append((title, row))
        }
        return to.map { ($0, $0.id == assignee.id ? cc : []) }
    }

    /// The people recipients name in a plan, each once, in order; `person` looks them up. Of
    /// people who share one address, the first stands for the others: a notice goes to an
    /// address once.
    static func recipients(
        _ recipients: [Recipient], task: TaskRow?, plan: PlanContext,
        person: (PersonID) throws -> PersonRow?
    ) rethrows -> [PersonRow] {
        // A role several people hold reaches them all.
        var ids: [PersonID] = []
        for recipient in recipients {
            let named: [PersonID]
            switch recipient {
            case .assignee: named = task.map { [$0.assigneeID] } ?? []
            case .verifier: named = task.map { plan.bindings.people(for: $0.verifierRole) } ?? []
            case .role(let role): named = plan.bindings.people(for: role)
            }
            for id in named where !ids.contains(id) { ids.append(id) }
        }
        var addresses = Set<String>()
        return try ids.compactMap(person).filter { addresses.insert($0.email).inserted }
    }

    /// The ledger's rows for a notice sent, saying `subject`, and the notices folded into it.
    static func ledger(_ notice: PlannedNotice, late: Bool, folded: [PlannedNotice], subject: String, at now: Date) -> [NoticeRow] {
        [NoticeRow(notice, recordedAt: now, late: late, foldedInto: nil, details: JSONText.object(["subject": subject]))]
            + folded.map { NoticeRow($0, recordedAt: now, late: late, foldedInto: notice.key, details: nil) }
    }

    /// Renders one message per person into the outbox.
    func queue(
        _ text: NoticeText.Message, for key: String, to people: [PersonRow], _ pass: inout PassState, at now: Date,
        _ tx: StoreTransaction
    ) throws {
        try tx.enqueue(
            people.map { Self.queued(text, key: key, to: $0, at: try pass.known.address(of: $0), from: pass.from, zone: zone, at: now) })
    }

    /// A notice's message to one person, as the outbox holds it until it is sent.
    static func queued(
        _ text: NoticeText.Message, key: String, to person: PersonRow, at address: MailAddress, from: MailAddress,
        zone: TimeZone, at now: Date, cc: [(person: PersonRow, address: MailAddress)] = [], keys: [String]? = nil
    ) -> OutboxRow {
        let id = messageID(keys: keys ?? [key], to: person.id, from: from)
        return OutboxRow(
            noticeKey: key, personID: person.id, address: person.email, cc: cc.map(\.person.email), subject: text.subject,
            message: message(text, id: id, keys: keys ?? [key], at: address, cc: cc.map(\.address), from: from, zone: zone, at: now),
            createdAt: now, messageID: id)
    }

    /// The most notices one message gathers: a person with more in one pass gets them in
    /// messages of this many.
    static let digestItems = 50

    /// The letters of a pass to one person as one message: a letter alone as it is, several
    /// as a digest (`digest`), copied to everyone any of them is copied to.
    static func gathered(
        _ letters: [Letter], text: NoticeText, known: WritingContext, zone: TimeZone, at now: Date
    ) throws -> OutboxRow {
        let person = letters[0].to
        var cc: [(person: PersonRow, address: MailAddress)] = []
        for letter in letters {
            for copied in letter.cc where copied.id != person.id && !cc.contains(where: { $0.person.id == copied.id }) {
                cc.append((copied, try known.address(of: copied)))
            }
        }
        let message =
            letters.count == 1
            ? text.standalone(letters[0].text) : text.digest(letters.map(\.text), to: person, keys: letters.map(\.key), at: now)
        return queued(
            message, key: letters[0].key, to: person, at: try known.address(of: person), from: known.from, zone: zone, at: now,
            cc: cc, keys: letters.map(\.key))
    }

    /// The Message-ID of the message of `keys` to `person`. The same notices to the same person
    /// always have the same one, so that a message sent again after a crash is recognisably the
    /// same one, and a bounce finds it.
    static func messageID(keys: [String], to person: PersonID, from: MailAddress) -> String {
        "\(SHA256.hex("\(keys.joined(separator: "+"))/\(person)").prefix(32))@\(from.domain)"
    }

    /// A message as sent; one that asks its reader to act says where a reply goes (`Reply-To`).
    static func message(
        _ text: NoticeText.Message, id: String, keys: [String], at address: MailAddress, cc: [MailAddress] = [],
        from: MailAddress, zone: TimeZone, at now: Date
    ) -> Data {
        var headers = [(name: "X-Zhengdun-Notice", value: keys.joined(separator: ", "))]
        if let replyTo = text.replyTo { headers.insert(("Reply-To", replyTo), at: 0) }
        return MailMessage(
            from: from, to: [address], cc: cc, subject: text.subject, text: text.body, html: text.html, date: now,
            messageID: id, headers: headers, attachments: text.attachments
        )
        .rendered(zone: zone)
    }
}
