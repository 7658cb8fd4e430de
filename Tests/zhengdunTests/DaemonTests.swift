import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("zhengdund: the real daemon, its socket, its signals", .serialized, .tags(.endToEnd))
struct DaemonTests {
    // MARK: Who is calling

    @Test(
        "Two Unix users through the socket: a secretary cannot acknowledge another's task; an administrator acting --as can, and the event names both",
        needs(getuid() == 0, "creating Unix users needs root (CI runs as root)"))
    func identityFromTheKernel() throws {
        try Accounts.ensureGroup("zdt-admin")
        try Accounts.ensureGroup("zdt-users")
        for (user, groups) in [("zdt-secretary", ["zdt-users"]), ("zdt-cadre", ["zdt-users"]), ("zdt-office", ["zdt-admin", "zdt-users"])] {
            try Accounts.ensureUser(user, groups: groups)
        }
        // As deployed: the socket is the users' group's, 0660.
        let daemon = try DaemonUnderTest(settings: "admin_group: zdt-admin\nsocket_group: zdt-users")
        try daemon.start()
        var campaign = try Campaign()
        campaign.environment = daemon.environment
        // Root is an administrator: it sets the campaign up through the socket.
        try campaign.createPlan(unixUsers: ["li-si": "zdt-secretary", "wang-wu": "zdt-cadre", "qian-qi": "zdt-office"])
        try campaign.run(["plan", "advance", "P1"], as: "qian-qi")
        // The others may not reach the build folder: they run a copy.
        let binary = daemon.folder.url.appendingPathComponent("zhengdun").path
        try FileManager.default.copyItem(atPath: CLI.binary.path, toPath: binary)
        func tool(_ user: String, _ arguments: [String]) throws -> CLI.Outcome {
            let command = ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--init-groups", binary] + arguments
            return try CLI.run(command, environment: daemon.environment, executable: URL(fileURLWithPath: command[0]))
        }

        let notMine = try tool("zdt-cadre", ["task", "ack", "T3"])
        #expect(notMine.status == 1)
        #expect(notMine.stderr == "zhengdun: task T3: only the assignee (li-si) may acknowledge this task\n")
        let pretending = try tool("zdt-cadre", ["task", "ack", "T3", "--as", "li-si"])
        #expect(pretending.status == 1)
        #expect(pretending.stderr == "zhengdun: only an administrator may act as another person; zdt-cadre is not one\n")
        let onBehalf = try tool("zdt-office", ["task", "ack", "T3", "--as", "li-si"])
        #expect(onBehalf.status == 0, "\(onBehalf.stderr)")
        let own = try tool("zdt-secretary", ["task", "submit", "T3", "--note", "已组织学习"])
        #expect(own.status == 0, "\(own.stderr)")

        let events = try campaign.json(["log", "T3"]) as! [[String: Any]]
        let acknowledged = try #require(events.first { ($0["kind"] as? String)?.contains("acknowledged") == true })
        #expect(acknowledged["actor"] as? String == "li-si")
        #expect(acknowledged["caller"] as? String == "unix:zdt-office")
        let submitted = try #require(events.first { ($0["kind"] as? String)?.contains("submitted") == true })
        #expect(submitted["actor"] as? String == "li-si")
        #expect(submitted["caller"] as? String == "unix:zdt-secretary")
        // The refused attempts left nothing behind.
        #expect(events.filter { ($0["kind"] as? String)?.contains("acknowledged") == true }.count == 1)
    }

    // MARK: The command line both ways

