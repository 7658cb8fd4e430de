import Foundation
import Testing

/// Plan P1 launched on Monday 2 March 2026 with four problems of different kinds on its list,
/// recorded by the resident cadre (王五) during the survey. Once in 集中整改: Q1 reported with a
/// photo and closed (销号); Q2 reported without evidence, refused closing, closed with a paper
/// given then; Q3 carried over (转入长效); Q4 acknowledged with a progress note and still open.
/// Every other required task of the phase is verified, so that only Q4 holds the gate.
struct ProblemCampaign {
    var campaign: Campaign
    /// Each item's rectification task, by item.
    var tasks: [String: String] = [:]

    static let items: [(kind: String, detail: String, remedy: String, goal: String)] = [
        ("legacy-problems", "村部门前道路2019年修建，工程款12.6万元至今未结清", "清理工程账目，分期结清欠款", "stronger-economy"),
        (
            "weak-collective-economy", "村集体无经营性收入, 依靠\"转移支付\"维持\n村部水电费拖欠", "盘活闲置村小学校舍对外出租",
            "stronger-economy"
        ),
        ("parochialism", "大房头把持低保评议，小房头群众多次上访", "低保评议全程公开，镇民政办派员监督", "public-satisfaction"),
        ("low-cadre-quality", "两名村委委员长期不参加组织生活", "谈心谈话，限期改正，纳入年终考评", "renewed-image"),
    ]
    static let carryReason = "涉及宗族历史纠纷，需长期教育引导"
    static let progress = "已与两名委员谈话，一人表态改正"

    init() throws {
        campaign = try Campaign()
        try campaign.launchPlan()
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-03 10:00"
        for (index, item) in Self.items.enumerated() {
            // The first named as the office knows its kind and goal, by their titles; the others by keys.
            let (kind, goal) = index == 0 ? ("遗留问题较多", "壮大村级集体经济") : (item.kind, item.goal)
            let recorded =
                try campaign.json(
                    [
                        "problem", "add", "P1", "--kind", kind, "--detail", item.detail, "--remedy", item.remedy, "--goal", goal,
                        "--due", "30wd",
                    ], as: "wang-wu") as! [String: Any]
            tasks["Q\(recorded["number"] as! Int)"] = "T\(recorded["task"] as! Int)"
        }
        try campaign.run(["plan", "advance", "P1", "--override", "--reason", "摸底工作已完成，提前转段"], as: "zhao-liu")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-10 10:00"
        let photo = try campaign.folder.write("道路结算单.jpg", "JPEG")
        for item in ["Q1", "Q2", "Q4"] { try campaign.run(["task", "ack", tasks[item]!], as: "li-si") }
        try campaign.run(["task", "submit", tasks["Q1"]!, "--note", "工程款已全部结清", "--evidence", photo], as: "li-si")
        try campaign.run(["task", "submit", tasks["Q2"]!, "--note", "校舍已出租，年租金3万元"], as: "li-si")
        try campaign.run(["problem", "note", "P1", "Q4", Self.progress], as: "li-si")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-12 10:00"
        try campaign.run(["problem", "close", "P1", "Q1", "--note", "现场核实"], as: "zhao-liu")
        try campaign.run(["problem", "carry", "P1", "Q3", "--reason", Self.carryReason], as: "zhao-liu")
    }

    /// Acknowledges, reports and verifies every other required task of 集中整改, each by its
    /// own people, in issue order (so that what a task depends on is verified before it).
    func verifyTheRest() throws {
        let people = Dictionary(uniqueKeysWithValues: Campaign.people.map { ($0.role, $0.id) })
        let problemTasks = Set(tasks.values)
        for task in try campaign.tasks(phase: "rectification") where task["required"] as! Bool {
            let label = "T\(task["id"] as! Int)"
            guard !problemTasks.contains(label) else { continue }
            let shown = try campaign.json(["task", "show", label]) as! [String: Any]
            let assignee = task["assignee"] as! String
            try campaign.run(["task", "ack", label], as: assignee)
            try campaign.run(["task", "submit", label, "--note", "已完成", "--missing-reason", "材料另行报送"], as: assignee)
            try campaign.run(["task", "verify", label], as: people[shown["verifier_role"] as! String]!)
        }
    }
}

