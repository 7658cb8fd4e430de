import ArgumentParser
import Foundation
import ZhengdunCore

/// `zhengdun`: the command line of the township office and the branch secretaries.
struct Zhengdun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhengdun",
        abstract: "Run rectification campaigns for weak and lax village Party branches (软弱涣散基层党组织整顿).",
        subcommands: [WorkflowCommand.self]
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try Zhengdun.parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("zhengdun: \(failure)\n".utf8))
            exit(1)
        } catch let invalid as InvalidSource {
            let count = invalid.diagnostics.filter { $0.severity == .error }.count
            let files = Set(invalid.diagnostics.map(\.location.file)).sorted().joined(separator: ", ")
            FileHandle.standardError.write(Data((invalid.description + "\n\(files): \(count) error\(count == 1 ? "" : "s")\n").utf8))
            exit(1)
        } catch {
            // Argument errors (usage) exit 2; help and version requests exit 0.
            let code = Zhengdun.exitCode(for: error)
            if code == .success || code == .failure {
                Zhengdun.exit(withError: error)
            }
            FileHandle.standardError.write(Data((Zhengdun.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
    }
}
