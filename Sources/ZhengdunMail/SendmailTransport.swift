import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The host's sendmail (default `/usr/sbin/sendmail -t -oi`), run without a shell: the message
/// on its standard input. It has taken the message only if it read all of it and exited 0; a
/// command that does not finish within `timeout` is killed and counts as a failure.
public struct SendmailTransport: MailTransport {
    public let command: [String]
    public let timeout: TimeInterval

    public static let defaultCommand = ["/usr/sbin/sendmail", "-t", "-oi"]

    public init(command: [String] = SendmailTransport.defaultCommand, timeout: TimeInterval = 60) {
        self.command = command
        self.timeout = timeout
    }

    /// Why the configured command cannot be run at all (missing, not a file, not executable),
    /// or nil when it can: for the daemon's start and reload, and `doctor`.
    public static func problem(with command: [String]) -> String? {
        guard let executable = command.first else { return "the sendmail command is empty" }
        var status = stat()
        guard stat(executable, &status) == 0 else { return "\(executable): \(String(cString: strerror(errno)))" }
        guard status.st_mode & S_IFMT == S_IFREG else { return "\(executable) is not a regular file" }
        guard access(executable, X_OK) == 0 else { return "\(executable) is not executable: \(String(cString: strerror(errno)))" }
        return nil
    }

    public func send(_ message: Data, to recipients: [String]) throws(MailError) {
        guard let executable = command.first else { throw MailError("the sendmail command is empty") }
        // Our own pipe, of which we keep the reading end as well: after the command has exited,
        // what it left unread is still in the pipe to be counted, and a command that exits
        // without reading makes our writes wait (never SIGPIPE) until we notice it is gone.
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw MailError("cannot make a pipe for \(executable): \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // Neither end may stay open in the command (it gets the reading end as its standard
        // input, a copy): with the writing end it would never see the message end. (`pipe2` is
        // not visible from Swift; only delivery starts processes, one at a time.)
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        var writeOpen = true
        defer {
            close(readEnd)
            if writeOpen { close(writeEnd) }
        }
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        let errors = Pipe()
        process.standardInput = FileHandle(fileDescriptor: readEnd, closeOnDealloc: false)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        let exited = Atomic<Bool>(false)
        process.terminationHandler = { _ in
            exited.store(true, ordering: .releasing)
            finished.signal()
        }
        do {
            try process.run()
        } catch {
            throw MailError("cannot run \(executable): \(error.localizedDescription)")
        }
        // Read stderr as it comes, so a chatty command cannot block on a full pipe.
        let collected = StderrCollector(errors.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)

        func halt() {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }

        // Write the message as the command reads it; a command that exits, or stops reading
        // until the deadline, leaves the rest unwritten.
        var written = 0
        let failure: String? = message.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> String? in
            while written < bytes.count {
                let count = write(writeEnd, bytes.baseAddress! + written, min(bytes.count - written, 1 << 16))
                if count > 0 {
                    written += count
                    continue
                }
                if count < 0 && errno != EAGAIN && errno != EINTR {
                    return String(cString: strerror(errno))
                }
                if exited.load(ordering: .acquiring) { return nil }
                if Date() >= deadline { return nil }
                var wanted = pollfd(fd: writeEnd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&wanted, 1, 50)
            }
            return nil
        }
        close(writeEnd)
        writeOpen = false
        if let failure {
            halt()
            throw MailError("cannot write the message to \(executable): \(failure)")
        }
        if finished.wait(timeout: .now() + max(0, deadline.timeIntervalSinceNow)) == .timedOut {
            halt()
            throw MailError("\(executable) did not finish within \(Int(timeout)) s and was stopped")
        }
        let stderr = collected.text()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how =
                process.terminationReason == .exit
                ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
            throw MailError("\(executable) \(how)" + (stderr.isEmpty ? "" : ": \(stderr)"))
        }
        var unread: Int32 = 0
        guard ioctl(readEnd, UInt(FIONREAD), &unread) == 0 else {
            throw MailError("cannot tell whether \(executable) read the message: \(String(cString: strerror(errno)))")
        }
        let left = message.count - written + Int(unread)
        guard left == 0 else {
            throw MailError(
                "\(executable) exited with status 0 without reading the whole message (\(left) of \(message.count) bytes left unread)")
        }
    }
}

/// Reads a pipe to its end on a background queue.
private final class StderrCollector: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let box = Box()

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [box, done] in
            box.data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// The first line of what the command wrote, at most 300 characters.
    func text() -> String {
        done.wait()
        let text = String(decoding: box.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return String(text.split(separator: "\n").first.map(String.init)?.prefix(300) ?? "")
    }

    // Written once by the reader before `done` is signalled, read only after waiting on it.
    private final class Box: @unchecked Sendable {
        var data = Data()
    }
}
