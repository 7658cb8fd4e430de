import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

/// What `mail-in` did with one message, for the mail server: its exit code, and a line for its log.
public struct MailInOutcome: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// A task acknowledged or reported done; a confirmation is queued.
        case acted
        /// Not acted on; the person is told why by mail.
        case refused
        /// Handled before (the same Message-ID): nothing done again.
        case duplicate
        /// An automatic reply, or a report on no message of ours.
        case ignored
        /// A delivery status notification, marked on the message it reports.
        case bounce
        /// Kept in the folder `doctor` reports, for people to look at.
        case kept
        /// Not a mail message at all (kept too): the mail server is told so (EX_DATAERR).
        case notMail
    }

    public var kind: Kind
    public var line: Message
}

extension Service {
    /// The largest message `mail-in` reads, the parser's limit (32 MiB): a reply with its photos
    /// and scans. Evidence sent by mail is bounded by it, under the 64 MiB a submission by
    /// command may carry; `deploy/mail-in.md` sets the mail server's limit to match.
    public static let maximumIncomingMail = IncomingMail.maximumSize

    /// Acts on one message a mail server hands over (`mail-in`): a reply to a notice
    /// acknowledges or reports its task, as the person its reply token names, and is answered
    /// by mail; a bounce marks the message it reports on; anything else is kept for people to
    /// look at. One transaction: what the reply did, its record (so that the same message twice
    /// acts once) and the answer's mail commit together or not at all.
    public func receive(mail bytes: [UInt8]) throws -> MailInOutcome {
        let now = clock.now()
        let mail: IncomingMail
        do {
            mail = try IncomingMail.parse(bytes)
        } catch {
            let file = try keep(bytes, at: now, reason: .mailInNotMail(problem: error.description))
            return MailInOutcome(kind: .notMail, line: .mailInKept(file: file, reason: .mailInNotMail(problem: error.description)))
        }
        let id = mail.messageID ?? "sha256:" + SHA256.hex(Data(bytes))
        let ring = try replyKeys.read() ?? ReplyKeyRing()
        return try store.write { tx in
            if try tx.mailIn(id) != nil { return MailInOutcome(kind: .duplicate, line: .mailInDuplicate) }
            var handling = ReplyHandling(mail: mail, id: id, bytes: bytes, now: now)
            let outcome = try handle(&handling, ring: ring, tx)
            try tx.record(
                MailInRow(
                    messageID: id, receivedAt: now, sender: mail.from, personID: handling.person?.id, taskID: handling.task?.id,
                    outcome: handling.outcome, detail: outcome.line.english))
            return outcome
        }
    }

    /// What is known of a reply as it is handled.
    private struct ReplyHandling {
        let mail: IncomingMail
        let id: String
        let bytes: [UInt8]
        let now: Date
        var person: PersonRow?
        var task: TaskRow?
        var outcome = MailInRow.Outcome.kept
    }

