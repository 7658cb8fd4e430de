import Foundation
import ZhengdunCore

#if canImport(Glibc)
import Glibc
#endif

/// A `sockaddr_un` for a path.
public struct UnixAddress {
    public var storage = sockaddr_un()
    public var length: socklen_t

    public init(_ path: String) throws {
        storage.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard bytes.count < capacity else { throw SocketError(.socketPathTooLong(path: "\(path)", maximum: capacity - 1)) }
        withUnsafeMutableBytes(of: &storage.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
            buffer[bytes.count] = 0
        }
        length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
    }
}
