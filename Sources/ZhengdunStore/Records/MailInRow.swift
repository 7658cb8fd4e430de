import Foundation
import GRDB
import ZhengdunCore

/// A message `mail-in` handled, by its Message-ID, so that the same message delivered twice
/// acts once.
public struct MailInRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "mail_in"

    /// What became of the message.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// A task was acknowledged or reported done.
        case acted
        /// Not acted on; the person was told why.
        case refused
        /// An automatic reply, left alone.
        case ignored
        /// A delivery status notification, marked on the message it reports on.
        case bounce
        /// Kept in the folder for people to look at.
        case kept
    }

    public var messageID: String
    public var receivedAt: Date
    public var sender: String?
    public var personID: PersonID?
    public var taskID: TaskID?
    public var outcome: Outcome
    public var detail: String?

    public init(
        messageID: String, receivedAt: Date, sender: String?, personID: PersonID?, taskID: TaskID?, outcome: Outcome, detail: String?
    ) {
        self.messageID = messageID
        self.receivedAt = receivedAt
        self.sender = sender
        self.personID = personID
        self.taskID = taskID
        self.outcome = outcome
        self.detail = detail
    }

    public init(row: Row) {
        messageID = row["message_id"]
        receivedAt = Millis.date(row["received_at"])
        sender = row["sender"]
        personID = row["person_id"]
        taskID = row["task_id"]
        outcome = Outcome(rawValue: row["outcome"]) ?? .kept
        detail = row["detail"]
    }

    public func encode(to container: inout PersistenceContainer) {
        container["message_id"] = messageID
        container["received_at"] = Millis.from(receivedAt)
        container["sender"] = sender
        container["person_id"] = personID
        container["task_id"] = taskID
        container["outcome"] = outcome.rawValue
        container["detail"] = detail
    }
}
