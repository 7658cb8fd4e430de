import Foundation
import ZhengdunCore

/// The mail templates of one language (`workflows/templates/zh-CN/*.mustache`), parsed and
/// checked: every template the notices need is there, parses, and names only fields it is given.
/// A mail's template begins with its subject line, the progress page's with its file name.
public struct NoticeTemplates: Sendable {
    public let language: String
    private let parsed: [String: MailTemplate]

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
        var parsed: [String: MailTemplate] = [:]
        for template in TemplateFields.templates {
            let file = "\(folder)/\(language)/\(template.name).mustache"
            guard let written = texts[template.name] else {
                diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), .templateMissing))
                continue
            }
            // A template saved by a Windows editor ends its lines in CR LF; it is read as if it
            // ended them in LF, so that lines are counted, standalone tags take their line and a
            // subject carries no stray carriage return. (In Swift "\r\n" is one Character.)
            let text = written.replacingOccurrences(of: "\r\n", with: "\n")
            // Plain text escapes nothing; HTML templates escape what they insert.
            let parsedTemplate = MailTemplate(
                text, file: file, escapesHTML: TemplateFields.isHTML(template.name), diagnostics: &diagnostics)
            var check = TemplateCheck(fields: template.fields)
            check.check(parsedTemplate.nodes)
            diagnostics += check.diagnostics
            parsed[template.name] = parsedTemplate
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

    /// Renders an HTML template.
    func renderHTML(_ name: String, _ values: TemplateObject) -> String {
        parsed[name]!.render(values)
    }

    /// Renders a template: the first line (the subject or file name) and the rest.
    func render(_ name: String, _ values: TemplateObject) -> (subject: String, body: String) {
        // Cut in the rendered bytes: line breaks, spaces and tabs are ASCII, which no other
        // character's UTF-8 contains, and a pass renders thousands.
        parsed[name]!.renderBytes(values).withUnsafeBufferPointer { text in
            let lineEnd = text.firstIndex(of: 0x0A) ?? text.count
            // The body without the blank lines that begin it, and ending in at most one line break.
            var bodyStart = lineEnd
            while bodyStart < text.count, text[bodyStart] == 0x0A { bodyStart += 1 }
            var bodyEnd = text.count
            while bodyEnd - bodyStart >= 2, text[bodyEnd - 1] == 0x0A, text[bodyEnd - 2] == 0x0A { bodyEnd -= 1 }
            return (Self.firstLine(of: text), String(decoding: UnsafeBufferPointer(rebasing: text[bodyStart..<bodyEnd]), as: UTF8.self))
        }
    }

    /// A template's first line alone (a notice's subject), rendered no further than that: what
    /// `render` gives as `subject`.
    func subject(_ name: String, _ values: TemplateObject) -> String {
        parsed[name]!.renderBytes(values, firstLineOnly: true).withUnsafeBufferPointer(Self.firstLine)
    }

    /// The first line of rendered bytes, without the spaces and tabs around it.
    private static func firstLine(of text: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0
        var end = text.firstIndex(of: 0x0A) ?? text.count
        while start < end, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        while start < end, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
    }
}
