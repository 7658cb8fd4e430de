import ArgumentParser
import Foundation
import Logging
import ZhengdunCore
import ZhengdunService

#if canImport(Glibc)
import Glibc
#endif

@main
struct Zhengdund: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhengdund",
        abstract:
            "The zhengdun daemon: fires reminders, escalations and circulars on time, delivers mail, and serves the command line on a Unix socket.",
        discussion: """
            Run by systemd (deploy/zhengdund.service). SIGHUP reads the configuration, workflows and \
            templates again (a broken new configuration is refused and the old one kept); SIGTERM \
            stops accepting, finishes the work in hand and exits. Logs go to standard error, one \
            line per event with its syslog level, for journald.
            """)

    @Option(help: ArgumentHelp("The configuration file.", valueName: "path"))
    var config: String = Configuration.systemPath

    func run() async throws {
        // The daemon writes to sockets and sendmail's pipe; a reader gone away is an error
        // return, never a signal. Set once here, for the whole process.
        signal(SIGPIPE, SIG_IGN)
        LoggingSystem.bootstrap { _ in JournalLogHandler() }
        let logger = Logger(label: "zhengdund")
        let services: DaemonServices
        do {
            let configuration = try Daemon.readConfiguration(config, logger: logger)
            JournalLogHandler.threshold.withLock { $0 = Logger.Level(rawValue: configuration.logLevel.rawValue) ?? .info }
            let daemon = try Daemon(configurationPath: config, configuration: configuration, logger: logger)
            services = try await DaemonServices(daemon)
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode.failure
        }
        do {
            try await services.run()
        } catch {
            throw ExitCode.failure
        }
    }
}
