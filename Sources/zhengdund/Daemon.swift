import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Synchronization
import ZhengdunCore
import ZhengdunMail
import ZhengdunService
import ZhengdunStore

/// The running daemon: the store, the service in force (replaced whole on reload), the scheduler
/// timer, the delivery timer and the socket. The database holds every fact; the daemon's memory
/// holds only the configuration and the timers' next instants, so a kill at any moment loses
/// nothing.
final class Daemon: @unchecked Sendable {
    // Safe to share: the timers, the server, the watcher, the signal sources and the watchdog are
    // set once in `start()` before any other thread runs; everything that changes later is behind
    // a Mutex or an Atomic.
    let configurationPath: String
    let store: Store
    let logger: Logger
    let notifier = SystemdNotifier()
    private let current: Mutex<Service>
    private let stopping = Atomic<Bool>(false)
    /// One deliverer at a time (the delivery timer, or `run-due` over the socket), so that no
    /// message is handed to sendmail twice.
    private let deliveryTurn = Mutex<Void>(())
    private let status = Mutex(Status())
    private var scheduler: DueTimer!
    private var delivery: DueTimer!
    private var server: SocketServer!
    /// The right to deliver for the database, held while the daemon lives.
    private let deliverer: DeliveryLock
    private var watcher: DatabaseWatcher?
    private var signalSources: [DispatchSourceSignal] = []
    private var watchdog: DispatchSourceTimer?

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

    /// Reads a configuration file, logging its warnings; throws a one-line reason.
    static func readConfiguration(_ path: String, logger: Logger?) throws -> Configuration {
        let loaded = try Configuration.load(try TextFile.read(path), file: path)
        for warning in loaded.warnings { logger?.warning("\(warning.description)") }
        return loaded.value
    }

    // MARK: Start

    /// Stores the workflows folder's calendars and templates, opens the socket, starts the timers
    /// and tells systemd it is ready. Returns once all of it runs; the work happens on Dispatch
    /// queues and the socket's thread.
    func start() throws {
        let service = self.service
        refreshDeployment(service)
        checkMail(service)
        delivery = DueTimer(label: "zhengdun.delivery", nextDue: { [unowned self] in try self.service.nextDelivery() },
                            pass: { [unowned self] in _ = try self.deliverDue() },
                            failed: { [unowned self] in self.logger.error("delivery failed: \($0); trying again in \(Int(DueTimer.retryAfterFailure)) s") })
        scheduler = DueTimer(label: "zhengdun.scheduler", nextDue: { [unowned self] in try self.service.nextDue() },
                             pass: { [unowned self] in try self.pass() },
                             failed: { [unowned self] in self.logger.error("scheduler pass failed: \($0); trying again in \(Int(DueTimer.retryAfterFailure)) s") },
                             // Logged here: the timer does not retry housekeeping, the next quiet moment does.
                             idle: { [unowned self] in
                                 do { try self.store.checkpoint() } catch { self.logger.warning("checkpoint in a quiet moment failed: \(error)") }
                             })
        let socketPath = service.configuration.socketPath
        server = SocketServer(path: socketPath, handler: { [unowned self] in self.answer($0, peer: $1) },
                              refused: { [unowned self] in self.logger.notice("connection refused: \($0)") },
                              dropped: { [unowned self] in self.logger.notice("connection dropped: \($0)") })
        var group: UInt32?
        if let name = service.configuration.socketGroup {
            guard let id = Accounts.groupID(name) else { throw SocketError(.socketGroupUnknown, ["group": "\(name)"]) }
            group = id
        }
        try server.start(mode: service.configuration.socketMode, group: group)
        watchDatabase()
        scheduler.start()
        delivery.start()
        handleSignals()
        startWatchdog()
        logger.info("serving", metadata: ["socket": "\(socketPath)", "database": "\(store.path)", "pid": "\(getpid())"])
        notifier.notify("READY=1\nSTATUS=serving \(socketPath)\nMAINPID=\(getpid())")
    }

