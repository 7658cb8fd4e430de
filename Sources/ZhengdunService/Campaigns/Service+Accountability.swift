import Foundation
import ZhengdunCore
import ZhengdunStore

/// What `accountability add` is given: the person, the measure, why, and what it answers for
/// — a task, an inspection, or the plan of the village the person answers for.
public struct AccountabilityDraft: Sendable, Codable {
    public var person: PersonID
    public var kind: AccountabilityKind
    public var reason: String
    public var plan: PlanID?
    public var task: TaskID?
    public var inspection: Int64?

    public init(person: PersonID, kind: AccountabilityKind, reason: String, plan: PlanID?, task: TaskID?, inspection: Int64?) {
        self.person = person
        self.kind = kind
        self.reason = reason
        self.plan = plan
        self.task = task
        self.inspection = inspection
    }
}

/// The event of a 问责 record: the person, the measure by key and in the office's words, why,
/// and the inspection it answers for (the task is the event's own).
struct AccountabilityRecorded: Encodable {
    var record: Int64
    var person: PersonID
    var kind: AccountabilityKind
    var accountability: String
    var reason: String
    var inspection: Int64?
}

/// A 问责 record as `accountability add` and `accountability list` show it.
public struct AccountabilityView: Sendable, Codable {
    public var id: Int64
    public var person: PersonID
    public var name: String
    public var kind: AccountabilityKind
    public var kindTitle: String
    public var reason: String
    public var plan: Int64
    public var village: String
    public var task: Int64?
    public var inspection: Int64?
    public var recordedBy: PersonID?
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case id, person, name, kind, kindTitle = "kind_title", reason, plan, village, task, inspection, recordedBy = "recorded_by", at
    }
}

extension Service {
    /// `accountability add`: records a measure (问责) against a person answerable for a village,
    /// by a role the workflow lets hold people to account (the office director), as an event.
    public func recordAccountability(_ draft: AccountabilityDraft, by acting: Acting) throws -> AccountabilityView {
        let reason = try PersonText.line(draft.reason, .whatReason)
        guard !reason.isEmpty else { throw Refusal(.accountabilityNeedsReason) }
        return try store.write { tx in
            guard let person = try tx.person(draft.person) else {
                throw Refusal(.noPerson(person: TypedText.excerpt("\(draft.person)")))
            }
            var planID = draft.plan
            if let id = draft.task {
                guard let task = try tx.task(id) else { throw Refusal(.noTask(task: "T\(id.rawValue)")) }
                planID = try Self.same(planID, task.planID)
            }
            if let id = draft.inspection {
                guard let inspection = try tx.inspection(id) else { throw Refusal(.noInspection(inspection: id)) }
                planID = try Self.same(planID, inspection.planID)
            }
            if planID == nil {
                // The village the person answers for, when there is one.
                let held = try tx.rolesHeld(by: person.id).keys
                let villages = try tx.plans(ids: Array(held)).values.filter { !$0.township }
                let plans = villages.map { $0.id! }.sorted { $0.rawValue < $1.rawValue }
                guard plans.count == 1 else {
                    throw Refusal(.accountabilityNeedsPlan(person: "\(person.name)", plans: .list(plans.map { .text("P\($0.rawValue)") })))
                }
                planID = plans[0]
            }
            let plan = try context(planID!, in: tx)
            guard !plan.bindings.roles(of: person.id).isEmpty else {
                throw Refusal(.notAnswerableInPlan(person: "\(person.name)", plan: "\(plan.label)"))
            }
            let actor = try actor(acting, in: tx)
            let allowed = plan.workflow.permissions.roles(for: .holdAccountable)
            guard !plan.bindings.roles(of: actor.id).isDisjoint(with: allowed) else {
                throw Refusal(.onlyRolesHoldAccountable(plan: "\(plan.label)", roles: .roles(allowed, in: plan.workflow)))
            }
            let now = clock.now()
            let record = try tx.insert(
                AccountabilityRow(
                    personID: person.id, kind: draft.kind, reason: reason, planID: plan.id, taskID: draft.task,
                    inspectionID: draft.inspection, recordedBy: actor.id, at: now))
            try tx.append(
                NewEvent(
                    .accountabilityRecorded, plan: plan.id, task: draft.task, actor: actor.id, caller: acting.caller.label,
                    payload: AccountabilityRecorded(
                        record: record.id!, person: person.id, kind: draft.kind, accountability: draft.kind.title, reason: reason,
                        inspection: draft.inspection)), at: now)
            return try accountabilityViews([record], in: tx)[0]
        }
    }

    /// `accountability list`: every record, or one person's, oldest first.
    public func accountability(of person: PersonID?) throws -> [AccountabilityView] {
        try store.read { tx in
            if let person, try tx.person(person) == nil { throw Refusal(.noPerson(person: TypedText.excerpt("\(person)"))) }
            return try accountabilityViews(try tx.accountability(of: person.map { [$0] }), in: tx)
        }
    }

    private func accountabilityViews(_ records: [AccountabilityRow], in tx: StoreTransaction) throws -> [AccountabilityView] {
        let people = try tx.people(Set(records.map(\.personID)))
        var villages: [PlanID: String] = [:]
        for id in Set(records.map(\.planID)) { villages[id] = try tx.plan(id)?.village }
        return records.map { record in
            AccountabilityView(
                id: record.id!, person: record.personID, name: people[record.personID]?.name ?? record.personID.rawValue, kind: record.kind,
                kindTitle: record.kind.title, reason: record.reason, plan: record.planID.rawValue, village: villages[record.planID] ?? "",
                task: record.taskID?.rawValue, inspection: record.inspectionID, recordedBy: record.recordedBy, at: record.at)
        }
    }

    /// The plan a task or an inspection belongs to, which must be the one already named.
    private static func same(_ named: PlanID?, _ found: PlanID) throws -> PlanID {
        if let named, named != found {
            throw Refusal(.accountabilityPlanMismatch(named: "P\(named.rawValue)", found: "P\(found.rawValue)"))
        }
        return found
    }
}
