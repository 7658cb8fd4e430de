import Foundation
import Testing

/// Whether the tests run under CI (`CI=true`), where nothing they need may be missing.
let underCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// A test that needs what a developer's machine may lack: skipped where it is missing, saying what
/// to install; under CI it fails at once with the same words, so that a missing package fails the
/// run instead of hiding behind a skip.
func needs(_ available: Bool, _ what: Comment) -> any TestTrait & SuiteTrait {
    underCI ? Required(available: available, what: what) : ConditionTrait.enabled(if: available, what)
}

/// Under CI: fails the test before it runs when what it needs is missing, naming it.
struct Required: TestTrait, SuiteTrait, TestScoping {
    let available: Bool
    let what: Comment
    /// On a suite, each of its tests fails on its own.
    var isRecursive: Bool { true }

    struct Missing: Error, CustomStringConvertible {
        let what: Comment
        var description: String { "missing under CI=true: \(what.rawValue)" }
    }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard available else { throw Missing(what: what) }
        try await function()
    }
}

/// Whether `python3` runs here.
let pythonAvailable: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import hmac, hashlib, base64, urllib.parse, http.server"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// The trait of every test that runs Python.
let needsPython = needs(pythonAvailable, "python3 (Debian package python3) runs the stand-in robot server and checks")

/// Runs a Python program with `arguments`; its standard output, trimmed.
func runPython(_ program: String, _ arguments: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", program] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
