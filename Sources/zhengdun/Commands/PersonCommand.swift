import ArgumentParser
import ZhengdunCore
import ZhengdunService

/// `zhengdun person add|list`.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: say(en: "Add and list the people who take part.", zh: "添加和列出参与人员。"),
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: say(en: "Register a person (administrators only).", zh: "登记一名人员（仅限管理员）。"))

        @Argument(
            help: ArgumentHelp(
                say(en: "A short id: lowercase letters, digits, '.', '-', '_' (e.g. li-si).", zh: "简短的标识：小写字母、数字、“.”、“-”、“_”（如 li-si）。")))
        var id: String
        @Option(help: ArgumentHelp(say(en: "The name as people know it (e.g. 李四).", zh: "大家熟知的姓名（如 李四）。")))
        var name: String
        @Option(help: ArgumentHelp(say(en: "Where notices go.", zh: "通知发往的邮箱。")))
        var email: String
        @Option(
            name: .customLong("unix-user"),
            help: ArgumentHelp(say(en: "The Unix account that identifies them to the daemon.", zh: "此人登录服务器所用的系统账号，守护进程据此认出本人。")))
        var unixUser: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(en: "Print the person as JSON.", zh: "以 JSON 输出人员信息。"))) var json = false

        func run() throws {
            let (person, zone) = try Gateway.perform(
                AddPerson(id: id, name: name, email: email, unixUser: unixUser, as: acting.person), database)
            if json {
                try JSONOutput.print(person, zone: zone)
            } else {
                print(say(.personAdded(person: "\(person.id)", name: "\(person.name)", email: "\(person.email)")))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: say(en: "List everyone registered.", zh: "列出所有已登记人员。"))

        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(Help.listAsJSON)) var json = false

        func run() throws {
            let (people, zone) = try Gateway.perform(ListPeople(), database)
            if json { try JSONOutput.print(people, zone: zone) } else { print(Render(zone: zone).people(people)) }
        }
    }
}
