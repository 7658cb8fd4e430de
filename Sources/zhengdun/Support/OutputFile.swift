import Foundation
import ZhengdunCore
import ZhengdunService

/// Where a command's document goes: standard output, or a file (`--output`) written whole or
/// not at all, so that a spreadsheet or calendar program never opens half a file.
enum OutputFile {
    static func write(_ text: String, to path: String?) throws {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        let existing = try existingFile(at: path)
        // Written beside the target, then renamed over it: a rename within a folder is atomic.
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(path) }
        if let existing, let refusal = keep(existing, on: descriptor, path: path) {
            close(descriptor)
            unlink(temporary)
            throw refusal
        }
        let wrote = writeAll(data, to: descriptor) && fsync(descriptor) == 0
        let writeFailure = wrote ? nil : failure(path)
        let closed = close(descriptor) == 0
        guard wrote, closed, rename(temporary, path) == 0 else {
            let error = writeFailure ?? failure(path)
            unlink(temporary)
            throw error
        }
    }

    /// The file already at `path`, if any. Only a regular file may be replaced: a symbolic link,
    /// a device, a folder or a pipe is refused, so that `--output /dev/full` never turns a
    /// device into a file and a link is never swapped for a copy.
    private static func existingFile(at path: String) throws -> stat? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw failure(path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return info
        case S_IFLNK: throw Refusal(.outputIsSymlink(path: "\(path)"))
        case S_IFCHR, S_IFBLK: throw Refusal(.outputNotRegularFile(path: "\(path)", kind: .outputKindDevice))
        case S_IFDIR: throw Refusal(.outputNotRegularFile(path: "\(path)", kind: .outputKindDirectory))
        default: throw Refusal(.outputNotRegularFile(path: "\(path)", kind: .outputKindOther))
        }
    }

    /// Gives the new file the mode, owner and group of the one it replaces; nil when it could,
    /// else the refusal (another user's file that only root could give back to them).
    private static func keep(_ existing: stat, on descriptor: Int32, path: String) -> Refusal? {
        if existing.st_uid != geteuid() || existing.st_gid != getegid() {
            guard fchown(descriptor, existing.st_uid, existing.st_gid) == 0 else {
                if existing.st_uid != geteuid() {
                    return Refusal(.outputOwnedByOther(path: "\(path)", owner: Int(existing.st_uid)))
                }
                return failure(path)
            }
        }
        guard fchmod(descriptor, existing.st_mode & 0o7777) == 0 else { return failure(path) }
        return nil
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
        let code = errno
        let english = String(cString: strerror(code))
        return Refusal(
            .cannotWrite(
                path: "\(path)",
                reason: .perLanguage(
                    en: english.prefix(1).lowercased() + english.dropFirst(), zh: Message.systemError(code).text(in: .zh))))
    }
}
