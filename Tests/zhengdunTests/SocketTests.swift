import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The daemon's socket with large requests, clients that do not read, early refusals and
/// accounts linked to no person: the real daemon and the real command line.
@Suite("zhengdund's socket: large evidence, stalled readers, early refusals, strangers", .serialized, .tags(.endToEnd))
struct SocketTests {
    /// A daemon over a launched campaign (plan P1, T3 issued to li-si), `plans` plans in all.
    static func campaignDaemon(plans: Int = 1, settings: String = "") throws -> DaemonUnderTest {
        let daemon = try DaemonUnderTest(settings: settings)
        try daemon.launchCampaign(plans: plans)
        try daemon.start()
        return daemon
    }

    /// A file of `bytes` random bytes, made in pieces.
    static func evidenceFile(in folder: TemporaryFolder, bytes: Int) throws -> String {
        let path = folder.url.appendingPathComponent("会议记录.bin").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        let random = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/urandom"))
        defer { try? random.close() }
        var left = bytes
        while left > 0 {
            let piece = try random.read(upToCount: min(left, 1 << 20)) ?? Data()
            try file.write(contentsOf: piece)
            left -= piece.count
        }
        return path
    }

    /// The SHA-256 of a file, by Python (an independent reader).
    static func sha256(_ path: String) throws -> String {
        let outcome = try CLI.run(
            ["env", "python3", "-c", "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())", path],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Large evidence

    @Test(
        "A 60 MB evidence file goes through the socket and is stored whole; a file over 64 MiB is refused in one line before it is read",
        .tags(.large))
    func sixtyMegabytesOfEvidenceGoThrough() throws {
        let daemon = try Self.campaignDaemon()
        let evidence = try Self.evidenceFile(in: daemon.folder, bytes: 60_000_000)
        let acknowledged = try CLI.run(["task", "ack", "T3", "--as", "li-si"], environment: daemon.environment)
        #expect(acknowledged.status == 0, "\(acknowledged.stderr)")

        let submitted = try CLI.run(
            ["task", "submit", "T3", "--note", "已组织学习", "--evidence", evidence, "--as", "li-si"], environment: daemon.environment)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stderr == "")
        let stored = try sqlite(daemon.database, "SELECT bytes, sha256 FROM evidence")
        #expect(stored == "60000000 \(try Self.sha256(evidence))")

        // 200 MB, sparse: refused from its size alone.
        let huge = daemon.folder.url.appendingPathComponent("录像.mp4").path
        #expect(truncate(huge, 0) == 0 || FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 200_000_000) == 0)
        let refused = try CLI.run(
            ["task", "submit", "T4", "--note", "录像", "--evidence", huge, "--as", "li-si"], environment: daemon.environment)
        #expect(refused.status == 1)
        #expect(refused.stderr == "zhengdun: evidence \(huge) is 191 MiB; the evidence of one submission may be 64 MiB in all\n")
    }

    // MARK: Readers that never read

    @Test(
        "Eight clients that ask for a large answer and never read it hold no worker: another client is served within 5 s, and the stalled ones lose their connection"
    )
    func readersThatNeverReadLoseTheirConnectionNotTheWorkers() throws {
        // 20,000 people: the list is megabytes, far more than a socket's buffer holds. Written
        // straight into the database (they have no tasks, so the daemon has no pass to make).
        let daemon = try DaemonUnderTest()
        var campaign = try Campaign()
        campaign.environment["ZHENGDUN_DB"] = daemon.database
        try campaign.run(["person", "add", "li-si", "--name", "李四", "--email", "li-si@town.example.cn"])
        let seeded = try CLI.run(
            [
                "env", "python3", "-c",
                """
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                with db:
                    db.executemany("INSERT INTO person (id, name, email, created_at) VALUES (?, ?, ?, 0)",
                                   [(f"p{i:05}", f"村民{i:05}", f"p{i:05}@town.example.cn") for i in range(20000)])
                """, daemon.database,
            ], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(seeded.status == 0, "\(seeded.stderr)")
        try daemon.start()

        let request = Array(#"{"version":4,"request":{"people":{}}}"#.utf8)  // protocol version 4
        var stalled: [Int32] = []
        defer { stalled.forEach { close($0) } }
        for _ in 0..<8 {
            let fd = try RawClient.connect(daemon.socket)
            RawClient.send(fd, RawClient.header(UInt32(request.count)) + request)
            stalled.append(fd)
        }
        // The answers are ready and waiting for readers that do not come.
        try waitFor("the stalled answers", timeout: 60) {
            stalled.allSatisfy { fd in
                var waiting: Int32 = 0
                return ioctl(fd, UInt(FIONREAD), &waiting) == 0 && waiting > 0
            }
        }

        // Before, the eight held all four workers in `send` for 30 s each.
        let started = Date()
        let served = try CLI.run(["plan", "list", "--json"], environment: daemon.environment)
        let took = Date().timeIntervalSince(started)
        #expect(served.status == 0, "\(served.stderr)")
        #expect(took < 5, "served after \(took) s")
        let whole = try CLI.run(["person", "list", "--json"], environment: daemon.environment)
        #expect(whole.stdout.count > 1_000_000 && whole.stdout.contains("p19999"), "a reader that reads gets it all")

        let letGo =
            (try? waitFor("the stalled readers to be let go", timeout: 60) {
                daemon.log().components(separatedBy: "connection dropped: an answer of").count - 1 >= 8
            }) != nil
        #expect(letGo, "\(daemon.log().suffix(4000))")
        // Reading now, each finds what was sent before the daemon gave up, then the end: a cut
        // answer, not a whole one.
        for fd in stalled {
            let answer = RawClient.readAll(fd)
            #expect(!answer.isEmpty && !answer.contains("p19999"), "\(answer.count) bytes")
        }
        #expect(try CLI.run(["person", "list"], environment: daemon.environment).status == 0)
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
    }

    // MARK: Early refusals

    @Test(
        "A daemon that refuses a request while the command line is still writing it: the command line shows the refusal in one line, exit 1, not a broken pipe"
    )
    func anEarlyRefusalIsShownNotTheBrokenPipe() throws {
        let daemon = try Self.campaignDaemon()
        let evidence = try Self.evidenceFile(in: daemon.folder, bytes: 60_000_000)
        #expect(try CLI.run(["task", "ack", "T3", "--as", "li-si"], environment: daemon.environment).status == 0)
        // This account already has as many connections open as the daemon allows one account.
        var open: [Int32] = []
        defer { open.forEach { close($0) } }
        for _ in 0..<64 { open.append(try RawClient.connect(daemon.socket)) }

        let refused = try CLI.run(
            ["task", "submit", "T3", "--note", "已组织学习", "--evidence", evidence, "--as", "li-si"], environment: daemon.environment)
        #expect(refused.status == 1)
        #expect(refused.stderr == "zhengdun: this account has 64 connections waiting already; try again\n", "\(refused.stderr)")
        #expect(try sqlite(daemon.database, "SELECT count(*) FROM evidence") == "0")
    }

    // MARK: Who may use the socket

    @Test(
        "An account linked to no person reaches the socket but is told, in its language, whom to ask; nothing else: no people, log, outbox or run-due. doctor says the daemon answers. The socket is the group's, 0660",
        needs(getuid() == 0, "creating Unix users needs root (CI runs as root)"))
    func strangersAreToldWhomToAsk() throws {
        try Accounts.ensureGroup("zdt-users")
        try Accounts.ensureUser("zdt-stranger", groups: ["zdt-users"])
        try Accounts.ensureUser("zdt-secretary", groups: ["zdt-users"])
        try Accounts.ensureUser("zdt-outsider", groups: [])
        let daemon = try DaemonUnderTest(settings: "socket_group: zdt-users")
        try daemon.start()
        var campaign = try Campaign()
        campaign.environment = daemon.environment
        try campaign.createPlan(unixUsers: ["li-si": "zdt-secretary"])

        var info = stat()
        #expect(stat(daemon.socket, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
        #expect(info.st_gid == getgrnam("zdt-users").pointee.gr_gid)

        let binary = daemon.folder.url.appendingPathComponent("zhengdun").path
        try FileManager.default.copyItem(atPath: CLI.binary.path, toPath: binary)
        func tool(_ user: String, _ arguments: [String], language: String = "C.UTF-8") throws -> CLI.Outcome {
            let command = ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--init-groups", binary] + arguments
            var environment = daemon.environment
            environment["LANG"] = language
            return try CLI.run(command, environment: environment, executable: URL(fileURLWithPath: command[0]))
        }

        let english =
            "zhengdun: the Unix account zdt-stranger is linked to no person, so the daemon does nothing for it; ask the town organisation office (镇组织办) to link it with person add ID --name NAME --email ADDRESS --unix-user zdt-stranger\n"
        for command in [
            ["person", "list"], ["log", "P1"], ["outbox", "list"], ["run-due"], ["audit", "verify"], ["task", "list"],
            ["report", "progress"],
        ] {
            let refused = try tool("zdt-stranger", command)
            #expect(refused.status == 1, "\(command)")
            #expect(refused.stdout == "", "\(command)")
            #expect(refused.stderr == english, "\(command): \(refused.stderr)")
        }
        let chinese = try tool("zdt-stranger", ["person", "list"], language: "zh_CN.UTF-8")
        #expect(chinese.status == 1)
        #expect(
            chinese.stderr
                == "zhengdun: 系统账号 zdt-stranger 尚未关联到任何人员，守护进程不受理该账号的请求；请联系镇组织办关联账号：person add 人员编号 --name 姓名 --email 邮箱 --unix-user zdt-stranger\n"
        )
        #expect(try tool("zdt-stranger", ["--help"]).status == 0)
        #expect(try tool("zdt-stranger", ["task", "list", "--help"]).status == 0)
        let doctor = try tool("zdt-stranger", ["doctor"])
        let socketLine = doctor.stdout.split(separator: "\n").first { $0.hasPrefix("warn  socket") }
        #expect(
            socketLine?.hasSuffix(
                "\(daemon.socket) answers, but the Unix account zdt-stranger is linked to no person; ask the town organisation office (镇组织办) to link it with person add … --unix-user zdt-stranger"
            ) == true,
            "\(doctor.stdout)")
        #expect(!doctor.stdout.contains("li-si") && !doctor.stdout.contains("outbox"), "\(doctor.stdout)")

        // A linked account is served; one outside the socket's group cannot connect at all.
        let linked = try tool("zdt-secretary", ["person", "list"])
        #expect(linked.status == 0 && linked.stdout.contains("li-si"), "\(linked.stderr)")
        let outsider = try tool("zdt-outsider", ["person", "list"])
        #expect(outsider.status == 1 && outsider.stderr.contains("Permission denied"), "\(outsider.stderr)")
        #expect(daemon.log().contains("zdt-stranger is linked to no person"))
        // Nothing the stranger asked for was done.
        #expect(try sqlite(daemon.database, "SELECT count(*) FROM event WHERE caller = 'unix:zdt-stranger'") == "0")
    }

    @Test(
        "A command line of an earlier protocol (version 2 or 3) is refused in an answer it can read, naming the version to install, in the deployment's language",
        arguments: [2, 3]
    )
    func olderCommandLineIsToldWhatToInstall(_ version: Int) throws {
        let daemon = try Self.campaignDaemon()
        let request = Array(#"{"version":\#(version),"request":{"people":{}}}"#.utf8)
        let fd = try RawClient.connect(daemon.socket)
        defer { close(fd) }
        RawClient.send(fd, RawClient.header(UInt32(request.count)) + request)
        let answer = String(RawClient.readAll(fd).dropFirst(4))
        // Read as that version's command line reads it, by Python (an independent reader).
        let said = try CLI.run(
            [
                "env", "python3", "-c",
                """
                import json, sys
                envelope = json.loads(sys.argv[1])
                assert envelope["version"] == int(sys.argv[2]), envelope
                message = envelope["response"]["refused"]["_0"] if envelope["version"] == 2 else envelope["refused"]
                assert message["key"] == "verbatim", message
                print(message["arguments"]["text"])
                """, answer, "\(version)",
            ], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(said.status == 0, "\(said.stderr)")
        #expect(said.stdout == "本命令行使用套接字协议版本 \(version)，守护进程使用版本 4：请安装与守护进程同一发行版本的 zhengdun 命令行（协议版本 4）\n")
    }
}
