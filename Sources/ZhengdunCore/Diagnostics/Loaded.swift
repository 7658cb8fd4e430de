/// A file read successfully, with the warnings found in it.
public struct Loaded<Value: Sendable>: Sendable {
    public var value: Value
    public var warnings: [Diagnostic]

    public init(_ value: Value, warnings: [Diagnostic] = []) {
        self.value = value
        self.warnings = warnings
    }
}

extension SchemaReader {
    /// The value when no error was found, else every diagnostic.
    func finish<Value>(_ value: Value?) throws(InvalidSource) -> Loaded<Value> {
        guard let value, !hasErrors else { throw InvalidSource(diagnostics) }
        return Loaded(value, warnings: diagnostics.sorted { $0.location < $1.location })
    }

    /// Parses YAML text into its root node, reporting a syntax error or an empty file.
    static func root(_ text: String, file: String, expecting what: Message) throws(InvalidSource) -> YAMLNode {
        switch YAMLParser.parse(text, file: file) {
        case .failure(let diagnostic):
            throw InvalidSource([diagnostic])
        case .success(nil):
            throw InvalidSource([Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), .fileEmpty(what: what))])
        case .success(let node?):
            return node
        }
    }
}
