import Foundation
import ZhengdunCore
import ZhengdunStore

/// Which tasks the ledger (整改台账) lists: every task of every plan, unless narrowed.
public struct LedgerQuery: Sendable, Codable {
    public var plan: PlanID?
    /// Only the plans of this campaign.
    public var campaign: CampaignID?
    /// A phase key of the plans' workflow (`rectification`).
    public var phase: PhaseKey?
    /// Only tasks past their deadline and still waiting on their assignee.
    public var overdue: Bool
    /// Only the tasks this person is responsible for (the assignee, 责任人).
    public var person: PersonID?

    public init(plan: PlanID? = nil, campaign: CampaignID? = nil, phase: PhaseKey? = nil, overdue: Bool = false, person: PersonID? = nil) {
        self.plan = plan
        self.campaign = campaign
        self.phase = phase
        self.overdue = overdue
        self.person = person
    }
}

/// A line of the rectification ledger (整改台账): one task, who answers for it, its deadline,
/// when each step was taken, how late it is, how far up the supervision ladder it went, and
/// the last word on it. In JSON the task's fields and the details stand side by side.
public struct LedgerRow: Codable, Sendable {
    /// What the ledger adds to the task's line.
    public struct Details: Codable, Sendable {
        public var phaseTitle: String
        /// The rectification measure (整改措施) the task carries out, when the workflow names one.
        public var measure: MeasureKey?
        public var measureTitle: String?
        /// The deadline it was issued with; extensions and returns never change it.
        public var originalDeadline: Date
        public var acknowledgedAt: Date?
        public var submittedAt: Date?
        public var verifiedAt: Date?
        /// The highest level of the ladder (督办) a notice was sent for; 0 when none was.
        public var escalationLevel: Int
        /// How many times the work was sent back (退回整改).
        public var returns: Int
        /// The latest submission note, return reason, extension reason or cancellation reason.
        public var lastNote: String?
        /// The names of the files handed in; the evidence the workflow asks for, the items of it
        /// none answers, and why they are missing as the latest submission said.
        public var evidence: [String]
        public var evidenceAsked: [String]
        public var evidenceMissing: [String]
        public var missingReason: String?

        enum CodingKeys: String, CodingKey {
            case phaseTitle = "phase_title", measure, measureTitle = "measure_title", originalDeadline = "original_deadline"
            case acknowledgedAt = "acknowledged_at", submittedAt = "submitted_at", verifiedAt = "verified_at"
            case escalationLevel = "escalation_level", returns, lastNote = "last_note", evidence, evidenceAsked = "evidence_asked"
            case evidenceMissing = "evidence_missing", missingReason = "missing_reason"
        }
    }

    /// The task as `task list` shows it, except that `workingDaysLate` is set for every task:
    /// working days past the deadline up to now while it waits on its assignee, up to the
    /// submission when it was handed in late; 0 when it is not late or was cancelled.
    public var task: TaskSummary
    public var details: Details

    public func encode(to encoder: any Encoder) throws {
        try task.encode(to: encoder)
        try details.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        task = try TaskSummary(from: decoder)
        details = try Details(from: decoder)
    }

    init(task: TaskSummary, details: Details) {
        self.task = task
        self.details = details
    }
}

extension Service {
    /// The events whose words the ledger shows as a task's last note: what was reported done
    /// (办结), why it was sent back (退回整改), why it was given longer (延期), why it was dropped.
    /// Acknowledgement and verification remarks ("收到", "合格") are left out, so that they
    /// do not hide the account of the work; the state and the dates say those steps happened.
    static let ledgerNoteKinds: [EventKind] = [.taskSubmitted, .taskReturned, .taskExtended, .taskCancelled]

    /// The ledger as of now: plan by plan, each plan's tasks phase by phase in issue order.
    /// An unknown plan, phase or person is refused.
    public func ledger(_ query: LedgerQuery) throws -> [LedgerRow] {
        try store.read { tx in try ledger(query, at: clock.now(), in: tx) }
    }

