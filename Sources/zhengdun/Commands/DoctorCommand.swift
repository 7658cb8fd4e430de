import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ZhengdunCore
import ZhengdunService
import ZhengdunStore

/// `zhengdun doctor`: checks a deployment, one line per check.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the deployment: configuration, database, workflows, templates, calendar, mail, socket, outbox.",
        discussion: "One line per check: ok, warn or fail, with what was looked at. Exits 1 when any check fails.")

    @OptionGroup var database: DatabaseOptions

    enum Verdict: String {
        case ok, warn, fail
    }

    struct Check {
        var verdict: Verdict
        var subject: String
        var detail: String
    }

    func run() throws {
        let checks = Self.checks(database)
        let width = checks.map(\.subject.count).max() ?? 0
        for check in checks {
            print(check.verdict.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                  + check.subject.padding(toLength: width + 2, withPad: " ", startingAt: 0) + check.detail)
        }
        if checks.contains(where: { $0.verdict == .fail }) { throw ExitCode.failure }
    }

    static func checks(_ options: DatabaseOptions, now: Date = Date()) -> [Check] {
        var checks: [Check] = []
        func add(_ verdict: Verdict, _ subject: String, _ detail: String) { checks.append(Check(verdict: verdict, subject: subject, detail: detail)) }

        let configuration: Configuration
        do {
            configuration = try options.configuration()
            add(.ok, "configuration", options.configurationPath ?? "no file; built-in defaults")
        } catch {
            add(.fail, "configuration", "\(error)".replacingOccurrences(of: "\n", with: "; "))
            return checks
        }
        let zone = configuration.zone
        let offset = zone.secondsFromGMT(for: now)
        add(.ok, "timezone", "\(configuration.timezone) (UTC\(offset < 0 ? "-" : "+")\(String(format: "%02d:%02d", abs(offset) / 3600, abs(offset) % 3600 / 60)))")

        // The database, read without changing it.
        let path = options.path(configuration)
        var databaseUsable = false
        do {
            let applied = try Store.appliedMigrations(at: path)
            let known = Store.knownMigrations
            if applied == known {
                add(.ok, "database", "\(path): at the latest migration (\(known.count) of \(known.count))")
                databaseUsable = true
            } else if applied.count < known.count && Array(known.prefix(applied.count)) == applied {
                add(.warn, "database", "\(path): \(known.count - applied.count) migration(s) to apply; the daemon or the next command applies them")
            } else {
                add(.fail, "database", "\(path): written by another version of zhengdun (migrations \(applied.joined(separator: ", ")))")
            }
        } catch where error.kind == .cannotOpen && !FileManager.default.fileExists(atPath: path) {
            add(.warn, "database", "no database at \(path) yet; the first command creates it")
        } catch {
            add(.fail, "database", "\(error)")
        }

        // Workflows, templates and calendars, as the daemon would read them.
        let folder = configuration.workflows ?? Configuration.daemonWorkflows
        if configuration.workflows == nil && !FileManager.default.fileExists(atPath: folder) {
            add(.warn, "workflows", "no workflows folder configured (workflows:), and none at \(folder)")
        } else {
            do {
                let deployment = try DeploymentFolder.read(folder)
                add(.ok, "workflows", "\(folder): \(deployment.workflows.joined(separator: ", "))")
                if deployment.templates[configuration.mail.language] == nil {
                    add(.fail, "templates", "no \(configuration.mail.language) templates in \(folder)/templates (mail.language)")
                } else {
                    add(.ok, "templates", deployment.languages.joined(separator: ", ") + " (mail in \(configuration.mail.language))")
                }
                let year = zone.localDateTime(now).date.year
                for (name, entry) in deployment.calendars.sorted(by: { $0.key < $1.key }) {
                    let calendar = entry.calendar
                    if !calendar.covers(year) {
                        add(.fail, "calendar", "\(name) has no holidays for \(year); deadlines this year count weekends only")
                    } else if !calendar.covers(year + 1) {
                        add(.warn, "calendar", "\(name) covers \(year) but not \(year + 1); add next year's holidays once they are published")
                    } else {
                        add(.ok, "calendar", "\(name) covers \(year) and \(year + 1)")
                    }
                }
            } catch {
                add(.fail, "workflows", "\(error)".replacingOccurrences(of: "\n", with: "; "))
            }
        }

        // Mail.
        switch configuration.mail.transport {
        case .sendmail:
            let program = configuration.mail.sendmail.first ?? ""
            if access(program, X_OK) == 0 {
                add(.ok, "sendmail", "\(program) is executable")
            } else {
                add(.fail, "sendmail", "\(program): \(String(cString: strerror(errno))) (mail.sendmail)")
            }
        case .maildir:
            let maildir = configuration.mail.maildir ?? ""
            let existing = FileManager.default.fileExists(atPath: maildir) ? maildir : (maildir as NSString).deletingLastPathComponent
            if access(existing, W_OK) == 0 {
                add(.ok, "maildir", "\(maildir) is writable")
            } else {
                add(.fail, "maildir", "\(existing): \(String(cString: strerror(errno))) (mail.maildir)")
            }
        }

        // The daemon, and the outbox through it or directly.
        var dead: [OutboxEntry]?
        do {
            switch try options.route(configuration) {
            case .socket(let socket):
                let response = try SocketClient.perform(.outbox(states: ["dead"]), socket: socket)
                dead = try Gateway.unwrap(response) { if case .outbox(let entries) = $0 { return entries }; return nil }
                add(.ok, "socket", "\(socket) answers")
            case .local:
                add(.warn, "socket", "no daemon answers at \(configuration.socketPath); the command line works on the database directly")
                if databaseUsable { dead = try options.service(configuration).outbox(states: ["dead"]) }
            }
        } catch {
            add(.fail, "socket", "\(error)")
        }
        if let dead {
            if dead.isEmpty {
                add(.ok, "outbox", "no dead messages")
            } else {
                add(.warn, "outbox", "\(dead.count) dead message\(dead.count == 1 ? "" : "s"); see zhengdun outbox list --state dead, then outbox retry")
            }
        }
        return checks
    }
}
