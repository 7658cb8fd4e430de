import Foundation
import ZhengdunCore
import ZhengdunStore

/// Everything a workflows folder holds (its workflows, `calendars/` and `templates/`), read and
/// checked together: the daemon stores it at start and reload, `doctor` checks it.
public struct DeploymentFolder: Sendable {
    public let path: String
    /// The keys of the workflows found.
    public let workflows: [String]
    /// Calendars by name, with their text as read.
    public let calendars: [String: (text: String, calendar: WorkingCalendar)]
    /// Template texts by language, then by name.
    public let templates: [String: [String: String]]

    public var languages: [String] { templates.keys.sorted() }

    /// Reads and checks every file; every problem is reported at once, and a folder with any
    /// problem, or without a workflow, is refused.
    public static func read(_ path: String) throws -> DeploymentFolder {
        guard FileManager.default.fileExists(atPath: path) else { throw Refusal(.workflowsFolderMissing(path: "\(path)")) }
        var problems: [Diagnostic] = []
        var workflows: [String] = []
        var calendars: [String: (text: String, calendar: WorkingCalendar)] = [:]
        var templates: [String: [String: String]] = [:]
        for file in yamlFiles(in: path) {
            do {
                let loaded = try WorkflowFile.load(path.appendingPathComponent(file))
                workflows.append(loaded.workflow.key)
                if let name = loaded.workflow.calendar, let file = loaded.calendarFile { calendars[name] = (file.text, loaded.calendar) }
                for (language, texts) in loaded.templates { templates[language] = texts }
            } catch let invalid as InvalidSource {
                problems += invalid.diagnostics
            }
        }
        let calendarFolder = path.appendingPathComponent("calendars")
        for file in yamlFiles(in: calendarFolder) {
            let file = calendarFolder.appendingPathComponent(file)
            do {
                let text = try TextFile.read(file)
                let calendar = try WorkingCalendar.load(text, file: file).value
                calendars[calendar.name] = (text, calendar)
            } catch let invalid as InvalidSource {
                problems += invalid.diagnostics
            }
        }
        guard problems.isEmpty else { throw InvalidSource(problems) }
        guard !workflows.isEmpty else { throw Refusal(.workflowsFolderEmpty(path: "\(path)")) }
        return DeploymentFolder(path: path, workflows: workflows, calendars: calendars, templates: templates)
    }

    private static func yamlFiles(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }
}

extension Service {
    /// Reads the workflows folder and stores the calendars and templates whose text changed, in
    /// one transaction; returns what changed. Nothing is stored when the folder has any problem.
    @discardableResult
    public func refreshDeployment(from folder: String) throws -> (folder: DeploymentFolder, updated: [String]) {
        let deployment = try DeploymentFolder.read(folder)
        let updated = try store.write { tx in
            var updated: [String] = []
            let now = clock.now()
            for (name, calendar) in deployment.calendars.sorted(by: { $0.key < $1.key }) {
                let row = CalendarRow(name: name, yaml: calendar.text, updatedAt: now)
                guard try tx.calendar(name)?.sha256 != row.sha256 else { continue }
                try tx.save(row)
                try tx.append(
                    NewEvent(
                        .calendarUpdated, actor: nil, caller: "zhengdund",
                        payload: ["calendar": name, "source": folder, "sha256": row.sha256]), at: now)
                updated.append("calendar \(name)")
            }
            for (language, texts) in deployment.templates.sorted(by: { $0.key < $1.key })
            where try tx.saveTemplates(texts, language: language, at: now) {
                updated.append("templates \(language)")
            }
            return updated
        }
        return (deployment, updated)
    }
}
