/// An error that tells a person what was wrong, in the words of the message catalogue: a
/// refusal, a database that cannot be used, a socket that failed, a file with problems. The
/// command line says it (one line, or a file's diagnostics one per line) and exits 1; the daemon
/// sends its message back over the socket. An error that is not one of these is a fault.
public protocol ExplainedError: Error, Sendable, CustomStringConvertible {
    /// What to tell the person, said in the reader's language where it is read.
    var message: Message { get }
    /// The whole explanation in `language`; a file's problems take a line each.
    func text(in language: Language) -> String
}

extension ExplainedError {
    public func text(in language: Language) -> String { message.text(in: language) }
    public var description: String { message.description }
}

extension ParseFailure: ExplainedError {}
extension InvalidSource: ExplainedError {}
