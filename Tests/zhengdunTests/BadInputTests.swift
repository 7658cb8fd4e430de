import Foundation
import Testing

@Suite("Bad input: one clear line, exit 1, nothing changed", .serialized, .tags(.endToEnd))
struct BadInputTests {
    /// A campaign launched, T3 (unify-thinking) with the secretary li-si.
    static func launched() throws -> Campaign {
        let campaign = try Campaign()
        try campaign.createPlan()
        try campaign.run(["plan", "advance", "P1"], as: "qian-qi")
        return campaign
    }

    @Test(
        "Each refusal is one line on stderr, exit 1, and the event log keeps its length",
        arguments: [
            (["plan", "show", "P9"], nil, "zhengdun: there is no plan P9"),
            (["plan", "advance", "P9"], "zhao-liu", "zhengdun: there is no plan P9"),
            (["task", "ack", "T999"], "li-si", "zhengdun: there is no task T999"),
            (["task", "show", "T999"], nil, "zhengdun: there is no task T999"),
            (["task", "ack", "T3"], "nobody", "zhengdun: there is no person 'nobody'"),
            (["task", "reassign", "T3", "--to", "nobody"], "qian-qi", "zhengdun: there is no person 'nobody'"),
            (
                ["task", "verify", "T3"], "zhao-liu",
                "zhengdun: task T3: the task is issued, not submitted; only submitted work is verified or returned"
            ),
            (
                ["task", "submit", "T3", "--note", "x"], "li-si",
                "zhengdun: task T3: the task must be acknowledged (签收) before it is submitted"
            ),
            (["task", "ack", "T3"], "wang-wu", "zhengdun: task T3: only the assignee (li-si) may acknowledge this task"),
            (
                ["task", "extend", "T3", "--by", "3wd", "--reason", "x"], "qian-qi",
                "zhengdun: task T3: only office_director may extend the deadline of a task"
            ),
            (
                ["plan", "advance", "P1", "--override", "--reason", "急"], "qian-qi",
                "zhengdun: plan P1: only office_director may override the gate of this plan"
            ),
            (["inspect", "P1", "--finding", "x"], "li-si", "zhengdun: plan P1: only work_team or office_director may inspect this plan"),
            (
                ["task", "return", "T3", "--reason", "x", "--due", "2026-13-01"], "wang-wu",
                "zhengdun: --due: '2026-13-01' is not a day of the calendar"
            ),
            (
                ["task", "extend", "T3", "--to", "2020-01-01", "--reason", "x"], "zhao-liu",
                "zhengdun: task T3: the new deadline 2020-01-01 18:00 is not later than the current one"
            ),
            (["task", "ack", "T-3"], "li-si", "zhengdun: 'T-3' is not a task number; write T12 or 12"),
            (["log", "3"], nil, "zhengdun: '3': write P12 for plan 12 or T12 for task 12"),
            (["person", "add", "Bad Id", "--name", "x", "--email", "x@y.cn"], nil, "zhengdun: 'Bad Id' cannot be a person id"),
            (["person", "add", "li-si", "--name", "x", "--email", "x@y.cn"], nil, "zhengdun: there is already a person 'li-si'"),
            (
                ["person", "add", "x", "--name", "李四\r\nBcc: a@b.cn", "--email", "x@y.cn"], nil,
                "zhengdun: the name must be one line without control characters"
            ),
            (
                ["person", "add", "x", "--name", "x", "--email", "not-an-address"], nil,
                "zhengdun: 'not-an-address' is not an email address"
            ),
            (
                ["plan", "create", "--workflow", "SHIPPED", "--village", "YY村", "--start", "2026-02-30", "--assign", "secretary=li-si"],
                nil,
                "zhengdun: --start: '2026-02-30' is not a day of the calendar"
            ),
            (
                ["plan", "create", "--workflow", "SHIPPED", "--village", "YY村", "--start", "2026-03-02", "--assign", "secretary=li-si"],
                nil,
                "zhengdun: the plan cannot be created: no one is bound to role 'resident_cadre'"
            ),
        ] as [([String], String?, String)])
    func refused(_ arguments: [String], _ person: String?, _ message: String) throws {
        let campaign = try Self.launched()
        let before = try campaign.eventCount()
        let outcome = try campaign.run(arguments.map { $0 == "SHIPPED" ? CLI.shippedWorkflow : $0 }, as: person, status: 1)
        #expect(outcome.stderr.hasPrefix(message), "\(outcome.stderr)")
        #expect(outcome.stderrLines.count == 1, "\(outcome.stderr)")
        #expect(outcome.stdout == "")
        #expect(try campaign.eventCount() == before)
    }

    @Test("A workflow that fails validation creates no plan and lists its problems")
    func brokenWorkflow() throws {
        let campaign = try Self.launched()
        let before = try campaign.eventCount()
        let broken = try campaign.folder.write(
            "broken.yaml", "workflow: x\ntitle: X\nroles: {a: {title: A}}\npermissions: {}\nphases: []\n")
        let outcome = try campaign.run(["plan", "create", "--workflow", broken, "--village", "YY村", "--start", "2026-03-02"], status: 1)
        #expect(outcome.stderrLines.allSatisfy { $0.hasPrefix(broken + ":") })
        #expect(outcome.stderr.contains("\(broken):4:14: permissions is missing 'launch'"))
        #expect(outcome.stderr.contains("\(broken):5:9: phases lists no phase"))
        #expect(try campaign.eventCount() == before)
        #expect((try campaign.json(["plan", "list"]) as! [Any]).count == 1)
    }

