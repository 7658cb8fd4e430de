import Foundation
import ZhengdunCore

/// A mail template: the part of Mustache (https://mustache.github.io/mustache.5.html) that
/// zhengdun's templates use, parsed once and rendered for every notice. Text; names
/// (`{{name}}`, dotted `{{task.title}}`, `{{.}}`), escaped for HTML in an HTML template and
/// inserted as they are with `{{{name}}}` or `{{&name}}` or in a plain-text one; sections
/// `{{#name}}…{{/name}}` and inverted sections `{{^name}}…{{/name}}`; comments `{{! … }}`. A
/// section, inverted section, closing tag or comment alone on its line takes the line with it,
/// as the Mustache specification has it, so that templates can be laid out a tag per line.
///
/// Names are looked up as Mustache looks them up: the first part from the innermost section
/// outwards, the rest inside what it found. A section is shown for true, a non-empty text, an
/// object (once, inside it) and each item of a list; not for false, an empty text, an empty
/// list or a missing name, which show an inverted section instead.
struct MailTemplate: Sendable {
    indirect enum Node: Sendable {
        /// Text as it stands, in UTF-8: a template is rendered into bytes, which is several
        /// times quicker than appending to a String piece by piece.
        case text([UInt8])
        case name(TemplateName, escaped: Bool)
        case section(TemplateName, inverted: Bool, [Node])
    }

    let nodes: [Node]
    let escapesHTML: Bool
    /// The bytes of text the template holds itself: room to reserve for what it renders.
    private let textSize: Int

    /// Parses `text`; what is wrong with it, each at its line and column in `file`, is added to
    /// `diagnostics`, and a template with any is not to be rendered.
    init(_ text: String, file: String, escapesHTML: Bool, diagnostics: inout [Diagnostic]) {
        self.escapesHTML = escapesHTML
        var parser = TemplateParser(text: text, file: file)
        nodes = parser.parse()
        textSize = Self.textSize(of: nodes)
        diagnostics += parser.diagnostics
    }

    private static func textSize(of nodes: [Node]) -> Int {
        nodes.reduce(0) { size, node in
            switch node {
            case .text(let text): return size + text.count
            case .name: return size
            case .section(_, _, let children): return size + textSize(of: children)
            }
        }
    }

    /// The template filled with `values`.
    func render(_ values: TemplateObject) -> String {
        String(decoding: renderBytes(values), as: UTF8.self)
    }

    /// The template filled with `values`, in UTF-8; with `firstLineOnly`, only as far as the
    /// first line break (a subject), the rest left unwritten.
    func renderBytes(_ values: TemplateObject, firstLineOnly: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(firstLineOnly ? 256 : textSize + textSize / 2 + 64)
        var stack = [TemplateValue.object(values)]
        render(nodes, &stack, into: &output, firstLineOnly: firstLineOnly)
        return output
    }

    /// Writes `nodes`; true when it stopped at the first line break, as `firstLineOnly` asks.
    @discardableResult
    private func render(_ nodes: [Node], _ stack: inout [TemplateValue], into output: inout [UInt8], firstLineOnly: Bool) -> Bool {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
                if firstLineOnly && text.contains(0x0A) { return true }
            case .name(let name, let escaped):
                guard let value = Self.lookUp(name, in: stack) else { continue }
                var text = value.text
                if escaped && escapesHTML { text = Self.escapingHTML(text) }
                text.withUTF8 { output += $0 }
                if firstLineOnly && text.utf8.contains(0x0A) { return true }
            case .section(let name, let inverted, let children):
                let value = Self.lookUp(name, in: stack)
                guard !inverted else {
                    if !(value?.isShown ?? false), render(children, &stack, into: &output, firstLineOnly: firstLineOnly) { return true }
                    continue
                }
                switch value {
                case .flag(true)?:
                    if render(children, &stack, into: &output, firstLineOnly: firstLineOnly) { return true }
                case .list(let items)?:
                    for item in items {
                        stack.append(item)
                        defer { stack.removeLast() }
                        if render(children, &stack, into: &output, firstLineOnly: firstLineOnly) { return true }
                    }
                case let value? where value.isShown:
                    stack.append(value)
                    defer { stack.removeLast() }
                    if render(children, &stack, into: &output, firstLineOnly: firstLineOnly) { return true }
                default:
                    break
                }
            }
        }
        return false
    }

    static func lookUp(_ name: TemplateName, in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        for scope in stack.reversed() {
            if case .object(let fields) = scope, let value = fields[first] {
                found = value
                break
            }
        }
        for part in name.parts.dropFirst() {
            guard case .object(let fields)? = found else { return nil }
            found = fields[part]
        }
        return found
    }

    /// `& < > " '` as entities, the five characters that matter in text and attribute values.
    static func escapingHTML(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

/// A value a template is filled with: a text, a flag, an object of named values or a list.
enum TemplateValue: Sendable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral, ExpressibleByStringInterpolation,
    ExpressibleByBooleanLiteral
{
    case text(String)
    case flag(Bool)
    case object(TemplateObject)
    case list([TemplateValue])

    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(fields: elements))
    }

    init(arrayLiteral elements: TemplateValue...) {
        self = .list(elements)
    }

    init(stringLiteral value: String) {
        self = .text(value)
    }

    init(stringInterpolation: DefaultStringInterpolation) {
        self = .text(String(stringInterpolation: stringInterpolation))
    }

    init(booleanLiteral value: Bool) {
        self = .flag(value)
    }

    /// Whether a section over the value is shown.
    var isShown: Bool {
        switch self {
        case .text(let text): return !text.isEmpty
        case .flag(let flag): return flag
        case .object: return true
        case .list(let items): return !items.isEmpty
        }
    }

    /// The value where a name stands.
    var text: String {
        switch self {
        case .text(let text): return text
        case .flag(let flag): return String(flag)
        case .object, .list: return ""
        }
    }
}

