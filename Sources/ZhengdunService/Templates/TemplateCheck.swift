import Foundation
import ZhengdunCore

/// Checks every name a parsed template uses against the fields it is given, with the rule its
/// renderer follows: the first part of a name is looked up from the innermost section
/// outwards, the rest inside what it found.
struct TemplateCheck {
    let fields: [String: TemplateField]
    private(set) var diagnostics: [Diagnostic] = []

    init(fields: [String: TemplateField]) {
        self.fields = fields
    }

    mutating func check(_ nodes: [MailTemplate.Node]) {
        check(nodes, in: [fields])
    }

    private mutating func check(_ nodes: [MailTemplate.Node], in scopes: [[String: TemplateField]]) {
        for node in nodes {
            switch node {
            case .text:
                continue
            case .name(let name, _):
                _ = resolve(name, in: scopes)
            case .section(let name, let inverted, let children):
                var inner: [String: TemplateField] = [:]
                switch resolve(name, in: scopes) {
                case .list(let fields)?, .object(let fields)?: if !inverted { inner = fields }
                default: break
                }
                check(children, in: scopes + [inner])
            }
        }
    }

    /// What a name refers to, reporting it when it names no field.
    private mutating func resolve(_ name: TemplateName, in scopes: [[String: TemplateField]]) -> TemplateField? {
        guard let first = name.parts.first else { return .text }
        guard var field = scopes.reversed().lazy.compactMap({ $0[first] }).first else {
            diagnostics.append(
                Diagnostic(
                    at: name.location, .templateUnknownField(field: "\(first)", fields: .list(fields.keys.sorted().map { .text($0) }))))
            return nil
        }
        for part in name.parts.dropFirst() {
            guard case .object(let inner) = field, let next = inner[part] else {
                diagnostics.append(Diagnostic(at: name.location, .templateUnknownSubfield(field: "\(name.description)")))
                return nil
            }
            field = next
        }
        return field
    }
}