    func ledger(_ query: LedgerQuery, at now: Date, in tx: StoreTransaction) throws -> [LedgerRow] {
        if let campaign = query.campaign, try tx.campaign(campaign) == nil {
            throw Refusal(.noCampaign(campaign: "C\(campaign.rawValue)"))
        }
        let plans =
            try query.plan.map { [try context($0, in: tx)] }
            ?? (query.campaign.map { try tx.plans(in: [$0]) } ?? tx.plans()).map { try context($0.id!, in: tx) }
        if let phase = query.phase { try requirePhase(phase, in: plans, named: query.plan != nil) }
        if let person = query.person, try tx.person(person) == nil {
            throw Refusal(.noPerson(person: TypedText.excerpt("\(person)")))
        }
        var filter = TaskFilter(plan: query.plan, campaign: query.campaign, phase: query.phase, assignee: query.person)
        if query.overdue { filter.keepOverdue(at: now) }
        let tasks = try tx.tasks(filter)
        let contexts = Dictionary(uniqueKeysWithValues: plans.map { ($0.id, $0) })
        let planIDs = Array(Set(tasks.map(\.planID)))
        let levels = try tx.escalationLevelsSent(plans: planIDs)
        let notes = try tx.latestTaskEvents(Self.ledgerNoteKinds, plans: planIDs)
        let submissions = try tx.latestTaskEvents([.taskSubmitted], plans: planIDs)
        let returns = try tx.taskEventCounts(.taskReturned, plans: planIDs)
        let files = try tx.evidenceNames(plans: planIDs)
        let rows = zip(tasks, try summarize(tasks, in: tx)).map { task, summary -> (order: (Int64, Int, Int64), row: LedgerRow) in
            let plan = contexts[task.planID]!
            var summary = summary
            summary.workingDaysLate = workingDaysLate(task, on: plan.timeline, at: now)
            let asked = task.templateKey.flatMap { plan.workflow.task($0)?.task.evidence } ?? []
            let handedIn = files[task.id!] ?? []
            let missing = EvidenceChecklist.missing(asked, handedIn: handedIn)
            let details = LedgerRow.Details(
                phaseTitle: plan.workflow.phase(task.phase)?.title ?? task.phase.rawValue, measure: task.measure,
                measureTitle: task.measure.flatMap { key in plan.workflow.measures.first { $0.key == key }?.title },
                originalDeadline: task.originalDeadline, acknowledgedAt: task.acknowledgedAt, submittedAt: task.submittedAt,
                verifiedAt: task.verifiedAt, escalationLevel: levels[task.id!] ?? 0, returns: returns[task.id!] ?? 0,
                lastNote: notes[task.id!].flatMap(Self.note(of:)),
                evidence: handedIn, evidenceAsked: asked, evidenceMissing: missing,
                missingReason: missing.isEmpty ? nil : submissions[task.id!].flatMap { Self.missingReason(of: $0.payload) })
            return (
                (plan.id.rawValue, plan.workflow.phaseIndex(task.phase) ?? Int.max, task.id!.rawValue),
                LedgerRow(task: summary, details: details)
            )
        }
        return rows.sorted { $0.order < $1.order }.map(\.row)
    }

    private func requirePhase(_ phase: PhaseKey, in plans: [PlanContext], named: Bool) throws {
        var known: [PhaseKey] = []
        for plan in plans {
            for key in plan.workflow.allPhases.map(\.key) where !known.contains(key) { known.append(key) }
        }
        guard !known.contains(phase) else { return }
        let listed = Message.list(known.map { .text($0.rawValue) })
        if named, let plan = plans.first {
            throw Refusal(.planHasNoPhaseListed(plan: "\(plan.label)", phase: "\(phase)", phases: listed))
        }
        throw known.isEmpty
            ? Refusal(.noPlanHasPhase(phase: "\(phase)"))
            : Refusal(.noPlanHasPhaseListed(phase: "\(phase)", phases: listed))
    }

    /// How late a task is in working days: while it waits on its assignee, from the deadline to
    /// now; once handed in, from the deadline to the submission; a cancelled task owes nothing.
    func workingDaysLate(_ task: TaskRow, on timeline: Timeline, at now: Date) -> Int {
        let end: Date
        switch task.state {
        case .issued, .acknowledged, .returned: end = now
        case .submitted, .verified: end = task.submittedAt ?? now
        case .cancelled: return 0
        }
        guard end > task.deadline else { return 0 }
        return max(0, timeline.workingDaysLate(deadline: task.deadline, at: end).value)
    }

    /// The note or reason an event recorded.
    private static func note(of event: EventRow) -> String? {
        struct Details: Decodable {
            var note: String?
            var reason: String?
        }
        let details = try? JSONDecoder().decode(Details.self, from: Data(event.payload.utf8))
        return details?.note ?? details?.reason
    }
}
