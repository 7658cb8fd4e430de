import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun outbox list|retry`.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: say(.helpSeeAndRetryTheMessagesWaiting), subcommands: [List.self, Retry.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: say(.helpListQueuedSentAndDeadMessages))

        @Flag(help: ArgumentHelp(say(.helpOnlyMessagesGivenUpOnAfter))) var dead = false
        @Option(help: ArgumentHelp(say(.helpOnlyMessagesInThisStateQueued), valueName: "state")) var state: [String] = []
        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheListAsJSON))) var json = false

        func run() throws {
            for value in state where !["queued", "sent", "dead"].contains(value) {
                throw Refusal(
                    .expectedOneOf, ["option": "--state", "text": "\(value)", "values": .alternatives(["queued", "sent", "dead"])])
            }
            let (entries, zone) = try Gateway.perform(ListOutbox(states: Set(state + (dead ? ["dead"] : []))), database)
            if json { try JSONOutput.print(entries, zone: zone) } else { print(Render(zone: zone).outbox(entries)) }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retry", abstract: say(.helpPutAMessageBackInLine))

        @Argument(help: ArgumentHelp(say(.helpTheMessageSNumber))) var id: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheMessageAsJSON))) var json = false

        func run() throws {
            let (entry, zone) = try Gateway.perform(RetryMessage(id, as: acting.person), database)
            if json {
                try JSONOutput.print(entry, zone: zone)
            } else {
                print(say(.messageQueuedAgain, ["id": "\(entry.id)", "address": "\(entry.address)"]))
            }
        }
    }
}
