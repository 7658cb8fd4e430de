import Foundation
import ZhengdunCore

/// A file handed in with a submission, stored once under its SHA-256.
public struct EvidenceRow: Sendable, Hashable {
    public static let databaseTableName = "evidence"

    public var sha256: String
    public var bytes: Int
    public var content: Data

    public init(content: Data) {
        sha256 = SHA256.hex(content)
        bytes = content.count
        self.content = content
    }
}