    private func handle(_ reply: inout ReplyHandling, ring: ReplyKeyRing, _ tx: StoreTransaction) throws -> MailInOutcome {
        let mail = reply.mail
        switch mail.automatic {
        case .autoReply?:
            reply.outcome = .ignored
            return MailInOutcome(kind: .ignored, line: .mailInAutomatic)
        case .deliveryStatus(let status)?:
            guard let original = status.originalMessageID, let message = try tx.outboxMessage(messageID: original) else {
                reply.outcome = .ignored
                return MailInOutcome(kind: .ignored, line: .mailInBounceUnknown)
            }
            let what = (status.failedRecipients.isEmpty ? [message.address] : status.failedRecipients).joined(separator: ", ")
            try tx.markBounced(message.id!, at: reply.now, bounce: (status.permanent ? "failed: " : "delayed: ") + what)
            reply.outcome = .bounce
            return MailInOutcome(kind: .bounce, line: .mailInBounce(message: "\(message.id!)"))
        case nil: break
        }
        let sender = try mail.from.flatMap { try tx.person(email: $0) }
        guard let replyTo = configuration.mail.replyTo else { return try keep(&reply, reason: .mailInNotConfigured) }
        guard let token = Self.token(in: mail.recipients, replyTo: replyTo) else {
            guard let sender else { return try keep(&reply, reason: .mailInNobodyToAnswer(reason: .mailInNoToken)) }
            return try refuse(&reply, to: sender, .replyNotToToken, tx)
        }
        // A token that does not check out is answered only to a person we know, never to
        // whatever address a forger wrote.
        guard let read = ReplyToken.read(token), let task = try tx.task(read.token.task),
            let key = ring.accepted(read.token.key, at: reply.now, grace: configuration.mail.replyKeyGrace),
            ReplyToken.isGenuine(payload: read.payload, tag: read.tag, person: task.assigneeID, secret: key.secret),
            let person = try tx.person(task.assigneeID)
        else {
            guard let sender else { return try keep(&reply, reason: .mailInNobodyToAnswer(reason: .mailInTokenInvalid)) }
            return try refuse(&reply, to: sender, .replyTokenInvalid, tx)
        }
        reply.task = task
        guard mail.from?.lowercased() == person.email.lowercased() else {
            // The person the token names is told; the sender is not answered.
            return try refuse(&reply, to: person, .replyFromAnotherAddress(sender: mail.from ?? "?", task: task.label), tx)
        }
        guard read.token.deadlineVersion == task.deadlineVersion, read.token.assignmentVersion == task.assignmentVersion else {
            return try refuse(&reply, to: person, .replyStale(task: task.label), tx)
        }
        let request: TaskRequest
        let action: Message
        switch ReplyCommand.read(ReplyText.newText(mail.text)) {
        case .unknown(let line):
            return try refuse(&reply, to: person, .replyWordsUnknown(line: Quoted(line)), tx, help: true)
        case .submitWithoutNote:
            return try refuse(&reply, to: person, .replySubmitWithoutNote, tx)
        case .acknowledge(let note):
            (request, action) = (.acknowledge(note: note), .actionAcknowledge)
            guard read.token.actions.contains(.acknowledge) else {
                return try refuse(&reply, to: person, .replyActionNotAllowed(task: task.label, action: action), tx)
            }
        case .submit(let note, let missingReason):
            let files = mail.attachments.filter { !$0.name.isEmpty }.map { EvidenceFile(name: $0.name, content: Data($0.data)) }
            (request, action) = (.submit(note: note, evidence: files, missingReason: missingReason), .actionSubmit)
            guard read.token.actions.contains(.submit) else {
                return try refuse(&reply, to: person, .replyActionNotAllowed(task: task.label, action: action), tx)
            }
            guard files.reduce(0, { $0 + $1.content.count }) <= Self.maximumEvidenceBytes else {
                return try refuse(&reply, to: person, .evidenceTooLarge(size: Self.maximumEvidenceBytes >> 20), tx)
            }
        }
        let done: TaskOutcome
        do {
            done = try tx.undoingOnError {
                try apply(request, to: task.id!, by: Acting(caller: .mail(from: mail.from ?? person.email), asPerson: person.id), in: tx)
            }
        } catch let refusal as Refusal {
            return try refuse(&reply, to: person, refusal.message, tx)
        }
        reply.person = person
        reply.outcome = .acted
        let state = done.task.summary.state.word
        var lines = [Message.replyConfirmed(task: task.label, title: task.title, action: action, state: state, received: local(reply.now))]
        if case .submit(_, let files, _) = request, !files.isEmpty { lines.append(.replyEvidenceStored(count: files.count)) }
        try answer(
            reply, to: person, subject: .replyConfirmedSubject(task: task.label, title: task.title, action: action), lines: lines, tx)
        return MailInOutcome(kind: .acted, line: .mailInActed(task: task.label, state: state))
    }

    /// The token in the first recipient address that is `replyTo` with a `+` part, compared
    /// without regard to case (mail systems may change it).
    static func token(in recipients: [String], replyTo: String) -> Substring? {
        guard let at = replyTo.lastIndex(of: "@") else { return nil }
        let local = replyTo[..<at].lowercased() + "+"
        let domain = replyTo[replyTo.index(after: at)...].lowercased()
        for recipient in recipients {
            guard let sign = recipient.lastIndex(of: "@"), recipient[recipient.index(after: sign)...].lowercased() == domain else {
                continue
            }
            let part = recipient[..<sign]
            if part.lowercased().hasPrefix(local) { return part.dropFirst(local.count) }
        }
        return nil
    }

