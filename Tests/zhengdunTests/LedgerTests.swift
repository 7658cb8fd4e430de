import Foundation
import Testing

/// Two plans walked on a virtual clock from Monday 2 March 2026. In P1 (XX村) one task is
/// acknowledged, submitted with a note and verified; two are left to run late and are escalated
/// by a scheduler pass on 12 March; one is submitted late on 18 March; one has its deadline
/// extended. P2 (YY村, its secretary 郑十) had its survey gate overridden, so it has tasks in two
/// phases. The ledger is read on 19 March at 10:00.
struct WalkedCampaign {
    var campaign: Campaign
    /// P1's tasks by workflow key.
    var ids: [String: Int] = [:]

    static let note = "已组织学习, 签到表见\"附件一\"\n共31人参加"
    static let extensionReason = "村委换届，会议顺延"
    static let lateNote = "座谈3场，收集意见42条"
    static let pass = "2026-03-12 10:00"
    static let now = "2026-03-19 10:00"

    init() throws {
        campaign = try Campaign()
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-02 09:00"
        try campaign.createPlan()
        try campaign.run(["person", "add", "zheng-shi", "--name", "郑十", "--email", "zheng-shi@town.example.cn"])
        try campaign.run(
            ["plan", "create", "--workflow", CLI.shippedWorkflow, "--village", "YY村", "--start", "2026-03-02"]
                + Campaign.people.flatMap { ["--assign", "\($0.role)=\($0.role == "secretary" ? "zheng-shi" : $0.id)"] })
        try campaign.run(["plan", "advance", "P1"], as: "qian-qi")
        try campaign.run(["plan", "advance", "P2"], as: "qian-qi")
        try campaign.run(["plan", "advance", "P2", "--override", "--reason", "试点村提前进入集中整改"], as: "zhao-liu")
        for task in try campaign.tasks() { ids[task["key"] as! String] = task["id"] as? Int }

        campaign.environment["ZHENGDUN_NOW"] = "2026-03-03 10:00"
        try campaign.run(["task", "ack", label("unify-thinking")], as: "li-si")
        try campaign.run(["task", "submit", label("unify-thinking"), "--note", Self.note], as: "li-si")
        try campaign.run(["task", "ack", label("assign-resident-cadre")], as: "qian-qi")
        try campaign.run(["task", "ack", label("hear-opinions")], as: "wang-wu")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-04 10:00"
        try campaign.run(["task", "verify", label("unify-thinking"), "--note", "验收合格"], as: "zhao-liu")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-05 10:00"
        try campaign.run(["task", "extend", label("deployment-meeting"), "--by", "5wd", "--reason", Self.extensionReason], as: "zhao-liu")
        try campaign.run(["run-due", "--now", Self.pass, "--no-send"])
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-18 10:00"
        let summary = try campaign.folder.write("群众意见汇总表.txt", "意见42条")
        try campaign.run(["task", "submit", label("hear-opinions"), "--note", Self.lateNote, "--evidence", summary], as: "wang-wu")
        campaign.environment["ZHENGDUN_NOW"] = Self.now
    }

    func label(_ key: String) -> String { "T\(ids[key]!)" }

    /// `report ledger --format json` with more arguments.
    func ledger(_ arguments: [String] = []) throws -> [[String: Any]] {
        let outcome = try campaign.run(["report", "ledger", "--format", "json"] + arguments)
        return try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [[String: Any]]
    }

    /// The levels of the workflow's escalation ladder (督办) with their working days after the deadline.
    func ladder() throws -> [(level: Int, after: Int)] {
        let shown = try campaign.json(["workflow", "show", CLI.shippedWorkflow]) as! [String: Any]
        let escalation = (shown["workflow"] as! [String: Any])["escalation"] as! [[String: Any]]
        return escalation.map { step in
            let after = step["after"] as! String
            #expect(after.hasSuffix("wd"))
            return (step["level"] as! Int, Int(after.dropLast(2))!)
        }
    }
}

/// The local day and time of an instant as JSON writes it (`2026-03-05T18:00:00+08:00`).
func localDay(_ instant: String) -> String { String(instant.prefix(10)) }
func localTime(_ instant: String) -> String { String(instant.dropFirst(11).prefix(5)) }

@Suite("report ledger (任务落实台账) through the real binary", .serialized, .tags(.endToEnd))
struct LedgerTests {
    static let header = [
        "Plan", "Village", "Phase", "Measure", "Task", "Title", "Responsible", "Deadline", "Original deadline", "State",
        "Acknowledged", "Submitted", "Verified", "Working days late", "Escalation level", "Last note", "Evidence",
    ]

