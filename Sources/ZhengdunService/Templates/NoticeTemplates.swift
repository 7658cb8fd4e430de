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
            let parsedTemplate = MailTemplate(text, file: file, escapesHTML: TemplateFields.isHTML(template.name), diagnostics: &diagnostics)
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
        let text = parsed[name]!.render(values)
        // Read by bytes: line breaks, spaces and tabs are ASCII, and a pass renders thousands.
        let bytes = text.utf8
        let lineEnd = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        var subjectStart = bytes.startIndex
        var subjectEnd = lineEnd
        while subjectStart < subjectEnd, bytes[subjectStart] == 0x20 || bytes[subjectStart] == 0x09 { bytes.formIndex(after: &subjectStart) }
        while subjectStart < subjectEnd, bytes[bytes.index(before: subjectEnd)] == 0x20 || bytes[bytes.index(before: subjectEnd)] == 0x09 {
            bytes.formIndex(before: &subjectEnd)
        }
        // The body without the blank lines that begin it, and ending in at most one line break.
        var bodyStart = lineEnd
        while bodyStart < bytes.endIndex, bytes[bodyStart] == 0x0A { bytes.formIndex(after: &bodyStart) }
        var bodyEnd = bytes.endIndex
        while bytes.distance(from: bodyStart, to: bodyEnd) >= 2, bytes[bytes.index(bodyEnd, offsetBy: -1)] == 0x0A,
              bytes[bytes.index(bodyEnd, offsetBy: -2)] == 0x0A {
            bytes.formIndex(before: &bodyEnd)
        }
        return (String(text[subjectStart..<subjectEnd]), String(text[bodyStart..<bodyEnd]))
    }
}
