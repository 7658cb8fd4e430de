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
        }
    }

    /// The people recipients name in a plan, each once, in order; `person` looks them up. Of
    /// people who share one address, the first stands for the others: a notice goes to an
    /// address once.
    static func recipients(
        _ recipients: [Recipient], task: TaskRow?, plan: PlanContext,
        person: (PersonID) throws -> PersonRow?
    ) rethrows -> [PersonRow] {
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
        zone: TimeZone, at now: Date
    ) -> OutboxRow {
        OutboxRow(
            noticeKey: key, personID: person.id, address: person.email, subject: text.subject,
            message: message(text, key: key, to: person.id, at: address, from: from, zone: zone, at: now), createdAt: now)
    }

    /// A notice's message to one person, as sent. The same notice to the same person always has
    /// the same Message-ID, so that a message sent again after a crash is recognisably the same one.
    static func message(
        _ text: NoticeText.Message, key: String, to person: PersonID, at address: MailAddress, from: MailAddress,
        zone: TimeZone, at now: Date
    ) -> Data {
        let id = SHA256.hex("\(key)/\(person)").prefix(32)
        return MailMessage(
            from: from, to: [address], subject: text.subject, text: text.body, html: text.html, date: now,
            messageID: "\(id)@\(from.domain)", headers: [("X-Zhengdun-Notice", key)], attachments: text.attachments
        )
        .rendered(zone: zone)
    }
}