    @Test(
        "CSV read back by Python's csv module: a byte order mark, CRLF, the header, the note with Chinese, a comma, quotes and a line break intact, lateness and escalation as counted independently"
    )
    func csv() throws {
        let walked = try WalkedCampaign()
        let file = walked.campaign.folder.url.appendingPathComponent("台账.csv").path
        let written = try walked.campaign.run(["report", "ledger", "--format", "csv", "--output", file])
        #expect(written.stdout.isEmpty)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let read =
            try pythonJSON(
                """
                import csv, io, json, sys
                data = open(sys.argv[1], 'rb').read()
                rows = list(csv.reader(io.StringIO(data.decode('utf-8-sig'), newline=''), strict=True))
                json.dump(rows, sys.stdout, ensure_ascii=False)
                """, file) as! [[String]]
        #expect(read.first == Self.header)
        // Every record ends in CRLF; the note's own line break stays inside its quotes.
        let crlf = zip(bytes, bytes.dropFirst()).filter { $0 == (13, 10) }.count
        #expect(crlf == read.count)
        #expect(bytes.suffix(2) == [13, 10])
        #expect(try walked.campaign.run(["report", "ledger", "--format", "csv"]).stdout == String(decoding: bytes, as: UTF8.self))

        let rows = Dictionary(
            uniqueKeysWithValues: read.dropFirst().map { row in
                (row[Self.header.firstIndex(of: "Task")!], Dictionary(uniqueKeysWithValues: zip(Self.header, row)))
            })
        let all = try walked.ledger()
        #expect(rows.count == all.count)

        let verified = rows[walked.label("unify-thinking")]!
        #expect(verified["Last note"] == WalkedCampaign.note)
        #expect(verified["State"] == "verified 已验收销号")
        #expect(verified["Responsible"] == "李四 (li-si)")
        #expect(verified["Acknowledged"] == "2026-03-03 10:00")
        #expect(verified["Submitted"] == "2026-03-03 10:00")
        #expect(verified["Verified"] == "2026-03-04 10:00")
        #expect(verified["Working days late"] == "0")
        #expect(verified["Escalation level"] == "—", "no 督办 sent: a dash, not a level 0")

        let ladder = try walked.ladder()
        for key in ["set-up-organisation", "assign-resident-cadre"] {
            let row = rows[walked.label(key)]!
            let deadline = all.first { $0["id"] as? Int == walked.ids[key] }!["deadline"] as! String
            #expect(row["Deadline"] == "\(localDay(deadline)) \(localTime(deadline))")
            #expect(
                row["Working days late"] == String(WorkingDays2026.count(after: localDay(deadline), through: localDay(WalkedCampaign.now))))
            // The level sent by the pass of 12 March, not the one the task has climbed to since.
            let sent = ladder.filter {
                "\(WorkingDays2026.adding($0.after, to: localDay(deadline))) \(localTime(deadline))" <= WalkedCampaign.pass
            }
            #expect(row["Escalation level"] == String(sent.map(\.level).max() ?? 0))
            #expect(row["Escalation level"] != "0")
        }
        #expect(rows[walked.label("assign-resident-cadre")]!["Acknowledged"] == "2026-03-03 10:00")

        // Submitted after its deadline: late up to the submission, not up to now.
        let late = rows[walked.label("hear-opinions")]!
        let lateDeadline = all.first { $0["id"] as? Int == walked.ids["hear-opinions"] }!["deadline"] as! String
        #expect(late["Working days late"] == String(WorkingDays2026.count(after: localDay(lateDeadline), through: "2026-03-18")))
        #expect(late["Last note"] == WalkedCampaign.lateNote)

        let extended = rows[walked.label("deployment-meeting")]!
        #expect(extended["Last note"] == WalkedCampaign.extensionReason)
        #expect(extended["Deadline"] != extended["Original deadline"])
        #expect(extended["Deadline"]! > extended["Original deadline"]!)

