import CYAML

/// Composes one YAML document from libyaml's event stream, keeping every node's location.
public enum YAMLParser {
    /// Documents with more nodes than this (after expanding aliases) are refused, so that a
    /// hostile file of nested aliases cannot exhaust memory.
    public static let maximumNodeCount = 200_000
    /// Deeper nesting is refused before it can exhaust the stack.
    public static let maximumDepth = 128

    /// Parses `text`, the contents of `file` (used only in locations).
    /// Returns nil for an empty document; a syntax error is one diagnostic.
    public static func parse(_ text: String, file: String) -> Result<YAMLNode?, Diagnostic> {
        var text = text
        return text.withUTF8 { bytes in
            var composer = Composer(file: file)
            composer.end = endLocation(of: bytes, file: file)
            yaml_parser_initialize(&composer.parser)
            defer { yaml_parser_delete(&composer.parser) }
            yaml_parser_set_input_string(&composer.parser, bytes.baseAddress, bytes.count)
            do throws(ComposeError) {
                return .success(try composer.document())
            } catch {
                return .failure(error.diagnostic)
            }
        }
    }

    /// Just past the last character, lines broken as YAML breaks them (LF, CR, CRLF, NEL,
    /// LS, PS), columns counted in Unicode scalars.
    static func endLocation(of bytes: UnsafeBufferPointer<UInt8>, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        var previous: Unicode.Scalar?
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r": break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            default:
                column += 1
            }
            previous = scalar
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

private struct ComposeError: Error {
    var diagnostic: Diagnostic
}

private enum Event {
    case streamStart, streamEnd, documentStart, documentEnd
    case alias(anchor: String)
    case scalar(String, anchor: String?, plain: Bool)
    case sequenceStart(anchor: String?)
    case sequenceEnd
    case mappingStart(anchor: String?)
    case mappingEnd
}

private struct Composer {
    var parser = yaml_parser_t()
    let file: String
    var anchors: [String: (node: YAMLNode, count: Int)] = [:]
    var nodeCount = 0
    /// Just past the last character. libyaml places the end of the stream, and what it finds
    /// there, on the line after the last; it is reported where an editor finds the end.
    var end: SourceLocation?

    func clamped(_ location: SourceLocation) -> SourceLocation {
        guard let end, location.line > end.line else { return location }
        return end
    }

    init(file: String) {
        self.file = file
    }

    mutating func document() throws(ComposeError) -> YAMLNode? {
        guard case .streamStart = try next().event else { return nil }
        let (first, firstAt) = try next()
        if case .streamEnd = first { return nil }
        guard case .documentStart = first else { throw failure(at: firstAt, Message.yamlExpectedDocument) }
        let (event, at) = try next()
        let root = try node(event, at: at, depth: 0).node
        guard case .documentEnd = try next().event else { throw failure(at: at, Message.yamlExpectedEnd) }
        let (after, afterAt) = try next()
        guard case .streamEnd = after else {
            throw failure(at: afterAt, Message.yamlSecondDocument)
        }
        return root
    }

