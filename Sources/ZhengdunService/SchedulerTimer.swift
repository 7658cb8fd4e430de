import Dispatch
import Foundation
import ZhengdunCore

/// One Dispatch timer armed for the instant the earliest planned notice falls due. When it
/// fires it runs a scheduler pass and arms itself for the next instant; whoever changes data
/// calls `poke()` so that a new, earlier notice is not missed. It never polls: between due
/// instants the process sleeps. The timer runs on wall-clock time, so a change of the system
/// clock is honoured. The database holds the truth; the timer is only a hint, rebuilt from the
/// database whenever it is armed.
public final class SchedulerTimer: @unchecked Sendable {
    // Safe to share: `source` and `armedFor` are only touched on `queue`, a serial queue; the
    // closures are @Sendable.
    private let queue: DispatchQueue
    private let source: DispatchSourceTimer
    private let nextDue: @Sendable () throws -> Date?
    private let pass: @Sendable () throws -> Void
    private let failed: @Sendable (any Error) -> Void
    private let idle: (@Sendable () throws -> Void)?
    private var armedFor: Date?
    private var stopped = false

    /// - Parameters:
    ///   - nextDue: the earliest planned instant, read from the database.
    ///   - pass: runs a scheduler pass (and delivery) for everything due now.
    ///   - failed: told about an error; the timer then tries again a little later.
    ///   - idle: housekeeping for a quiet moment (a checkpoint), run after a pass when nothing
    ///     falls due within `quietMoment`.
    public init(label: String = "zhengdun.scheduler", nextDue: @escaping @Sendable () throws -> Date?,
                pass: @escaping @Sendable () throws -> Void, failed: @escaping @Sendable (any Error) -> Void,
                idle: (@Sendable () throws -> Void)? = nil) {
        queue = DispatchQueue(label: label)
        source = DispatchSource.makeTimerSource(queue: queue)
        self.nextDue = nextDue
        self.pass = pass
        self.failed = failed
        self.idle = idle
        source.setEventHandler { [weak self] in self?.fire() }
    }

    /// How long after a failure the timer tries again.
    public static let retryAfterFailure: TimeInterval = 30
    /// How far off the next notice must be for housekeeping to run.
    public static let quietMoment: TimeInterval = 1

    /// Runs a first pass (catching up on anything missed) and arms the timer.
    public func start() {
        queue.async {
            self.source.activate()
            self.fire()
        }
    }

    /// Data changed: re-read the earliest instant and re-arm if it moved.
    public func poke() {
        queue.async { self.arm() }
    }

    /// Stops the timer; a pass in progress finishes first.
    public func stop() {
        queue.sync {
            stopped = true
            source.cancel()
        }
    }

    /// The instant the timer is armed for (nil: nothing planned); for tests and diagnostics.
    public var armedInstant: Date? {
        queue.sync { armedFor }
    }

    private func fire() {
        guard !stopped else { return }
        // The one-shot timer is spent; whatever comes next is armed afresh.
        armedFor = nil
        do {
            try pass()
            arm()
            if let idle, (armedFor ?? .distantFuture).timeIntervalSinceNow > Self.quietMoment { try idle() }
        } catch {
            failed(error)
            schedule(Date().addingTimeInterval(Self.retryAfterFailure))
        }
    }

    private func arm() {
        guard !stopped else { return }
        do {
            guard let next = try nextDue() else {
                armedFor = nil
                source.schedule(wallDeadline: .distantFuture)
                return
            }
            if next != armedFor { schedule(next) }
        } catch {
            failed(error)
            schedule(Date().addingTimeInterval(Self.retryAfterFailure))
        }
    }

    private func schedule(_ instant: Date) {
        armedFor = instant
        let seconds = max(0, instant.timeIntervalSince1970)
        let whole = seconds.rounded(.down)
        let deadline = DispatchWallTime(timespec: timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1_000_000_000)))
        source.schedule(wallDeadline: deadline, repeating: .never, leeway: .milliseconds(1))
    }
}
