import Foundation
import ZhengdunCore
import ZhengdunStore

/// A plan's call for a circular in a pass: what called (a level-3 escalation, an inspection's
/// order), each once, and the latest instant the calls cover.
struct CircularCall: Sendable {
    var demands: [PlannedNotice] = []
    var latest = Date.distantPast

    mutating func add(_ demand: PlannedNotice) {
        latest = max(latest, demand.dueAt)
        if !demands.contains(where: { $0.key == demand.key }) { demands.append(demand) }
    }
}

extension Service {
    /// Adds a batch's calls for circulars to the pass's, and then, in the pass's last batch,
    /// issues one circular for every plan that called; in a full batch (another follows),
    /// leaves the calls as timers instead, so that a pass stopped or killed after it still
    /// issues it next time.
    ///
    /// A circular names every task of the plans it covers then late: an escalation that fell
    /// due before a circular covering its plan was recorded is in it already. So a pass issues
    /// one circular, not one a plan nor one a task; a plan named in one since its latest call
    /// gets no second; and a pass that stopped between batches is finished by the next without
    /// a second one.
    func circulars(
        _ calls: [PlanID: CircularCall], last: Bool, at now: Date, into report: inout PassReport, _ pass: inout PassState,
        _ tx: StoreTransaction
    ) throws {
        for (plan, call) in calls { for demand in call.demands { pass.circularCalls[plan, default: CircularCall()].add(demand) } }
        guard last else {
            for (plan, call) in pass.circularCalls {
                for demand in call.demands {
                    try tx.insertTimer(PlannedNotice(key: demand.key, kind: .circular, plan: plan, task: nil, dueAt: demand.dueAt))
                }
            }
            pass.deferredCirculars = pass.deferredCirculars || !pass.circularCalls.isEmpty
            return
        }
        var calls = pass.circularCalls
        if pass.deferredCirculars {
            // The calls an earlier batch left as timers that no later batch read.
            for timer in try tx.pendingCircularTimers(through: now) {
                if let plan = timer.plan { calls[plan, default: CircularCall()].add(timer) }
                try tx.deleteTimer(timer.key)
            }
        }
        pass.circularCalls = [:]
        pass.deferredCirculars = false
        let calling = try calls.sorted(by: { $0.key < $1.key }).filter {
            !(try tx.circularRecorded(plan: $0.key, since: $0.value.latest))
        }
        guard !calling.isEmpty else { return }
        try sendCircular(
            covering: try calling.map { try pass.plan($0.key, self, tx) }, folding: calling.flatMap(\.value.demands), at: now,
            into: &report, &pass, tx)
    }

    /// Issues the pass's one circular, covering every plan that called for one and has not had
    /// one since (`demands` are what called, folded into it in the ledger).
    func sendCircular(
        covering plans: [PlanContext], folding demands: [PlannedNotice], at now: Date, into report: inout PassReport,
        _ pass: inout PassState, _ tx: StoreTransaction
    ) throws {
        guard let issued = try issueCircular(covering: plans, folding: demands, at: now, text: pass.text, from: pass.from, tx) else {
            return
        }
        report.notices.append(
            .init(
                key: issued.circular.notice, kind: .circular, plan: plans.first?.id.rawValue, task: nil, level: nil,
                dueAt: issued.dueAt, late: false, folded: demands.map(\.key), recipients: issued.recipients.map(\.id),
                subject: issued.subject))
        report.queued += issued.recipients.count
    }
}
