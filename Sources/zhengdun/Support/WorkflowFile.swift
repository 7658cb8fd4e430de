import Foundation
import ZhengdunCore

/// A workflow file read from disk with the working-day calendar it names, which lives in
/// `calendars/NAME.yaml` beside it.
struct WorkflowFile {
    var path: String
    var workflow: Workflow
    var calendar: WorkingCalendar
    /// The calendar file used, nil when the workflow names none.
    var calendarPath: String?
    var warnings: [Diagnostic]

    static func calendarFolder(besides path: String) -> String {
        (path as NSString).deletingLastPathComponent.appendingPathComponent("calendars")
    }

    /// Reads and validates the workflow, then the calendar it names; every problem in the
    /// first file that has any is reported.
    static func load(_ path: String) throws -> WorkflowFile {
        let text = try TextFile.read(path)
        let folder = calendarFolder(besides: path)
        let available = Set(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(".yaml".count)) })
        let loaded = try Workflow.load(text, file: path, calendars: available)
        var warnings = loaded.warnings
        guard let name = loaded.value.calendar else {
            warnings.append(Diagnostic(.warning, at: SourceLocation(file: path, line: 1, column: 1),
                                       "the workflow names no calendar; working days are counted Monday to Friday without holidays"))
            return WorkflowFile(path: path, workflow: loaded.value, calendar: .mondayToFriday, calendarPath: nil, warnings: warnings)
        }
        let calendarPath = folder.appendingPathComponent(name + ".yaml")
        let calendar = try WorkingCalendar.load(try TextFile.read(calendarPath), file: calendarPath)
        if calendar.value.name != name {
            warnings.append(Diagnostic(.warning, at: SourceLocation(file: calendarPath, line: 1, column: 1),
                                       "the file declares calendar '\(calendar.value.name)', but the workflow names it '\(name)'"))
        }
        return WorkflowFile(path: path, workflow: loaded.value, calendar: calendar.value, calendarPath: calendarPath,
                            warnings: warnings + calendar.warnings)
    }
}

extension String {
    func appendingPathComponent(_ component: String) -> String {
        (self as NSString).appendingPathComponent(component)
    }
}
