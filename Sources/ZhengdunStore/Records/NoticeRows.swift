import Foundation
import GRDB
import ZhengdunCore

/// A notice recorded in the ledger: once per key, sent or folded into another.
public struct NoticeRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "notice"

    public var key: String
    public var kind: NoticeKind
    public var planID: PlanID?
    public var taskID: TaskID?
    public var level: Int?
    public var dueAt: Date
    public var recordedAt: Date
    public var late: Bool
    /// The notice that stands for this one, when it was folded.
    public var foldedInto: String?
    /// What the notice said, as JSON.
    public var details: String?

    public init(_ notice: PlannedNotice, recordedAt: Date, late: Bool, foldedInto: String?, details: String?) {
        key = notice.key
        kind = notice.kind
        planID = notice.plan
        taskID = notice.task
        level = notice.level
        dueAt = notice.dueAt
        self.recordedAt = recordedAt
        self.late = late
        self.foldedInto = foldedInto
        self.details = details
    }

    public init(row: Row) {
        key = row["key"]
        kind = NoticeKind(rawValue: row["kind"]) ?? .circular
        planID = row["plan_id"]
        taskID = row["task_id"]
        level = row["level"]
        dueAt = Millis.date(row["due_at"])
        recordedAt = Millis.date(row["recorded_at"])
        late = row["late"]
        foldedInto = row["folded_into"]
        details = row["details"]
    }

    public func encode(to container: inout PersistenceContainer) {
        container["key"] = key
        container["kind"] = kind.rawValue
        container["plan_id"] = planID
        container["task_id"] = taskID
        container["level"] = level
        container["due_at"] = Millis.from(dueAt)
        container["recorded_at"] = Millis.from(recordedAt)
        container["late"] = late
        container["folded_into"] = foldedInto
        container["details"] = details
    }
}

/// A message in the outbox: queued until the transport has taken it, then sent; dead after
/// the last failed try.
public struct OutboxRow: Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outbox"

    public enum State: String, Sendable, Hashable, CaseIterable {
        case queued, sent, dead
    }

    public var id: Int64?
    public var noticeKey: String
    public var personID: PersonID?
    /// The address the message is addressed to (主送, `To:`).
    public var address: String
    /// The addresses it is copied to (抄送, `Cc:`), which the transport sends it to as well.
    public var cc: [String]
    public var subject: String
    public var message: Data
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    /// The message's Message-ID, without angle brackets: a bounce names it.
    public var messageID: String?
    /// When a delivery status notification said the message did not arrive, and what it said.
    public var bouncedAt: Date?
    public var bounce: String?

    public init(
        noticeKey: String, personID: PersonID?, address: String, cc: [String] = [], subject: String, message: Data, createdAt: Date,
        messageID: String? = nil
    ) {
        self.messageID = messageID
        self.noticeKey = noticeKey
        self.personID = personID
        self.address = address
        self.cc = cc
        self.subject = subject
        self.message = message
        state = .queued
        attempts = 0
        nextAttemptAt = createdAt
        self.createdAt = createdAt
    }

    public init(row: Row) {
        id = row["id"]
        noticeKey = row["notice_key"]
        personID = row["person_id"]
        address = row["address"]
        cc = (row["cc"] as String?).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        subject = row["subject"]
        message = row["message"]
        state = State(rawValue: row["state"]) ?? .queued
        attempts = row["attempts"]
        nextAttemptAt = Millis.date(row["next_attempt_at"])
        lastError = row["last_error"]
        createdAt = Millis.date(row["created_at"])
        sentAt = (row["sent_at"] as Int64?).map(Millis.date)
        messageID = row["message_id"]
        bouncedAt = (row["bounced_at"] as Int64?).map(Millis.date)
        bounce = row["bounce"]
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["notice_key"] = noticeKey
        container["person_id"] = personID
        container["address"] = address
        container["cc"] = cc.isEmpty ? nil : cc.joined(separator: ", ")
        container["subject"] = subject
        container["message"] = message
        container["state"] = state.rawValue
        container["attempts"] = attempts
        container["next_attempt_at"] = Millis.from(nextAttemptAt)
        container["last_error"] = lastError
        container["created_at"] = Millis.from(createdAt)
        container["sent_at"] = sentAt.map(Millis.from)
        container["message_id"] = messageID
        container["bounced_at"] = bouncedAt.map(Millis.from)
        container["bounce"] = bounce
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
