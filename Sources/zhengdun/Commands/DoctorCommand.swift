import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

#if canImport(Glibc)
import Glibc
#endif

/// `zhengdun doctor`: checks a deployment, one line per check.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: say(
            en: "Check the deployment: configuration, database, workflows, templates, calendar, mail, socket, outbox.",
            zh: "检查部署：配置、数据库、工作流、邮件模板、工作日历、邮件、套接字、发件箱。"),
        discussion: say(
            en: "One line per check: ok, warn or fail, with what was looked at. Exits 1 when any check fails.",
            zh: "每项检查一行：正常、注意或失败，并注明检查了什么。任何一项失败则以 1 退出。"))

    @OptionGroup var database: DatabaseOptions

    enum Verdict {
        case ok, warn, fail

        var word: String {
            switch self {
            case .ok: return say(.doctorOk)
            case .warn: return say(.doctorWarn)
            case .fail: return say(.doctorFail)
            }
        }
    }

    struct Check {
        var verdict: Verdict
        var subject: String
        var detail: String
    }

    func run() throws {
        let checks = Self.checks(database)
        var table = TextTable([])
        // The verdict column keeps its width whichever verdicts appear, for scripts that cut it.
        for check in checks { table.add([check.verdict.word.padding(toDisplayWidth: 4), check.subject, check.detail]) }
        print(table.render())
        if checks.contains(where: { $0.verdict == .fail }) { throw ExitCode.failure }
    }

    static func checks(_ options: DatabaseOptions, now: Date = Date()) -> [Check] {
        var checks: [Check] = []
        func add(_ verdict: Verdict, _ subject: Message, _ detail: String) {
            checks.append(Check(verdict: verdict, subject: say(subject), detail: detail))
        }

        let configuration: Configuration
        do {
            configuration = try options.configuration()
            add(.ok, .checkConfiguration, options.configurationPath ?? say(.doctorNoConfiguration))
        } catch {
            add(.fail, .checkConfiguration, Self.line(error))
            return checks
        }
        let zone = configuration.zone
        let offset = zone.secondsFromGMT(for: now)
        add(
            .ok, .checkTimezone,
            "\(configuration.timezone) (UTC\(offset < 0 ? "-" : "+")\(String(format: "%02d:%02d", abs(offset) / 3600, abs(offset) % 3600 / 60)))"
        )

        // The database, read without changing it.
        let database = options.local(configuration)
        let path = database.path
        var databaseUsable = false
        do {
            switch try database.schema() {
            case .current(let count):
                add(.ok, .checkDatabase, say(.doctorDatabaseCurrent(path: "\(path)", count: count)))
                databaseUsable = true
            case .behind(let count):
                add(.warn, .checkDatabase, say(.doctorDatabaseBehind(path: "\(path)", count: count)))
            case .other(let applied):
                add(.fail, .checkDatabase, say(.doctorDatabaseOther(path: "\(path)", migrations: .list(applied.map { .text($0) }))))
            case .missing:
                add(.warn, .checkDatabase, say(.doctorNoDatabase(path: "\(path)")))
            }
        } catch {
            add(.fail, .checkDatabase, Self.line(error))
        }

        // Workflows, templates and calendars, as the daemon would read them.
        let folder = configuration.workflows ?? Configuration.daemonWorkflows
        if configuration.workflows == nil && !FileManager.default.fileExists(atPath: folder) {
            add(.warn, .checkWorkflows, say(.doctorNoWorkflows(path: "\(folder)")))
        } else {
            do {
                let deployment = try DeploymentFolder.read(folder)
                add(
                    .ok, .checkWorkflows,
                    say(.doctorWorkflows(path: "\(folder)", workflows: .list(deployment.workflows.map { .text($0) }))))
                if deployment.templates[configuration.mail.language] == nil {
                    add(
                        .fail, .checkTemplates,
                        say(.doctorNoTemplates(language: "\(configuration.mail.language)", path: "\(folder)")))
                } else {
                    add(
                        .ok, .checkTemplates,
                        say(
                            .doctorTemplates(
                                languages: .list(deployment.languages.map(templateLanguage)),
                                language: templateLanguage(configuration.mail.language))))
                }
                let year = zone.localDateTime(now).date.year
                for (name, entry) in deployment.calendars.sorted(by: { $0.key < $1.key }) {
                    let calendar = entry.calendar
                    if !calendar.covers(year) {
                        add(.fail, .checkCalendar, say(.doctorCalendarMissingYear(name: "\(name)", year: "\(year)")))
                    } else if !calendar.covers(year + 1) {
                        add(
                            .warn, .checkCalendar,
                            say(.doctorCalendarNextYear(name: "\(name)", year: "\(year)", next: "\(year + 1)")))
                    } else {
                        add(.ok, .checkCalendar, say(.doctorCalendarCovers(name: "\(name)", year: "\(year)", next: "\(year + 1)")))
                    }
                }
            } catch {
                add(.fail, .checkWorkflows, Self.line(error))
            }
        }

        // Mail.
        switch configuration.mail.transport {
        case .sendmail:
            let program = configuration.mail.sendmail.first ?? ""
            // A folder passes the test for execution; only a regular file can be run.
            var status = stat()
            if stat(program, &status) == 0 && status.st_mode & S_IFMT != S_IFREG {
                add(
                    .fail, .checkSendmail,
                    say(.doctorNotUsable(path: "\(program)", reason: .doctorNotAFile, key: "mail.sendmail")))
            } else if access(program, X_OK) == 0 {
                add(.ok, .checkSendmail, say(.doctorExecutable(path: "\(program)")))
            } else {
                add(
                    .fail, .checkSendmail,
                    say(.doctorNotUsable(path: "\(program)", reason: .systemError(errno), key: "mail.sendmail")))
            }
        case .maildir:
            let maildir = configuration.mail.maildir ?? ""
            let existing = FileManager.default.fileExists(atPath: maildir) ? maildir : (maildir as NSString).deletingLastPathComponent
            if access(existing, W_OK) == 0 {
                add(.ok, .checkMaildir, say(.doctorWritable(path: "\(maildir)")))
            } else {
                add(
                    .fail, .checkMaildir,
                    say(.doctorNotUsable(path: "\(existing)", reason: .systemError(errno), key: "mail.maildir")))
            }
        }

        // Chat groups: each webhook's form, checked without sending.
        for group in Service.chatGroups(in: configuration) {
            if group.problems.isEmpty {
                add(
                    .ok, .checkChat,
                    say(.doctorChatGroup(name: group.name, robot: group.robot, robotName: group.robotName, address: group.address)))
            } else {
                add(.fail, .checkChat, say(.doctorChatGroupUnusable(name: group.name, problems: group.problems.joined(separator: "; "))))
            }
        }

        // The daemon, and the outbox through it or directly.
        var dead: [OutboxEntry]?
        var incoming: MailInStatus?
        do {
            switch try options.route(configuration) {
            case .socket(let socket):
                let user = Caller.processUser
                do {
                    dead = try SocketClient.perform(ListOutbox(states: ["dead"]), socket: socket)
                    incoming = try SocketClient.perform(ShowMailInStatus(), socket: socket)
                } catch let refusal as Refusal where refusal.message == .socketNotLinked(user: user) {
                    // The daemon answers; it does nothing else for an account linked to no one.
                    add(.warn, .checkSocket, say(.doctorSocketNotLinked(path: "\(socket)", user: user)))
                    break
                }
                add(.ok, .checkSocket, say(.doctorSocketAnswers(path: "\(socket)")))
            case .local:
                add(.warn, .checkSocket, say(.doctorNoDaemon(path: "\(configuration.socketPath)")))
                if databaseUsable {
                    let service = try database.service(clock: try Clocks.current(configuration.zone))
                    dead = try service.outbox(states: ["dead"])
                    incoming = try service.mailInStatus()
                }
            }
        } catch {
            add(.fail, .checkSocket, Self.line(error))
        }
        if let dead {
            if dead.isEmpty {
                add(.ok, .checkOutbox, say(.doctorNoDeadMessages))
            } else {
                add(.warn, .checkOutbox, say(.doctorDeadMessages(count: dead.count)))
            }
        }
        if let incoming {
            if let replyTo = incoming.replyTo {
                add(
                    incoming.keys > 0 ? .ok : .warn, .checkReplies,
                    say(.doctorReplies(address: replyTo, keys: incoming.replyKeys, count: incoming.keys)))
            }
            add(
                incoming.kept == 0 ? .ok : .warn, .checkMailIn,
                say(
                    incoming.kept == 0
                        ? .doctorNoKeptMail(folder: incoming.keptFolder)
                        : .doctorKeptMail(count: incoming.kept, folder: incoming.keptFolder)))
            if incoming.bounced > 0 { add(.warn, .checkOutbox, say(.doctorBounced(count: incoming.bounced))) }
        }
        return checks
    }

    /// An error in one line, in the reader's language where it is one of ours.
    static func line(_ error: any Error) -> String {
        said(error).replacingOccurrences(of: "\n", with: "; ")
    }
}
