import Foundation

/// Python 3, the independent reader the tests check zhengdun's files with (`csv`, `email`,
/// `icalendar`, `sqlite3`, `xml.etree`): Debian's own, `/usr/bin/python3`, where `.ci/run`
/// installs python3-icalendar (a python3 earlier on the PATH may lack it), or the one
/// `ZHENGDUN_TEST_PYTHON` names (to see what a machine without a module skips).
enum Python {
    static let path = ProcessInfo.processInfo.environment["ZHENGDUN_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/bin/python3"

    /// Runs `script` with `arguments`; what it prints. A script that fails is an error, with
    /// what it wrote to standard error.
    @discardableResult
    static func run(_ script: String, _ arguments: [String]) throws -> Data {
        let outcome = try CLI.run([path, "-c", script] + arguments, executable: URL(fileURLWithPath: path))
        guard outcome.status == 0 else { throw Refusal("python3 failed: \(outcome.stderr)") }
        return Data(outcome.stdout.utf8)
    }

    /// Whether Debian's python3 has `module` (Debian packages it as python3-MODULE).
    static func has(_ module: String) -> Bool {
        (try? run("import \(module)", [])) != nil
    }

    /// Runs `script`, which prints one JSON value; the value.
    static func json(_ script: String, _ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: try run(script, arguments))
    }
}

/// Runs a Python snippet with arguments, for what it does.
func python(_ script: String, _ arguments: String...) throws {
    try Python.run(script, arguments)
}

/// Runs a Python snippet that prints one JSON value; the value.
func pythonJSON(_ script: String, _ arguments: String...) throws -> Any {
    try Python.json(script, arguments)
}