/// Named values, as a template's object holds them: a dozen or so short names, found by
/// comparing them in turn, which for so few is quicker than hashing each name (a pass fills
/// thousands of objects, and a template looks up every name it shows). A name set again
/// replaces its value.
struct TemplateObject: Sendable, ExpressibleByDictionaryLiteral {
    /// A named value. (A struct, not a tuple: an array of tuples is freed element by element
    /// through the runtime's generic tuple code, and a pass frees thousands of objects.)
    private struct Field: Sendable {
        let name: String
        var value: TemplateValue
    }

    private var fields: [Field] = []

    /// The values under their names, which are distinct.
    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(fields: elements)
    }

    init(fields: [(String, TemplateValue)]) {
        self.fields = fields.map { Field(name: $0.0, value: $0.1) }
    }

    /// Adds `other`'s fields, whose names this object does not have yet.
    mutating func add(_ other: TemplateObject) {
        assert(!other.fields.contains { field in fields.contains { $0.name == field.name } }, "a name added twice")
        fields += other.fields
    }

    subscript(name: String) -> TemplateValue? {
        get {
            // Names of another length are passed over without comparing them: most are.
            let length = name.utf8.count
            for index in fields.indices where fields[index].name.utf8.count == length && fields[index].name == name {
                return fields[index].value
            }
            return nil
        }
        set {
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append(Field(name: name, value: newValue))
            }
        }
    }
}

/// A name in a tag: `.` (no parts, the current value), `name` or `task.title`, and where it stands.
struct TemplateName: Sendable {
    var parts: [String]
    var location: SourceLocation

    var description: String { parts.isEmpty ? "." : parts.joined(separator: ".") }
}

/// Reads a template's tags into nodes, reporting each mistake at its line and column.
struct TemplateParser {
    private enum Tag {
        case name(String, escaped: Bool)
        case open(String, inverted: Bool)
        case close(String)
        case comment
        case unsupported(String)

        /// Whether the tag takes its line with it when it stands alone on it.
        var standsAlone: Bool {
            switch self {
            case .name: return false
            case .open, .close, .comment, .unsupported: return true
            }
        }
    }

    private enum Token {
        case text(Range<String.Index>)
        case tag(Tag, SourceLocation)
    }

    let text: String
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(text: String, file: String) {
        self.text = text
        self.file = file
    }

    mutating func parse() -> [MailTemplate.Node] {
        var tokens = tokenize()
        trimStandaloneLines(&tokens)
        var open: [(name: TemplateName, inverted: Bool, nodes: [MailTemplate.Node])] = []
        var nodes: [MailTemplate.Node] = []
        for token in tokens {
            switch token {
            case .text(let range):
                if !range.isEmpty { nodes.append(.text(Array(text.utf8[range]))) }
            case .tag(let tag, let location):
                switch tag {
                case .comment:
                    continue
                case .unsupported(let sigil):
                    error(at: location, .templateUnsupported(tag: "{{\(sigil)…}}"))
                case .name(let name, let escaped):
                    if let name = self.name(name, at: location) { nodes.append(.name(name, escaped: escaped)) }
                case .open(let name, let inverted):
                    open.append((self.name(name, at: location) ?? TemplateName(parts: [name], location: location), inverted, nodes))
                    nodes = []
                case .close(let name):
                    guard let section = open.popLast() else {
                        error(at: location, .templateClosesNothing(tag: "{{/\(name)}}"))
                        continue
                    }
                    if section.name.description != name {
                        error(
                            at: location,
                            .templateClosesOther(
                                tag: "{{/\(name)}}", other: "{{\(section.inverted ? "^" : "#")\(section.name.description)}}",
                                line: section.name.location.line))
                    }
                    nodes = section.nodes + [.section(section.name, inverted: section.inverted, nodes)]
                }
            }
        }
        for section in open {
            error(at: section.name.location, .templateUnclosed(name: "\(section.name.description)"))
        }
        // Closed where the template ends, so that the names inside are still checked.
        for section in open.reversed() {
            nodes = section.nodes + [.section(section.name, inverted: section.inverted, nodes)]
        }
        return nodes
    }

