import ZhengdunCore

/// A command refused or failed, said in one line for a person: what was wrong and where. The
/// command line prints it and exits 1; nothing of the command is kept.
public struct Refusal: ExplainedError {
    public var message: Message

    public init(_ message: Message) {
        self.message = message
    }

}
