import Logging
import ServiceLifecycle
import ZhengdunService

/// The scheduler's and delivery's due timers: whoever may have changed what falls due pokes both.
struct DueTimers: Sendable {
    let scheduler: DueTimer
    let delivery: DueTimer

    func poke() {
        scheduler.poke()
        delivery.poke()
    }
}

/// The running daemon as services in one `ServiceGroup`, each one a `run()`: started in the order
/// below, and on SIGTERM or SIGINT shut down gracefully in the reverse order, each waited for
/// before the next is told:
///
/// 1. systemd: `READY=1`, then `WATCHDOG=1` while the scheduler answers — stopped last, so that
///    systemd hears from the daemon until the end;
/// 2. delivery's due timer — the message in hand is finished;
/// 3. the scheduler's due timer — the pass in hand is finished (it ends at its next batch);
/// 4. the database watcher, which pokes the timers;
/// 5. the socket — it stops accepting and answers the requests in hand, which may poke the
///    timers or deliver;
/// 6. the signals: SIGHUP reloads; SIGTERM or SIGINT ends it, which starts the shutdown.
///
/// When every service has ended, the daemon copies its log into the database and exits 0.
struct DaemonServices {
    /// How long a graceful shutdown may take before the services still running are cancelled:
    /// longer than a sendmail run may take (60 s, `SendmailTransport`), so that the message in
    /// hand still goes out, and shorter than systemd's `TimeoutStopSec=90s`
    /// (deploy/zhengdund.service), after which systemd sends SIGKILL.
    static let gracefulShutdownLimit: Duration = .seconds(75)

    let daemon: Daemon
    private let group: ServiceGroup

    /// Sets every service up: the timers, the socket bound and listening, the database watched,
    /// the signals caught. Throws what keeps the daemon from serving.
    init(_ daemon: Daemon) async throws {
        self.daemon = daemon
        let logger = daemon.logger
        daemon.prepare()
        let delivery = DueTimer(
            label: "zhengdun.delivery", nextDue: { try daemon.service.nextDelivery() },
            pass: { _ = try daemon.deliverDue() },
            failed: { logger.error("delivery failed: \($0); trying again in \(Int(DueTimer.retryAfterFailure)) s") })
        let scheduler = DueTimer(
            label: "zhengdun.scheduler", nextDue: { try daemon.service.nextDue() },
            pass: { if try daemon.pass() > 0 { delivery.poke() } },
            failed: { logger.error("scheduler pass failed: \($0); trying again in \(Int(DueTimer.retryAfterFailure)) s") },
            idle: { daemon.checkpointWhenQuiet() })
        let timers = DueTimers(scheduler: scheduler, delivery: delivery)

        let configuration = daemon.service.configuration
        let server = SocketServer(
            path: configuration.socketPath,
            handler: { payload, peer in
                let (answer, changes) = daemon.answer(payload, peer: peer)
                if changes { timers.poke() }
                return answer
            },
            refused: { logger.notice("connection refused: \($0)") },
            dropped: { logger.notice("connection dropped: \($0)") })
        var socketGroup: UInt32?
        if let name = configuration.socketGroup {
            guard let id = Accounts.groupID(name) else { throw SocketError(.socketGroupUnknown(group: "\(name)")) }
            socketGroup = id
        }
        try server.prepare(mode: configuration.socketMode, group: socketGroup)

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(
                service: SystemdService(daemon: daemon, socketPath: configuration.socketPath, scheduler: scheduler), serviceName: "systemd"),
            .init(service: DueTimerService(timer: delivery), serviceName: "delivery"),
            .init(service: DueTimerService(timer: scheduler), serviceName: "scheduler"),
        ]
        if let watcher = Self.watcher(daemon, timers) {
            services.append(.init(service: watcher, serviceName: "database watcher"))
        }
        services.append(.init(service: server, serviceName: "socket"))
        // Caught from here on; the service that handles them comes last, and its end (on SIGTERM
        // or SIGINT) shuts the others down.
        let signals = await SignalService(daemon: daemon, timers: timers)
        services.append(.init(service: signals, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "signals"))

        var group = ServiceGroupConfiguration(services: services, logger: logger)
        group.maximumGracefulShutdownDuration = Self.gracefulShutdownLimit
        self.group = ServiceGroup(configuration: group)
    }

    /// Wakes the timers when another process commits to the database (an administrator's
    /// `--force`); without inotify the daemon still serves, and says so.
    private static func watcher(_ daemon: Daemon, _ timers: DueTimers) -> DatabaseWatcher? {
        let logger = daemon.logger
        do {
            return try DatabaseWatcher(
                database: daemon.store.path, version: { [store = daemon.store] in try store.versionOfOthers() },
                changed: {
                    logger.debug("the database was changed by another process")
                    timers.poke()
                },
                failed: { logger.error("cannot read the database's version: \($0)") })
        } catch {
            logger.error("changes by other processes go unseen until the next due instant: \(error)")
            return nil
        }
    }

    /// Runs every service until the group has shut down, then puts the database in order. Throws
    /// when a service ended the group by failing.
    func run() async throws {
        defer { daemon.finish() }
        do {
            try await group.run()
        } catch {
            daemon.logger.critical("stopping after a failure: \(error)")
            throw error
        }
    }
}
