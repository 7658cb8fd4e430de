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

    public var description: String { text(in: .en) }

    /// `file:line:column: message` in `language`.
    public func text(in language: Language) -> String {
        line.text(in: language)
    }

    /// `file:line:column: message`, or `…: warning: message`.
    var line: Message {
        severity == .warning
            ? .diagnosticWarning(location: "\(location)", message: message) : .diagnosticError(location: "\(location)", message: message)
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
    public var message: Message {
        let lines = diagnostics.map(\.line)
        return Message(english: lines.map(\.english).joined(separator: "\n"), chinese: lines.map(\.chinese).joined(separator: "\n"))
    }

    /// Every diagnostic, one per line, in `language`.
    public func text(in language: Language) -> String {
        diagnostics.map { $0.text(in: language) }.joined(separator: "\n")
    }
}
