import Foundation

/// Where messages go: a maildir folder for trials and the demo, or the host's sendmail.
public protocol MailTransport: Sendable {
    /// Hands one message over; returns only once the transport has taken it.
    func send(_ message: Data, to recipients: [String]) throws(MailError)
}

/// A Maildir (one file per message, written to `tmp/` and moved into `new/`), so that a mail
/// reader or a test sees each message whole or not at all.
public struct MaildirTransport: MailTransport {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// How old a file in `tmp/` must be to count as left behind by a writer that died: the
    /// maildir specification's 36 hours.
    public static let staleAfter: TimeInterval = 36 * 3600

    /// Removes the files in `tmp/` not changed for `staleAfter`, which no writer will move into
    /// `new/` any more; returns their names.
    public func removeStaleTemporaryFiles(now: Date = Date()) -> [String] {
        let manager = FileManager.default
        let tmp = folder + "/tmp/"
        guard let names = try? manager.contentsOfDirectory(atPath: tmp) else { return [] }
        return names.sorted().filter { name in
            guard let attributes = try? manager.attributesOfItem(atPath: tmp + name), attributes[.type] as? FileAttributeType == .typeRegular,
                  let changed = attributes[.modificationDate] as? Date, now.timeIntervalSince(changed) > Self.staleAfter else { return false }
            return (try? manager.removeItem(atPath: tmp + name)) != nil
        }
    }

    public func send(_ message: Data, to recipients: [String]) throws(MailError) {
        let manager = FileManager.default
        do {
            for sub in ["tmp", "new", "cur"] {
                try manager.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
            }
            let name = "\(Int(Date().timeIntervalSince1970 * 1_000_000)).P\(ProcessInfo.processInfo.processIdentifier)Q\(UUID().uuidString).zhengdun"
            let temporary = URL(fileURLWithPath: folder + "/tmp/" + name)
            try message.write(to: temporary)
            try manager.moveItem(at: temporary, to: URL(fileURLWithPath: folder + "/new/" + name))
        } catch {
            throw MailError("cannot deliver into maildir \(folder): \(error.localizedDescription)")
        }
    }
}
