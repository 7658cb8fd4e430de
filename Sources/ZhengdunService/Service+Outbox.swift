import Foundation
import ZhengdunChat
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

/// A line of `outbox list`.
public struct OutboxEntry: Codable, Sendable {
    public var id: Int64
    public var notice: String
    public var person: PersonID?
    public var address: String
    /// The addresses it is copied to (a 督办 letter's supervisors).
    public var cc: [String]
    public var subject: String
    public var state: String
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    /// When a delivery status notification reported the message undelivered, and what it said.
    public var bouncedAt: Date?
    public var bounce: String?

    enum CodingKeys: String, CodingKey {
        case id, notice, person, address, cc, subject, state, attempts, nextAttemptAt = "next_attempt_at", lastError = "last_error"
        case createdAt = "created_at", sentAt = "sent_at", bouncedAt = "bounced_at", bounce
    }

    init(_ row: OutboxRow) {
        id = row.id!
        notice = row.noticeKey
        person = row.personID
        address = row.address
        cc = row.cc
        subject = row.subject
        state = row.state.rawValue
        attempts = row.attempts
        nextAttemptAt = row.state == .queued ? row.nextAttemptAt : nil
        lastError = row.lastError
        createdAt = row.createdAt
        sentAt = row.sentAt
        bouncedAt = row.bouncedAt
        bounce = row.bounce
    }
}

/// What a delivery run did.
public struct DeliveryReport: Codable, Sendable {
    public var sent = 0
    public var failed = 0
    /// Messages given up on after the last try.
    public var dead = 0
    /// Each failed try, for the reader of `run-due` and the daemon's log.
    public var errors: [Message] = []
    /// The messages given up on, each with its last error: for the daemon's log at error.
    public var deadMessages: [String] = []
    /// Sent messages deleted after their retention (`mail.keep_sent`).
    public var pruned = 0

    enum CodingKeys: String, CodingKey {
        case sent, failed, dead, errors
    }
}

extension Service {
    /// The transport the configuration names.
    public func transport() throws -> any MailTransport {
        let mail: any MailTransport
        switch configuration.mail.transport {
        case .sendmail: mail = SendmailTransport(command: configuration.mail.sendmail)
        case .maildir: mail = MaildirTransport(folder: configuration.mail.maildir!)
        }
        guard !configuration.chat.groups.isEmpty else { return mail }
        return RoutedTransport(mail: mail, groups: configuration.chat.groups, client: WebhookClient())
    }

    /// Hands every message whose try is due to `transport`, oldest first. A message is marked
    /// sent only after the transport took it, in its own transaction; a crash in between sends
    /// it again (at least once, never lost). A failure is tried again later, waiting longer each
    /// time, and after the last try the message is parked as dead. After each batch the
    /// write-ahead log is copied into the database, so that a burst of thousands of messages
    /// does not grow it without end; at the end, sent messages older than `mail.keep_sent` go.
    public func deliver(
        using transport: any MailTransport, limit: Int = .max,
        continuing: @Sendable () -> Bool = { true }
    ) throws -> DeliveryReport {
        var report = DeliveryReport()
        var handled = 0
        var flushed = 0
        // Only what the transport took needs flushing: a transport that took nothing (a maildir
        // that cannot be written) is not asked.
        var sentAtFlush = 0
        defer { try? store.checkpointPassively() }
        while handled < limit && continuing() {
            // Every thousand messages, what the transport took goes to the disk, and then the
            // marks that say so (the checkpoint): the log grows by about 12 MiB at most.
            if handled - flushed >= Self.deliveriesBetweenCheckpoints {
                if report.sent > sentAtFlush { try transport.flush() }
                try store.checkpointPassively()
                flushed = handled
                sentAtFlush = report.sent
            }
            let batch = try store.read { try $0.deliverable(at: clock.now(), limit: min(100, limit - handled)) }
            if batch.isEmpty { break }
            for var message in batch where continuing() {
                handled += 1
                do {
                    try transport.send(message.message, to: [message.address] + message.cc)
                    message.state = .sent
                    message.sentAt = clock.now()
                    message.attempts += 1
                    message.lastError = nil
                    report.sent += 1
                } catch {
                    message.attempts += 1
                    message.lastError = error.description
                    report.errors.append(.deliveryFailed(message: message.id!, address: message.address, error: error.description))
                    let retry = configuration.mail.retry
                    if message.attempts >= retry.attempts || error.permanent {
                        message.state = .dead
                        report.dead += 1
                        report.deadMessages.append(
                            "message \(message.id!) to \(message.address) (\(message.noticeKey)), after \(message.attempts) tries: \(error.description)"
                        )
                    } else {
                        // Jitter spreads the retries of a burst that failed together.
                        let delay = retry.delay(after: message.attempts) * Double.random(in: 0.8...1.2)
                        message.nextAttemptAt = clock.now().addingTimeInterval(delay)
                        report.failed += 1
                    }
                }
                // The commit does not wait for the disk (synchronous = NORMAL): a kill loses
                // nothing, a power failure may forget the mark, and the message is sent again.
                try record(message, continuing: continuing)
            }
        }
        if report.sent > sentAtFlush { try transport.flush() }
        if continuing() { report.pruned = try pruneSent() }
        return report
    }

