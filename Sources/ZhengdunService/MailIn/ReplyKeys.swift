import Foundation
import ZhengdunCore
import ZhengdunStore

#if canImport(Glibc)
import Glibc
#endif

/// The file of reply-token keys, outside the database (`mail.reply_keys`; beside the database
/// unless set): made with one key the first time a notice needs one (`deploy/install.sh` makes it
/// at install), readable by its owner only, and rotated by `zhengdun reply-keys rotate`.
public struct ReplyKeyFile: Sendable {
    public var path: String

    public init(path: String) { self.path = path }

    /// The file the configuration names for the database at `database`.
    public init(configuration: Configuration, database: String) {
        path = configuration.mail.replyKeys ?? database + ".reply-keys"
    }

    /// The keys, made with a first key when the file does not exist yet.
    public func ring(at now: Date) throws -> ReplyKeyRing {
        if let ring = try read() { return ring }
        let ring = ReplyKeyRing().rotated(at: now, secret: Self.randomSecret(), grace: 0)
        try write(ring)
        return ring
    }

    /// The keys in the file; nil when there is no file.
    public func read() throws -> ReplyKeyRing? {
        guard let data = FileManager.default.contents(atPath: path) else {
            guard !FileManager.default.fileExists(atPath: path) else {
                throw Refusal(.cannotReadReplyKeys(path: "\(path)", problem: .systemError(EACCES)))
            }
            return nil
        }
        do {
            return try ReplyKeyRing.parse(String(decoding: data, as: UTF8.self), file: path)
        } catch {
            throw Refusal(.cannotReadReplyKeys(path: "\(path)", problem: error.diagnostics.first?.message ?? .text("")))
        }
    }

    /// Adds a new key that signs from `now` on; older keys stay for `grace`.
    public func rotate(at now: Date, grace: TimeInterval) throws -> ReplyKeyRing {
        let ring = (try read() ?? ReplyKeyRing()).rotated(at: now, secret: Self.randomSecret(), grace: grace)
        try write(ring)
        return ring
    }

    /// Writes the file whole or not at all: a new file, owner-only, renamed over the old one.
    private func write(_ ring: ReplyKeyRing) throws {
        let temporary = path + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw Refusal(.cannotWriteReplyKeys(path: "\(path)", problem: .systemError(errno)))
        }
        // Root rotating the daemon's keys leaves the file the daemon's: as it found it, or, made
        // anew, the owner of the folder it is in (the daemon's state folder).
        var owner = stat()
        if stat(path, &owner) == 0 || (geteuid() == 0 && stat((path as NSString).deletingLastPathComponent, &owner) == 0) {
            _ = fchown(descriptor, owner.st_uid, owner.st_gid)
        }
        let bytes = Array(ring.text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            let problem = errno
            unlink(temporary)
            throw Refusal(.cannotWriteReplyKeys(path: "\(path)", problem: .systemError(problem)))
        }
    }

    static func randomSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<ReplyKeyRing.secretBytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

/// How a notice's reply address is written: the configured `mail.reply_to` with a token after
/// a `+`, signed with the newest key.
struct ReplyAddressing: Sendable {
    let local: Substring
    let domain: Substring
    let key: ReplyKeyRing.Key

    init?(replyTo: String?, ring: ReplyKeyRing) {
        guard let replyTo, let at = replyTo.lastIndex(of: "@"), let key = ring.signing else { return nil }
        local = replyTo[..<at]
        domain = replyTo[replyTo.index(after: at)...]
        self.key = key
    }

    /// The address a reply to `task`'s notice to its assignee goes to; nil when the task asks
    /// nothing of them a reply could do.
    func address(for task: TaskRow) -> String? {
        let actions: ReplyToken.Actions
        switch task.state {
        case .issued: actions = [.acknowledge, .submit]
        case .acknowledged, .returned: actions = .submit
        case .submitted, .verified, .cancelled: return nil
        }
        let token = ReplyToken(
            key: key.id, actions: actions, task: task.id!, deadlineVersion: task.deadlineVersion,
            assignmentVersion: task.assignmentVersion)
        return "\(local)+\(token.text(for: task.assigneeID, secret: key.secret))@\(domain)"
    }
}

extension Service {
    /// The file of this deployment's reply keys.
    public var replyKeys: ReplyKeyFile { ReplyKeyFile(configuration: configuration, database: store.path) }

    /// How this pass writes reply addresses: nil unless `mail.reply_to` is set; the key file is
    /// made the first time it is needed.
    func replyAddressing() throws -> ReplyAddressing? {
        guard let replyTo = configuration.mail.replyTo else { return nil }
        return ReplyAddressing(replyTo: replyTo, ring: try replyKeys.ring(at: clock.now()))
    }
}
