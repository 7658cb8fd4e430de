import ZhengdunCore

/// What went wrong on the socket, as a message of the catalogue.
public struct SocketError: ExplainedError {
    public var message: Message
    public init(_ key: MessageKey, _ arguments: [String: MessageValue] = [:]) { message = Message(key, arguments) }
}