@Suite("The problem list (问题清单) and its ledger (整改台账), through the real binary", .serialized, .tags(.endToEnd))
struct ProblemListTests {
    @Test(
        "Four problems of four kinds: two closed with evidence, one carried over, one open; the rectification gate names the open one, then passes once it is closed"
    )
    func gateWaitsForEveryItem() throws {
        let walked = try ProblemCampaign()
        var campaign = walked.campaign
        // Closing needs evidence: Q2 was reported without any.
        let bare = try campaign.run(["problem", "close", "P1", "Q2"], as: "zhao-liu", status: 1)
        #expect(bare.stderr.contains("P1 Q2 has no evidence"), "\(bare.stderr)")
        let paper = try campaign.folder.write("租赁合同.pdf", "%PDF-1.4")
        try campaign.run(["problem", "close", "P1", "Q2", "--evidence", paper], as: "zhao-liu")
        // Only the office closes, and a settled item stays settled.
        try campaign.run(["problem", "close", "P1", "Q4"], as: "li-si", status: 1)
        let again = try campaign.run(["problem", "carry", "P1", "Q1", "--reason", "x"], as: "zhao-liu", status: 1)
        #expect(again.stderr.contains("closed"), "\(again.stderr)")
        // Only the roles the workflow names record problems.
        let secretary = try campaign.run(
            ["problem", "add", "P1", "--kind", "legacy-problems", "--detail", "x", "--remedy", "y", "--due", "5wd"], as: "li-si", status: 1)
        #expect(secretary.stderr.contains("may record problems"), "\(secretary.stderr)")
        let kind = try campaign.run(
            ["problem", "add", "P1", "--kind", "宗族", "--detail", "x", "--remedy", "y", "--due", "5wd"], as: "wang-wu", status: 1)
        #expect(kind.stderr.contains("'宗族' is not a kind of problem the workflow knows"), "\(kind.stderr)")
        try campaign.run(["problem", "show", "P1", "Q9"], status: 1)
        try campaign.run(["problem", "show", "P1", "Q0"], status: 1)
        // A problem's task is closed with its evidence by `problem close`, not verified as a task.
        let direct = try campaign.run(["task", "verify", walked.tasks["Q2"]!], as: "zhao-liu", status: 1)
        #expect(direct.stderr.contains("close the problem with its evidence"), "\(direct.stderr)")

        let states = (try campaign.json(["problem", "list", "--plan", "P1"]) as! [[String: Any]]).map { $0["state"] as! String }
        #expect(states == ["closed", "closed", "carried", "in_hand"])

        try walked.verifyTheRest()
        let refused = try campaign.run(["plan", "advance", "P1"], as: "zhao-liu", status: 1)
        #expect(refused.stderr.contains("\(walked.tasks["Q4"]!) Q4 整改：两名村委委员长期不参加组织生活"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("Q1 整改") && !refused.stderr.contains("Q3 整改"), "\(refused.stderr)")
        #expect(refused.stderr.contains("1 required task"), "only Q4 holds the gate: \(refused.stderr)")

        campaign.environment["ZHENGDUN_NOW"] = "2026-03-13 10:00"
        let photo = try campaign.folder.write("谈话记录.jpg", "JPEG")
        try campaign.run(["task", "submit", walked.tasks["Q4"]!, "--note", "两人均已参加组织生活", "--evidence", photo], as: "li-si")
        try campaign.run(["problem", "close", "P1", "Q4"], as: "zhao-liu")
        try campaign.run(["plan", "advance", "P1"], as: "zhao-liu")
        #expect((try campaign.json(["plan", "show", "P1"]) as! [String: Any])["state"] as? String == "consolidation")
        try campaign.run(["audit", "verify"])
    }

