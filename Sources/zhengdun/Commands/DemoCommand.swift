import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun demo`.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: say(
            en: "Walk a sample village's whole campaign on a virtual clock and show every notice as it falls due.",
            zh: "在虚拟时钟上走完一个示例村的整个整顿过程，每条通知到期时即显示。"),
        discussion: say(
            en: "Everything happens in a new folder: a database, the mail as a maildir, and the reports. Nothing else is touched.",
            zh: "一切都在一个新目录中进行：数据库、发出的邮件（每封一个文件）和各项报告。不触及其他任何东西。"))

    @Option(
        help: ArgumentHelp(
            say(en: "The folder to work in (it must not exist yet; default: a new temporary folder).", zh: "工作目录（必须尚不存在；默认：一个新的临时目录）。")))
    var folder: String?
    @Option(
        help: ArgumentHelp(
            say(
                en:
                    "The workflow to run (default: workflows/village-branch-rectification.yaml here or in the configured workflows folder).",
                zh: "要运行的工作流（默认：当前目录或所配置工作流目录下的 workflows/village-branch-rectification.yaml）。")))
    var workflow: String?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let manager = FileManager.default
        let path: String
        if let folder {
            guard !manager.fileExists(atPath: folder) else { throw Refusal(.demoFolderExists(folder: "\(folder)")) }
            path = folder
        } else {
            path = manager.temporaryDirectory.appendingPathComponent("zhengdun-demo-\(UUID().uuidString.prefix(8).lowercased())").path
        }
        let name = "village-branch-rectification.yaml"
        let configured = try database.configuration().workflows?.appendingPathComponent(name)
        let candidates = workflow.map { [$0] } ?? [configured, "workflows/" + name].compactMap { $0 }
        guard let workflowPath = candidates.first(where: manager.fileExists(atPath:)) else {
            throw Refusal(.demoWorkflowNotFound(candidates: .list(candidates.map { .text($0) })))
        }
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Refusal(.cannotCreate(path: "\(path)"))
        }
        _ = try Demo(folder: path, workflowPath: workflowPath) { print($0.text(in: .current)) }.run()
    }
}
