import ZhengdunCore

/// What went wrong on the socket, said for a person.
public struct SocketError: ExplainedError {
    /// The failures a side answers in its own way: a write the other side cut short (its
    /// refusal may be waiting to be read) and a frame of another protocol version.
    public enum Kind: Sendable, Equatable {
        case cannotWrite
        case versionNotSpoken(Int)
        case other
    }

    public var kind: Kind
    public var message: Message

    public init(_ message: Message, kind: Kind = .other) {
        self.kind = kind
        self.message = message
    }
}