    /// Checks the workflows folder and stores its calendars and templates; a broken folder is
    /// logged and the daemon goes on with what the database holds.
    private func refreshDeployment(_ service: Service) {
        let folder = service.configuration.workflows ?? Configuration.daemonWorkflows
        do {
            let (deployment, updated) = try service.refreshDeployment(from: folder)
            logger.info("workflows read", metadata: ["folder": "\(folder)", "workflows": "\(deployment.workflows.joined(separator: ","))",
                                                     "updated": "\(updated.isEmpty ? "nothing" : updated.joined(separator: ","))"])
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
                logger.notice("removed \(removed.count) stale files from the maildir's tmp/", metadata: ["files": "\(removed.prefix(10).joined(separator: ","))"])
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

    /// One scheduler pass at the wall clock's now; what it queued goes to the delivery timer, and then
    /// the timers it spent (and any a pass before it left) are swept.
    private func pass() throws {
        let service = self.service
        let report = try service.runDue(continuing: { !self.stopping.load(ordering: .relaxed) },
                                        betweenBatches: { try self.store.checkpointPassively() })
        if report.queued > 0 { delivery.poke() }
        try service.sweepSpentTimers()
        // After a catch-up, the log holds its last batch and the sweep: copied now, before
        // delivery adds to it.
        if report.queued > 1_000 { try store.checkpointPassively() }
        let next = try service.nextDue().map { service.zone.localDateTime($0).description } ?? "none"
        if !report.notices.isEmpty || report.stale > 0 {
            logger.info("pass", metadata: ["notices": "\(report.notices.count)", "queued": "\(report.queued)",
                                           "stale": "\(report.stale)", "next": "\(next)"])
            for notice in report.notices {
                logger.debug("notice", metadata: ["key": "\(notice.key)", "kind": "\(notice.kind.rawValue)", "late": "\(notice.late)",
                                                  "recipients": "\(notice.recipients.map(\.rawValue).joined(separator: ","))"])
            }
        }
        updateStatus { $0.pass = "next notice \(next)" }
    }

    /// Wakes the timers when another process commits to the database (an administrator's
    /// `--force`); without inotify the daemon still serves, and says so.
    private func watchDatabase() {
        do {
            let watcher = try DatabaseWatcher(database: store.path, version: { [store] in try store.versionOfOthers() },
                                              changed: { [unowned self] in
                                                  self.logger.debug("the database was changed by another process")
                                                  self.scheduler.poke()
                                                  self.delivery.poke()
                                              },
                                              failed: { [unowned self] in self.logger.error("cannot read the database's version: \($0)") })
            watcher.start()
            self.watcher = watcher
        } catch {
            logger.error("changes by other processes go unseen until the next due instant: \(error)")
        }
    }

    /// Hands every message whose try is due to the transport, until none is left or the daemon
    /// stops.
    private func deliverDue() throws -> DeliveryReport {
        try deliveryTurn.withLock { _ in
            let service = self.service
            // A sendmail that cannot be run would turn every message dead within hours: hold
            // them, and say so every time the timer tries again.
            if service.configuration.mail.transport == .sendmail, let problem = SendmailTransport.problem(with: service.configuration.mail.sendmail) {
                updateStatus { $0.delivery = "mail held: sendmail cannot be run" }
                throw MailError("sendmail cannot be run, mail is held in the outbox: \(problem)")
            }
            let report = try service.deliver(using: try service.transport()) { !self.stopping.load(ordering: .relaxed) }
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

    // MARK: Requests

    /// Answers one request frame from the socket: who sent it is the kernel's word, not the
    /// request's.
    private func answer(_ payload: Data, peer: PeerCredentials?) -> Data {
        if stopping.load(ordering: .relaxed) { return refusal(Message(.daemonStopping)) }
        guard let peer else { return refusal(Message(.noPeerCredentials)) }
        let service = self.service
        let caller = peer.caller(adminGroup: service.configuration.adminGroup)
        if let refusal = service.socketAccess(for: caller) {
            logger.notice("request refused", metadata: ["caller": "\(caller.unixUser)", "uid": "\(peer.uid)", "pid": "\(peer.pid)", "reason": "\(refusal)"])
            return self.refusal(refusal)
        }
        let request: any ServiceRequest
        do {
            request = try SocketFrames.decodeRequest(payload)
        } catch {
            let reason = Self.reason(error)
            logger.notice("request refused", metadata: ["uid": "\(peer.uid)", "pid": "\(peer.pid)", "reason": "\(reason)"])
            if let older = olderClientRefusal(error) { return older }
            return refusal(Message(.notARequest, ["version": .number(SocketFrames.version), "reason": "\(reason)"]))
        }
        return answer(request, from: caller, service)
    }

    /// Carries out a request and writes its answer; the daemon's timers are poked after one that
    /// may have changed data.
    private func answer<Request: ServiceRequest>(_ request: Request, from caller: Caller, _ service: Service) -> Data {
        defer {
            if request.writes {
                scheduler.poke()
                delivery.poke()
            }
        }
        do {
            let answer = try perform(request, from: caller, service)
            logger.debug("request", metadata: ["caller": "\(caller.unixUser)", "request": "\(Request.name)"])
            return try SocketFrames.encode(answer: answer)
        } catch {
            let reason = Service.message(for: error)
            logger.info("request refused", metadata: ["caller": "\(caller.unixUser)", "request": "\(Request.name)", "reason": "\(reason)"])
            return refusal(reason)
        }
    }

    /// The service's answer, except that delivery after `run-due` is the daemon's own, taken in
    /// turn with the delivery timer.
    private func perform<Request: ServiceRequest>(_ request: Request, from caller: Caller, _ service: Service) throws -> Request.Answer {
        guard let runDue = request as? RunDue, !runDue.dryRun, runDue.send else { return try service.perform(request, for: caller) }
        var outcome = try service.perform(RunDue(dryRun: false, send: false), for: caller)
        do {
            outcome.delivery = try deliverDue()
        } catch {
            // The pass committed: a delivery that failed is a warning, not a refusal.
            outcome.pass.warnings.append(Message(.deliveryStopped, ["problem": .message(Service.message(for: error))]))
        }
        return outcome as! Request.Answer
    }

    /// A refusal as the frame that answers it.
    private func refusal(_ reason: Message) -> Data {
        do {
            return try SocketFrames.encode(refusal: reason)
        } catch {
            logger.error("cannot encode an answer: \(error)")
            return Data()
        }
    }

    /// A command line of an older protocol told, in its own envelope and the deployment's
    /// language, which command line to install.
    private func olderClientRefusal(_ error: any Error) -> Data? {
        guard let failure = error as? SocketError, failure.message.key == .socketVersionNotSpoken,
              case .number(let spoken)? = failure.message.arguments["spoken"] else { return nil }
        let text = Message(.socketClientOutdated, ["spoken": .number(spoken), "version": .number(SocketFrames.version)])
            .text(in: Language(tag: service.configuration.mail.language) ?? .zh)
        return try? SocketFrames.olderClientRefusal(text, speaking: spoken)
    }

    /// A decoding error in one line.
    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
             DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            let detail = context.underlyingError.map { "\($0)" }.flatMap { $0.contains("JSON") || $0.contains("UTF") ? "the bytes are not JSON" : nil }
            return (path.isEmpty ? "" : "\(path): ") + (detail ?? context.debugDescription)
        default:
            return "\(error)"
        }
    }

    // MARK: Signals

    private func handleSignals() {
        for (number, name) in [(SIGHUP, "SIGHUP"), (SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler { [unowned self] in
                if number == SIGHUP { self.reload() } else { self.stop(on: name) }
            }
            source.activate()
            signalSources.append(source)
        }
    }

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
            for (key, changed) in [("database", configuration.database != old.configuration.database),
                                   ("socket", configuration.socketPath != old.configuration.socketPath),
                                   ("socket_mode", configuration.socketMode != old.configuration.socketMode),
                                   ("socket_group", configuration.socketGroup != old.configuration.socketGroup)] where changed {
                logger.warning("\(key) changed in \(configurationPath); it takes effect when the daemon restarts")
            }
            logger.info("reloaded", metadata: ["configuration": "\(configurationPath)", "workflows": "\(deployment.workflows.joined(separator: ","))",
                                               "updated": "\(updated.isEmpty ? "nothing" : updated.joined(separator: ","))"])
        } catch {
            logger.error("reload refused, the configuration in force stays: \(error)")
        }
        scheduler.poke()
        delivery.poke()
        notifier.notify("READY=1")
    }

    /// Stops accepting, lets the requests, the pass and the message in hand finish, and exits 0.
    func stop(on signal: String) -> Never {
        stopping.store(true, ordering: .relaxed)
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        notifier.notify("STOPPING=1")
        server.stop()
        scheduler.stop()
        delivery.stop()
        watcher?.stop()
        watchdog?.cancel()
        do {
            try store.checkpointAndTruncate()
        } catch {
            logger.warning("checkpoint at stop failed: \(error)")
        }
        logger.info("stopped")
        exit(0)
    }

    // MARK: Watchdog

    /// `WATCHDOG=1` at half systemd's interval, sent only while the scheduler's queue answers: a
    /// scheduler stuck for good stops the pings, and systemd restarts the daemon.
    private func startWatchdog() {
        guard let interval = SystemdNotifier.watchdogInterval() else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "zhengdun.watchdog"))
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(100))
        timer.setEventHandler { [unowned self] in
            _ = self.scheduler.armedInstant
            self.notifier.notify("WATCHDOG=1")
        }
        timer.activate()
        watchdog = timer
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }
}
