import Foundation
import Testing

/// Whether the tests run under CI (`CI=true`), where nothing they need may be missing.
public let underCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// A test that needs what a developer's machine may lack: skipped where it is missing, saying what
/// to install; under CI it fails at once with the same words, so that a missing package fails the
/// run instead of hiding behind a skip.
public func needs(_ available: Bool, _ what: Comment) -> any TestTrait & SuiteTrait {
    underCI ? Required(available: available, what: what) : ConditionTrait.enabled(if: available, what)
}

/// Under CI: fails the test before it runs when what it needs is missing, naming it.
public struct Required: TestTrait, SuiteTrait, TestScoping {
    public let available: Bool
    public let what: Comment

    public init(available: Bool, what: Comment) {
        self.available = available
        self.what = what
    }

    /// On a suite, each of its tests fails on its own.
    public var isRecursive: Bool { true }

    public struct Missing: Error, CustomStringConvertible {
        public let what: Comment
        public var description: String { "missing under CI=true: \(what.rawValue)" }
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard available else { throw Missing(what: what) }
        try await function()
    }
}
