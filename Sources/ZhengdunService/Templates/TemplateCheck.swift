import Foundation
import ZhengdunCore

/// Reads a template's tags and checks every name against the fields it may use, with Mustache's
/// own rule for names: the first part of a name is looked up from the innermost section
/// outwards, the rest inside what it found.
struct TemplateCheck {
    let file: String
    let fields: [String: TemplateField]
    var diagnostics: [Diagnostic] = []

    init(file: String, fields: [String: TemplateField]) {
        self.file = file
        self.fields = fields
    }

    mutating func check(_ text: String) {
        var scopes: [[String: TemplateField]] = [fields]
        var open: [(name: String, location: SourceLocation)] = []
        var line = 1
        var column = 1
        var index = text.startIndex
        func advance(to end: String.Index) {
            for character in text[index..<end] {
                if character == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            index = end
        }
        while let start = text[index...].range(of: "{{") {
            advance(to: start.lowerBound)
            let location = SourceLocation(file: file, line: line, column: column)
            let triple = text[start.upperBound...].hasPrefix("{")
            let closing = triple ? "}}}" : "}}"
            guard let end = text[start.upperBound...].range(of: closing) else {
                error(at: location, .templateUnclosedTag)
                return
            }
            var tag = String(text[start.upperBound..<end.lowerBound])
            if triple { tag.removeFirst() }
            advance(to: end.upperBound)
            let sigil = tag.first.map(String.init) ?? ""
            let name = (["#", "^", "/", "&", "!", ">", "<", "$", "=", "%"].contains(sigil) ? String(tag.dropFirst()) : tag).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "!":
                continue
            case ">", "<", "$", "=", "%":
                error(at: location, .templateUnsupported, ["tag": "{{\(sigil)…}}"])
            case "#", "^":
                guard let field = resolve(name, in: scopes, at: location) else {
                    scopes.append([:])
                    open.append((name, location))
                    continue
                }
                switch field {
                case .list(let inner), .object(let inner): scopes.append(sigil == "#" ? inner : [:])
                case .flag, .text: scopes.append([:])
                }
                open.append((name, location))
            case "/":
                guard let last = open.popLast() else {
                    error(at: location, .templateClosesNothing, ["tag": "{{/\(name)}}"])
                    continue
                }
                if last.name != name {
                    error(at: location, .templateClosesOther, ["tag": "{{/\(name)}}", "other": "{{#\(last.name)}}", "line": .number(last.location.line)])
                }
                scopes.removeLast()
            default:
                _ = resolve(name, in: scopes, at: location)
            }
        }
        for section in open {
            error(at: section.location, .templateUnclosed, ["name": "\(section.name)"])
        }
    }

    /// What a name refers to, reporting it when it names no field.
    private mutating func resolve(_ name: String, in scopes: [[String: TemplateField]], at location: SourceLocation) -> TemplateField? {
        if name == "." { return .text }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else {
            error(at: location, .templateEmptyTag)
            return nil
        }
        guard var field = scopes.reversed().lazy.compactMap({ $0[first] }).first else {
            error(at: location, .templateUnknownField, ["field": "\(first)", "fields": .list(fields.keys.sorted().map { .text($0) })])
            return nil
        }
        for part in parts.dropFirst() {
            guard case .object(let inner) = field, let next = inner[part] else {
                error(at: location, .templateUnknownSubfield, ["field": "\(name)"])
                return nil
            }
            field = next
        }
        return field
    }

    private mutating func error(at location: SourceLocation, _ key: MessageKey, _ arguments: [String: MessageValue] = [:]) {
        diagnostics.append(Diagnostic(at: location, key, arguments))
    }
}
