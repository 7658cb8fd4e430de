import Foundation

/// The keys that sign reply tokens (回复凭证密钥), as their file keeps them outside the database:
/// a line a key, oldest first, each with its number and when it was made. The newest signs; a
/// key replaced by a newer one still checks the tokens it signed for a grace period, so that
/// notices sent before a rotation can still be answered.
///
///     # zhengdun reply keys: secret, readable by the daemon's account only
///     1 2026-12-03T09:00:00Z 3q2+7w…=
///     2 2027-03-01T09:00:00Z Zm9v…=
public struct ReplyKeyRing: Sendable, Equatable {
    public struct Key: Sendable, Equatable {
        public var id: UInt8
        public var created: Date
        public var secret: [UInt8]
    }

    public private(set) var keys: [Key]

    /// How many bytes of randomness a key has: as many as the hash's block of output.
    public static let secretBytes = 32

    public init(keys: [Key] = []) { self.keys = keys }

    /// The key new tokens are signed with: the newest.
    public var signing: Key? { keys.last }

    /// The key numbered `id` when it still checks tokens at `now`: the newest always, an older
    /// one until `grace` after the key that replaced it was made.
    public func accepted(_ id: UInt8, at now: Date, grace: TimeInterval) -> Key? {
        guard let index = keys.firstIndex(where: { $0.id == id }) else { return nil }
        if index == keys.count - 1 { return keys[index] }
        return now < keys[index + 1].created.addingTimeInterval(grace) ? keys[index] : nil
    }

    /// The ring with a new key made at `now` from `secret`, which signs from now on; keys past
    /// their grace are dropped.
    public func rotated(at now: Date, secret: [UInt8], grace: TimeInterval) -> ReplyKeyRing {
        var kept = keys.enumerated().filter { index, _ in
            index == keys.count - 1 || now < keys[index + 1].created.addingTimeInterval(grace)
        }.map(\.element)
        let id = kept.last.map { $0.id == 255 ? 1 : $0.id + 1 } ?? 1
        kept.removeAll { $0.id == id }
        return ReplyKeyRing(keys: kept + [Key(id: id, created: now, secret: secret)])
    }

    /// The file's text.
    public var text: String {
        var lines = ["# zhengdun reply keys (zhengdun reply-keys rotate): secret, readable by the daemon's account only"]
        for key in keys {
            lines.append("\(key.id) \(key.created.formatted(.iso8601)) \(Data(key.secret).base64EncodedString())")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads the file's text; a line that is not a key is reported with its number.
    public static func parse(_ text: String, file: String) throws(InvalidSource) -> ReplyKeyRing {
        var keys: [Key] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 3, let id = UInt8(fields[0]), id > 0,
                let created = try? Date(String(fields[1]), strategy: .iso8601),
                let secret = Data(base64Encoded: String(fields[2])), secret.count >= 16,
                !keys.contains(where: { $0.id == id })
            else {
                throw InvalidSource([
                    Diagnostic(at: SourceLocation(file: file, line: index + 1, column: 1), .notAReplyKey)
                ])
            }
            keys.append(Key(id: id, created: created, secret: Array(secret)))
        }
        return ReplyKeyRing(keys: keys)
    }
}
