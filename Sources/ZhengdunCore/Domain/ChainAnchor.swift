/// A point of the event log's hash chain kept outside the database (校验点): an event's number
/// and its hash, as the weekly report prints them. The hash of an event covers every event
/// before it, so a log that still holds the anchor's event with the anchor's hash has not been
/// rewritten up to there, even by someone who recomputed the whole chain.
public struct ChainAnchor: Sendable, Hashable, Codable, CustomStringConvertible {
    public var event: Int64
    /// SHA-256, 64 lowercase hexadecimal digits.
    public var hash: String

    public init(event: Int64, hash: String) {
        self.event = event
        self.hash = hash
    }

    /// As printed and typed: `EVENT:HASH`.
    public var description: String { "\(event):\(hash)" }

    /// Reads `EVENT:HASH` strictly: a positive event number without sign or leading zero, and
    /// the whole hash (upper case is taken as lower).
    public static func parse(_ text: String) throws(ParseFailure) -> ChainAnchor {
        let parts = text.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 2, let number = parts.first, let digits = parts.last,
            !number.isEmpty, number.count <= 18, number.first != UInt8(ascii: "0"),
            number.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            digits.count == 64, digits.allSatisfy({ isHexDigit($0) }),
            let event = Int64(String(decoding: number, as: UTF8.self))
        else {
            throw ParseFailure(.notAnAnchor(text: "\(String(text.prefix(80)))"))
        }
        return ChainAnchor(event: event, hash: String(decoding: digits, as: UTF8.self).lowercased())
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
