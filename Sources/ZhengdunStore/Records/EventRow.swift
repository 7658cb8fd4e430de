import Foundation
import GRDB
import ZhengdunCore

/// What an event records; stored by name in the event log.
public enum EventKind: String, Codable, Sendable, CaseIterable {
    case personAdded = "person.added"
    case calendarUpdated = "calendar.updated"
    case planCreated = "plan.created"
    case planLaunched = "plan.launched"
    case phaseAdvanced = "plan.phase_advanced"
    case gateOverridden = "plan.gate_overridden"
    case planAccepted = "plan.accepted"
    case planCancelled = "plan.cancelled"
    /// The consolidation period over, the look back (回头看) begun and its tasks issued.
    case lookBackBegun = "plan.look_back_begun"
    /// A finding of the look back put the plan back under watch (反弹).
    case planRebounded = "plan.rebounded"
    /// The look back's gate passed: the rectification signed off (销号).
    case planSignedOff = "plan.signed_off"
    case taskIssued = "task.issued"
    case taskAcknowledged = "task.acknowledged"
    case taskSubmitted = "task.submitted"
    case taskVerified = "task.verified"
    case taskReturned = "task.returned"
    case taskReassigned = "task.reassigned"
    case taskExtended = "task.extended"
    case taskCancelled = "task.cancelled"
    case inspectionRecorded = "inspection.recorded"
    /// An item entered on a plan's problem list (问题清单) and handed over.
    case problemRecorded = "problem.recorded"
    /// A word on how an item's rectification is going (整改进展).
    case problemNoted = "problem.noted"
    /// An item carried over into the long-term work (转入长效), with the reason.
    case problemCarried = "problem.carried"
    /// A value of an indicator of the goals recorded, with its evidence.
    case indicatorRecorded = "indicator.recorded"
    /// The satisfaction survey (群众满意度测评) counted, and its rate recorded.
    case surveyRecorded = "survey.recorded"
    case circularIssued = "circular.issued"
    /// A campaign (整顿工作) begun, by `campaign create` or with a plan of its own.
    case campaignCreated = "campaign.created"
    /// A 问责 record against a person answerable for the rectification.
    case accountabilityRecorded = "accountability.recorded"
}

/// One row of the append-only event log. Each row carries the hash of the row before it and
/// its own hash over its contents and that link, so that `audit verify` can prove nothing was
/// altered or removed.
public struct EventRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "event"

    public var id: Int64
    public var at: Date
    public var planID: PlanID?
    public var taskID: TaskID?
    public var kind: String
    /// The person the change was made as.
    public var actorID: PersonID?
    /// Who really issued the command (`unix:root`); differs from the actor when an
    /// administrator acts as someone.
    public var caller: String
    /// The event's details as JSON.
    public var payload: String
    public var prevHash: String
    public var hash: String

    init(
        id: Int64, at: Date, planID: PlanID?, taskID: TaskID?, kind: String, actorID: PersonID?, caller: String,
        payload: String, prevHash: String, hash: String
    ) {
        self.id = id
        self.at = at
        self.planID = planID
        self.taskID = taskID
        self.kind = kind
        self.actorID = actorID
        self.caller = caller
        self.payload = payload
        self.prevHash = prevHash
        self.hash = hash
    }

    public init(row: Row) {
        id = row["id"]
        at = Millis.date(row["at"])
        planID = row["plan_id"]
        taskID = row["task_id"]
        kind = row["kind"]
        actorID = row["actor_id"]
        caller = row["caller"]
        payload = row["payload"]
        prevHash = row["prev_hash"]
        hash = row["hash"]
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["at"] = Millis.from(at)
        container["plan_id"] = planID
        container["task_id"] = taskID
        container["kind"] = kind
        container["actor_id"] = actorID
        container["caller"] = caller
        container["payload"] = payload
        container["prev_hash"] = prevHash
        container["hash"] = hash
    }

    public enum Columns {
        public static let id = Column("id")
        public static let planID = Column("plan_id")
        public static let taskID = Column("task_id")
    }

    /// The link before the first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The hash of this row's contents and its link to the row before. Fields are written
    /// with their lengths so that no two different rows can read the same.
    public var computedHash: String {
        var hash = SHA256()
        hash.update("zhengdun-event/1\n")
        let fields: [(String, String?)] = [
            ("id", String(id)), ("at", String(Millis.from(at))), ("plan", planID.map { String($0.rawValue) }),
            ("task", taskID.map { String($0.rawValue) }), ("kind", kind), ("actor", actorID?.rawValue),
            ("caller", caller), ("payload", payload), ("prev", prevHash),
        ]
        for (name, value) in fields {
            if let value {
                hash.update("\(name)=\(value.utf8.count):")
                hash.update(value)
                hash.update("\n")
            } else {
                hash.update("\(name)=-\n")
            }
        }
        return hash.finalize()
    }
}

/// An event about to be appended.
public struct NewEvent: Sendable {
    public var kind: EventKind
    public var planID: PlanID?
    public var taskID: TaskID?
    public var actorID: PersonID?
    public var caller: String
    public var payload: String

    public init<Payload: Encodable>(
        _ kind: EventKind, plan: PlanID? = nil, task: TaskID? = nil, actor: PersonID?,
        caller: String, payload: Payload
    ) {
        self.kind = kind
        planID = plan
        taskID = task
        actorID = actor
        self.caller = caller
        self.payload = JSONText.encode(payload)
    }
}

/// The head of the hash chain.
struct EventChainRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "event_chain"

    var lastEventID: Int64
    var lastHash: String

    init(lastEventID: Int64, lastHash: String) {
        self.lastEventID = lastEventID
        self.lastHash = lastHash
    }

    init(row: Row) {
        lastEventID = row["last_event_id"]
        lastHash = row["last_hash"]
    }

    func encode(to container: inout PersistenceContainer) {
        container["id"] = 1
        container["last_event_id"] = lastEventID
        container["last_hash"] = lastHash
    }
}