    @Test(
        "--lang names the language of every message and help; a language zhengdun does not speak is a usage error",
        arguments: [
            (["--lang", "fr", "person", "list"], Int32(2), "zhengdun: --lang fr: expected zh or en\n"),
            (["person", "list", "--lang=xx"], Int32(2), "zhengdun: --lang xx: expected zh or en\n"),
            (["person", "list", "--lang"], Int32(2), "zhengdun: --lang : expected zh or en\n"),
            (["--lang", "zh", "--lang", "fr"], Int32(2), "zhengdun: --lang fr：应为 zh 或 en\n"),
        ])
    func languageOption(_ arguments: [String], _ status: Int32, _ stderr: String) throws {
        let outcome = try CLI.run(arguments)
        #expect(outcome.status == status)
        #expect(outcome.stderr == stderr)
        #expect(outcome.stdout == "")
    }

    @Test(
        "A daemon that cannot be reached is one line in the reader's language, exit 1",
        arguments: [
            ("C.UTF-8", "zhengdun: cannot reach the daemon at /nonexistent/zhengdun.sock: No such file or directory\n"),
            ("zh_CN.UTF-8", "zhengdun: 无法连接守护进程 /nonexistent/zhengdun.sock：文件或目录不存在\n"),
        ])
    func unreachableDaemon(_ locale: String, _ stderr: String) throws {
        let outcome = try CLI.run(["person", "list"], environment: ["ZHENGDUN_SOCKET": "/nonexistent/zhengdun.sock", "LANG": locale])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == stderr)
        #expect(outcome.stdout == "")
    }

    @Test("The root help tells of --lang, in the language it names")
    func languageInHelp() throws {
        #expect(try CLI.run(["--help"]).stdout.contains("Every command takes --lang zh or --lang en"))
        #expect(try CLI.run(["--help", "--lang", "zh"]).stdout.contains("各命令均可加 --lang zh 或 --lang en"))
    }

    @Test("A database file that is not a database is named and left alone")
    func notADatabase() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("notes.db", "这不是数据库\n")
        let outcome = try CLI.run(["plan", "list"], environment: ["ZHENGDUN_DB": path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "zhengdun: \(path) is not a zhengdun database (file is not a database)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "这不是数据库\n")
    }

    @Test("Another program's SQLite database is refused, not migrated")
    func foreignDatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("other.db").path
        try python(
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE accounts (id INTEGER)'); c.commit()", path)
        let outcome = try CLI.run(["person", "list"], environment: ["ZHENGDUN_DB": path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "zhengdun: \(path) is an SQLite database, but not zhengdun's (it holds accounts)\n")
    }

    @Test(
        "A plan whose stored start date was changed by hand into something else is named in one line, not a crash",
        arguments: [
            (["plan", "list"], "en", "zhengdun: P1 in the database has start_date '2026-02-30', which is not a date (YYYY-MM-DD)"),
            (["plan", "show", "P1"], "zh", "zhengdun: 数据库中 P1 的 start_date 为“2026-02-30”，不是日期（YYYY-MM-DD）"),
        ])
    func handEditedStartDate(_ arguments: [String], _ language: String, _ line: String) throws {
        let campaign = try Self.launched()
        try python(
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE plan SET start_date = '2026-02-30'\"); c.commit()",
            campaign.database)
        let outcome = try CLI.run(["--lang", language] + arguments, environment: campaign.environment)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == line + "\n")
    }

    @Test("A read-only database still lists, and refuses every change in one line")
    func readOnlyDatabase() throws {
        let campaign = try Self.launched()
        let before = try campaign.eventCount()
        let root = getuid() == 0
        // Root writes through any mode bits, so as root the tool runs as the unprivileged
        // user 65534, who owns the file but may not write it.
        if root {
            try chown(campaign.folder.url.path, 65534)
            try chown(campaign.database, 65534)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: campaign.database)
        // The unprivileged user may not reach the build folder (under /root, say): give them a copy.
        var binary = CLI.binary.path
        if root {
            binary = campaign.folder.url.appendingPathComponent("zhengdun").path
            try FileManager.default.copyItem(atPath: CLI.binary.path, toPath: binary)
        }
        let prefix = root ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary] : [binary]
        func tool(_ arguments: [String]) throws -> CLI.Outcome {
            try CLI.run(prefix + arguments, environment: campaign.environment, executable: URL(fileURLWithPath: prefix[0]))
        }
        let list = try tool(["task", "list", "--plan", "P1"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("T3"))
        let ack = try tool(["task", "ack", "T3", "--as", "li-si"])
        #expect(ack.status == 1)
        #expect(ack.stderr == "zhengdun: cannot write \(campaign.database): the database is read-only\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: campaign.database)
        #expect(try campaign.eventCount() == before)
    }
}

func chown(_ path: String, _ uid: UInt32) throws {
    guard Foundation.chown(path, uid, uid) == 0 else { throw Refusal("chown \(path) failed") }
}

struct Refusal: Error { let message: String; init(_ message: String) { self.message = message } }
