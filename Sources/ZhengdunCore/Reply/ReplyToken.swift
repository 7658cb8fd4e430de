/// The capability a notice's reply address carries (回复地址凭证): the right of one person to
/// acknowledge or report one task, as the task stood when the notice was written. It is the
/// plus-part of the `Reply-To:` address (`zzb+k1a…@town.example.cn`), so that a village
/// secretary acts by answering the mail and nothing else.
///
/// The token is short (28 characters, lowercase base32: mail servers and clients may change the
/// case of a local part, and the whole local part must stay within RFC 5321's 64 octets) and
/// authenticated: the last 10 bytes are HMAC-SHA256 over the rest and the person's id, under a
/// key kept outside the database. The person is not written in the token but bound by the tag:
/// checked against the task's assignee of the moment, a token stops working when the task is
/// reassigned, as it does when its deadline version changes.
public struct ReplyToken: Sendable, Hashable {
    /// What a reply may do with the task.
    public struct Actions: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// 签收.
        public static let acknowledge = Actions(rawValue: 1)
        /// 办结报送.
        public static let submit = Actions(rawValue: 2)
    }

    /// The key the tag was made with (`ReplyKeys`), so that a rotated key still checks the
    /// tokens it made while it is accepted.
    public var key: UInt8
    public var actions: Actions
    public var task: TaskID
    public var deadlineVersion: Int
    public var assignmentVersion: Int

    public init(key: UInt8, actions: Actions, task: TaskID, deadlineVersion: Int, assignmentVersion: Int) {
        self.key = key
        self.actions = actions
        self.task = task
        self.deadlineVersion = deadlineVersion
        self.assignmentVersion = assignmentVersion
    }

    /// The format written in the token's first byte; another is not read.
    static let format: UInt8 = 1
    /// How many bytes of the tag the token keeps: 80 bits, against a forger who can only try
    /// by sending mail.
    static let tagBytes = 10

    /// The token as it goes into an address, tagged for `person` with `secret`.
    public func text(for person: PersonID, secret: [UInt8]) -> String {
        let payload = self.payload
        return Base32.lowercase(payload + Self.tag(payload, person: person, secret: secret))
    }

    /// The token's fields, when `text` is one in our format; whether it is genuine is `isGenuine`.
    public static func read(_ text: some StringProtocol) -> (token: ReplyToken, payload: [UInt8], tag: [UInt8])? {
        guard let bytes = Base32.decode(text), bytes.count > tagBytes + 2, bytes[0] == format else { return nil }
        let payload = Array(bytes.dropLast(tagBytes))
        var reader = VarintReader(payload, from: 3)
        guard let task = reader.next(), let deadline = reader.next(), let assignment = reader.next(), reader.atEnd,
            task > 0, task <= Int64.max, deadline <= Int.max, assignment <= Int.max
        else { return nil }
        let token = ReplyToken(
            key: payload[1], actions: Actions(rawValue: payload[2]), task: TaskID(Int64(task)), deadlineVersion: Int(deadline),
            assignmentVersion: Int(assignment))
        return (token, payload, Array(bytes.suffix(tagBytes)))
    }

    /// Whether `tag` was made for `payload` and `person` with `secret`, compared in constant time.
    public static func isGenuine(payload: [UInt8], tag: [UInt8], person: PersonID, secret: [UInt8]) -> Bool {
        let expected = Self.tag(payload, person: person, secret: secret)
        guard tag.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(tag, expected) { difference |= a ^ b }
        return difference == 0
    }

    private var payload: [UInt8] {
        var bytes: [UInt8] = [Self.format, key, actions.rawValue]
        for value in [UInt64(task.rawValue), UInt64(deadlineVersion), UInt64(assignmentVersion)] { Varint.append(value, to: &bytes) }
        return bytes
    }

    private static func tag(_ payload: [UInt8], person: PersonID, secret: [UInt8]) -> [UInt8] {
        // The purpose first, so that a tag made here is never valid for anything else the key
        // might one day sign.
        let message = Array("zhengdun reply\u{0}".utf8) + payload + Array("\u{0}\(person.rawValue)".utf8)
        return Array(HMACSHA256(key: secret).code(for: message).prefix(tagBytes))
    }
}

/// Unsigned LEB128, for the token's numbers.
enum Varint {
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        repeat {
            let low = UInt8(value & 0x7F)
            value >>= 7
            bytes.append(value == 0 ? low : low | 0x80)
        } while value != 0
    }
}

struct VarintReader {
    private let bytes: [UInt8]
    private var index: Int

    init(_ bytes: [UInt8], from index: Int) {
        self.bytes = bytes
        self.index = index
    }

    var atEnd: Bool { index == bytes.count }

    /// The next number, or nil when the bytes end inside one or it runs past 63 bits.
    mutating func next() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard shift < 63 else { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}

/// RFC 4648 base32 in lowercase without padding: letters and the digits 2–7 only, the same
/// whatever a mail system does to their case.
enum Base32 {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    static func lowercase(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int(buffer >> UInt32(bits) & 31)])
            }
        }
        if bits > 0 { out.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text`, in either case; nil for any other character or a length no
    /// encoding gives.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        guard text.utf8.count <= 200, ![1, 3, 6].contains(text.utf8.count % 8) else { return nil }
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.utf8 {
            let value: UInt32
            switch character {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(character - UInt8(ascii: "a"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(character - UInt8(ascii: "A"))
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = UInt32(character - UInt8(ascii: "2")) + 26
            default: return nil
            }
            buffer = (buffer << 5 | value) & 0xFFFF
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(buffer >> UInt32(bits) & 0xFF))
            }
        }
        // The bits left over must be the zeros an encoder writes: otherwise two texts would
        // read as the same bytes, and a token changed in its last character would still pass.
        guard buffer & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
    }
}
