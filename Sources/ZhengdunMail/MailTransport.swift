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
