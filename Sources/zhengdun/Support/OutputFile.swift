import Foundation
import ZhengdunService

/// Where a command's document goes: standard output, or a file (`--output`) written whole or
/// not at all, so that a spreadsheet or calendar program never opens half a file.
enum OutputFile {
    static func write(_ text: String, to path: String?) throws {
        let data = Data(text.utf8)
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        // Written beside the target, then renamed over it: a rename within a folder is atomic.
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(path) }
        let wrote = writeAll(data, to: descriptor) && fsync(descriptor) == 0
        let writeFailure = wrote ? nil : failure(path)
        let closed = close(descriptor) == 0
        guard wrote, closed, rename(temporary, path) == 0 else {
            let error = writeFailure ?? failure(path)
            unlink(temporary)
            throw error
        }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
        data.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                done += count
            }
            return true
        }
    }

    /// The last system error, said for a person.
    private static func failure(_ path: String) -> Refusal {
        let reason = String(cString: strerror(errno))
        return Refusal(.cannotWrite, ["path": "\(path)", "reason": "\(reason.prefix(1).lowercased() + reason.dropFirst())"])
    }
}