    @Test(
        "The same commands give the same output and exit codes through the socket as on the database directly; run-due --now is refused over the socket"
    )
    func sameAnswersBothWays() throws {
        let daemon = try DaemonUnderTest()
        var campaign = try Campaign()
        campaign.environment["ZHENGDUN_DB"] = daemon.database
        try campaign.launchPlan()
        try daemon.start()
        // The daemon's first pass sends what fell due since March; compare once it is done.
        try waitFor("the first pass and its delivery", timeout: 60) {
            try sqlite(daemon.database, "SELECT count(*) FROM outbox WHERE state = 'queued'") == "0"
                && sqlite(daemon.database, "SELECT count(*) FROM outbox") != "0"
        }
        let commands: [[String]] = [
            ["person", "list"], ["plan", "list"], ["plan", "show", "P1"], ["task", "list", "--plan", "P1"], ["task", "show", "T3"],
            ["log", "P1"], ["log", "T3", "--json"], ["outbox", "list", "--state", "sent"], ["report", "progress", "--plan", "P1"],
            ["task", "ack", "T999", "--as", "li-si"], ["task", "ack", "T3", "--as", "wang-wu"], ["plan", "show", "P9"],
            ["audit", "verify"],
        ]
        for command in commands {
            // Beside the running daemon, a change made directly needs an administrator's --force.
            let force = command[0] == "task" && command[1] == "ack" ? ["--force"] : []
            let direct = try CLI.run(command + ["--db", daemon.database] + force, environment: ["LANG": "C.UTF-8"])
            let socket = try CLI.run(command + ["--socket", daemon.socket], environment: ["LANG": "C.UTF-8"])
            #expect(socket.status == direct.status, "\(command)")
            #expect(socket.stdout == direct.stdout, "\(command)")
            #expect(socket.stderr == direct.stderr, "\(command)")
        }
        let refused = try CLI.run(["run-due", "--now", "2026-03-10 09:00"], environment: daemon.environment)
        #expect(refused.status == 1)
        #expect(refused.stderr == "zhengdun: run-due --now works only on a local database; the daemon runs its passes on its own clock\n")
        let pass = try CLI.run(["run-due"], environment: daemon.environment)
        #expect(pass.status == 0 && pass.stdout.contains("recorded 0 notices"), "\(pass.stdout)\(pass.stderr)")
    }

    // MARK: doctor

    @Test("doctor on a running deployment: every check ok or warn, the socket answers, exit 0")
    func doctorHealthy() throws {
        let daemon = try DaemonUnderTest()
        try daemon.start()
        let outcome = try CLI.run(["doctor"], environment: daemon.environment)
        #expect(outcome.status == 0, "\(outcome.stdout)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.hasPrefix("ok ") || $0.hasPrefix("warn ") }, "\(lines)")
        for subject in ["configuration", "timezone", "database", "workflows", "templates", "calendar", "maildir", "socket", "outbox"] {
            #expect(lines.contains { $0.dropFirst(6).hasPrefix(subject) }, "no \(subject) check")
        }
        #expect(lines.contains { $0.hasPrefix("ok    socket") && $0.hasSuffix("\(daemon.socket) answers") })
        #expect(lines.contains { $0.hasPrefix("ok    database") && $0.contains("at the latest migration") })
    }

    @Test("doctor on a broken deployment: a fail line for each problem, exit 1")
    func doctorBroken() throws {
        let folder = try TemporaryFolder()
        // A workflows folder whose only workflow has an error.
        let workflow = try String(contentsOfFile: CLI.shippedWorkflow, encoding: .utf8)
        _ = try folder.write(
            "workflows/broken.yaml",
            workflow.replacingOccurrences(of: "deadline:", with: "deadlin:", options: [], range: workflow.range(of: "deadline:")))
        let configuration = try folder.write(
            "zhengdun.yaml",
            """
            database: \(folder.url.path)/zhengdun.db
            socket: \(folder.url.path)/zhengdun.sock
            workflows: \(folder.url.path)/workflows
            mail:
              sendmail: [\(folder.url.path)/no-sendmail, -t]
            """)
        let outcome = try CLI.run(["doctor"], environment: ["ZHENGDUN_CONFIG": configuration])
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("fail  workflows") && $0.contains("broken.yaml:") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("fail  sendmail") && $0.contains("No such file") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("warn  database") && $0.contains("no database") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("warn  socket") }, "\(lines)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.path + "/zhengdun.db"), "doctor creates nothing")

