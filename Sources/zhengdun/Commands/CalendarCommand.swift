import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun calendar export --person ID | --plan P1 [--output FILE]`.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: say(.helpTaskDeadlinesForCalendarPrograms), subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: say(.helpWriteTheDeadlinesOfAPerson),
            discussion: say(.helpOneEventPerTaskThatIs))

        @Option(help: ArgumentHelp(say(.helpTheTasksThisPersonIsResponsible), valueName: "person")) var person: String?
        @Option(help: ArgumentHelp(say(.helpTheTasksOfThisPlanP1), valueName: "plan")) var plan: String?
        @Option(help: ArgumentHelp(say(.helpWriteTheCalendarToThisFile), valueName: "file"))
        var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let subject: CalendarSubject
            switch (person, plan) {
            case (let person?, nil): subject = .person(PersonID(person))
            case (nil, let plan?): subject = .plan(try Parse.plan(plan))
            default: throw Refusal(.exactlyOneOption, ["command": "calendar export", "first": "--person PERSON", "second": "--plan PLAN"])
            }
            let (calendar, zone) = try Gateway.perform(ExportCalendar(subject), database)
            try OutputFile.write(ICalendar(zone: zone).document(calendar), to: output)
        }
    }
}
