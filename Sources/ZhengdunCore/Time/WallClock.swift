import Foundation
import Synchronization

/// The one source of the current time. Nothing in ZhengdunCore reads the clock: the shell asks
/// a `WallClock` and passes the instant in, so tests and `run-due --now` can move time.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// A clock that stands still until it is moved: for tests and for walking a campaign through
/// virtual time.
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) {
        current = Mutex(start)
    }

    public func now() -> Date {
        current.withLock { $0 }
    }

    public func set(_ instant: Date) {
        current.withLock { $0 = instant }
    }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
