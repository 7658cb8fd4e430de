import Foundation
import ZhengdunCore

/// A workflow file read from disk with the working-day calendar it names, which lives in
/// `calendars/NAME.yaml` beside it. Keeps the texts, which a plan stores as its snapshot.
public struct WorkflowFile: Sendable {
    public var path: String
    public var text: String
    public var workflow: Workflow
    public var calendar: WorkingCalendar
    /// The calendar file used and its text; nil when the workflow names no calendar.
    public var calendarFile: (path: String, text: String)?
    /// The mail templates in `templates/` beside the workflow, checked: language → name → text.
    public var templates: [String: [String: String]]
    public var warnings: [Diagnostic]

    public static func calendarFolder(besides path: String) -> String {
        (path as NSString).deletingLastPathComponent.appendingPathComponent("calendars")
    }

    public static func templateFolder(besides path: String) -> String {
        (path as NSString).deletingLastPathComponent.appendingPathComponent("templates")
    }

    /// The templates beside a workflow, every language checked; none when there is no folder.
    static func templates(besides path: String) throws -> (texts: [String: [String: String]], warnings: [Diagnostic]) {
        let folder = templateFolder(besides: path)
        guard FileManager.default.fileExists(atPath: folder) else {
            return ([:], [Diagnostic(.warning, at: SourceLocation(file: path, line: 1, column: 1),
                                     "no mail templates beside the workflow (\(folder)); plans cannot be created from it")])
        }
        var texts: [String: [String: String]] = [:]
        var problems: [Diagnostic] = []
        for language in NoticeTemplates.languages {
            let found = try NoticeTemplates.texts(in: folder, language: language)
            do {
                _ = try NoticeTemplates(language: language, texts: found, folder: folder)
                texts[language] = found
            } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw InvalidSource(problems) }
        return (texts, [])
    }

    /// Reads and validates the workflow, then the calendar it names; every problem in the
    /// first file that has any is reported.
    public static func load(_ path: String) throws -> WorkflowFile {
        let text = try TextFile.read(path)
        let folder = calendarFolder(besides: path)
        let available = Set(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(".yaml".count)) })
        let loaded = try Workflow.load(text, file: path, calendars: available)
        let templates = try templates(besides: path)
        var warnings = loaded.warnings + templates.warnings
        guard let name = loaded.value.calendar else {
            warnings.append(Diagnostic(.warning, at: SourceLocation(file: path, line: 1, column: 1),
                                       "the workflow names no calendar; working days are counted Monday to Friday without holidays"))
            return WorkflowFile(path: path, text: text, workflow: loaded.value, calendar: .mondayToFriday, calendarFile: nil,
                                templates: templates.texts, warnings: warnings)
        }
        let calendarPath = folder.appendingPathComponent(name + ".yaml")
        let calendarText = try TextFile.read(calendarPath)
        let calendar = try WorkingCalendar.load(calendarText, file: calendarPath)
        if calendar.value.name != name {
            warnings.append(Diagnostic(.warning, at: SourceLocation(file: calendarPath, line: 1, column: 1),
                                       "the file declares calendar '\(calendar.value.name)', but the workflow names it '\(name)'"))
        }
        return WorkflowFile(path: path, text: text, workflow: loaded.value, calendar: calendar.value,
                            calendarFile: (calendarPath, calendarText), templates: templates.texts, warnings: warnings + calendar.warnings)
    }
}

extension String {
    public func appendingPathComponent(_ component: String) -> String {
        (self as NSString).appendingPathComponent(component)
    }
}
