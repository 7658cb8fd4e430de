import Dispatch
import Foundation
import ZhengdunCore

/// The daemon's due timer (到期定时器): one Dispatch timer armed for the next instant something
/// falls due — a planned notice for the scheduler, a message for delivery. When it fires it runs
/// a pass and arms itself for the next instant; whoever changes data calls `poke()` so that a
/// new, earlier instant is not missed. It never polls: between due instants the process sleeps.
/// The timer runs on wall-clock time, so a change of the system clock is honoured. The database
/// holds the truth; the timer is only a hint, rebuilt from the database after every pass.
///
/// Every decision is `DueTimerMachine`'s; this class only carries out its actions.
///
/// The daemon owns a timer through `run()`, which lasts from the first pass until the timer is
/// stopped; a Dispatch timer rather than a sleeping task wakes it, because a Dispatch wall-clock
/// deadline follows a change of the system clock and a monotonic sleep does not.
public final class DueTimer: @unchecked Sendable {
    // Safe to share: `source`, `machine`, `activated` and `finished` are only touched on
    // `queue`, a serial queue; the closures are @Sendable.
    private let queue: DispatchQueue
    private let source: DispatchSourceTimer
    private let nextDue: @Sendable () throws -> Date?
    private let pass: @Sendable () throws -> Void
    private let failed: @Sendable (any Error) -> Void
    private let idle: (@Sendable () throws -> Void)?
    private var machine: DueTimerMachine
    /// Whether `source` was activated: Dispatch must not release a source that never was.
    private var activated = false
    /// The `run()` waiting for the timer to stop.
    private var finished: CheckedContinuation<Void, Never>?

    /// - Parameters:
    ///   - label: names the timer's queue (`zhengdun.scheduler`, `zhengdun.delivery`).
    ///   - nextDue: the earliest instant something falls due, read from the database.
    ///   - pass: handles everything due now (a scheduler pass, or delivery).
    ///   - failed: told about an error; the timer then tries again a little later.
    ///   - idle: housekeeping for a quiet moment (a checkpoint), run after a pass when nothing
    ///     falls due within `quietMoment`.
    public init(
        label: String, nextDue: @escaping @Sendable () throws -> Date?,
        pass: @escaping @Sendable () throws -> Void, failed: @escaping @Sendable (any Error) -> Void,
        idle: (@Sendable () throws -> Void)? = nil
    ) {
        queue = DispatchQueue(label: label)
        source = DispatchSource.makeTimerSource(queue: queue)
        self.nextDue = nextDue
        self.pass = pass
        self.failed = failed
        self.idle = idle
        machine = DueTimerMachine(hasIdle: idle != nil)
        source.setEventHandler { [weak self] in self?.fire() }
    }

    /// How long after a failure the timer tries again.
    public static let retryAfterFailure = DueTimerMachine.retryAfterFailure
    /// How far off the next instant must be for housekeeping to run.
    public static let quietMoment = DueTimerMachine.quietMoment

    /// Runs a first pass (catching up on anything missed) and arms the timer.
    public func start() {
        queue.async { self.begin() }
    }

    /// Runs the timer until it is stopped (`requestStop()`, `stop()`) or the task is cancelled:
    /// a first pass catching up on anything missed, then a pass at each due instant. Returns once
    /// the pass in progress has finished and the timer is cancelled, so that no pass runs after.
    public func run() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
                queue.async {
                    // Stopped before it ran: there is nothing to wait for.
                    guard self.machine.state != .stopped else { return finished.resume() }
                    self.finished = finished
                    self.begin()
                }
            }
        } onCancel: {
            requestStop()
        }
    }

    /// Asks the timer to stop without waiting for it: the pass in progress finishes first, and
    /// `run()` then returns.
    public func requestStop() {
        queue.async { self.carryOut(self.machine.stopped()) }
    }

    /// Returns once the timer's queue is free: at once between passes, after it when a pass
    /// runs, never when a pass is stuck for good (the systemd watchdog's question).
    public func responds() async {
        await withCheckedContinuation { (answered: CheckedContinuation<Void, Never>) in
            queue.async { answered.resume() }
        }
    }

    private func begin() {
        activated = true
        source.activate()
        carryOut(machine.started())
    }

    /// Data changed: re-read the earliest instant and re-arm if it came forward.
    public func poke() {
        queue.async { self.carryOut(self.machine.poked()) }
    }

    /// Stops the timer; a pass in progress finishes first.
    public func stop() {
        queue.sync { carryOut(machine.stopped()) }
    }

    /// The instant the timer is armed for (nil: nothing planned); for tests and diagnostics.
    public var armedInstant: Date? {
        queue.sync { machine.armedInstant }
    }

    private func fire() {
        carryOut(machine.fired())
    }

    private func carryOut(_ action: DueTimerMachine.Action) {
        switch action {
        case .runPass:
            runPass()
        case .readNext:
            do {
                let next = try nextDue()
                carryOut(machine.read(next: next))
            } catch {
                failed(error)
                carryOut(machine.readFailed(now: Date()))
            }
        case .arm(let instant):
            schedule(instant)
        case .armThenIdle(let instant):
            schedule(instant)
            runIdle()
        case .disarm:
            source.schedule(wallDeadline: .distantFuture)
        case .disarmThenIdle:
            source.schedule(wallDeadline: .distantFuture)
            runIdle()
        case .cancel:
            if !activated {
                activated = true
                source.activate()
            }
            source.cancel()
            finished?.resume()
            finished = nil
        case .nothing:
            break
        }
    }

    private func runPass() {
        do {
            try pass()
        } catch {
            failed(error)
            return carryOut(machine.passFailed(now: Date()))
        }
        do {
            let next = try nextDue()
            carryOut(machine.passSucceeded(next: next, now: Date()))
        } catch {
            failed(error)
            carryOut(machine.readFailed(now: Date()))
        }
    }

    private func runIdle() {
        // Housekeeping that fails is only reported: the timer stays armed for the next due
        // instant (moving it to a retry could make a notice late), and the next quiet moment
        // runs the housekeeping again.
        do { try idle?() } catch { failed(error) }
    }

    private func schedule(_ instant: Date) {
        let seconds = max(0, instant.timeIntervalSince1970)
        let whole = seconds.rounded(.down)
        let deadline = DispatchWallTime(timespec: timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1_000_000_000)))
        source.schedule(wallDeadline: deadline, repeating: .never, leeway: .milliseconds(1))
    }
}
