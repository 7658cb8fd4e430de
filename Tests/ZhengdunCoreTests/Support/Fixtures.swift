import Foundation
import ZhengdunCore

/// Files the tests read: small fixtures beside them, and the shipped workflow and calendar.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let repository = folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    static func files(in relative: String) throws -> [URL] {
        let dir = folder.appendingPathComponent(relative)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { dir.appendingPathComponent($0) }
    }

    static let shippedWorkflowPath = repository.appendingPathComponent("workflows/village-branch-rectification.yaml")
    static let shippedCalendarPath = repository.appendingPathComponent("workflows/calendars/cn.yaml")

    static func shippedWorkflow() throws -> Workflow {
        try Workflow.load(try text(shippedWorkflowPath), file: shippedWorkflowPath.path).value
    }

    static func chineseCalendar() throws -> WorkingCalendar {
        try WorkingCalendar.load(try text(shippedCalendarPath), file: shippedCalendarPath.path).value
    }

    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func timeline() throws -> Timeline {
        Timeline(calendar: try chineseCalendar(), zone: shanghai)
    }

    /// The `# expect: LINE:COLUMN: MESSAGE` lines a broken fixture starts with.
    static func expectations(in text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("# expect: ") }.map { String($0.dropFirst("# expect: ".count)) }
    }
}

func date(_ text: String) -> LocalDate {
    try! LocalDate.parse(text)
}

func time(_ text: String) -> LocalTime {
    try! LocalTime.parse(text)
}
