/// A place in a source file: 1-based line and column, columns counted in Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in a file, reported as `file:line:column: message`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var location: SourceLocation
    public var message: Message
    public var severity: Severity

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: Message) {
        self.location = location
        self.message = message
        self.severity = severity
    }

    public init(_ severity: Severity = .error, at location: SourceLocation, _ key: MessageKey, _ arguments: [String: MessageValue] = [:]) {
        self.init(severity, at: location, Message(key, arguments))
    }

    public var description: String { text(in: .en) }

    /// `file:line:column: message` in `language`.
    public func text(in language: Language) -> String {
        Message(severity == .warning ? .diagnosticWarning : .diagnosticError, ["location": "\(location)", "message": .message(message)])
            .text(in: language)
    }
}

/// A file that could not be accepted, with every problem found in it, in file order.
public struct InvalidSource: Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
    }

    public var description: String { text(in: .en) }

    /// Every diagnostic as one message, one per line, to be said on the other side of the socket.
    /// The lines are joined pairwise, halves within halves, so that the message nests as deep as
    /// the logarithm of their number: it crosses the socket as nested JSON, which a reader
    /// refuses past a few hundred levels.
    public var message: Message {
        let lines = diagnostics.map {
            Message(
                $0.severity == .warning ? .diagnosticWarning : .diagnosticError,
                ["location": "\($0.location)", "message": .message($0.message)])
        }
        func joined(_ part: ArraySlice<Message>) -> Message {
            guard part.count > 1 else { return part.first ?? Message(.verbatim, ["text": ""]) }
            let middle = part.startIndex + part.count / 2
            return Message(.linesThen, ["head": .message(joined(part[..<middle])), "tail": .message(joined(part[middle...]))])
        }
        return joined(lines[...])
    }

    /// Every diagnostic, one per line, in `language`.
    public func text(in language: Language) -> String {
        diagnostics.map { $0.text(in: language) }.joined(separator: "\n")
    }
}
