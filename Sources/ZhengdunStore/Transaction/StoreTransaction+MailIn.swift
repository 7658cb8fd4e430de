import Foundation
import GRDB
import ZhengdunCore

/// Replies received by mail, and bounces of what was sent.
extension StoreTransaction {
    /// The message `mail-in` handled under `messageID`, if it did.
    public func mailIn(_ messageID: String) throws -> MailInRow? {
        try MailInRow.fetchOne(db, key: messageID)
    }

    public func record(_ received: MailInRow) throws {
        try received.insert(db)
    }

    /// The person whose address is `address`, compared without regard to case; the first by id
    /// when several share it.
    public func person(email address: String) throws -> PersonRow? {
        try PersonRow.filter(sql: "lower(email) = lower(?)", arguments: [address]).order(Column("id")).fetchOne(db)
    }

    /// The outbox message sent with `messageID`.
    public func outboxMessage(messageID: String) throws -> OutboxRow? {
        try OutboxRow.filter(sql: "message_id = ?", arguments: [messageID]).fetchOne(db)
    }

    /// Marks a message as reported undelivered, saying what the report said.
    public func markBounced(_ id: Int64, at now: Date, bounce: String) throws {
        try db.execute(
            sql: "UPDATE outbox SET bounced_at = ?, bounce = ? WHERE id = ?", arguments: [Millis.from(now), bounce, id])
    }

    /// How many messages were reported undelivered since `since`.
    public func bouncedMessages(since: Date) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE bounced_at >= ?", arguments: [Millis.from(since)]) ?? 0
    }
}

extension StoreTransaction {
    /// Runs `body` so that what it wrote is undone if it throws, while the transaction goes on:
    /// a refused action leaves no half of itself behind what is recorded after it.
    public func undoingOnError<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }
}