    private mutating func name(_ text: String, at location: SourceLocation) -> TemplateName? {
        if text == "." { return TemplateName(parts: [], location: location) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, !parts.contains(where: \.isEmpty) else {
            error(at: location, .templateEmptyTag)
            return nil
        }
        return TemplateName(parts: parts, location: location)
    }

    /// Text and tags in order, each tag with its line and column.
    private mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        var line = 1
        var column = 1
        var index = text.startIndex
        func advance(to end: String.Index) {
            for character in text[index..<end] {
                if character == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            index = end
        }
        while let start = find("{{", from: index) {
            tokens.append(.text(index..<start.lowerBound))
            advance(to: start.lowerBound)
            let location = SourceLocation(file: file, line: line, column: column)
            let triple = text.utf8[start.upperBound...].first == UInt8(ascii: "{")
            guard let end = find(triple ? "}}}" : "}}", from: start.upperBound) else {
                error(at: location, .templateUnclosedTag)
                return tokens
            }
            var body = text[start.upperBound..<end.lowerBound]
            if triple { body.removeFirst() }
            advance(to: end.upperBound)
            let sigil = triple ? "&" : body.first.map(String.init) ?? ""
            let known = ["#", "^", "/", "&", "!", ">", "<", "$", "=", "%"].contains(sigil)
            let name = (known && !triple ? body.dropFirst() : body).trimmingCharacters(in: .whitespaces)
            let tag: Tag
            switch sigil {
            case "!": tag = .comment
            case "#": tag = .open(name, inverted: false)
            case "^": tag = .open(name, inverted: true)
            case "/": tag = .close(name)
            case "&": tag = .name(name, escaped: false)
            case ">", "<", "$", "=", "%": tag = .unsupported(sigil)
            default: tag = .name(name, escaped: true)
            }
            tokens.append(.tag(tag, location))
        }
        tokens.append(.text(index..<text.endIndex))
        return tokens
    }

    /// Where `marker` (ASCII braces) first stands in the text from `start` on, found byte by byte.
    private func find(_ marker: StaticString, from start: String.Index) -> Range<String.Index>? {
        let bytes = text.utf8
        let first = marker.utf8Start.pointee
        var index = start
        while let found = bytes[index...].firstIndex(of: first) {
            var end = found
            var matched = 0
            while matched < marker.utf8CodeUnitCount, end < bytes.endIndex, bytes[end] == marker.utf8Start[matched] {
                matched += 1
                bytes.formIndex(after: &end)
            }
            if matched == marker.utf8CodeUnitCount { return found..<end }
            index = bytes.index(after: found)
        }
        return nil
    }

    /// Removes the line of every tag that stands alone on it: the blanks before the tag and the
    /// blanks and line break after it. Which tags stand alone is decided on the text as written.
    private func trimStandaloneLines(_ tokens: inout [Token]) {
        func isBlank(_ character: Character) -> Bool { character == " " || character == "\t" }
        var alone: [Int] = []
        for (position, token) in tokens.enumerated() {
            guard case .tag(let tag, _) = token, tag.standsAlone,
                position > 0, case .text(let before) = tokens[position - 1],
                position + 1 < tokens.count, case .text(let after) = tokens[position + 1]
            else { continue }
            let lineStart = text[before].lastIndex(of: "\n").map { text.index(after: $0) }
            // The tag's line starts in the text before it, or that text is the template's start.
            guard lineStart != nil || position == 1 else { continue }
            guard text[(lineStart ?? before.lowerBound)..<before.upperBound].allSatisfy(isBlank) else { continue }
            let rest = text[after]
            let lineEnd = rest.firstIndex(of: "\n")
            // The tag's line ends in the text after it, or that text is the template's end.
            guard lineEnd != nil || position + 2 == tokens.count else { continue }
            guard rest[rest.startIndex..<(lineEnd ?? rest.endIndex)].allSatisfy(isBlank) else { continue }
            alone.append(position)
        }
        for position in alone {
            guard case .text(let before) = tokens[position - 1], case .text(let after) = tokens[position + 1] else { continue }
            let lineStart = text[before].lastIndex(of: "\n").map { text.index(after: $0) } ?? before.lowerBound
            tokens[position - 1] = .text(before.lowerBound..<max(lineStart, before.lowerBound))
            let lineEnd = text[after].firstIndex(of: "\n").map { text.index(after: $0) } ?? after.upperBound
            tokens[position + 1] = .text(min(lineEnd, after.upperBound)..<after.upperBound)
        }
    }

    private mutating func error(at location: SourceLocation, _ message: Message) {
        diagnostics.append(Diagnostic(at: location, message))
    }
}