    @Test(
        "The 整改台账 read back by Python's csv and by openpyxl: one row per problem with its columns, Chinese intact, deadlines and closing times as dates",
        needs(Python.has("openpyxl"), "python3-openpyxl (Debian) to read the workbook"))
    func ledger() throws {
        let walked = try ProblemCampaign()
        let campaign = walked.campaign
        let folder = campaign.folder.url
        let csv = folder.appendingPathComponent("整改台账.csv").path
        let workbook = folder.appendingPathComponent("整改台账.xlsx").path
        try campaign.run(["report", "problems", "--plan", "P1", "--format", "csv", "--output", csv, "--lang", "zh"])
        try campaign.run(["report", "problems", "--plan", "P1", "--format", "xlsx", "--output", workbook, "--lang", "zh"])
        let read =
            try pythonJSON(
                """
                import csv, io, json, sys, datetime, openpyxl
                raw = open(sys.argv[2], 'rb').read()
                text = list(csv.reader(io.StringIO(raw.decode('utf-8-sig'), newline='')))
                book = openpyxl.load_workbook(sys.argv[1])
                sheet = book[book.sheetnames[0]]
                def cell(c):
                    if isinstance(c.value, datetime.datetime): return {'date': c.value.strftime('%Y-%m-%d %H:%M')}
                    return c.value
                rows = [[cell(c) for c in row] for row in sheet.iter_rows()]
                print(json.dumps({'bom': raw.startswith(b'\\xef\\xbb\\xbf'), 'csv': text, 'sheets': book.sheetnames,
                    'freeze': sheet.freeze_panes, 'rows': rows}, ensure_ascii=False))
                """, workbook, csv) as! [String: Any]
        #expect(read["bom"] as? Bool == true)
        let text = read["csv"] as! [[String]]
        #expect(
            text[0] == [
                "村", "序号", "问题类别", "问题具体表现", "整改措施", "整改目标", "责任领导", "责任人", "整改时限", "整改进展", "完成情况", "是否销号", "销号时间",
                "佐证材料", "备注",
            ])
        #expect(text.count == 5, "a row per problem: \(text)")
        let byItem = Dictionary(uniqueKeysWithValues: text.dropFirst().map { ($0[1], $0) })
        for (index, item) in ProblemCampaign.items.enumerated() {
            let row = try #require(byItem["Q\(index + 1)"])
            #expect(row[0] == "XX村")
            #expect(row[3] == item.detail, "Chinese, the comma, the quotes and the line break intact")
            #expect(row[4] == item.remedy)
            #expect(row[6] == "赵六" && row[7] == "李四", "leader and person responsible by name")
            // 30 working days from Tuesday 3 March 2026, counted on the 2026 calendar: 清明 takes
            // Monday 6 April, so the 30th is Wednesday 15 April.
            #expect(row[8] == "2026-04-15 18:00")
        }
        #expect(byItem["Q1"]!.suffix(5) == ["已完成：工程款已全部结清", "是", "2026-03-12 10:00", "道路结算单.jpg", ""])
        #expect(byItem["Q1"]![2] == "遗留问题较多" && byItem["Q1"]![5] == "壮大村级集体经济")
        #expect(byItem["Q2"]![11] == "否" && byItem["Q2"]![10] == "已报送待销号：校舍已出租，年租金3万元")
        #expect(byItem["Q3"]![10] == "转入长效" && byItem["Q3"]![11] == "否" && byItem["Q3"]![14] == "转入长效：\(ProblemCampaign.carryReason)")
        #expect(byItem["Q4"]![10] == "整改中" && byItem["Q4"]![9].hasSuffix("李四：\(ProblemCampaign.progress)"))