    /// Builds the node that `event` opens; returns it with the number of nodes it holds.
    mutating func node(_ event: Event, at location: SourceLocation, depth: Int) throws(ComposeError) -> (node: YAMLNode, count: Int) {
        guard depth < YAMLParser.maximumDepth else {
            throw failure(at: location, Message.yamlTooDeep(depth: YAMLParser.maximumDepth))
        }
        switch event {
        case .scalar(let text, let anchor, let plain):
            return try register(YAMLNode(.scalar(text, plain: plain), at: location), count: 1, anchor: anchor)
        case .alias(let anchor):
            guard let target = anchors[anchor] else {
                throw failure(at: location, Message.yamlUnknownAlias(anchor: "\(anchor)"))
            }
            try count(target.count, at: location)
            var copy = target.node
            copy.location = location
            return (copy, target.count)
        case .sequenceStart(let anchor):
            var items: [YAMLNode] = []
            var total = 1
            while true {
                let (inner, innerAt) = try next()
                if case .sequenceEnd = inner { break }
                let item = try node(inner, at: innerAt, depth: depth + 1)
                items.append(item.node)
                total += item.count
            }
            return try register(YAMLNode(.sequence(items), at: location), count: total, anchor: anchor)
        case .mappingStart(let anchor):
            var pairs: [YAMLPair] = []
            var total = 1
            while true {
                let (keyEvent, keyAt) = try next()
                if case .mappingEnd = keyEvent { break }
                let key = try node(keyEvent, at: keyAt, depth: depth + 1)
                let (valueEvent, valueAt) = try next()
                let value = try node(valueEvent, at: valueAt, depth: depth + 1)
                pairs.append(YAMLPair(key: key.node, value: value.node))
                total += key.count + value.count
            }
            return try register(YAMLNode(.mapping(pairs), at: location), count: total, anchor: anchor)
        case .streamStart, .streamEnd, .documentStart, .documentEnd, .sequenceEnd, .mappingEnd:
            throw failure(at: location, Message.yamlUnexpectedStructure)
        }
    }

    mutating func register(_ node: YAMLNode, count: Int, anchor: String?) throws(ComposeError) -> (node: YAMLNode, count: Int) {
        try self.count(1, at: node.location)
        if let anchor { anchors[anchor] = (node, count) }
        return (node, count)
    }

    mutating func count(_ added: Int, at location: SourceLocation) throws(ComposeError) {
        nodeCount += added
        if nodeCount > YAMLParser.maximumNodeCount {
            throw failure(at: location, Message.yamlTooManyNodes(count: YAMLParser.maximumNodeCount))
        }
    }

    mutating func next() throws(ComposeError) -> (event: Event, at: SourceLocation) {
        var raw = yaml_event_t()
        guard yaml_parser_parse(&parser, &raw) == 1 else { throw syntaxError() }
        defer { yaml_event_delete(&raw) }
        let at = clamped(SourceLocation(file: file, line: Int(raw.start_mark.line) + 1, column: Int(raw.start_mark.column) + 1))
        let event: Event
        switch raw.type {
        case YAML_STREAM_START_EVENT: event = .streamStart
        case YAML_STREAM_END_EVENT: event = .streamEnd
        case YAML_DOCUMENT_START_EVENT: event = .documentStart
        case YAML_DOCUMENT_END_EVENT: event = .documentEnd
        case YAML_ALIAS_EVENT: event = .alias(anchor: Self.string(raw.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = raw.data.scalar
            let text =
                scalar.value.map { pointer in
                    String(decoding: UnsafeBufferPointer(start: pointer, count: Int(scalar.length)), as: UTF8.self)
                } ?? ""
            event = .scalar(text, anchor: Self.string(scalar.anchor), plain: scalar.style == YAML_PLAIN_SCALAR_STYLE)
        case YAML_SEQUENCE_START_EVENT: event = .sequenceStart(anchor: Self.string(raw.data.sequence_start.anchor))
        case YAML_SEQUENCE_END_EVENT: event = .sequenceEnd
        case YAML_MAPPING_START_EVENT: event = .mappingStart(anchor: Self.string(raw.data.mapping_start.anchor))
        case YAML_MAPPING_END_EVENT: event = .mappingEnd
        default: throw failure(at: at, Message.yamlUnexpectedEvent)
        }
        return (event, at)
    }

    func syntaxError() -> ComposeError {
        let mark = parser.problem_mark
        let at = clamped(SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
        var detail = parser.problem.map { String(cString: $0) } ?? "unreadable input"
        if let context = parser.context.map({ String(cString: $0) }) {
            detail += " (\(context) at line \(parser.context_mark.line + 1))"
        }
        return failure(at: at, Message.yamlSyntax(detail: "\(detail)"))
    }

    func failure(at location: SourceLocation, _ message: Message) -> ComposeError {
        ComposeError(diagnostic: Diagnostic(at: location, message))
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
