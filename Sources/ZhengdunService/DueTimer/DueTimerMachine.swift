import Foundation

/// The decisions of a `DueTimer` (到期定时器), with no I/O and no clock: when to run a pass,
/// what instant to arm for, when to try again after a failure, when there is a quiet moment for
/// housekeeping, and that nothing happens after a stop. The timer feeds it what happened (and
/// the current instant where a decision depends on it) and carries out the action it returns.
///
/// The database holds the truth; an armed instant is only a hint. Arming too early costs an
/// empty pass, arming too late makes a notice late, so an instant learnt from a poke or a retry
/// only ever moves the timer earlier, and the pass that follows re-reads the database.
public struct DueTimerMachine: Sendable, Equatable {
    /// How long after a failure the timer tries again.
    public static let retryAfterFailure: TimeInterval = 30
    /// How far off the next instant must be for housekeeping to run.
    public static let quietMoment: TimeInterval = 1

    /// What the timer must do next.
    public enum Action: Sendable, Equatable {
        /// Run a pass now; then read the next instant and report `passSucceeded(next:now:)`,
        /// or report `passFailed(now:)` or `readFailed(now:)`.
        case runPass
        /// Read the next instant and report `read(next:)` or `readFailed(now:)`.
        case readNext
        /// Arm the one-shot timer for this instant, replacing whatever it was armed for.
        case arm(Date)
        /// Arm for this instant, then run the housekeeping: nothing falls due for a while.
        case armThenIdle(Date)
        /// Leave the timer unarmed: nothing is planned.
        case disarm
        /// Leave the timer unarmed, then run the housekeeping.
        case disarmThenIdle
        /// Cancel the timer for good.
        case cancel
        case nothing
    }

    enum State: Sendable, Equatable {
        case notStarted
        /// A pass is running; the one-shot timer is spent.
        case passing
        case armed(Date)
        /// Nothing planned: the timer is unarmed until a poke brings an instant.
        case sleeping
        case stopped
    }

    private(set) var state = State.notStarted
    /// Whether the timer has housekeeping to run; without it, no idle action is returned.
    private let hasIdle: Bool

    public init(hasIdle: Bool) {
        self.hasIdle = hasIdle
    }

    /// The instant the timer is armed for (nil: a pass is running, nothing is planned, or stopped).
    public var armedInstant: Date? {
        if case .armed(let instant) = state { return instant }
        return nil
    }

    /// The timer starts with a pass, catching up on whatever fell due while nothing ran.
    public mutating func started() -> Action {
        guard state == .notStarted else { return .nothing }
        state = .passing
        return .runPass
    }

    /// The armed instant came.
    public mutating func fired() -> Action {
        switch state {
        case .armed, .sleeping:
            state = .passing
            return .runPass
        case .notStarted, .passing, .stopped:
            return .nothing
        }
    }

    /// The pass committed and the next instant was read: the spent timer is armed for it.
    public mutating func passSucceeded(next: Date?, now: Date) -> Action {
        guard state == .passing else { return .nothing }
        let quiet = hasIdle && (next ?? .distantFuture).timeIntervalSince(now) > Self.quietMoment
        guard let next else {
            state = .sleeping
            return quiet ? .disarmThenIdle : .disarm
        }
        state = .armed(next)
        return quiet ? .armThenIdle(next) : .arm(next)
    }

    /// The pass failed: it is tried again a little later (a poke with an earlier instant may
    /// bring that forward).
    public mutating func passFailed(now: Date) -> Action {
        guard state == .passing else { return .nothing }
        return arm(now.addingTimeInterval(Self.retryAfterFailure))
    }

    /// Data changed: the next instant may have come forward.
    public mutating func poked() -> Action {
        switch state {
        case .armed, .sleeping: return .readNext
        // A pass running reads the next instant when it ends; before the start or after the
        // stop there is nothing to arm (and the database may be closing).
        case .notStarted, .passing, .stopped: return .nothing
        }
    }

    /// The next instant read after a poke: the timer moves only if it comes earlier.
    public mutating func read(next: Date?) -> Action {
        guard let next else { return .nothing }
        return earlier(next)
    }

    /// The next instant could not be read: the timer tries again a little later, unless it is
    /// already armed for sooner.
    public mutating func readFailed(now: Date) -> Action {
        let retry = now.addingTimeInterval(Self.retryAfterFailure)
        if state == .passing { return arm(retry) }
        return earlier(retry)
    }

    /// The timer stops: nothing is armed from now on.
    public mutating func stopped() -> Action {
        guard state != .stopped else { return .nothing }
        state = .stopped
        return .cancel
    }

    private mutating func earlier(_ instant: Date) -> Action {
        switch state {
        case .armed(let armed) where instant < armed: return arm(instant)
        case .sleeping: return arm(instant)
        case .armed, .notStarted, .passing, .stopped: return .nothing
        }
    }

    private mutating func arm(_ instant: Date) -> Action {
        state = .armed(instant)
        return .arm(instant)
    }
}