        _ = try folder.write("zhengdun.yaml", "timezone: Mars/Olympus\n")
        let unreadable = try CLI.run(["doctor"], environment: ["ZHENGDUN_CONFIG": configuration])
        #expect(unreadable.status == 1)
        #expect(
            unreadable.stdout.hasPrefix("fail  configuration  \(configuration):1:11: timezone: unknown timezone 'Mars/Olympus'"),
            "\(unreadable.stdout)")
    }

    // MARK: systemd

    @Test("The notify protocol: READY=1 once the socket is up, WATCHDOG=1 at half WATCHDOG_USEC, STOPPING=1 on SIGTERM, then exit 0")
    func notifyProtocol() throws {
        let daemon = try DaemonUnderTest()
        let listener = try DatagramListener(daemon.folder.url.appendingPathComponent("notify").path)
        try daemon.start(environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "400000"])
        var received: [String] = []
        try waitFor("READY=1", timeout: 10) {
            received += listener.drain()
            return received.contains { $0.split(separator: "\n").contains("READY=1") }
        }
        // The socket answers by the time READY=1 is said.
        #expect(try CLI.run(["person", "list"], environment: daemon.environment).status == 0)
        try waitFor("two WATCHDOG=1", timeout: 10) {
            received += listener.drain()
            return received.count { $0 == "WATCHDOG=1" } >= 2
        }
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
        received += listener.drain()
        let stopping = try #require(received.firstIndex { $0 == "STOPPING=1" }, "\(received)")
        let ready = try #require(received.firstIndex { $0.split(separator: "\n").contains("READY=1") })
        #expect(ready < stopping)
        #expect(received[ready].contains("STATUS=serving \(daemon.socket)"), "\(received[ready])")
        #expect(received.contains { $0.hasPrefix("STATUS=next notice ") }, "a status line after the first pass")
        #expect(!FileManager.default.fileExists(atPath: daemon.socket), "the socket file is removed at stop")
        #expect(daemon.log().contains("<6>stopped"))
    }

    @Test("SIGHUP with a broken configuration: the daemon says why and keeps serving with the old one; a good one is then put in force")
    func reloadRefusesBrokenConfiguration() throws {
        let daemon = try DaemonUnderTest()
        try daemon.start()
        // The command line finds the daemon by its socket: the configuration file is about to break.
        var campaign = try Campaign()
        campaign.environment = ["ZHENGDUN_SOCKET": daemon.socket]
        try campaign.run(["person", "add", "li-si", "--name", "李四", "--email", "li-si@town.example.cn"])

        let good = try String(contentsOfFile: daemon.configuration, encoding: .utf8)
        _ = try daemon.folder.write("zhengdun.yaml", good + "\ntimezone: Mars/Olympus\n")
        daemon.signal(SIGHUP)
        try waitFor("the refusal", timeout: 10) { daemon.log().contains("reload refused") }
        let refusal = try #require(daemon.log().split(separator: "\n").first { $0.contains("reload refused") })
        #expect(refusal.hasPrefix("<3>"))
        #expect(refusal.contains("zhengdun.yaml:") && refusal.contains("Mars/Olympus"), "\(refusal)")
        // Still serving, with the old configuration.
        try campaign.run(["person", "add", "wang-wu", "--name", "王五", "--email", "wang-wu@town.example.cn"])
        #expect(try campaign.run(["person", "list"]).stdout.contains("wang-wu"))
        #expect(!daemon.log().contains("<7>"), "still at the old level, info")

        _ = try daemon.folder.write("zhengdun.yaml", good + "\nlog_level: debug\n")
        daemon.signal(SIGHUP)
        try waitFor("the reload", timeout: 10) { daemon.log().contains("<6>reloaded") }
        try campaign.run(["person", "list"])
        try waitFor("a debug line", timeout: 5) { daemon.log().contains("<7>request caller=") }
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
    }

    // MARK: Crashes

    @Test(
        "SIGKILL during a burst of 10,000 due notices, then restart: every notice recorded and delivered, duplicates only what was in flight",
        .tags(.large))
    func killedDuringBurst() throws {
        let daemon = try DaemonUnderTest()
        // A campaign started in March, copied into 186 plans whose notices all fell due at one
        // instant long past: 10,000 and more due the moment the daemon starts.
        try daemon.launchCampaign(plans: 186)
        let due = try Int(sqlite(daemon.database, "SELECT count(*) FROM timer WHERE due_at <= strftime('%s','now') * 1000"))!
        #expect(due >= 10_000)

        try daemon.start()
        let inbox = daemon.maildir + "/new"
        func delivered() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? [] }
        // Each village's people get one message a pass, several hundred in all: kill a third of the way.
        try waitFor("a first two hundred messages", timeout: 300) { delivered().count >= 200 }
        daemon.signal(SIGKILL)
        #expect(try daemon.waitForExit() == nil)
        let queuedAtKill = try Int(sqlite(daemon.database, "SELECT count(*) FROM outbox WHERE state = 'queued'"))!
        #expect(queuedAtKill > 0, "the kill came in the middle of delivery")

        try daemon.start()
        try waitFor("every message sent", timeout: 600) {
            try sqlite(daemon.database, "SELECT count(*) FROM outbox WHERE state <> 'sent'") == "0"
                && sqlite(daemon.database, "SELECT count(*) FROM timer WHERE due_at <= strftime('%s','now') * 1000") == "0"
        }
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)

        // Every due notice is in the ledger once.
        #expect(try Int(sqlite(daemon.database, "SELECT count(*) FROM notice"))! >= due)
        let messages = try Int(sqlite(daemon.database, "SELECT count(*) FROM outbox"))!
        var ids: [String] = []
        for file in delivered() {
            let text = try String(contentsOfFile: inbox + "/" + file, encoding: .utf8)
            ids.append(try #require(text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID:") }.map(String.init)))
        }
        #expect(Set(ids).count == messages, "every message delivered")
        // One deliverer at a time: at most the one message in hand at the kill comes twice.
        let duplicates = ids.count - Set(ids).count
        #expect(duplicates <= 1, "\(duplicates) duplicates")
    }

    @Test(
        "SIGTERM in the middle of a burst: the daemon stops at the next message, well within its time limit, and exits 0 with its log empty; restarted, it sends the rest and none twice"
    )
    func stoppedDuringBurst() throws {
        let daemon = try DaemonUnderTest()
        try daemon.launchCampaign(plans: 186)
        try daemon.start()
        let inbox = daemon.maildir + "/new"
        func delivered() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? [] }
        try waitFor("a first hundred messages", timeout: 300) { delivered().count >= 100 }
        let asked = Date()
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
        let took = Date().timeIntervalSince(asked)
        #expect(took < 30, "the daemon took \(took) s to stop")
        let queuedAtStop = try Int(sqlite(daemon.database, "SELECT count(*) FROM outbox WHERE state = 'queued'"))!
        #expect(queuedAtStop > 0, "the stop came in the middle of delivery")
        let log = daemon.log()
        let stopping = try #require(log.range(of: "<6>stopping signal=SIGTERM"))
        let stopped = try #require(log.range(of: "<6>stopped"))
        #expect(stopping.upperBound < stopped.lowerBound)
        let wal = (try? FileManager.default.attributesOfItem(atPath: daemon.database + "-wal"))?[.size] as? Int
        #expect(wal == nil || wal == 0, "the write-ahead log holds \(wal ?? 0) bytes after the stop")

        try daemon.start()
        try waitFor("every message sent", timeout: 600) {
            try sqlite(daemon.database, "SELECT count(*) FROM outbox WHERE state <> 'sent'") == "0"
        }
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
        var ids: [String] = []
        for file in delivered() {
            let text = try String(contentsOfFile: inbox + "/" + file, encoding: .utf8)
            ids.append(try #require(text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID:") }.map(String.init)))
        }
        let messages = try Int(sqlite(daemon.database, "SELECT count(*) FROM outbox"))!
        #expect(Set(ids).count == messages, "every message delivered")
        // A graceful stop leaves no message in flight: nothing goes out twice.
        #expect(ids.count == messages, "\(ids.count - Set(ids).count) messages went out twice")
    }

    // MARK: Abuse

    @Test(
        "10,000 random, oversized, truncated and half-open connections: the daemon keeps serving and its memory stays bounded",
        .tags(.large))
    func abuse() throws {
        let daemon = try DaemonUnderTest()
        try daemon.start()
        var campaign = try Campaign()
        campaign.environment = daemon.environment
        try campaign.run(["person", "add", "li-si", "--name", "李四", "--email", "li-si@town.example.cn"])
        for _ in 0..<20 { try campaign.run(["person", "list"]) }
        let before = try daemon.residentKiB()
        let socket = daemon.socket

        // A client that sends a byte a second is cut off at the request deadline.
        let slow = DispatchGroup()
        nonisolated(unsafe) var slowAnswer = ""
        DispatchQueue.global().async(group: slow) {
            guard let fd = try? RawClient.connect(socket) else { return }
            defer { close(fd) }
            RawClient.send(fd, RawClient.header(100))
            for _ in 0..<15 where RawClient.send(fd, [UInt8(ascii: "{")]) { Thread.sleep(forTimeInterval: 1) }
            slowAnswer = RawClient.readAll(fd)
        }

        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var generator = SystemRandomNumberGenerator()
            var halfOpen: [Int32] = []
            for index in 0..<1250 {
                guard let fd = try? RawClient.connect(socket) else { continue }
                switch (worker + index) % 5 {
                case 0:  // random bytes
                    RawClient.send(
                        fd, (0..<Int.random(in: 1...4096, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
                    close(fd)
                case 1:  // a frame claiming far more than the limit
                    RawClient.send(fd, RawClient.header(UInt32.random(in: 200_000_000...UInt32.max, using: &generator)))
                    _ = RawClient.readAll(fd)
                    close(fd)
                case 2:  // truncated: a promise of 5,000 bytes, 10 sent
                    RawClient.send(fd, RawClient.header(5000) + Array("{\"version\"".utf8))
                    close(fd)
                case 3:  // half-open: nothing sent, held a while
                    halfOpen.append(fd)
                    if halfOpen.count > 6 { close(halfOpen.removeFirst()) }
                default:  // a whole frame of garbage JSON, answered
                    let payload = Array("{\"version\":2,\"request\":{\"nonsense\":\(index)}}".utf8)
                    RawClient.send(fd, RawClient.header(UInt32(payload.count)) + payload)
                    _ = RawClient.readAll(fd)
                    close(fd)
                }
            }
            halfOpen.forEach { close($0) }
        }
        slow.wait()
        #expect(slowAnswer.contains("\"en\":\"the request did not arrive within 10 s\""), "\(slowAnswer)")
        #expect(slowAnswer.contains("\"zh\":\"请求未在 10 秒内送达\""), "\(slowAnswer)")

        // Still serving, with memory near where it was.
        try campaign.run(["person", "add", "wang-wu", "--name", "王五", "--email", "wang-wu@town.example.cn"])
        #expect(try CLI.run(["person", "list"], environment: daemon.environment).stdout.contains("wang-wu"))
        let after = try daemon.residentKiB()
        #expect(after < before + 64 * 1024, "resident memory went from \(before) KiB to \(after) KiB")
        #expect(daemon.log().contains("is larger than"))
        #expect(daemon.log().contains("request refused"))
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
    }
}

/// A query's result through Python's sqlite3 (an independent reader), one value per line.
func sqlite(_ database: String, _ sql: String) throws -> String {
    let outcome = try CLI.run(
        [
            "env", "python3", "-c",
            """
            import sqlite3, sys
            for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print(*row)
            """, database, sql,
        ], executable: URL(fileURLWithPath: "/usr/bin/env"))
    guard outcome.status == 0 else { throw DaemonFailure("sqlite3 failed: \(outcome.stderr)") }
    return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Unix accounts for the tests, made with the system's tools.
enum Accounts {
    static func ensureGroup(_ name: String) throws {
        try run(["/usr/sbin/groupadd", "--system", name], alreadyThere: 9)
    }

    static func ensureUser(_ name: String, groups: [String]) throws {
        try run(
            ["/usr/sbin/useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin"]
                + (groups.isEmpty ? [] : ["--groups", groups.joined(separator: ",")]) + [name], alreadyThere: 9)
        if !groups.isEmpty {
            try run(["/usr/sbin/usermod", "--append", "--groups", groups.joined(separator: ","), name], alreadyThere: nil)
        }
    }

    private static func run(_ command: [String], alreadyThere: Int32?) throws {
        let outcome = try CLI.run(command, executable: URL(fileURLWithPath: command[0]))
        guard outcome.status == 0 || outcome.status == alreadyThere else {
            throw DaemonFailure("\(command.joined(separator: " ")): \(outcome.stderr)")
        }
    }
}

/// A socket client that speaks bytes, not the protocol.
enum RawClient {
    static func connect(_ path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw DaemonFailure("connect: \(String(cString: strerror(errno)))")
        }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func header(_ length: UInt32) -> [UInt8] {
        withUnsafeBytes(of: length.bigEndian) { Array($0) }
    }

    /// Sends what it can; false once the other side has closed.
    @discardableResult
    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } >= 0
    }

    static func readAll(_ fd: Int32) -> String {
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if got <= 0 { break }
            data += chunk[..<got]
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A datagram socket standing in for systemd's `NOTIFY_SOCKET`.
final class DatagramListener {
    let path: String
    private let fd: Int32

    init(_ path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw DaemonFailure("bind \(path): \(String(cString: strerror(errno)))") }
    }

    /// Every datagram waiting, without blocking.
    func drain() -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if got <= 0 { return messages }
            messages.append(String(decoding: buffer[..<got], as: UTF8.self))
        }
    }

    deinit {
        close(fd)
    }
}
