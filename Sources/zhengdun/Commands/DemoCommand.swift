import ArgumentParser
import Foundation
import ZhengdunService

/// `zhengdun demo`.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Walk a sample village's whole campaign on a virtual clock and show every notice as it falls due.",
        discussion: "Everything happens in a new folder: a database, the mail as a maildir, and the reports. Nothing else is touched.")

    @Option(help: "The folder to work in (it must not exist yet; default: a new temporary folder).") var folder: String?
    @Option(help: "The workflow to run (default: workflows/village-branch-rectification.yaml here or in the configured workflows folder).")
    var workflow: String?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let manager = FileManager.default
        let path: String
        if let folder {
            guard !manager.fileExists(atPath: folder) else { throw Refusal(.demoFolderExists, ["folder": "\(folder)"]) }
            path = folder
        } else {
            path = manager.temporaryDirectory.appendingPathComponent("zhengdun-demo-\(UUID().uuidString.prefix(8).lowercased())").path
        }
        let name = "village-branch-rectification.yaml"
        let configured = try database.configuration().workflows?.appendingPathComponent(name)
        let candidates = workflow.map { [$0] } ?? [configured, "workflows/" + name].compactMap { $0 }
        guard let workflowPath = candidates.first(where: manager.fileExists(atPath:)) else {
            throw Refusal(.demoWorkflowNotFound, ["candidates": .list(candidates.map { .text($0) })])
        }
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Refusal(.cannotCreate, ["path": "\(path)"])
        }
        _ = try Demo(folder: path, workflowPath: workflowPath) { print($0.text(in: .current)) }.run()
    }
}
