import Foundation
import ZhengdunCore
import ZhengdunStore

extension Service {
    /// Records a plan's circular and queues it to the roles the workflow sends it to.
    func sendCircular(
        _ notice: PlannedNotice, plan: PlanContext, at now: Date, into report: inout PassReport,
        _ pass: inout PassState, _ tx: StoreTransaction
    ) throws {
        let circular = try circularReport(plans: [plan], at: now, in: tx)
        let roles = plan.workflow.reports.circular?.to ?? []
        let people = try Self.recipients(roles.map(Recipient.role), task: nil, plan: plan) { try pass.person($0, tx) }
        let text = pass.text.circular(circular, key: notice.key, dueAt: notice.dueAt, at: now)
        try tx.record(Self.ledger(notice, late: false, folded: [], subject: text.subject, at: now))
        try queue(text, for: notice.key, to: people, &pass, at: now, tx)
        report.notices.append(
            .init(
                key: notice.key, kind: .circular, plan: plan.id.rawValue, task: nil, level: nil, dueAt: notice.dueAt,
                late: false, folded: [], recipients: people.map(\.id), subject: text.subject))
        report.queued += people.count
    }
}
