import Foundation
import Mustache
import ZhengdunCore

/// The mail templates of one language (`workflows/templates/zh-CN/*.mustache`), parsed and
/// checked: every template the notices need is there, parses, and names only fields it is given.
/// A mail's template begins with its subject line, the progress page's with its file name.
public struct NoticeTemplates: Sendable {
    public let language: String
    private let parsed: [String: MustacheTemplate]

    public static let defaultLanguage = "zh-CN"
    public static let languages = ["zh-CN", "en"]

    /// The template files of `language` in `folder` (`…/templates`), checked.
    public static func texts(in folder: String, language: String) throws -> [String: String] {
        var texts: [String: String] = [:]
        for template in TemplateFields.templates {
            let path = "\(folder)/\(language)/\(template.name).mustache"
            if FileManager.default.fileExists(atPath: path) { texts[template.name] = try TextFile.read(path) }
        }
        return texts
    }

    /// Parses and checks `texts` (template name → text); `folder` names them in diagnostics.
    public init(language: String, texts: [String: String], folder: String) throws(InvalidSource) {
        var diagnostics: [Diagnostic] = []
        var parsed: [String: MustacheTemplate] = [:]
        for template in TemplateFields.templates {
            let file = "\(folder)/\(language)/\(template.name).mustache"
            guard let text = texts[template.name] else {
                diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), .templateMissing))
                continue
            }
            var check = TemplateCheck(file: file, fields: template.fields)
            check.check(text)
            diagnostics += check.diagnostics
            do {
                // Plain text escapes nothing; HTML templates escape what they insert.
                let html = TemplateFields.isHTML(template.name)
                parsed[template.name] = try MustacheTemplate(string: (html ? "" : Self.plainText) + text)
            } catch let error as MustacheTemplate.ParserError {
                let shift = TemplateFields.isHTML(template.name) ? 0 : Self.plainText.count
                let column = error.context.columnNumber - (error.context.lineNumber == 1 ? shift : 0)
                diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: error.context.lineNumber, column: max(1, column)),
                                              .templateUnparsable, ["detail": "\(error.error)"]))
            } catch {
                diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), .templateUnparsable, ["detail": "\(error)"]))
            }
            let firstLineEmpty = text.split(separator: "\n", omittingEmptySubsequences: false).first?.allSatisfy(\.isWhitespace) ?? true
            switch template.firstLine {
            case .subject where firstLineEmpty:
                diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), .templateSubjectEmpty))
            case .filename where firstLineEmpty:
                diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), .templateFilenameEmpty))
            default:
                break
            }
        }
        guard diagnostics.isEmpty else { throw InvalidSource(diagnostics) }
        self.language = language
        self.parsed = parsed
    }

    private static let plainText = "{{% CONTENT_TYPE: TEXT}}"

    /// Renders an HTML template.
    func renderHTML(_ name: String, _ values: [String: Any]) -> String {
        parsed[name]!.render(Self.withoutEmptyText(values))
    }

    /// The values with every empty text left out, at every depth: a section over an empty
    /// text is then not shown and an inverted one is, as the templates' README promises (the
    /// Mustache library shows a section for any value present, even an empty string).
    static func withoutEmptyText(_ values: [String: Any]) -> [String: Any] {
        func cleaned(_ value: Any) -> Any? {
            switch value {
            case let text as String: return text.isEmpty ? nil : text
            case let object as [String: Any]: return withoutEmptyText(object)
            case let list as [[String: Any]]: return list.map(withoutEmptyText)
            case let list as [Any]: return list.compactMap(cleaned)
            default: return value
            }
        }
        return values.compactMapValues(cleaned)
    }

    /// Renders a template: the first line (the subject or file name) and the rest.
    func render(_ name: String, _ values: [String: Any]) -> (subject: String, body: String) {
        let text = parsed[name]!.render(Self.withoutEmptyText(values))
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let subject = lines.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        var body = lines.count > 1 ? String(lines[1]) : ""
        while body.hasPrefix("\n") { body.removeFirst() }
        while body.hasSuffix("\n\n") { body.removeLast() }
        return (subject, body)
    }
}
