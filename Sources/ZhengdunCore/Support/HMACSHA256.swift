import Crypto
import Foundation

/// HMAC-SHA256 (RFC 2104, test vectors in RFC 4231): a tag over bytes that only a holder of the
/// key can make, such as a token in a notice's reply address that proves a reply answers that
/// notice. Computed by swift-crypto; the key stays inside the value.
public struct HMACSHA256: Sendable {
    private let key: SymmetricKey

    public init<Key: Sequence>(key: Key) where Key.Element == UInt8 {
        self.key = SymmetricKey(data: Array(key))
    }

    /// The 32-byte tag of `message`.
    public func code<Message: Sequence>(for message: Message) -> [UInt8] where Message.Element == UInt8 {
        var authenticator = HMAC<Crypto.SHA256>(key: key)
        Self.feed(message) { authenticator.update(data: $0) }
        return Array(authenticator.finalize())
    }

    /// The tag of the text's UTF-8 bytes.
    public func code(for text: String) -> [UInt8] {
        code(for: Array(text.utf8))
    }

    /// The tag as 64 lowercase hexadecimal digits.
    public func hex<Message: Sequence>(for message: Message) -> String where Message.Element == UInt8 {
        Hex.lowercase(code(for: message))
    }

    public func hex(for text: String) -> String { hex(for: Array(text.utf8)) }

    /// The tag in base64url without padding (RFC 4648 §5): 43 characters that are safe in a
    /// mail address's local part and in a URL.
    public func base64URL<Message: Sequence>(for message: Message) -> String where Message.Element == UInt8 {
        Self.base64URL(code(for: message))
    }

    public func base64URL(for text: String) -> String { base64URL(for: Array(text.utf8)) }

    /// Whether `code` is the tag of `message`, compared in constant time so that the comparison's
    /// duration does not tell a forger how much of a guess was right. A tag cut short is invalid.
    public func isValid<Code: Sequence, Message: Sequence>(_ code: Code, for message: Message) -> Bool
    where Code.Element == UInt8, Message.Element == UInt8 {
        let code = Array(code)
        guard code.count == SHA256Digest.byteCount else { return false }
        return HMAC<Crypto.SHA256>.isValidAuthenticationCode(code, authenticating: Array(message), using: key)
    }

    /// Bytes in base64url without padding.
    public static func base64URL<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(
            Data(bytes).base64EncodedString().compactMap { character -> Character? in
                switch character {
                case "+": "-"
                case "/": "_"
                case "=": nil
                default: character
                }
            })
    }

    /// Hands `bytes` over as raw memory: in place when they are in one piece, else as a copy.
    private static func feed<Bytes: Sequence>(_ bytes: Bytes, _ body: (UnsafeRawBufferPointer) -> Void) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { body(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes(body) }
    }
}
