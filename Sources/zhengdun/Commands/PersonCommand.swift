import ArgumentParser
import ZhengdunCore
import ZhengdunService

/// `zhengdun person add|list`.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: say(.helpAddAndListThePeopleWho), subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: say(.helpRegisterAPersonAdministratorsOnly))

        @Argument(help: ArgumentHelp(say(.helpAShortIdLowercaseLettersDigits)))
        var id: String
        @Option(help: ArgumentHelp(say(.helpTheNameAsPeopleKnowIt)))
        var name: String
        @Option(help: ArgumentHelp(say(.helpWhereNoticesGo)))
        var email: String
        @Option(name: .customLong("unix-user"), help: ArgumentHelp(say(.helpTheUnixAccountThatIdentifiesThem)))
        var unixUser: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: ActingOptions
        @Flag(help: ArgumentHelp(say(.helpPrintThePersonAsJSON))) var json = false

        func run() throws {
            let (person, zone) = try Gateway.perform(
                AddPerson(id: id, name: name, email: email, unixUser: unixUser, as: acting.person), database)
            if json {
                try JSONOutput.print(person, zone: zone)
            } else {
                print(say(.personAdded, ["person": "\(person.id)", "name": "\(person.name)", "email": "\(person.email)"]))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: say(.helpListEveryoneRegistered))

        @OptionGroup var database: DatabaseOptions
        @Flag(help: ArgumentHelp(say(.helpPrintTheListAsJSON))) var json = false

        func run() throws {
            let (people, zone) = try Gateway.perform(ListPeople(), database)
            if json { try JSONOutput.print(people, zone: zone) } else { print(Render(zone: zone).people(people)) }
        }
    }
}
