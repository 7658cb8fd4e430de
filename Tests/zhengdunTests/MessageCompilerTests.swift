import Foundation
import Testing

/// The messages are checked by the compiler, not by a test that reads them: a message without
/// one of its languages, a text naming a value its message does not take, a call giving a value
/// a wrong name or type does not build. These tests show it on the built `ZhengdunCore` module,
/// with the compiler that built it.
@Suite("The compiler refuses a message that lacks a language or misnames a value")
struct MessageCompilerTests {
    /// The built modules, beside the test bundle.
    static let modules = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("Modules")
    static let compiler =
        ["/usr/bin/swiftc", "/usr/local/bin/swiftc"].first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":").map { "\($0)/swiftc" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let available =
        compiler != nil && FileManager.default.fileExists(atPath: modules.appendingPathComponent("ZhengdunCore.swiftmodule").path)

    /// Type-checks `source` against ZhengdunCore: the compiler's errors, none when it builds.
    static func errors(_ source: String) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-messages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Said.swift")
        try ("import ZhengdunCore\n" + source).write(to: file, atomically: true, encoding: .utf8)
        let checked = try CLI.run(
            [
                compiler!, "-typecheck", "-I", modules.path, "-Xcc",
                "-fmodule-map-file=\(CLI.repository.appendingPathComponent("Sources/CYAML/module.modulemap").path)",
                "-module-cache-path", directory.appendingPathComponent("cache").path, file.path,
            ], executable: URL(fileURLWithPath: compiler!))
        return checked.stderr.split(separator: "\n").filter { $0.contains("error:") }.map(String.init)
    }

    @Test(
        "A message written in both languages builds; one without its Chinese, a text naming an unknown value, a call misnaming or mistyping a value do not",
        needs(available, "swiftc beside the test bundle's Modules (the toolchain that runs swift test)"))
    func compilerChecksMessages() throws {
        let written = """
            extension Message {
                static func remindedTwice(task: String, deadline: LocalDateTime) -> Message {
                    Message(en: "task \\(task) is due \\(deadline)", zh: "任务 \\(task) 应于\\(deadline)前办结")
                }
            }
            let said = Message.onlyAssignee(assignee: "li-si", verb: .verbSubmit)
            """
        #expect(try Self.errors(written) == [])

        let noChinese = #"let said = Message(en: "the task is late")"#
        #expect(try Self.errors(noChinese).contains { $0.contains("missing argument for parameter 'zh'") })

        let unknownValue = """
            extension Message {
                static func late(task: String) -> Message { Message(en: "task \\(task) is late", zh: "任务 \\(taks) 已逾期") }
            }
            """
        #expect(try Self.errors(unknownValue).contains { $0.contains("cannot find 'taks' in scope") })

        let misnamed = #"let said = Message.onlyAssignee(person: "li-si", verb: .verbSubmit)"#
        #expect(try Self.errors(misnamed).contains { $0.contains("incorrect argument label") })

        let mistyped = #"let said = Message.deadlineInPast(proposed: "2026-03-05 18:00")"#
        #expect(try Self.errors(mistyped).contains { $0.contains("cannot convert value of type 'String'") })
    }
}
