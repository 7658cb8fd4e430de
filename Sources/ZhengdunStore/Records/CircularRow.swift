import Foundation
import GRDB
import ZhengdunCore

/// A circular (通报) as issued: its number within its year, its 文号 and title, whom it went
/// to, and the document itself (JSON) with its SHA-256, so that a printed copy can be checked
/// against what was sent.
public struct CircularRow: Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "circular"

    public var id: Int64?
    public var year: Int
    public var number: Int
    public var documentNumber: String
    public var title: String
    public var issuedAt: Date
    public var noticeKey: String
    /// The people it was mailed to, as a JSON list of ids.
    public var recipients: [PersonID]
    public var content: String
    public var contentSHA256: String

    public init(
        year: Int, number: Int, documentNumber: String, title: String, issuedAt: Date, noticeKey: String, recipients: [PersonID],
        content: String
    ) {
        self.year = year
        self.number = number
        self.documentNumber = documentNumber
        self.title = title
        self.issuedAt = issuedAt
        self.noticeKey = noticeKey
        self.recipients = recipients
        self.content = content
        contentSHA256 = SHA256.hex(content)
    }

    public init(row: Row) {
        id = row["id"]
        year = row["year"]
        number = row["number"]
        documentNumber = row["document_number"]
        title = row["title"]
        issuedAt = Millis.date(row["issued_at"])
        noticeKey = row["notice_key"]
        let list: String = row["recipients"]
        recipients = ((try? JSONDecoder().decode([String].self, from: Data(list.utf8))) ?? []).map { PersonID($0) }
        content = row["content"]
        contentSHA256 = row["content_sha256"]
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["year"] = year
        container["number"] = number
        container["document_number"] = documentNumber
        container["title"] = title
        container["issued_at"] = Millis.from(issuedAt)
        container["notice_key"] = noticeKey
        container["recipients"] = JSONText.encode(recipients.map(\.rawValue))
        container["content"] = content
        container["content_sha256"] = contentSHA256
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
