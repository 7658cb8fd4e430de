import Foundation
import ZhengdunCore

/// The machine's wall clock.
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Date { Date() }
}
