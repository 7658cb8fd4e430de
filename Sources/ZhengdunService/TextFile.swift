import ZhengdunCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading whole text files, with the reason a person can act on when it fails.
public enum TextFile {
    /// Files larger than this are refused rather than read into memory.
    public static let maximumBytes = 16 << 20

    public static func read(_ path: String) throws(Refusal) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Refusal(.cannotRead(path: "\(path)", reason: .systemError(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw Refusal(.cannotRead(path: "\(path)", reason: .systemError(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw Refusal(.cannotRead(path: "\(path)", reason: .notARegularFile))
        }
        guard Int(info.st_size) <= maximumBytes else {
            throw Refusal(.cannotRead(path: "\(path)", reason: .largerThanMiB(size: maximumBytes >> 20)))
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Refusal(.cannotRead(path: "\(path)", reason: .systemError(errno)))
            }
            if count == 0 { break }
            bytes += buffer[..<count]
            guard bytes.count <= maximumBytes else {
                throw Refusal(.cannotRead(path: "\(path)", reason: .largerThanMiB(size: maximumBytes >> 20)))
            }
        }
        switch UTF8Text.decode(bytes, file: path) {
        case .success(let text): return text
        case .failure(let diagnostic): throw Refusal(InvalidSource([diagnostic]).message)
        }
    }
}
