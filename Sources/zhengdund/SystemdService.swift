import ServiceLifecycle
import ZhengdunService

#if canImport(Glibc)
import Glibc
#endif

/// The systemd notify protocol's part of the lifecycle: `READY=1` once every service is set up
/// (the socket already listens: a client that connects now waits in its backlog), then
/// `WATCHDOG=1` at half systemd's interval, sent only while the scheduler's queue answers, so
/// that a scheduler stuck for good stops the pings and systemd restarts the daemon.
struct SystemdService: ServiceLifecycle.Service {
    let daemon: Daemon
    let socketPath: String
    let scheduler: DueTimer

    func run() async {
        daemon.logger.info("serving", metadata: ["socket": "\(socketPath)", "database": "\(daemon.store.path)", "pid": "\(getpid())"])
        daemon.notifier.notify("READY=1\nSTATUS=serving \(socketPath)\nMAINPID=\(getpid())")
        guard let interval = SystemdNotifier.watchdogInterval() else {
            // Nothing more to say until the end. Thrown only for cancellation, which ends it too.
            try? await gracefulShutdown()
            return
        }
        let (daemon, scheduler) = (daemon, scheduler)
        // Each ping waits for its interval, not for a condition: the watchdog is a heartbeat.
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: .microseconds(Int64(interval * 1_000_000)))
                await scheduler.responds()
                daemon.notifier.notify("WATCHDOG=1")
            }
        }
    }
}
