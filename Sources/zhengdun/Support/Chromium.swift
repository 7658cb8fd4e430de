import Foundation
import ZhengdunCore
import ZhengdunService

/// PDF from an HTML page, printed by headless Chromium where it is installed: the page's own
/// `@page` rule sets the sheet (A4) and its margins. Chromium is found on the PATH (`chromium`,
/// `chromium-browser`), or named by `ZHENGDUN_CHROMIUM`.
enum Chromium {
    static var path: String? {
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["ZHENGDUN_CHROMIUM"], !named.isEmpty {
            return FileManager.default.isExecutableFile(atPath: named) ? named : nil
        }
        return (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").flatMap { ["\($0)/chromium", "\($0)/chromium-browser"] }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Prints `html` to PDF in a private folder of its own, removed afterwards. Chromium runs
    /// with a profile there too, so that it neither reads nor writes the user's.
    static func pdf(_ html: String) throws -> Data {
        guard let chromium = path else { throw Refusal(.chromiumMissing) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-pdf-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("circular.html")
        let pdf = folder.appendingPathComponent("circular.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        // Root may not run Chromium's sandbox; the page is our own and fetches nothing.
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: pdf), data.starts(with: Array("%PDF-".utf8)) else {
            let detail =
                String(decoding: said, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
            throw Refusal(.chromiumFailed(detail: TypedText.excerpt(detail)))
        }
        return data
    }
}