    private func refuse(
        _ reply: inout ReplyHandling, to person: PersonRow, _ reason: Message, _ tx: StoreTransaction, help: Bool = false
    ) throws -> MailInOutcome {
        reply.person = person
        reply.outcome = .refused
        // The task by its number and title when the token named it; else what the reply said.
        let original = reply.task.map { "\($0.label) \($0.title)" } ?? reply.mail.subject
        var lines = [Message.replyRefused(received: local(reply.now), reason: reason)]
        if help { lines.append(.replyWordsHelp) }
        try answer(reply, to: person, subject: .replyRefusedSubject(subject: original), lines: lines, tx)
        return MailInOutcome(kind: .refused, line: .mailInRefused(reason: reason))
    }

    private func keep(_ reply: inout ReplyHandling, reason: Message) throws -> MailInOutcome {
        reply.outcome = .kept
        let file = try keep(reply.bytes, at: reply.now, reason: reason)
        return MailInOutcome(kind: .kept, line: .mailInKept(file: file, reason: reason))
    }

    /// Queues the answer to a reply, in the configured language, threaded under the reply and
    /// marked as automatic (RFC 3834), so that an auto-responder does not answer it in turn.
    private func answer(_ reply: ReplyHandling, to person: PersonRow, subject: Message, lines: [Message], _ tx: StoreTransaction) throws {
        let language = Language(tag: configuration.mail.language) ?? .zh
        let body =
            ([Message.replyAnswerGreeting(name: person.name)] + lines + [.replyClosing]).map { $0.text(in: language) }
            .joined(separator: "\n\n") + "\n"
        let key = "reply.\(SHA256.hex(reply.id).prefix(24))"
        try tx.record([
            NoticeRow(
                PlannedNotice(key: key, kind: .reply, plan: reply.task?.planID, task: reply.task?.id, dueAt: reply.now),
                recordedAt: reply.now, late: false, foldedInto: nil, details: JSONText.object(["subject": subject.text(in: language)]))
        ])
        let from = try MailAddress.parse(configuration.mail.from)
        let id = Self.messageID(keys: [key], to: person.id, from: from)
        let quotedID = "<\(reply.id)>"
        let message = MailMessage(
            from: from, to: [try MailAddress(name: person.name, address: person.email)], subject: subject.text(in: language), text: body,
            date: reply.now, messageID: id,
            headers: [("In-Reply-To", quotedID), ("References", quotedID), ("Auto-Submitted", "auto-replied"), ("X-Zhengdun-Notice", key)])
        try tx.enqueue([
            OutboxRow(
                noticeKey: key, personID: person.id, address: person.email, subject: subject.text(in: language),
                message: message.rendered(zone: zone), createdAt: reply.now, messageID: id)
        ])
    }

    private func local(_ date: Date) -> LocalDateTime { zone.localDateTime(date) }

    /// The folder of incoming messages that could not be handled (`mail.kept`; beside the
    /// database unless set).
    public var keptMailFolder: String { configuration.mail.kept ?? store.path + ".kept" }

    /// Keeps a message `mail-in` could not act on, with a note of why beside it; returns the
    /// file's path. Written whole under a temporary name and then renamed, as a maildir is.
    private func keep(_ bytes: [UInt8], at now: Date, reason: Message) throws -> String {
        let folder = keptMailFolder
        let name = "\(Int(now.timeIntervalSince1970))-\(SHA256.hex(Data(bytes)).prefix(16))"
        let path = folder + "/" + name + ".eml"
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            try Data((reason.english + "\n" + reason.chinese + "\n").utf8).write(
                to: URL(fileURLWithPath: folder + "/" + name + ".why"), options: .atomic)
        } catch {
            throw Refusal(.cannotKeepMail(folder: "\(folder)", problem: "\(error.localizedDescription)"))
        }
        return path
    }

    /// How many messages the kept folder holds.
    public func keptMessages() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: keptMailFolder)) ?? []).filter { $0.hasSuffix(".eml") }.count
    }
}

extension Service {
    public func mailInStatus() throws -> MailInStatus {
        let keys = configuration.mail.replyTo == nil ? nil : try replyKeys.read()
        let bounced = try store.read { try $0.bouncedMessages(since: clock.now().addingTimeInterval(-30 * 86_400)) }
        return MailInStatus(
            keptFolder: keptMailFolder, kept: keptMessages(), bounced: bounced, replyTo: configuration.mail.replyTo,
            replyKeys: replyKeys.path, keys: keys?.keys.count ?? 0)
    }
}
