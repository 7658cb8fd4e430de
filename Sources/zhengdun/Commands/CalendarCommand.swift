import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun calendar export --person ID | --plan P1 [--output FILE]`.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Task deadlines for calendar programs.", subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the deadlines of a person's or a plan's tasks as iCalendar (.ics), with an alarm per reminder (催办).",
            discussion: "One event per task that is not cancelled, at its deadline in the deployment's timezone. Each event keeps its UID from one export to the next, so importing a newer export updates the events instead of adding more; its SEQUENCE grows whenever the deadline moves. Verified and submitted tasks stay in, without alarms.")

        @Option(help: ArgumentHelp("The tasks this person is responsible for, in every plan.", valueName: "person")) var person: String?
        @Option(help: ArgumentHelp("The tasks of this plan (P1 or 1).", valueName: "plan")) var plan: String?
        @Option(help: ArgumentHelp("Write the calendar to this file, whole or not at all, instead of to standard output.", valueName: "file"))
        var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let subject: CalendarSubject
            switch (person, plan) {
            case (let person?, nil): subject = .person(PersonID(person))
            case (nil, let plan?): subject = .plan(try Parse.plan(plan))
            default: throw Refusal(.exactlyOneOption, ["command": "calendar export", "first": "--person PERSON", "second": "--plan PLAN"])
            }
            let (response, zone) = try Gateway.perform(.calendar(subject), database)
            let calendar = try Gateway.unwrap(response) { if case .calendar(let calendar) = $0 { return calendar }; return nil }
            try OutputFile.write(ICalendar(zone: zone).document(calendar), to: output)
        }
    }
}