        // The workbook: this ledger first, the task ledger beside it, the header in view.
        #expect(read["sheets"] as? [String] == ["问题整改台账", "任务落实台账"])
        #expect(read["freeze"] as? String == "A2")
        let rows = read["rows"] as! [[Any]]
        #expect(rows.count == text.count)
        for (row, line) in zip(rows, text) {
            for (value, expected) in zip(row, line) {
                if let date = value as? [String: String] {
                    #expect(date["date"] == expected, "\(line)")
                } else if value is NSNull {
                    #expect(expected.isEmpty, "\(line)")
                } else {
                    #expect(value as? String == expected, "\(line)")
                }
            }
        }
        #expect(rows.dropFirst().allSatisfy { $0[8] is [String: String] }, "deadlines are dates")
        #expect(rows[1][12] is [String: String], "Q1's closing time is a date")
    }

    @Test("The survey's task that builds the problem list is not reported done while the list is empty")
    func surveyBuildsTheList() throws {
        var campaign = try Campaign()
        try campaign.launchPlan()
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-03 10:00"
        let tasks = Dictionary(
            uniqueKeysWithValues: try campaign.tasks(phase: "survey").map { ($0["key"] as! String, "T\($0["id"] as! Int)") })
        let summary = try campaign.folder.write("群众意见汇总表.txt", "意见42条")
        try campaign.run(["task", "ack", tasks["hear-opinions"]!], as: "wang-wu")
        try campaign.run(["task", "submit", tasks["hear-opinions"]!, "--note", "座谈3场", "--evidence", summary], as: "wang-wu")
        try campaign.run(["task", "verify", tasks["hear-opinions"]!], as: "zhao-liu")
        let survey = tasks["survey-situation"]!
        try campaign.run(["task", "ack", survey], as: "wang-wu")
        let refused = try campaign.run(["task", "submit", survey, "--note", "已摸清情况", "--lang", "zh"], as: "wang-wu", status: 1)
        #expect(refused.stderr.contains("本任务要建立问题清单，但清单中尚无问题"), "\(refused.stderr)")
        try campaign.run(
            ["problem", "add", "P1", "--kind", "legacy-problems", "--detail", "村级账目三年未公开", "--remedy", "补公开三年账目", "--due", "20wd"],
            as: "wang-wu")
        try campaign.run(["task", "submit", survey, "--note", "已摸清情况，登记问题1个"], as: "wang-wu")
    }

    @Test("An overdue problem is escalated (督办) to its person, with the leader named on it copied before the chain of supervision")
    func escalatedWithItsLeader() throws {
        var campaign = try Campaign()
        try campaign.mailToMaildir()
        try campaign.launchPlan()
        // Recorded by the office on Tuesday 3 March, due in 3 working days (Friday 6 March, 18:00),
        // led by the Party secretary of the town (孙八) instead of the workflow's default.
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-03 10:00"
        try campaign.run(
            [
                "problem", "add", "P1", "--kind", "legacy-problems", "--detail", "村级账目三年未公开", "--remedy", "补公开三年账目",
                "--leader", "sun-ba", "--due", "3wd",
            ], as: "qian-qi")
        try campaign.run(["run-due", "--now", "2026-03-09 10:00"])
        let messages = try maildirMessages(campaign.maildirPath)
        let letters = messages.filter { $0["notice"]!.contains("escalation.1") && $0["body"]!.contains("村级账目三年未公开") }
        let letter = try #require(letters.first, "\(messages.map { $0["subject"]! })")
        #expect(letters.count == 1)
        #expect(letter["to"]!.contains("li-si@town.example.cn"))
        #expect(letter["cc"]!.contains("sun-ba@town.example.cn"), "the leader is copied: \(letter)")
        #expect(letter["cc"]!.contains("wang-wu@town.example.cn"), "and one step up the chain: \(letter)")
        #expect(letter["body"]!.contains("责任领导孙八"), "\(letter)")
        // Its 交办 went out first, the day it was recorded.
        #expect(
            messages.contains {
                $0["notice"]!.contains("issued") && $0["body"]!.contains("村级账目三年未公开") && $0["to"]!.contains("li-si")
            })
    }
}
