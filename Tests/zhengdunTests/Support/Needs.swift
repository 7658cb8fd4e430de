import Foundation
import Testing

/// Whether the tests run under CI (`CI=true`), where nothing they need may be missing.
let underCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// A test that needs what a developer's machine may lack (root, a tool): skipped where it is
/// missing, saying what to install or how to run it; under CI it fails at once with the same
/// words, so that a missing package fails the run instead of hiding behind a skip.
func needs(_ available: Bool, _ what: Comment) -> any TestTrait {
    underCI ? Required(available: available, what: what) : ConditionTrait.enabled(if: available, what)
}

/// Under CI: fails the test before it runs when what it needs is missing, naming it.
struct Required: TestTrait, TestScoping {
    let available: Bool
    let what: Comment

    /// What CI lacked, in the words the skip would have used.
    struct Missing: Error, CustomStringConvertible {
        let what: Comment
        var description: String { "missing under CI=true: \(what.rawValue)" }
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard available else { throw Missing(what: what) }
        try await function()
    }
}
