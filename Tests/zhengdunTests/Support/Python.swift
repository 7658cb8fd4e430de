import Foundation

/// Python 3, the independent reader the tests check zhengdun's files with (`email`, `xml.etree`).
enum Python {
    /// Runs `script` with `arguments`; what it prints.
    static func run(_ script: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return output
    }

    /// Runs `script`, which prints one JSON value; the value.
    static func json(_ script: String, _ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: try run(script, arguments))
    }
}
