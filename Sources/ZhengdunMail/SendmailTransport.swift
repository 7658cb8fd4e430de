import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The host's sendmail (default `/usr/sbin/sendmail -t -oi`), run without a shell: the message
/// on its standard input, its exit status the verdict. A command that does not finish within
/// `timeout` is killed and counts as a failure.
public struct SendmailTransport: MailTransport {
    public let command: [String]
    public let timeout: TimeInterval

    public static let defaultCommand = ["/usr/sbin/sendmail", "-t", "-oi"]

    public init(command: [String] = SendmailTransport.defaultCommand, timeout: TimeInterval = 60) {
        self.command = command
        self.timeout = timeout
    }

    public func send(_ message: Data, to recipients: [String]) throws(MailError) {
        guard let executable = command.first else { throw MailError("the sendmail command is empty") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw MailError("cannot run \(executable): \(error.localizedDescription)")
        }
        // Read stderr as it comes, so a chatty command cannot block on a full pipe.
        let collected = StderrCollector(errors.fileHandleForReading)
        // A command that exits without reading its input must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            try input.fileHandleForWriting.write(contentsOf: message)
            try input.fileHandleForWriting.close()
        } catch {
            try? input.fileHandleForWriting.close()
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            throw MailError("\(executable) did not finish within \(Int(timeout)) s and was stopped")
        }
        let stderr = collected.text()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
            throw MailError("\(executable) \(how)" + (stderr.isEmpty ? "" : ": \(stderr)"))
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
