/// Reads YAML nodes against a schema and collects every problem instead of stopping at the
/// first, so that a file's author sees all of them at once.
struct SchemaReader {
    private(set) var diagnostics: [Diagnostic] = []

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// An error about a value of the file; the texts it quotes from the file are `Quoted`, cut to
    /// their first characters.
    mutating func error(at location: SourceLocation, _ message: Message) {
        diagnostics.append(Diagnostic(at: location, message))
    }

    mutating func warning(at location: SourceLocation, _ message: Message) {
        diagnostics.append(Diagnostic(.warning, at: location, message))
    }

    mutating func absorb(_ other: [Diagnostic]) {
        diagnostics += other
    }

    /// The pairs of a mapping by key. Reports a node that is not a mapping, keys that are not
    /// words, duplicate keys, keys outside `allowed` and missing `required` keys.
    mutating func fields(_ node: YAMLNode, of what: Message, allowed: [String], required: [String] = []) -> Fields? {
        guard node.mapping != nil else {
            error(at: node.location, .mustBeMapping(what: what, found: node.kindDescription))
            return nil
        }
        var byKey: [String: YAMLPair] = [:]
        for entry in entries(node, of: what) {
            guard allowed.contains(entry.key) else {
                error(
                    at: entry.keyNode.location, .unknownKey(key: Quoted(entry.key), what: what, allowed: .list(allowed.map { .text($0) })))
                continue
            }
            byKey[entry.key] = YAMLPair(key: entry.keyNode, value: entry.value)
        }
        for key in required where byKey[key] == nil {
            error(at: node.location, .missingKey(what: what, key: "\(key)"))
        }
        return Fields(node: node, byKey: byKey)
    }

    /// The entries of a mapping in file order; keys that are not words and duplicate keys are
    /// reported, and the first of each key kept.
    mutating func entries(_ node: YAMLNode, of what: Message) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let pairs = node.mapping else {
            error(at: node.location, .mustBeMapping(what: what, found: node.kindDescription))
            return []
        }
        var seen: [String: SourceLocation] = [:]
        var result: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for pair in pairs {
            guard let key = pair.key.scalar else {
                error(at: pair.key.location, .keyMustBeWord(what: what, found: pair.key.kindDescription))
                continue
            }
            if let first = seen[key] {
                error(
                    at: pair.key.location, .duplicateKey(key: Quoted(key), what: what, line: first.line))
                continue
            }
            seen[key] = pair.key.location
            result.append((key, pair.key, pair.value))
        }
        return result
    }

    mutating func list(_ node: YAMLNode, of what: Message) -> [YAMLNode] {
        if node.isNull { return [] }
        guard let items = node.sequence else {
            error(at: node.location, .mustBeList(what: what, found: node.kindDescription))
            return []
        }
        return items
    }

    /// A text value within `limit` (one line of at most 4,096 characters unless told); `nonEmpty`
    /// refuses blank text. The text is kept as written.
    mutating func text(_ node: YAMLNode?, _ what: Message, nonEmpty: Bool = true, limit: TypedText = .fileValue) -> String? {
        guard let node else { return nil }
        guard node.sequence == nil, node.mapping == nil else {
            error(at: node.location, .mustBeText(what: what, found: node.kindDescription))
            return nil
        }
        let text = node.scalar ?? ""
        do {
            _ = try limit.checked(text, what)
        } catch {
            self.error(at: node.location, error.message)
            return nil
        }
        if nonEmpty && text.allSatisfy(\.isWhitespace) {
            error(at: node.location, .mustNotBeEmpty(what: what))
            return nil
        }
        return text
    }

    mutating func bool(_ node: YAMLNode?, _ what: Message) -> Bool? {
        guard let node else { return nil }
        switch node.scalar {
        case "true": return true
        case "false": return false
        default:
            error(at: node.location, .mustBeBool(what: what, found: node.kindDescription))
            return nil
        }
    }

    mutating func integer(_ node: YAMLNode?, _ what: Message, in range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard let text = node.scalar, let value = Int(text), range.contains(value) else {
            error(
                at: node.location,
                .mustBeWholeNumber(what: what, low: range.lowerBound, high: range.upperBound, found: node.kindDescription))
            return nil
        }
        return value
    }

    /// A value parsed by `parse`, whose thrown message is reported at the node.
    mutating func parsed<T>(_ node: YAMLNode?, _ what: Message, _ parse: (String) throws(ParseFailure) -> T) -> T? {
        guard let node, let text = self.text(node, what) else { return nil }
        do {
            return try parse(text)
        } catch {
            self.error(at: node.location, .fieldProblem(what: what, problem: error.message))
            return nil
        }
    }

    /// A word naming something: ASCII letters, digits, '-' and '_', starting with a letter.
    mutating func identifier(_ node: YAMLNode?, _ what: Message) -> String? {
        guard let node, let text = self.text(node, what) else { return nil }
        guard Identifier.isValid(text) else {
            error(at: node.location, .notAnIdentifier(what: what, text: Quoted(text)))
            return nil
        }
        return text
    }
}

/// The checked pairs of one mapping.
struct Fields {
    let node: YAMLNode
    let byKey: [String: YAMLPair]

    subscript(key: String) -> YAMLNode? { byKey[key]?.value }

    func keyLocation(_ key: String) -> SourceLocation { byKey[key]?.key.location ?? node.location }
}

/// Why a piece of text could not be read as the value it should be.
public struct ParseFailure: Sendable {
    public var message: Message
    public init(_ message: Message) { self.message = message }
}

enum Identifier {
    static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLetter(first) else { return false }
        return text.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
