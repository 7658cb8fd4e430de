import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

#if canImport(Glibc)
import Glibc
#endif

/// `zhengdun mail-in`: the mail server's pipe delivery of replies to notices. Its exit codes are
/// the ones mail servers act on (sysexits.h): 0 handled (a refusal is handled: it is answered by
/// mail), 75 try again later (the database or the daemon is unavailable: nothing was done, the
/// server keeps the message queued), 65 not a mail message.
struct MailInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail-in",
        abstract: say(
            en: "Act on a reply to a notice, read as a mail message on standard input (for the mail server).",
            zh: "从标准输入读取一封回复通知的邮件并办理（供邮件服务器调用）。"),
        discussion: say(
            en:
                "Exit codes: 0 handled, 65 not a mail message, 75 unavailable, try again later. deploy/mail-in.md shows the Postfix and Exim set-ups.",
            zh: "退出码：0 已处理；65 不是邮件；75 暂时无法处理，请稍后重试。Postfix 与 Exim 的配置见 deploy/mail-in.md。"))

    @OptionGroup var database: DatabaseOptions

    /// EX_DATAERR and EX_TEMPFAIL.
    static let notMail: Int32 = 65
    static let tryAgainLater: Int32 = 75

    func run() throws {
        let input = FileHandle.standardInput.readData(ofLength: Service.maximumIncomingMail + 1)
        guard input.count <= Service.maximumIncomingMail else {
            Self.finish(say(.mailInTooLarge(maximum: Service.maximumIncomingMail >> 20)), code: Self.notMail)
        }
        let outcome: MailInOutcome
        do {
            outcome = try Gateway.perform(ReceiveMail(message: input), database).0
        } catch {
            // Whatever stopped it, nothing was done: the mail server keeps the message and
            // delivers it again later.
            let line = (error as? any ExplainedError)?.text(in: .current) ?? "\(error)"
            Self.finish(line, code: Self.tryAgainLater)
        }
        if outcome.kind == .notMail { Self.finish(say(outcome.line), code: Self.notMail) }
        print(say(outcome.line))
    }

    /// One line on stderr, which the mail server logs (or puts in its bounce), and `code`.
    static func finish(_ line: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("zhengdun mail-in: \(line)\n".utf8))
        Glibc.exit(code)
    }
}
