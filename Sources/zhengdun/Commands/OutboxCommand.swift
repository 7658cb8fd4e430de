import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun outbox list|retry`.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: say(en: "See and retry the messages waiting to go out.", zh: "查看和重试等待发出的邮件。"),
        subcommands: [List.self, Retry.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(en: "List queued, sent and dead messages.", zh: "列出排队中、已发送和已放弃的邮件。"))

        @Flag(help: ArgumentHelp(say(en: "Only messages given up on after their last try.", zh: "只看最后一次尝试后已放弃的邮件。"))) var dead = false
        @Option(
            help: ArgumentHelp(
                say(en: "Only messages in this state (queued, sent, dead); repeatable.", zh: "只看此状态的邮件（queued、sent、dead）；可重复。"),
                valueName: "state")) var state: [String] = []
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.listAsJSON)) var json = false

        func run() throws {
            for value in state where !["queued", "sent", "dead"].contains(value) {
                throw Refusal(
                    .expectedOneOf(option: "--state", text: "\(value)", values: .alternatives(["queued", "sent", "dead"])))
            }
            let (entries, zone) = try Gateway.perform(ListOutbox(states: Set(state + (dead ? ["dead"] : []))), database)
            if json { try JSONOutput.print(entries, zone: zone) } else { print(Render(zone: zone).outbox(entries)) }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry", abstract: say(en: "Put a message back in line to be tried at once.", zh: "把一封邮件放回队列，立即重试。"))

        @Argument(help: ArgumentHelp(say(en: "The message's number.", zh: "邮件编号。"))) var id: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(en: "Print the message as JSON.", zh: "以 JSON 输出邮件。"))) var json = false

        func run() throws {
            let (entry, zone) = try Gateway.perform(RetryMessage(id, as: acting.person), database)
            if json {
                try JSONOutput.print(entry, zone: zone)
            } else {
                print(say(.messageQueuedAgain(id: "\(entry.id)", address: "\(entry.address)")))
            }
        }
    }
}
