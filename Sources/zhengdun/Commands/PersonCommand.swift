import ArgumentParser
import ZhengdunService

/// `zhengdun person add|list`.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Add and list the people who take part.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a person (administrators only).")

        @Argument(help: "A short id: lowercase letters, digits, '.', '-', '_' (e.g. li-si).")
        var id: String
        @Option(help: "The name as people know it (e.g. 李四).")
        var name: String
        @Option(help: "Where notices go.")
        var email: String
        @Option(name: .customLong("unix-user"), help: "The Unix account that identifies them to the daemon.")
        var unixUser: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: "Print the person as JSON.") var json = false

        func run() throws {
            let (response, zone) = try Gateway.perform(.addPerson(id: id, name: name, email: email, unixUser: unixUser, as: acting.person), database)
            let person = try Gateway.unwrap(response) { if case .person(let person) = $0 { return person }; return nil }
            if json { try JSONOutput.print(person, zone: zone) } else { print(say(.personAdded, ["person": "\(person.id)", "name": "\(person.name)", "email": "\(person.email)"])) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List everyone registered.")

        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print the list as JSON.") var json = false

        func run() throws {
            let (response, zone) = try Gateway.perform(.people, database)
            let people = try Gateway.unwrap(response) { if case .people(let people) = $0 { return people }; return nil }
            if json { try JSONOutput.print(people, zone: zone) } else { print(Render(zone: zone).people(people)) }
        }
    }
}
