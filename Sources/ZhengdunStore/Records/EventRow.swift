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
    case taskIssued = "task.issued"
    case taskAcknowledged = "task.acknowledged"
    case taskSubmitted = "task.submitted"
    case taskVerified = "task.verified"
    case taskReturned = "task.returned"
    case taskReassigned = "task.reassigned"
    case taskExtended = "task.extended"
    case taskCancelled = "task.cancelled"
    case inspectionRecorded = "inspection.recorded"
}

/// One row of the append-only event log. Each row carries the hash of the row before it and
/// its own hash over its contents and that link, so that `audit verify` can prove nothing was
/// altered or removed.
public struct EventRow: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord, MillisecondDates {
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

    enum CodingKeys: String, CodingKey {
        case id, at, planID = "plan_id", taskID = "task_id", kind, actorID = "actor_id", caller, payload
        case prevHash = "prev_hash", hash
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let planID = Column(CodingKeys.planID)
        public static let taskID = Column(CodingKeys.taskID)
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

    public init<Payload: Encodable>(_ kind: EventKind, plan: PlanID? = nil, task: TaskID? = nil, actor: PersonID?,
                                    caller: String, payload: Payload) {
        self.kind = kind
        planID = plan
        taskID = task
        actorID = actor
        self.caller = caller
        self.payload = JSONText.encode(payload)
    }
}

/// The head of the hash chain.
struct EventChainRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "event_chain"

    var id = 1
    var lastEventID: Int64
    var lastHash: String

    enum CodingKeys: String, CodingKey {
        case id, lastEventID = "last_event_id", lastHash = "last_hash"
    }
}
