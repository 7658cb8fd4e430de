import Crypto

/// SHA-256 (FIPS 180-4): content addresses for evidence files, workflow and calendar snapshots,
/// Message-IDs, and the links of the event log's hash chain. Every address and link ever stored
/// depends on it, so it is computed by swift-crypto (BoringSSL, or CryptoKit on Apple platforms)
/// and only wrapped here: as lowercase hexadecimal, for text, and fed in pieces so that a large
/// file need not be in memory at once.
///
/// The name is ours within ZhengdunCore and its importers; a file that imports Crypto too writes
/// `ZhengdunCore.SHA256` or `Crypto.SHA256`.
public struct SHA256: Sendable {
    private var hash = Crypto.SHA256()

    public init() {}

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            hash.update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
        guard done == nil else { return }
        // Bytes not in one piece of memory (a lazy sequence, a chain of pieces) go through a
        // small buffer, so that any length is hashed in constant memory.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { chunk in
            var count = 0
            for byte in bytes {
                chunk[count] = byte
                count += 1
                if count == chunk.count {
                    hash.update(bufferPointer: UnsafeRawBufferPointer(chunk))
                    count = 0
                }
            }
            hash.update(bufferPointer: UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: chunk[..<count])))
        }
    }

    /// Hashes the text's UTF-8 bytes, as `sha256sum` does a file holding it.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update($0) }
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public func finalize() -> String {
        hash.finalize().withUnsafeBytes { Hex.lowercase($0) }
    }

    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash = SHA256()
        hash.update(bytes)
        return hash.finalize()
    }

    public static func hex(_ text: String) -> String {
        var hash = SHA256()
        hash.update(text)
        return hash.finalize()
    }
}
