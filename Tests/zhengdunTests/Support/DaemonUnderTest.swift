import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real `zhengdund` on a temporary configuration: its database, socket and maildir in a
/// folder of its own, its log (standard error) in a file there.
final class DaemonUnderTest {
    static let binary = CLI.binary.deletingLastPathComponent().appendingPathComponent("zhengdund")

    let folder: TemporaryFolder
    let configuration: String
    let database: String
    let socket: String
    let maildir: String
    let logFile: String
    private(set) var process: Process?

    /// - Parameter settings: more top-level configuration lines (`admin_group: …`).
    init(settings: String = "") throws {
        folder = try TemporaryFolder()
        // Others must reach the socket and the configuration: the tests run the command line as
        // other Unix users.
        chmod(folder.url.path, 0o755)
        database = folder.url.appendingPathComponent("zhengdun.db").path
        socket = folder.url.appendingPathComponent("zhengdun.sock").path
        maildir = folder.url.appendingPathComponent("maildir").path
        logFile = folder.url.appendingPathComponent("zhengdund.log").path
        configuration = try folder.write(
            "zhengdun.yaml", Self.configuration(database: database, socket: socket, maildir: maildir, settings: settings))
    }

    /// Launches plan P1 on the daemon's database (as `Campaign.launchPlan` does) and copies it into
    /// `plans` plans with `Benchmarks/clone.py`: every notice of the copies long due the moment the
    /// daemon starts.
    func launchCampaign(plans: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var campaign = try Campaign()
        campaign.environment["ZHENGDUN_DB"] = database
        try campaign.launchPlan()
        guard plans > 1 else { return }
        try Campaign.clone(database, plans: plans, sourceLocation: sourceLocation)
    }

    static func configuration(database: String, socket: String, maildir: String, settings: String) -> String {
        """
        database: \(database)
        socket: \(socket)
        workflows: \(CLI.repository.appendingPathComponent("workflows").path)
        \(settings)
        # Hundreds of cloned villages late at once make one circular of thousands of items; sent
        # to every branch it would be hundreds of copies of that document. The workflow's leaders
        # get it; the branches are not what these tests are about.
        circular:
          to: []
        mail:
          from: "镇组织办 <zzb@town.example.cn>"
          transport: maildir
          maildir: \(maildir)
        """
    }

    /// What the command line needs to find the daemon: the configuration naming its socket.
    var environment: [String: String] { ["ZHENGDUN_CONFIG": configuration, "LANG": "C.UTF-8"] }

    /// Starts the daemon and waits until it serves.
    func start(environment extra: [String: String] = [:]) throws {
        FileManager.default.createFile(atPath: logFile, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        output.seekToEndOfFile()
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--config", configuration]
        var environment = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "ZHENGDUN_DB", "ZHENGDUN_CONFIG", "ZHENGDUN_SOCKET"] {
            environment[key] = nil
        }
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = output
        let servedBefore = log().components(separatedBy: ">serving ").count
        try process.run()
        self.process = process
        try waitFor("the daemon to serve", timeout: 30) {
            guard process.isRunning else { throw DaemonFailure("zhengdund exited: \(self.log())") }
            return self.log().components(separatedBy: ">serving ").count > servedBefore
        }
    }

    /// Everything the daemon logged so far.
    func log() -> String {
        (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
    }

    var pid: Int32 { process?.processIdentifier ?? 0 }

    func signal(_ number: Int32) {
        if let process, process.isRunning { kill(process.processIdentifier, number) }
    }

    /// Waits for the daemon to end; its exit status, or nil for a signal.
    @discardableResult
    func waitForExit(timeout: TimeInterval = 30) throws -> Int32? {
        guard let process else { return nil }
        try waitFor("zhengdund to exit", timeout: timeout) { !process.isRunning }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// The daemon's resident memory in KiB, from /proc.
    func residentKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else {
            throw DaemonFailure("no VmRSS in /proc/\(pid)/status")
        }
        return kib
    }

    deinit {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

struct DaemonFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 20 ms until it holds; throws after `timeout`.
func waitFor(_ what: String, timeout: TimeInterval, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while try !condition() {
        guard Date() < deadline else { throw DaemonFailure("timed out after \(Int(timeout)) s waiting for \(what)") }
        Thread.sleep(forTimeInterval: 0.02)
    }
}