    /// Records a try. Once the transport has taken a message, its mark is the only record that
    /// it went: a database kept busy by another process's transaction (a dry run rehearsing a
    /// long pass) is waited out, up to `markPatience` busy timeouts and while delivery goes on,
    /// instead of leaving the message queued to be sent a second time.
    private func record(_ message: OutboxRow, continuing: () -> Bool) throws {
        var tries = 0
        while true {
            tries += 1
            do {
                return try store.write { try $0.recordTry(message) }
            } catch let error as StoreError where error.kind == .busy && message.state == .sent && tries < Self.markPatience && continuing()
            {
                continue
            }
        }
    }

    /// How many busy timeouts (10 s each) delivery waits to mark a message sent: five minutes.
    static let markPatience = 30

    /// How many messages delivery hands over between two checkpoints of the write-ahead log.
    public static let deliveriesBetweenCheckpoints = 1_000

    /// Deletes the sent messages older than `mail.keep_sent`, a thousand to a transaction; the
    /// ledger keeps every notice. Returns how many went.
    public func pruneSent() throws -> Int {
        let before = clock.now().addingTimeInterval(-configuration.mail.keepSent)
        var pruned = 0
        while true {
            let count = try store.write { try $0.pruneSent(before: before, limit: 1_000) }
            pruned += count
            if count < 1_000 { return pruned }
            try store.checkpointPassively()
        }
    }

    /// How many messages are dead, waiting for `outbox retry`.
    public func deadMessages() throws -> Int {
        try store.read { try $0.deadMessages() }
    }

    /// When the next queued message is to be tried, for arming the delivery timer.
    public func nextDelivery() throws -> Date? {
        try store.read { try $0.nextDelivery() }
    }

    public func outbox(states: Set<String>) throws -> [OutboxEntry] {
        let wanted = Set(states.compactMap(OutboxRow.State.init(rawValue:)))
        return try store.read { try $0.outbox(states: wanted.isEmpty ? Set(OutboxRow.State.allCases) : wanted).map(OutboxEntry.init) }
    }

    /// Puts a dead (or waiting) message back in line to be tried at once.
    public func retry(message id: Int64, by acting: Acting) throws -> OutboxEntry {
        try requireAdministrator(acting, to: .actRetryMessages)
        return try store.write { tx in
            guard var message = try tx.outboxMessage(id) else { throw Refusal(.noMessage(id: "\(id)")) }
            guard message.state != .sent else {
                throw Refusal(.messageAlreadySent(id: "\(id)", time: "\(zone.localDateTime(message.sentAt!))"))
            }
            message.state = .queued
            message.attempts = 0
            message.nextAttemptAt = clock.now()
            try tx.update(message)
            return OutboxEntry(message)
        }
    }
}
