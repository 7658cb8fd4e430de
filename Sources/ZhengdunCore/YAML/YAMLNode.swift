/// A node of a YAML document with the place it was written, as the workflow and calendar
/// loaders need it: scalars stay text (no YAML 1.1 guessing turns `09:00` into 540 or `no` into
/// false), mapping pairs stay in file order, duplicate keys included, so that a loader can
/// report them with every other problem.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        /// A scalar's text; `plain` is false when it was quoted or written as a block scalar.
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// `~`, `null` or nothing at all, written plain.
    public var isNull: Bool {
        if case .scalar(let text, plain: true) = content {
            return ["", "~", "null", "Null", "NULL"].contains(text)
        }
        return false
    }

    public var scalar: String? {
        if case .scalar(let text, _) = content, !isNull { return text }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// What kind of node this is, in words for a message.
    public var kindDescription: Message {
        if isNull { return .kindNothing }
        switch content {
        case .scalar(let text, _): return .kindScalar(text: TypedText.excerpt(text))
        case .sequence: return .kindList
        case .mapping: return .kindMapping
        }
    }
}

public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode
}