        // In Chinese the header and the states are Chinese; the cells are the same.
        let chineseFile = walked.campaign.folder.url.appendingPathComponent("台账-zh.csv").path
        try walked.campaign.run(["report", "ledger", "--format", "csv", "--output", chineseFile, "--lang", "zh"])
        let chinese =
            try pythonJSON(
                """
                import csv, io, json, sys
                data = open(sys.argv[1], 'rb').read()
                json.dump(list(csv.reader(io.StringIO(data.decode('utf-8-sig'), newline=''), strict=True)), sys.stdout, ensure_ascii=False)
                """, chineseFile) as! [[String]]
        #expect(
            chinese.first == [
                "方案", "村", "阶段", "整改措施", "任务", "任务名称", "责任人", "时限", "原定时限", "状态",
                "签收时间", "办结时间", "验收时间", "逾期工作日", "督办级别", "最新说明", "佐证材料",
            ])
        let chineseVerified = chinese.first { $0[4] == walked.label("unify-thinking") }!
        #expect(chineseVerified[9] == "已验收销号")
        #expect(Array(chineseVerified.prefix(9)) == Array(read.first { $0[4] == walked.label("unify-thinking") }!.prefix(9)))
    }

    @Test(
        "The xlsx workbook read back by openpyxl: the task ledger first (任务落实台账), the header frozen and filtered, the cells the CSV has, times as dates, lateness and level as numbers, columns sized for Chinese",
        needs(Python.has("openpyxl"), "python3-openpyxl (Debian) to read the workbook"))
    func workbook() throws {
        let walked = try WalkedCampaign()
        let folder = walked.campaign.folder.url
        let workbook = folder.appendingPathComponent("台账.xlsx").path
        let csv = folder.appendingPathComponent("台账.csv").path
        try walked.campaign.run(["report", "ledger", "--format", "xlsx", "--output", workbook, "--lang", "zh"])
        try walked.campaign.run(["report", "ledger", "--format", "csv", "--output", csv, "--lang", "zh"])
        let read =
            try pythonJSON(
                """
                import csv, io, json, sys, datetime, openpyxl
                book = openpyxl.load_workbook(sys.argv[1])
                sheet = book.active
                def cell(c):
                    if isinstance(c.value, datetime.datetime): return {'date': c.value.strftime('%Y-%m-%d %H:%M'), 'format': c.number_format}
                    return c.value
                rows = [[cell(c) for c in row] for row in sheet.iter_rows()]
                text = list(csv.reader(io.StringIO(open(sys.argv[2], 'rb').read().decode('utf-8-sig'), newline='')))
                widths = {k: v.width for k, v in sheet.column_dimensions.items()}
                print(json.dumps({'sheets': book.sheetnames, 'freeze': sheet.freeze_panes, 'filter': sheet.auto_filter.ref,
                    'bold': sheet['A1'].font.b, 'rows': rows, 'csv': text, 'widths': widths}, ensure_ascii=False))
                """, workbook, csv) as! [String: Any]
        #expect(read["sheets"] as? [String] == ["任务落实台账", "问题整改台账"])
        #expect(read["freeze"] as? String == "A2")
        #expect(read["bold"] as? Bool == true)
        let rows = read["rows"] as! [[Any]]
        let text = read["csv"] as! [[String]]
        #expect(rows.count == text.count)
        #expect(read["filter"] as? String == "A1:Q\(rows.count)")
        #expect(rows[0].map { "\($0)" } == text[0], "the header")
        // Every cell says what the CSV says: a time as a date of the same minute, shown as a
        // Chinese document writes it; a count as a number; the rest as the same text.
        for (row, line) in zip(rows.dropFirst(), text.dropFirst()) {
            for (value, expected) in zip(row, line) {
                if let date = value as? [String: String] {
                    #expect(date["date"] == String(expected.prefix(16)), "\(line)")
                    #expect(date["format"] == "yyyy\"年\"m\"月\"d\"日\" hh:mm")
                } else if let number = value as? Int {
                    #expect(String(number) == expected, "\(line)")
                } else if value is NSNull {
                    #expect(expected.isEmpty, "\(line)")
                } else {
                    #expect(value as? String == expected, "\(line)")
                }
            }
        }
        #expect(rows.dropFirst().contains { $0[7] is [String: String] }, "deadlines are dates")
        #expect(rows.dropFirst().contains { ($0[13] as? Int).map { $0 > 0 } == true }, "working days late as numbers")
        // The title column (Chinese) is wider than the task number's.
        let widths = read["widths"] as! [String: Double]
        #expect(widths["F"]! > widths["E"]! * 2, "\(widths)")
    }

    @Test("--plan, --phase, --overdue and --person each keep exactly the rows they name")
    func filters() throws {
        let walked = try WalkedCampaign()
        let all = try walked.ledger()
        func ids(_ rows: [[String: Any]]) -> Set<Int> { Set(rows.map { $0["id"] as! Int }) }
        let now = ISO8601DateFormatter().date(from: "\(WalkedCampaign.now.replacingOccurrences(of: " ", with: "T")):00+08:00")!
        let expected: [([String], [[String: Any]])] = [
            (["--plan", "P1"], all.filter { $0["plan"] as? Int == 1 }),
            (["--phase", "rectification"], all.filter { $0["phase"] as? String == "rectification" }),
            (["--phase", "survey"], all.filter { $0["phase"] as? String == "survey" }),
            (
                ["--overdue"],
                all.filter {
                    ["issued", "acknowledged", "returned"].contains($0["state"] as! String)
                        && ISO8601DateFormatter().date(from: $0["deadline"] as! String)! < now
                }
            ),
            (["--person", "li-si"], all.filter { $0["assignee"] as? String == "li-si" }),
            (
                ["--plan", "P2", "--person", "zheng-shi", "--phase", "rectification"],
                all.filter {
                    $0["plan"] as? Int == 2 && $0["assignee"] as? String == "zheng-shi" && $0["phase"] as? String == "rectification"
                }
            ),
        ]
        for (arguments, rows) in expected {
            #expect(!rows.isEmpty && rows.count < all.count, "\(arguments) cuts nothing")
            #expect(ids(try walked.ledger(arguments)) == ids(rows), "\(arguments)")
        }
        // The plan's own rows are all its tasks, and rows come plan by plan.
        #expect(ids(try walked.ledger(["--plan", "P1"])) == Set(try walked.campaign.tasks().map { $0["id"] as! Int }))
        #expect(all.map { $0["plan"] as! Int } == all.map { $0["plan"] as! Int }.sorted())
    }

    @Test("JSON rows have the documented snake_case fields; Markdown is one table row per task, the note's line break as <br>")
    func jsonAndMarkdown() throws {
        let walked = try WalkedCampaign()
        let all = try walked.ledger()
        let row = all.first { $0["id"] as? Int == walked.ids["unify-thinking"] }!
        for field in [
            "id", "plan", "village", "phase", "phase_title", "key", "title", "assignee", "assignee_name", "state", "deadline",
            "original_deadline", "acknowledged_at", "submitted_at", "verified_at", "working_days_late", "escalation_level", "last_note",
        ] {
            #expect(row[field] != nil, "no \(field)")
        }
        #expect(row["last_note"] as? String == WalkedCampaign.note)
        #expect(row["verified_at"] as? String == "2026-03-04T10:00:00+08:00")
        let measured = all.first { $0["id"] as? Int == walked.ids["assign-resident-cadre"] }!
        #expect(measured["measure"] as? String == "strengthen-committees")
        #expect(measured["measure_title"] as? String == "强化“两委”班子")

        let markdown = try walked.campaign.run(["report", "ledger"]).stdout
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "# Task ledger")
        #expect(lines.contains("| " + Self.header.joined(separator: " | ") + " |"))
        #expect(lines.filter { $0.firstMatch(of: /^\| P\d+ \|/) != nil }.count == all.count)
        let line = lines.first { $0.contains("| \(walked.label("unify-thinking")) |") }!
        #expect(line.contains("| 已组织学习, 签到表见\"附件一\"<br>共31人参加 |"))
        #expect(line.split(separator: "|", omittingEmptySubsequences: false).count == Self.header.count + 2)
    }

    @Test(
        "A bad filter or format is refused in one line, exit 1, nothing written",
        arguments: [
            (
                ["--phase", "nosuch"],
                "zhengdun: no plan has a phase 'nosuch'; the phases are survey, rectification, consolidation, look-back"
            ),
            (
                ["--plan", "P1", "--phase", "nosuch"],
                "zhengdun: plan P1 has no phase 'nosuch'; its phases are survey, rectification, consolidation, look-back"
            ),
            (["--person", "nobody"], "zhengdun: there is no person 'nobody'"),
            (["--plan", "P9"], "zhengdun: there is no plan P9"),
            (["--plan", "X"], "zhengdun: 'X' is not a plan number; write P12 or 12"),
            (["--format", "xls"], "zhengdun: --format xls: expected one of csv, xlsx, md or json"),
            (["--output", "/nonexistent/台账.csv"], "zhengdun: cannot write /nonexistent/台账.csv: no such file or directory"),
            (["--phase", "nosuch", "--lang", "zh"], "zhengdun: 没有方案含有阶段“nosuch”；现有阶段为 survey、rectification、consolidation、look-back"),
        ] as [([String], String)])
    func refused(_ arguments: [String], _ message: String) throws {
        let campaign = try Campaign()
        try campaign.createPlan()
        try campaign.run(["plan", "advance", "P1"], as: "qian-qi")
        let outcome = try campaign.run(["report", "ledger"] + arguments, status: 1)
        #expect(outcome.stderr == message + "\n")
        #expect(outcome.stdout.isEmpty)
    }
}
