import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// The daemon's one handler for SIGHUP, SIGTERM and SIGINT. SIGHUP reloads the configuration,
/// the workflows and the templates; SIGTERM or SIGINT says the daemon is stopping and ends this
/// service, which shuts the group down.
struct SignalService: ServiceLifecycle.Service {
    let daemon: Daemon
    let timers: DueTimers
    private let signals: UnixSignalsSequence

    init(daemon: Daemon, timers: DueTimers) async {
        self.daemon = daemon
        self.timers = timers
        for signal in [SIGHUP, SIGTERM, SIGINT] {
            // Dispatch's signal sources, which the sequence is made of, see a signal only once
            // its default action (ending the process) is turned off.
            _ = Glibc.signal(signal, SIG_IGN)
        }
        signals = await UnixSignalsSequence(trapping: .sighup, .sigterm, .sigint)
    }

    func run() async {
        for await signal in signals.cancelOnGracefulShutdown() {
            if signal == .sighup {
                daemon.reload()
                timers.poke()
                daemon.notifier.notify("READY=1")
            } else {
                daemon.beginStopping(on: "\(signal)")
                return
            }
        }
    }
}
