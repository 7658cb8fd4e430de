import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where messages go: a maildir folder for trials and the demo, or the host's sendmail.
public protocol MailTransport: Sendable {
    /// Hands one message over; returns only once the transport has taken it.
    func send(_ message: Data, to recipients: [String]) throws(MailError)
    /// Makes what `send` handed over safe from a power failure, for transports that do not
    /// wait for the disk with each message; called after each batch of a delivery.
    func flush() throws(MailError)
}

extension MailTransport {
    public func flush() throws(MailError) {}
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
            guard let attributes = try? manager.attributesOfItem(atPath: tmp + name),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let changed = attributes[.modificationDate] as? Date, now.timeIntervalSince(changed) > Self.staleAfter
            else { return false }
            return (try? manager.removeItem(atPath: tmp + name)) != nil
        }
    }

    /// Writes the message into `tmp/` and moves it into `new/`. The file is not synced to the
    /// disk one by one (which made a burst wait for the disk 74,000 times): `flush()` syncs the
    /// file system after each batch. A process killed at any moment loses nothing (the kernel
    /// has every file written); a power failure may lose the files of the batch in hand.
    public func send(_ message: Data, to recipients: [String]) throws(MailError) {
        let name = "\(Int(Date().timeIntervalSince1970 * 1_000_000)).P\(getpid())Q\(UUID().uuidString).zhengdun"
        let temporary = folder + "/tmp/" + name
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            do {
                for sub in ["tmp", "new", "cur"] {
                    try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
                }
            } catch {
                throw MailError("cannot deliver into maildir \(folder): \(error.localizedDescription)")
            }
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
        var written = 0
        let complete = message.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            while written < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                written += count
            }
            return true
        }
        let writeError = errno
        guard close(descriptor) == 0 && complete else {
            unlink(temporary)
            errno = complete ? errno : writeError
            throw failure("cannot write \(temporary)")
        }
        guard rename(temporary, folder + "/new/" + name) == 0 else {
            let error = failure("cannot move \(name) into \(folder)/new")
            unlink(temporary)
            throw error
        }
    }

    /// Syncs the file system the maildir is on: every message written so far is on the disk.
    public func flush() throws(MailError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open \(folder)") }
        defer { close(descriptor) }
        if let syncfs = Self.syncfs {
            guard syncfs(descriptor) == 0 else { throw failure("cannot sync \(folder) to the disk") }
        } else {
            sync()
        }
    }

    private func failure(_ what: String) -> MailError {
        MailError("cannot deliver into maildir \(folder): \(what): \(String(cString: strerror(errno)))")
    }

    /// glibc's `syncfs`, which Swift does not see (it is declared for `_GNU_SOURCE` only).
    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()
}
