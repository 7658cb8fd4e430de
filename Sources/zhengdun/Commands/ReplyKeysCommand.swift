import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun reply-keys rotate|list`: the keys that sign reply addresses, kept in a file outside
/// the database. Run as the daemon's account or root, on the machine that holds the file.
struct ReplyKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply-keys",
        abstract: say(en: "Make, rotate and list the keys that sign reply addresses.", zh: "生成、轮换和查看签发回复地址的密钥。"),
        subcommands: [Rotate.self, List.self])

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: say(
                en: "Add a new key that signs from now on; older keys are still accepted for mail.reply_key_grace.",
                zh: "新增一个密钥并自即日起用其签发；较早的密钥在 mail.reply_key_grace 期限内仍然有效。"))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let configuration = try database.configuration()
            let file = ReplyKeyFile(configuration: configuration, database: database.path(configuration))
            let ring = try file.rotate(at: try Clocks.current(configuration.zone).now(), grace: configuration.mail.replyKeyGrace)
            print(say(.replyKeysRotated(path: file.path, key: Int(ring.signing!.id), kept: ring.keys.count - 1)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(en: "List the keys by number and date, without their secrets.", zh: "按编号和日期列出密钥（不显示密钥本身）。"))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let configuration = try database.configuration()
            let file = ReplyKeyFile(configuration: configuration, database: database.path(configuration))
            let ring = try file.read() ?? ReplyKeyRing()
            let zone = configuration.zone
            for key in ring.keys {
                print(
                    "\(key.id)\t\(zone.localDateTime(key.created).tabular(in: .current))\(key == ring.signing ? "\t" + say(.replyKeySigns) : "")"
                )
            }
        }
    }
}
