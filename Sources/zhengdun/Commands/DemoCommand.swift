import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun demo`.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: say(.helpWalkASampleVillageSWhole),
        discussion: say(.helpEverythingHappensInANewFolder))

    @Option(help: ArgumentHelp(say(.helpTheFolderToWorkInIt))) var folder: String?
    @Option(help: ArgumentHelp(say(.helpTheWorkflowToRunDefaultWorkflows)))
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
