import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `zhengdun calendar export --person ID | --plan P1 [--output FILE]`.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: say(en: "Task deadlines for calendar programs.", zh: "供日历程序使用的任务时限。"), subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: say(
                en: "Write the deadlines of a person's or a plan's tasks as iCalendar (.ics), with an alarm per reminder (催办).",
                zh: "把某人或某方案各项任务的办结时限导出为日历文件，可导入手机或电脑日历，每次催办设一个提醒。"),
            discussion: say(
                en:
                    "One event per task that is not cancelled, at its deadline in the deployment's timezone. Each event keeps its UID from one export to the next, so importing a newer export updates the events instead of adding more; its SEQUENCE grows whenever the deadline moves. Verified and submitted tasks stay in, without alarms.",
                zh: "每项未撤销的任务一个日程，时间为其办结时限（按部署所在时区）。同一任务的日程在每次导出中标识不变，导入较新的导出会更新原有日程而不会重复添加；时限每变动一次，日程的版本号加一。已验收和已办结的任务仍保留日程，但不再提醒。"))

        @Option(
            help: ArgumentHelp(
                say(en: "The tasks this person is responsible for, in every plan.", zh: "此人负责的任务，涵盖所有方案。"), valueName: "person"))
        var person: String?
        @Option(help: ArgumentHelp(say(en: "The tasks of this plan (P1 or 1).", zh: "此方案的任务（P1 或 1）。"), valueName: "plan")) var plan:
            String?
        @Option(
            help: ArgumentHelp(
                say(en: "The tasks of this campaign's plans (C1 or 1), the township's own among them.", zh: "此项整顿工作各方案的任务（C1 或 1），含镇级任务。"),
                valueName: "campaign")) var campaign: String?
        @Option(
            help: ArgumentHelp(
                say(
                    en: "Write the calendar to this file, whole or not at all, instead of to standard output.",
                    zh: "把日历写入此文件（要么完整写入，要么不写），而不是输出到标准输出。"), valueName: "file"))
        var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let subject: CalendarSubject
            switch (person, plan, campaign) {
            case (let person?, nil, nil): subject = .person(PersonID(person))
            case (nil, let plan?, nil): subject = .plan(try Parse.plan(plan))
            case (nil, nil, let campaign?): subject = .campaign(try Parse.campaign(campaign))
            default:
                throw Refusal(
                    .exactlyOneOption(command: "calendar export", options: ["--person PERSON", "--plan PLAN", "--campaign CAMPAIGN"]))
            }
            let (calendar, zone) = try Gateway.perform(ExportCalendar(subject), database)
            try OutputFile.write(ICalendar(zone: zone).document(calendar), to: output)
        }
    }
}
