import Foundation
import Testing

/// Whether the tests run under CI (`CI=true`), where nothing they need may be missing.
let underCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// A test that needs what a developer's machine may lack (root, a tool): skipped where it is
/// missing, saying what to install or how to run it; under CI it always runs, so that a missing
/// package fails the run instead of hiding behind a skip.
func needs(_ available: Bool, _ what: Comment) -> ConditionTrait {
    .enabled(if: available || underCI, what)
}
