/// A command refused or failed, said in one line for a person: what was wrong and where. The
/// command line prints it and exits 1; nothing of the command is kept.
public struct Refusal: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
