import Foundation
import ZhengdunCore
import ZhengdunStore

extension Service {
    /// The weekly report: each recipient gets the running plans in which they hold one of the
    /// roles the report goes to; the next week's report is planned.
    func sendProgressReport(
        _ timer: PlannedNotice, at now: Date, into report: inout PassReport, _ pass: inout PassState,
        _ tx: StoreTransaction
    ) throws {
        guard let schedule = NoticeSchedule.progressSchedule(of: timer.key) else { return }
        let running = try runningPlans(nil, in: tx).filter {
            $0.workflow.reports.progress.map { $0.every == schedule.every && $0.at == schedule.at } ?? false
        }
        guard let first = running.first, let policy = first.workflow.reports.progress else { return }
        var plansOf: [PersonID: [PlanContext]] = [:]
        for plan in running {
            for role in plan.workflow.reports.progress?.to ?? [] {
                for person in plan.bindings.people(for: role) where !(plansOf[person]?.contains { $0.id == plan.id } ?? false) {
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
                let text = pass.text.progress(
                    try progressReport(plans: plans, at: now, in: tx), key: timer.key, dueAt: timer.dueAt, late: late, at: now)
                written[ids] = fittingMailSize(text, key: timer.key, plans: plans.count, from: pass.from, at: now)
            }
            messages.append((row, written[ids]!))
        }
        let subject = messages.first?.1.subject ?? ""
        try tx.record(Self.ledger(timer, late: late, folded: [], subject: subject, at: now))
        for (person, text) in messages { try queue(text, for: timer.key, to: [person], &pass, at: now, tx) }
        if let text = messages.first?.1 {
            try postToChat(.progressReport, key: timer.key, title: text.subject, text: text.body, at: now, tx)
        }
        let recipients = messages.map(\.0.id)
        let next = NoticeSchedule.nextProgressReport(policy, after: now, timeline: first.timeline)
        try tx.insertTimer(NoticeSchedule.progressReport(policy, at: next, timeline: first.timeline))
        report.notices.append(
            .init(
                key: timer.key, kind: .progressReport, plan: nil, task: nil, level: nil, dueAt: timer.dueAt, late: late,
                folded: [], recipients: recipients, subject: subject))
        report.queued += recipients.count
    }
}
