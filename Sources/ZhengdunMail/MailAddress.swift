/// An email address with an optional display name (`李四 <lisi@town.example.cn>`). Nothing a
/// person typed can break out of a header: control characters are refused, and a display name
/// is written as an RFC 2047 encoded-word whenever it is not plain ASCII text.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public let name: String?
    public let address: String
    /// The address as a header value, encoded once.
    public let header: String
    /// The part after the `@`, which names the sender's site in Message-IDs and other ids.
    public let domain: String

    public init(name: String? = nil, address: String) throws(MailError) {
        guard Self.isValid(address) else { throw MailError("'\(address)' is not an email address") }
        if let name, name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw MailError("a display name cannot contain control characters")
        }
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
        self.address = address
        header = self.name.map { "\(EncodedWord.phrase($0)) <\(address)>" } ?? address
        domain = String(address[address.index(after: address.lastIndex(of: "@")!)...])
    }

    /// Reads `Name <addr>` or a bare `addr`.
    public static func parse(_ text: String) throws(MailError) -> MailAddress {
        let trimmed = text.trimmingSpaces
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let name = String(trimmed[..<open]).trimmingSpaces.trimmingQuotes
            return try MailAddress(
                name: name, address: String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]))
        }
        return try MailAddress(address: trimmed)
    }

    /// `local@domain`: printable ASCII, no spaces, brackets or quotes, a dot in the domain.
    public static func isValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            address.utf8.count <= 254
        else { return false }
        return address.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0) }
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}

/// A message that cannot be built or sent, said for a person.
public struct MailError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// Whether no later try can succeed (a chat robot that refuses the post for what it is): the
    /// outbox gives the message up at once instead of trying it again.
    public var permanent: Bool

    public init(_ description: String, permanent: Bool = false) {
        self.description = description
        self.permanent = permanent
    }
}

extension String {
    var trimmingSpaces: String {
        let isSpace = { (character: Character) in character == " " || character == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }

    var trimmingQuotes: String {
        hasPrefix("\"") && hasSuffix("\"") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
