import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun`: the command line of the township office and the branch secretaries.
struct Zhengdun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhengdun",
        abstract: say(
            en: "Run rectification campaigns for weak and lax village Party branches (软弱涣散基层党组织整顿).", zh: "开展软弱涣散基层党组织整顿（村党支部整顿转化）。"),
        discussion: say(
            en: "Every command takes --lang zh or --lang en, the language of its messages and help; without it, the locale's (LANG).",
            zh: "各命令均可加 --lang zh 或 --lang en，指定提示与帮助的语言；不加时按系统区域设置（LANG）。"),
        subcommands: [
            WorkflowCommand.self, PersonCommand.self, CampaignCommand.self, PlanCommand.self, TaskCommands.self, ProblemCommand.self,
            IndicatorCommand.self,
            InspectCommand.self, AccountabilityCommand.self,
            LogCommand.self, AuditCommand.self, RunDueCommand.self, OutboxCommand.self, ReportCommand.self, CircularCommand.self,
            CalendarCommand.self, MailInCommand.self, ReplyKeysCommand.self,
            DoctorCommand.self, DemoCommand.self,
        ]
    )
}

/// The command's change committed, but a step after it failed (delivery, the disk): the
/// warnings are said; the exit code is `Main.committedWithWarnings`.
struct CommittedWithWarnings: Error {}

@main
enum Main {
    /// Exit 3: done and committed, with warnings about what came after (exit 1 means nothing changed).
    static let committedWithWarnings: Int32 = 3

    /// One line on stderr and exit 1: a refusal or a failure, nothing changed.
    static func fail(_ line: String) -> Never {
        FileHandle.standardError.write(Data("zhengdun: \(line)\n".utf8))
        exit(1)
    }

    static func main() {
        // SIGPIPE keeps its default action, unlike in the daemon: a reader of standard output
        // that goes away (`| head`) ends the command quietly, as it ends any filter, where an
        // ignored SIGPIPE would make FileHandle's write trap. No other write of the command can
        // raise it: sendmail's pipe keeps its reading end open (SendmailTransport) and the
        // socket is written with MSG_NOSIGNAL (SocketFrames).
        let arguments = Language.taking(Array(CommandLine.arguments.dropFirst()))
        if let unknown = arguments.unknown {
            FileHandle.standardError.write(Data("zhengdun: \(say(.unknownLanguage(value: TypedText.excerpt(unknown))))\n".utf8))
            exit(2)
        }
        // Arguments are read as the bytes they are: Swift would replace what is not UTF-8 with
        // U+FFFD, and a name or note would be stored garbled.
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: strlen(argument))
            if case .failure(let bad) = UTF8Text.firstBadByte(bytes) {
                let hex = String(bad.byte, radix: 16, uppercase: true)
                fail(
                    say(
                        .inputArgumentNotUTF8(index: index, byte: "0x" + (hex.count == 1 ? "0" + hex : hex), offset: bad.offset)))
            }
        }
        do {
            var command = try Zhengdun.parseAsRoot(LeadingOptions.moved(arguments.rest))
            try command.run()
        } catch is CommittedWithWarnings {
            exit(committedWithWarnings)
        } catch let invalid as InvalidSource {
            let count = invalid.diagnostics.filter { $0.severity == .error }.count
            let files = Set(invalid.diagnostics.map(\.location.file)).sorted().joined(separator: ", ")
            let summary = say(.diagnosticsSummary(files: "\(files)", count: count))
            FileHandle.standardError.write(Data((invalid.text(in: .current) + "\n" + summary + "\n").utf8))
            exit(1)
        } catch let failure as any ExplainedError {
            fail(failure.text(in: .current))
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
