import Foundation
import Logging
import Synchronization
import ZhengdunCore
import ZhengdunMail
import ZhengdunService
import ZhengdunStore

#if canImport(Glibc)
import Glibc
#endif

/// What the daemon's services share: the store, the service in force (replaced whole on reload),
/// the status told to systemd, and the work itself — a scheduler pass, delivery, answering a
/// request, a reload. The database holds every fact; the daemon's memory holds only the
/// configuration and the timers' next instants, so a kill at any moment loses nothing. Who runs
/// the work, and when, is `DaemonServices`'s.
final class Daemon: Sendable {
    let configurationPath: String
    let store: Store
    let logger: Logger
    let notifier = SystemdNotifier()
    private let current: Mutex<Service>
    /// Set when a stop is asked for: a pass or a delivery ends between batches, and requests are
    /// refused.
    private let stopping = Atomic<Bool>(false)
    /// One deliverer at a time (the delivery timer, or `run-due` over the socket), so that no
    /// message is handed to sendmail twice.
    private let deliveryTurn = Mutex<Void>(())
    private let status = Mutex(Status())
    /// The right to deliver for the database, held while the daemon lives.
    private let deliverer: DeliveryLock

    /// What `STATUS=` tells systemd.
    private struct Status {
        var pass = "no pass yet"
        var delivery = "nothing delivered yet"
        /// Messages given up on, waiting for `zhengdun outbox retry`.
        var dead = 0
    }

    init(configurationPath: String, configuration: Configuration, logger: Logger) throws {
        self.configurationPath = configurationPath
        self.logger = logger
        // One deliverer per database: asked before the database is opened, held for life.
        let path = configuration.database ?? Configuration.daemonDatabase
        try DeliveryLock.refuseIfHeld(for: path, taking: .daemon)
        store = try Store(path: path, checkpointWhenIdle: true)
        deliverer = try DeliveryLock.take(for: path, as: .daemon)
        current = Mutex(Service(store: store, clock: SystemClock(), configuration: configuration))
    }

    var service: Service { current.withLock { $0 } }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// Reads a configuration file, logging its warnings; throws a one-line reason.
    static func readConfiguration(_ path: String, logger: Logger?) throws -> Configuration {
        let loaded = try Configuration.load(try TextFile.read(path), file: path)
        for warning in loaded.warnings { logger?.warning("\(warning.description)") }
        return loaded.value
    }

    // MARK: Start

    /// Stores the workflows folder's calendars and templates and says what would keep mail from
    /// going out; neither keeps the daemon from starting.
    func prepare() {
        let service = self.service
        refreshDeployment(service)
        checkMail(service)
    }

    /// Checks the workflows folder and stores its calendars and templates; a broken folder is
    /// logged and the daemon goes on with what the database holds.
    private func refreshDeployment(_ service: Service) {
        let folder = service.configuration.workflows ?? Configuration.daemonWorkflows
        do {
            let (deployment, updated) = try service.refreshDeployment(from: folder)
            logger.info(
                "workflows read",
                metadata: [
                    "folder": "\(folder)", "workflows": "\(deployment.workflows.joined(separator: ","))",
                    "updated": "\(updated.isEmpty ? "nothing" : updated.joined(separator: ","))",
                ])
        } catch {
            logger.error("the workflows folder is not usable, going on with the calendars and templates stored before: \(error)")
        }
    }

    /// Says at start what would keep mail from going out (sendmail missing or not executable);
    /// the daemon runs on, recording notices and holding their mail until sendmail is fixed. A
    /// maildir's `tmp/` is cleared of files a writer left behind.
    private func checkMail(_ service: Service) {
        switch service.configuration.mail.transport {
        case .sendmail:
            if let problem = SendmailTransport.problem(with: service.configuration.mail.sendmail) {
                logger.error("sendmail cannot be run, mail is held in the outbox until it can: \(problem)")
            }
        case .maildir:
            let removed = MaildirTransport(folder: service.configuration.mail.maildir!).removeStaleTemporaryFiles()
            if !removed.isEmpty {
                logger.notice(
                    "removed \(removed.count) stale files from the maildir's tmp/",
                    metadata: ["files": "\(removed.prefix(10).joined(separator: ","))"])
            }
        }
        do {
            let dead = try service.deadMessages()
            if dead > 0 {
                logger.error("\(dead) dead messages in the outbox: see zhengdun outbox list --state dead")
                updateStatus { $0.dead = dead }
            }
        } catch {
            logger.error("cannot count the dead messages: \(error)")
        }
    }

    // MARK: Scheduler and delivery

