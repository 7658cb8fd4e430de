import Foundation
import ZhengdunCore

/// A workflow file with the working-day calendar it names (`calendars/NAME.yaml` beside it) and
/// the mail templates (`templates/` beside it), read and checked. Keeps the texts, which a plan
/// stores as its snapshot.
public struct WorkflowFile: Sendable {
    public var path: String
    public var text: String
    public var workflow: Workflow
    public var calendar: WorkingCalendar
    /// The calendar file used and its text; nil when the workflow names no calendar.
    public var calendarFile: (path: String, text: String)?
    /// The mail templates beside the workflow, checked: language → name → text.
    public var templates: [String: [String: String]]
    public var warnings: [Diagnostic]

    public static func calendarFolder(besides path: String) -> String {
        (path as NSString).deletingLastPathComponent.appendingPathComponent("calendars")
    }

    public static func templateFolder(besides path: String) -> String {
        (path as NSString).deletingLastPathComponent.appendingPathComponent("templates")
    }

    /// Reads the workflow and what lies beside it from disk, and checks it all; every problem
    /// in the first file that has any is reported.
    public static func load(_ path: String) throws -> WorkflowFile {
        try WorkflowFile(try WorkflowBundle.read(path))
    }

    /// Checks a workflow read elsewhere (by the command line, for the daemon).
    public init(_ bundle: WorkflowBundle) throws {
        path = bundle.path
        text = bundle.text
        let loaded = try Workflow.load(bundle.text, file: bundle.path, calendars: Set(bundle.calendars.keys))
        workflow = loaded.value
        var warnings = loaded.warnings
        let folder = Self.templateFolder(besides: bundle.path)
        if let languages = bundle.templates {
            var problems: [Diagnostic] = []
            for (language, texts) in languages {
                do {
                    _ = try NoticeTemplates(language: language, texts: texts, folder: folder)
                } catch {
                    problems += error.diagnostics
                }
            }
            guard problems.isEmpty else { throw InvalidSource(problems) }
            templates = languages
        } else {
            templates = [:]
            warnings.append(
                Diagnostic(
                    .warning, at: SourceLocation(file: bundle.path, line: 1, column: 1),
                    .noTemplatesBesideWorkflow(folder: "\(folder)")))
        }
        guard let name = workflow.calendar, let calendar = bundle.calendars[name] else {
            warnings.append(
                Diagnostic(
                    .warning, at: SourceLocation(file: bundle.path, line: 1, column: 1),
                    .noCalendarNamed))
            self.calendar = .mondayToFriday
            calendarFile = nil
            self.warnings = warnings
            return
        }
        let loadedCalendar = try WorkingCalendar.load(calendar.text, file: calendar.path)
        if loadedCalendar.value.name != name {
            warnings.append(
                Diagnostic(
                    .warning, at: SourceLocation(file: calendar.path, line: 1, column: 1),
                    .calendarNameMismatch(declared: "\(loadedCalendar.value.name)", named: "\(name)")))
        }
        self.calendar = loadedCalendar.value
        calendarFile = (calendar.path, calendar.text)
        self.warnings = warnings + loadedCalendar.warnings
    }

    /// The texts, to send to the daemon.
    public var bundle: WorkflowBundle {
        var calendars: [String: WorkflowBundle.File] = [:]
        if let name = workflow.calendar, let file = calendarFile { calendars[name] = .init(path: file.path, text: file.text) }
        return WorkflowBundle(path: path, text: text, calendars: calendars, templates: templates.isEmpty ? nil : templates)
    }
}

/// The texts of a workflow and what lies beside it, as read from disk.
public struct WorkflowBundle: Sendable, Codable {
    public struct File: Sendable, Codable {
        public var path: String
        public var text: String
    }

    public var path: String
    public var text: String
    /// The calendars beside the workflow, by name.
    public var calendars: [String: File]
    /// Language → template name → text; nil when there is no templates folder.
    public var templates: [String: [String: String]]?

    public static func read(_ path: String) throws -> WorkflowBundle {
        let text = try TextFile.read(path)
        let folder = WorkflowFile.calendarFolder(besides: path)
        var calendars: [String: File] = [:]
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []) where file.hasSuffix(".yaml") {
            let calendarPath = folder.appendingPathComponent(file)
            calendars[String(file.dropLast(".yaml".count))] = File(path: calendarPath, text: try TextFile.read(calendarPath))
        }
        let templateFolder = WorkflowFile.templateFolder(besides: path)
        var templates: [String: [String: String]]?
        if FileManager.default.fileExists(atPath: templateFolder) {
            templates = [:]
            for language in NoticeTemplates.languages {
                templates?[language] = try NoticeTemplates.texts(in: templateFolder, language: language)
            }
        }
        return WorkflowBundle(path: path, text: text, calendars: calendars, templates: templates)
    }
}

extension String {
    public func appendingPathComponent(_ component: String) -> String {
        (self as NSString).appendingPathComponent(component)
    }
}
