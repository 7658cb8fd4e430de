import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

/// A circular issued within a write transaction, with what the pass reports of it.
struct CircularIssue {
    var circular: IssuedCircular
    var recipients: [PersonRow]
    var subject: String
    var dueAt: Date
}

extension Service {
    /// Issues one circular (通报) covering `covered`, within `tx`: takes the year's next number,
    /// writes the document, records its notice in the ledger (with `demands`, the timers that
    /// called for it, folded into it), stores it and queues its mail, all in the one transaction,
    /// so that a crash leaves the number either taken with everything else or free. Nil when the
    /// plans have nothing to name. `read` is the plans' report when the caller has read it.
    func issueCircular(
        covering covered: [PlanContext], folding demands: [PlannedNotice], at now: Date, text: NoticeText, from: MailAddress,
        read: CircularReport? = nil, _ tx: StoreTransaction
    ) throws -> CircularIssue? {
        guard !covered.isEmpty else { return nil }
        let addressed = try circularAddressees(covering: covered, english: text.language == .en, tx)
        let year = zone.localDateTime(now).date.year
        let serial = try tx.nextCircularNumber(year: year)
        // One reading of the plans for the document and the cover notes.
        let report = try read ?? circularReport(plans: covered, at: now, in: tx)
        guard
            let document = try circularDocument(
                covering: covered, report: report, addressees: addressed.line, year: year, serial: serial, at: now,
                language: text.language, tx)
        else { return nil }
        let key = "circular.\(year).\(serial)"
        let recipients = try circularRecipients(addressed: addressed.people, covering: covered, tx)
        // Each cover note is written to its reader by name; the page attached is laid out once.
        let page = text.circularPage(document, key: key, issuedAt: now)
        let messages = text.circular(document, report: report, page: page, key: key, to: recipients.map(\.name), at: now)
        let subject = messages.first?.subject ?? document.title
        let dueAt = demands.map(\.dueAt).min() ?? now
        let notice = PlannedNotice(key: key, kind: .circular, plan: covered[0].id, task: nil, dueAt: dueAt)
        try tx.record(Self.ledger(notice, late: false, folded: demands, subject: subject, at: now))
        let content = JSONText.encode(document)
        let row = try tx.insert(
            CircularRow(
                year: year, number: serial, documentNumber: document.number, title: document.title, issuedAt: now, noticeKey: key,
                recipients: recipients.map(\.id), content: content), plans: covered.map(\.id))
        try tx.enqueue(
            try zip(recipients, messages).map { person, message in
                Self.queued(
                    message, key: key, to: person, at: try MailAddress(name: person.name, address: person.email), from: from, zone: zone,
                    at: now)
            })
        try postToChat(.circular, key: key, title: "\(document.number) \(document.title)", text: document.plainText, at: now, tx)
        return CircularIssue(
            circular: Self.issued(row, plans: covered.map(\.id), document: document), recipients: recipients, subject: subject, dueAt: dueAt
        )
    }

    static func issued(_ row: CircularRow, plans: [PlanID], document: CircularDocument?, dryRun: Bool = false) -> IssuedCircular {
        IssuedCircular(
            year: row.year, number: row.number, documentNumber: row.documentNumber, title: row.title, issuedAt: row.issuedAt,
            plans: plans.map(\.rawValue), recipients: row.recipients, contentSHA256: row.contentSHA256, notice: row.noticeKey,
            dryRun: dryRun, document: document)
    }
}