    /// One scheduler pass at the wall clock's now, then the timers it spent (and any a pass before
    /// it left) are swept. Returns how many messages it queued, for the delivery timer.
    func pass() throws -> Int {
        let service = self.service
        let report = try service.runDue(
            continuing: { !self.isStopping },
            betweenBatches: { try self.store.checkpointPassively() })
        try service.sweepSpentTimers()
        // After a catch-up, the log holds its last batch and the sweep: copied now, before
        // delivery adds to it.
        if report.queued > 1_000 { try store.checkpointPassively() }
        let next = try service.nextDue().map { service.zone.localDateTime($0).description } ?? "none"
        if !report.notices.isEmpty || report.stale > 0 {
            logger.info(
                "pass",
                metadata: [
                    "notices": "\(report.notices.count)", "queued": "\(report.queued)",
                    "stale": "\(report.stale)", "next": "\(next)",
                ])
            for notice in report.notices {
                logger.debug(
                    "notice",
                    metadata: [
                        "key": "\(notice.key)", "kind": "\(notice.kind.rawValue)", "late": "\(notice.late)",
                        "recipients": "\(notice.recipients.map(\.rawValue).joined(separator: ","))",
                    ])
            }
        }
        updateStatus { $0.pass = "next notice \(next)" }
        return report.queued
    }

    /// Housekeeping for a quiet moment: the log copied into the database.
    func checkpointWhenQuiet() {
        // Logged here: the timer does not retry housekeeping, the next quiet moment does.
        do { try store.checkpoint() } catch { logger.warning("checkpoint in a quiet moment failed: \(error)") }
    }

    /// Hands every message whose try is due to the transport, until none is left or the daemon
    /// stops.
    func deliverDue() throws -> DeliveryReport {
        try deliveryTurn.withLock { _ in
            let service = self.service
            // A sendmail that cannot be run would turn every message dead within hours: hold
            // them, and say so every time the timer tries again.
            if service.configuration.mail.transport == .sendmail,
                let problem = SendmailTransport.problem(with: service.configuration.mail.sendmail)
            {
                updateStatus { $0.delivery = "mail held: sendmail cannot be run" }
                throw MailError("sendmail cannot be run, mail is held in the outbox: \(problem)")
            }
            let report = try service.deliver(using: try service.transport()) { !self.isStopping }
            for error in report.errors { logger.warning("not delivered: \(error)") }
            for message in report.deadMessages { logger.error("dead, given up: \(message); zhengdun outbox retry puts it back in line") }
            if report.pruned > 0 { logger.info("sent messages past their retention deleted", metadata: ["deleted": "\(report.pruned)"]) }
            if report.sent + report.failed + report.dead > 0 {
                logger.info("delivered", metadata: ["sent": "\(report.sent)", "retry": "\(report.failed)", "dead": "\(report.dead)"])
                // Counted again each time: `outbox retry` may have put dead ones back in line.
                let dead = try service.deadMessages()
                updateStatus {
                    $0.delivery = "last delivery: \(report.sent) sent, \(report.failed) to retry, \(report.dead) dead"
                    $0.dead = dead
                }
            }
            return report
        }
    }

    private func updateStatus(_ change: (inout Status) -> Void) {
        let line = status.withLock { status in
            change(&status)
            return "\(status.pass); \(status.delivery)" + (status.dead > 0 ? "; \(status.dead) dead messages in the outbox" : "")
        }
        notifier.notify("STATUS=\(line)")
    }

    // MARK: Reload and stop

    /// Reads the configuration file and the workflows folder again and puts them in force, or
    /// refuses them whole with the reason and keeps the ones in force.
    func reload() {
        notifier.notify("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
        let old = service
        do {
            let configuration = try Self.readConfiguration(configurationPath, logger: logger)
            let service = Service(store: store, clock: SystemClock(), configuration: configuration)
            _ = try service.transport()
            if configuration.mail.transport == .sendmail, let problem = SendmailTransport.problem(with: configuration.mail.sendmail) {
                throw MailError("sendmail cannot be run: \(problem)")
            }
            _ = try MailAddress.parse(configuration.mail.from)
            let folder = configuration.workflows ?? Configuration.daemonWorkflows
            let (deployment, updated) = try service.refreshDeployment(from: folder)
            current.withLock { $0 = service }
            JournalLogHandler.threshold.withLock { $0 = Logger.Level(rawValue: configuration.logLevel.rawValue) ?? .info }
            for (key, changed) in [
                ("database", configuration.database != old.configuration.database),
                ("socket", configuration.socketPath != old.configuration.socketPath),
                ("socket_mode", configuration.socketMode != old.configuration.socketMode),
                ("socket_group", configuration.socketGroup != old.configuration.socketGroup),
            ] where changed {
                logger.warning("\(key) changed in \(configurationPath); it takes effect when the daemon restarts")
            }
            logger.info(
                "reloaded",
                metadata: [
                    "configuration": "\(configurationPath)", "workflows": "\(deployment.workflows.joined(separator: ","))",
                    "updated": "\(updated.isEmpty ? "nothing" : updated.joined(separator: ","))",
                ])
        } catch {
            logger.error("reload refused, the configuration in force stays: \(error)")
        }
    }

    /// A stop was asked for: from now on requests are refused and the pass and the delivery in
    /// hand end at their next batch. The services are then shut down one by one.
    func beginStopping(on signal: String) {
        stopping.store(true, ordering: .relaxed)
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        notifier.notify("STOPPING=1")
    }

    /// Every service has ended: the log is copied into the database and emptied, so that the
    /// database file alone is whole.
    func finish() {
        do {
            try store.checkpointAndTruncate()
        } catch {
            logger.warning("checkpoint at stop failed: \(error)")
        }
        logger.info("stopped")
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }
}
