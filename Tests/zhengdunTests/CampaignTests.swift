import Foundation
import TestSupport
import Testing

/// A township's campaign of three villages under a small workflow of its own: the township's
/// work (成立整顿工作机构, 全镇整改情况汇总) issued once to the township's people, each village's
/// three survey tasks and its rectification once per plan.
struct Township {
    var campaign: Campaign
    let workflow: String

    /// The villages, their plans and secretaries, and the day each plan starts.
    static let villages: [(plan: String, village: String, secretary: String, start: String)] = [
        ("P2", "A村", "a", "2026-03-02"), ("P3", "B村", "b", "2026-03-09"), ("P4", "C村", "c", "2026-03-16"),
    ]
    static let people = [
        ("org", "钱七"), ("dir", "赵六"), ("lead", "孙八"), ("a", "张一"), ("b", "张二"), ("c", "张三"),
    ]
    /// The workflow's tasks: key, phase (0 survey, 1 rectification), working days from the
    /// phase's start to the deadline, and whether the township does it once for the campaign.
    static let tasks: [(key: String, phase: Int, days: Int, township: Bool)] = [
        ("set-up", 0, 3, true), ("study", 0, 3, false), ("hear-opinions", 0, 5, false), ("analyse", 0, 8, false),
        ("rectify", 1, 15, false), ("review", 1, 15, true),
    ]
    static let surveyLength = 10

    static let workflowText = """
        workflow: township-campaign
        title: 全镇软弱涣散村党组织整顿
        calendar: cn
        roles:
          secretary: {title: 党支部书记, reports_to: office_director}
          org_office: {title: 镇组织办, scope: campaign, reports_to: office_director}
          office_director: {title: 领导小组办公室主任, scope: campaign, reports_to: group_leader}
          group_leader: {title: 镇党委书记, scope: campaign}
        permissions:
          launch: [office_director]
          override_gate: [office_director]
          extend: [office_director]
          reassign: [office_director]
          cancel: [office_director]
          inspect: [office_director]
        phases:
          - key: survey
            title: 摸底准备阶段
            length: 10wd
            gate: {require: required-tasks-verified, signed_by: [office_director]}
            tasks:
              - {key: set-up, scope: campaign, title: 成立整顿工作机构, responsible: org_office, verifier: office_director, deadline: 3wd, required: true}
              - {key: study, title: 学习动员, responsible: secretary, verifier: office_director, deadline: 3wd, required: true}
              - {key: hear-opinions, title: 听取党员和群众意见, responsible: secretary, verifier: office_director, deadline: 5wd, required: true}
              - {key: analyse, title: 分析后进原因, responsible: secretary, verifier: office_director, deadline: 8wd, required: true}
          - key: rectification
            title: 集中整改阶段
            length: 20wd
            gate: {require: required-tasks-verified, signed_by: [office_director]}
            tasks:
              - {key: rectify, title: 整改落实, responsible: secretary, verifier: office_director, deadline: 15wd, required: true}
              - {key: review, scope: campaign, waits_for_villages: rectification, title: 全镇整改情况汇总, responsible: org_office, verifier: office_director, deadline: 15wd}
        escalation:
          - {level: 1, after: 0wd, reach: 1}
          - {level: 2, after: 3wd, reach: 2}
        reports:
          light: {red_lagging: 50%}
        assessment:
          answerable: [secretary]
          weights: {schedule: 70, on_time: 30}
          deductions: {working_day_late: 0.25, return: 1.5, escalation: 0.75, overdue_problem: 2}
          accountability: {talk: 1.5, criticism: 3}

        """

    /// Campaign C1 (the township's work as plan P1) with the three villages' plans in draft.
    init() throws {
        campaign = try Campaign()
        workflow = try campaign.folder.write("workflows/township-campaign.yaml", Self.workflowText)
        let folder = campaign.folder.url.appendingPathComponent("workflows")
        for shared in ["templates", "calendars"] {
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent(shared), withDestinationURL: CLI.repository.appendingPathComponent("workflows/\(shared)"))
        }
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-02 09:00"
        for (id, name) in Self.people {
            try campaign.run(["person", "add", id, "--name", name, "--email", "\(id)@town.example.cn"])
        }
        try campaign.run([
            "campaign", "create", "--workflow", workflow, "--title", "XX镇2026年软弱涣散村党组织整顿", "--start", "2026-03-02",
            "--assign", "org_office=org", "--assign", "office_director=dir", "--assign", "group_leader=lead",
        ])
        for village in Self.villages {
            try campaign.run([
                "plan", "create", "--workflow", workflow, "--campaign", "C1", "--village", village.village, "--start", village.start,
                "--assign", "secretary=\(village.secretary)",
            ])
        }
    }

    mutating func at(_ time: String) { campaign.environment["ZHENGDUN_NOW"] = time }

    /// Launches a plan (or, for P1, the campaign's township work) on the clock as it stands.
    func launch(_ plan: String) throws {
        try campaign.run(plan == "P1" ? ["campaign", "advance", "C1"] : ["plan", "advance", plan], as: "dir")
    }

    /// The plan's tasks as `task list --json` gives them.
    func tasks(of plan: String) throws -> [[String: Any]] {
        try campaign.json(["task", "list", "--plan", plan]) as! [[String: Any]]
    }

    /// The task of `plan` issued from the workflow's task titled `title`, as `T12`.
    func task(_ title: String, of plan: String) throws -> String {
        let task = try tasks(of: plan).first { $0["title"] as? String == title }
        return "T\(task!["id"] as! Int)"
    }

    /// Acknowledges and reports done (办结) a task, as its assignee.
    func handIn(_ task: String, as person: String) throws {
        try campaign.run(["task", "ack", task], as: person)
        try campaign.run(["task", "submit", task, "--note", "已完成"], as: person)
    }
}

@Suite("A township's campaign of several villages (整顿工作), through the real binary", .serialized, .tags(.endToEnd))
struct CampaignTests {
    @Test(
        "Three villages starting on different days: the township's work is issued once, each village's once per plan; a village's gate waits for the township's task; the summary waits for every village"
    )
    func townshipWorkOnce() throws {
        var township = try Township()
        try township.launch("P1")
        for village in Township.villages {
            township.at("\(village.start) 09:00")
            try township.launch(village.plan)
        }
        let all = try township.campaign.json(["task", "list"]) as! [[String: Any]]
        #expect(all.filter { $0["title"] as? String == "成立整顿工作机构" }.count == 1)
        #expect(try township.tasks(of: "P1").map { $0["title"] as! String } == ["成立整顿工作机构"])
        for village in Township.villages {
            let tasks = try township.tasks(of: village.plan)
            #expect(tasks.map { $0["title"] as! String } == ["学习动员", "听取党员和群众意见", "分析后进原因"], "\(village.village)")
            #expect(Set(tasks.map { $0["assignee"] as! String }) == [village.secretary])
        }
        let shown = try township.campaign.json(["campaign", "show", "C1"]) as! [String: Any]
        #expect((shown["township"] as! [String: Any])["id"] as? Int == 1)
        #expect((shown["villages"] as! [[String: Any]]).map { $0["village"] as! String } == ["A村", "B村", "C村"])

        // A村 does its survey; its gate still waits on the township's 成立整顿工作机构.
        township.at("2026-03-18 10:00")
        for title in ["学习动员", "听取党员和群众意见", "分析后进原因"] {
            let task = try township.task(title, of: "P2")
            try township.handIn(task, as: "a")
            try township.campaign.run(["task", "verify", task], as: "dir")
        }
        let refused = try township.campaign.run(["plan", "advance", "P2"], as: "dir", status: 1)
        #expect(refused.stderr.contains("T1 成立整顿工作机构（C1）"), "\(refused.stderr)")
        #expect((try township.campaign.json(["plan", "show", "P2"]) as! [String: Any])["state"] as? String == "survey")

        try township.handIn("T1", as: "org")
        try township.campaign.run(["task", "verify", "T1"], as: "dir")
        try township.launch("P2")
        #expect(try township.tasks(of: "P2").compactMap { $0["title"] as? String }.last == "整改落实")

        // The township's summary waits until every village has begun its rectification.
        try township.launch("P1")
        let summary = try township.task("全镇整改情况汇总", of: "P1")
        try township.campaign.run(["task", "ack", summary], as: "org")
        let early = try township.campaign.run(["task", "submit", summary, "--note", "已汇总"], as: "org", status: 1)
        #expect(early.stderr.contains("B村") && early.stderr.contains("C村") && !early.stderr.contains("A村"), "\(early.stderr)")
        #expect(try township.tasks(of: "P1").count == 2)
    }

    @Test("The progress report, the ledgers, the circular and the calendar export take --campaign: a campaign's plans and no other")
    func perCampaign() throws {
        var township = try Township()
        try township.launch("P1")
        try township.launch("P2")
        // D村 alone: a campaign of its own (C2) doing the township's work itself.
        try township.campaign.run([
            "plan", "create", "--workflow", township.workflow, "--village", "D村", "--start", "2026-03-02", "--assign", "secretary=c",
            "--assign", "org_office=org", "--assign", "office_director=dir", "--assign", "group_leader=lead",
        ])
        try township.launch("P5")
        #expect(try township.tasks(of: "P5").count == 4)
        let campaigns = try township.campaign.json(["campaign", "list"]) as! [[String: Any]]
        #expect(campaigns.map { $0["id"] as! Int } == [1, 2])
        township.at("2026-03-20 10:00")

        func plans(_ rows: [[String: Any]]) -> Set<Int> { Set(rows.map { $0["plan"] as! Int }) }
        let ledger = { (campaign: String) throws -> [[String: Any]] in
            let printed = try township.campaign.run(["report", "ledger", "--campaign", campaign, "--format", "json"]).stdout
            return try JSONSerialization.jsonObject(with: Data(printed.utf8)) as! [[String: Any]]
        }
        #expect(plans(try ledger("C1")) == [1, 2])
        #expect(plans(try ledger("C2")) == [5])
        let progress =
            try JSONSerialization.jsonObject(
                with: Data(try township.campaign.run(["report", "progress", "--campaign", "C2", "--format", "json"]).stdout.utf8))
            as! [String: Any]
        #expect(plans(progress["plans"] as! [[String: Any]]) == [5])
        #expect((progress["campaigns"] as! [[String: Any]]).map { $0["campaign"] as! Int } == [2])
        let circular =
            try JSONSerialization.jsonObject(
                with: Data(try township.campaign.run(["report", "circular", "--campaign", "C1", "--format", "json"]).stdout.utf8))
            as! [String: Any]
        #expect(plans(circular["plans"] as! [[String: Any]]) == [1, 2])
        let calendar = try township.campaign.run(["calendar", "export", "--campaign", "C1"]).stdout
        #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count - 1 == 4, "\(calendar)")
        #expect(calendar.contains("成立整顿工作机构") && !calendar.contains("D村"))
        let both = try township.campaign.run(["report", "ledger", "--plan", "P1", "--campaign", "C1"], status: 1)
        #expect(both.stderr == "zhengdun: --plan and --campaign cannot be given together: a plan is in one campaign\n")
        let unknown = try township.campaign.run(["report", "progress", "--campaign", "C9"], status: 1)
        #expect(unknown.stderr == "zhengdun: there is no campaign C9\n")
    }

    @Test(
        "Several people hold a role together: a task of the role goes to the first holder or the one named at issue, a notice to the role reaches them all, and a role of one is refused a second person"
    )
    func severalHolders() throws {
        var township = try Township()
        var text = Township.workflowText
        text = text.replacingOccurrences(
            of: "  group_leader: {title: 镇党委书记, scope: campaign}\n",
            with: """
                  group_leader: {title: 镇党委书记, scope: campaign}
                  leading_group: {title: 领导小组成员, scope: campaign, holders: several}
                  two_committees: {title: 村“两委”成员, holders: several, reports_to: secretary}

                """)
        text = text.replacingOccurrences(
            of: "      - {key: study,",
            with:
                "      - {key: joint-meeting, title: 召开“两委”联席会议, responsible: two_committees, verifier: office_director, deadline: 5wd}\n      - {key: study,"
        )
        text = text.replacingOccurrences(
            of: "  light: {red_lagging: 50%}\n",
            with: "  light: {red_lagging: 50%}\n  progress: {every: monday, at: \"09:00\", to: [office_director, leading_group]}\n")
        let workflow = try township.campaign.folder.write("workflows/several.yaml", text)
        try township.campaign.mailToMaildir()
        for (id, name) in [("m1", "周一"), ("m2", "周二"), ("x1", "吴一"), ("x2", "吴二"), ("x3", "吴三"), ("y1", "郑一"), ("y2", "郑二")] {
            try township.campaign.run(["person", "add", id, "--name", name, "--email", "\(id)@town.example.cn"])
        }
        try township.campaign.run([
            "campaign", "create", "--workflow", workflow, "--title", "YY镇整顿", "--start", "2026-03-02", "--assign", "org_office=org",
            "--assign", "office_director=dir", "--assign", "group_leader=lead", "--assign", "leading_group=m1", "--assign",
            "leading_group=m2",
        ])
        try township.campaign.run(
            [
                "plan", "create", "--workflow", workflow, "--campaign", "C2", "--village", "甲村", "--start", "2026-03-02", "--assign",
                "secretary=a",
            ]
                + ["x1", "x2", "x3"].flatMap { ["--assign", "two_committees=\($0)"] })
        try township.campaign.run(
            [
                "plan", "create", "--workflow", workflow, "--campaign", "C2", "--village", "乙村", "--start", "2026-03-02", "--assign",
                "secretary=b",
            ]
                + ["y1", "y2"].flatMap { ["--assign", "two_committees=\($0)"] })
        // A role of one person takes one.
        let twice = try township.campaign.run(
            [
                "plan", "create", "--workflow", workflow, "--campaign", "C2", "--village", "丙村", "--start", "2026-03-02", "--assign",
                "secretary=a", "--assign", "secretary=c", "--assign", "two_committees=y1",
            ], status: 1)
        #expect(twice.stderr.contains("role 'secretary' is assigned twice (a and c)"), "\(twice.stderr)")

        let shown = try township.campaign.json(["plan", "show", "P6"]) as! [String: Any]
        let bound = (shown["bindings"] as! [[String: Any]]).filter { $0["role"] as? String == "two_committees" }.map {
            $0["person"] as! String
        }
        #expect(bound == ["x1", "x2", "x3"])

        try township.campaign.run(["campaign", "advance", "C2"], as: "dir")
        let stranger = try township.campaign.run(["plan", "advance", "P6", "--holder", "two_committees=y1"], as: "dir", status: 1)
        #expect(stranger.stderr.contains("y1 does not hold two_committees"), "\(stranger.stderr)")
        try township.campaign.run(["plan", "advance", "P6", "--holder", "two_committees=x2"], as: "dir")
        try township.campaign.run(["plan", "advance", "P7"], as: "dir")
        let meeting = { (plan: String) throws -> String in
            try township.tasks(of: plan).first { $0["title"] as? String == "召开“两委”联席会议" }!["assignee"] as! String
        }
        #expect(try meeting("P6") == "x2")
        #expect(try meeting("P7") == "y1")

        // The weekly report goes to the office director and to every member of the leading group.
        township.at("2026-03-09 09:00")
        try township.campaign.run(["run-due"])
        let weekly = try township.campaign.maildir().map { try String(contentsOf: $0, encoding: .utf8) }
            .compactMap { message in message.split(whereSeparator: \.isNewline).first { $0.hasPrefix("To:") }.map(String.init) }
        for member in ["m1", "m2", "dir"] {
            #expect(weekly.contains { $0.contains("\(member)@town.example.cn") }, "\(weekly)")
        }

        let check = try township.campaign.folder.write(
            "workflows/bad.yaml", text.replacingOccurrences(of: "holders: several, reports_to", with: "holders: many, reports_to"))
        let refused = try CLI.run(["workflow", "check", check])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("'many' is not a number of holders; write one or several"), "\(refused.stderr)")
    }

    /// What the test expects of one plan's 序时进度 and light, computed from the baseline on
    /// the 2026 calendar of `WorkingDays2026`, apart from the binary's calendar and schedule.
    struct Expected: Equatable {
        var due = 0, done = 0, onTime = 0, lagging = 0, ahead = 0
        var signal = "green"

        /// `handedIn`: when each task was reported done, by key; `launched`: whether its phase
        /// began on its planned day, so that its deadline is its baseline due.
        static func of(
            start: String, township: Bool, handedIn: [String: String], launched: Bool, at now: String, redLagging: Int = 50
        ) -> Expected {
            var expected = Expected()
            var level = 0
            for task in Township.tasks where task.township == township {
                let phaseStart = task.phase == 0 ? start : WorkingDays2026.adding(Township.surveyLength, to: start)
                let dueDay = WorkingDays2026.adding(task.days, to: phaseStart)
                let due = "\(dueDay) 18:00"
                if due <= now {
                    expected.due += 1
                    if let handed = handedIn[task.key] {
                        expected.done += 1
                        if handed <= due { expected.onTime += 1 }
                    } else {
                        expected.lagging += 1
                        // Issued at its planned start (the survey): past its deadline, level 1;
                        // three working days past it (at 18:00), level 2.
                        if task.phase == 0 && launched {
                            let late = WorkingDays2026.count(after: dueDay, through: String(now.prefix(10)))
                            level = max(level, late > 3 || (late == 3 && now.suffix(5) >= "18:00") ? 2 : 1)
                        }
                    }
                } else if handedIn[task.key] != nil {
                    expected.ahead += 1
                }
            }
            expected.signal = expected.light(level: level, redLagging: redLagging)
            return expected
        }

        func light(level: Int, redLagging: Int) -> String {
            if level >= 2 || (due > 0 && lagging * 100 >= redLagging * due) { return "red" }
            return lagging >= 1 || level >= 1 ? "yellow" : "green"
        }

        init() {}

        init(_ json: [String: Any], signal: String) {
            due = json["due"] as! Int
            done = json["done"] as! Int
            onTime = json["on_time"] as! Int
            lagging = json["lagging"] as! Int
            ahead = json["ahead"] as! Int
            self.signal = signal
        }
    }

    @Test(
        "序时进度 of each plan and of the campaign match a computation over the baseline on a walked clock, and the light turns yellow and red at the workflow's thresholds"
    )
    func scheduleProgress() throws {
        var township = try Township()
        let starts = Dictionary(uniqueKeysWithValues: Township.villages.map { ($0.plan, $0.start) }).merging(["P1": "2026-03-02"]) { $1 }
        var handedIn: [String: [String: String]] = [:]
        var launched: Set<String> = []
        var seen: [String: Set<String>] = [:]
        let keys = ["成立整顿工作机构": "set-up", "学习动员": "study", "听取党员和群众意见": "hear-opinions", "分析后进原因": "analyse"]

        func handIn(_ title: String, of plan: String, as person: String, at time: String) throws {
            township.at(time)
            try township.handIn(try township.task(title, of: plan), as: person)
            handedIn[plan, default: [:]][keys[title]!] = time
        }

        func check(at now: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            township.at(now)
            let printed = try township.campaign.run(["report", "progress", "--format", "json"], sourceLocation: sourceLocation).stdout
            let report = try JSONSerialization.jsonObject(with: Data(printed.utf8)) as! [String: Any]
            var total = Expected()
            var highest = 0
            let plans = report["plans"] as! [[String: Any]]
            #expect(Set(plans.map { "P\($0["plan"] as! Int)" }) == launched, sourceLocation: sourceLocation)
            for plan in plans {
                let label = "P\(plan["plan"] as! Int)"
                let expected = Expected.of(
                    start: starts[label]!, township: label == "P1", handedIn: handedIn[label] ?? [:], launched: true, at: now)
                let actual = Expected(plan["progress"] as! [String: Any], signal: plan["signal"] as! String)
                #expect(actual == expected, "\(label) at \(now)", sourceLocation: sourceLocation)
                seen[label, default: []].insert(actual.signal)
                total.due += expected.due
                total.done += expected.done
                total.onTime += expected.onTime
                total.lagging += expected.lagging
                total.ahead += expected.ahead
                let overdue = (plan["overdue"] as! [[String: Any]]).map { $0["level"] as! Int }
                highest = max(highest, overdue.max() ?? 0)
            }
            total.signal = total.light(level: highest, redLagging: 50)
            let campaigns = report["campaigns"] as! [[String: Any]]
            #expect(campaigns.count == 1, sourceLocation: sourceLocation)
            let campaign = Expected(campaigns[0]["progress"] as! [String: Any], signal: campaigns[0]["signal"] as! String)
            #expect(campaign == total, "C1 at \(now)", sourceLocation: sourceLocation)
            #expect((campaigns[0]["plans"] as! [Int]).count == launched.count, sourceLocation: sourceLocation)
        }

        try township.launch("P1")
        try township.launch("P2")
        launched = ["P1", "P2"]
        try check(at: "2026-03-04 10:00")
        try handIn("学习动员", of: "P2", as: "a", at: "2026-03-04 10:00")
        try handIn("成立整顿工作机构", of: "P1", as: "org", at: "2026-03-04 10:30")
        try check(at: "2026-03-06 10:00")
        township.at("2026-03-09 09:00")
        try township.launch("P3")
        launched.insert("P3")
        try handIn("听取党员和群众意见", of: "P2", as: "a", at: "2026-03-10 10:00")
        try check(at: "2026-03-10 10:00")
        try check(at: "2026-03-13 10:00")
        township.at("2026-03-16 09:00")
        try township.launch("P4")
        launched.insert("P4")
        try handIn("学习动员", of: "P3", as: "b", at: "2026-03-16 10:00")
        try handIn("学习动员", of: "P4", as: "c", at: "2026-03-17 10:00")
        try check(at: "2026-03-17 17:00")
        try check(at: "2026-03-18 10:00")
        // Past A村's and the township's baseline for the rectification, still in the survey:
        // the work not yet issued lags on the schedule too.
        try check(at: "2026-04-13 10:00")

        // The walk went through every light, each as the rule says.
        #expect(seen["P2"] == ["green", "yellow", "red"])
        let rule = try township.campaign.run(["report", "progress"]).stdout
        #expect(rule.contains("50%"), "\(rule)")
        let chinese = try CLI.run(
            ["report", "progress"], environment: township.campaign.environment.merging(["LANG": "zh_CN.UTF-8"]) { $1 })
        #expect(chinese.stdout.contains("红灯，有任务已到督办第二级，或滞后事项占应完成事项的50%以上"), "\(chinese.stdout)")
        #expect(chinese.stdout.contains("序时进度"), "\(chinese.stdout)")
    }

    @Test(
        "report ranking: each village's and each secretary's score recomputed from the workflow's formula, the ledger and the baseline matches to the hundredth; a 问责 record shows in the person's line"
    )
    func ranking() throws {
        var township = try Township()
        try township.campaign.mailToMaildir()
        var handedIn: [String: [String: String]] = [:]
        func handIn(_ title: String, of plan: String, as person: String, at time: String) throws {
            township.at(time)
            try township.handIn(try township.task(title, of: plan), as: person)
            handedIn[plan, default: [:]][["学习动员": "study", "听取党员和群众意见": "hear-opinions", "分析后进原因": "analyse"][title]!] = time
        }
        try township.launch("P1")
        try township.launch("P2")
        try handIn("学习动员", of: "P2", as: "a", at: "2026-03-04 10:00")
        township.at("2026-03-09 09:00")
        try township.launch("P3")
        try handIn("听取党员和群众意见", of: "P2", as: "a", at: "2026-03-10 10:00")
        try handIn("学习动员", of: "P3", as: "b", at: "2026-03-12 10:00")
        try handIn("分析后进原因", of: "P2", as: "a", at: "2026-03-12 11:00")
        township.at("2026-03-13 10:00")
        let analyse = try township.task("分析后进原因", of: "P2")
        try township.campaign.run(["task", "return", analyse, "--reason", "原因分析不具体", "--due", "2026-03-18"], as: "dir")
        township.at("2026-03-16 09:00")
        try township.launch("P4")
        township.at("2026-03-16 10:00")
        try township.campaign.run(["task", "submit", analyse, "--note", "已补充"], as: "a")
        handedIn["P2"]!["analyse"] = "2026-03-16 10:00"
        try handIn("学习动员", of: "P4", as: "c", at: "2026-03-18 10:00")
        township.at("2026-03-20 10:00")
        try township.campaign.run(["run-due"])

        // 问责: only the office director records it; it is an event like every change.
        let late = try township.task("听取党员和群众意见", of: "P3")
        let reason = "听取意见逾期未办"
        try township.campaign.run(
            ["accountability", "add", "b", "--kind", "提醒谈话", "--reason", reason, "--task", late], as: "org", status: 1)
        try township.campaign.run(["accountability", "add", "b", "--kind", "记过", "--reason", reason], as: "dir", status: 1)
        let events = try township.campaign.eventCount()
        try township.campaign.run(["accountability", "add", "b", "--kind", "提醒谈话", "--reason", reason, "--task", late], as: "dir")
        #expect(try township.campaign.eventCount() == events + 1)

        let printed = try township.campaign.run(["report", "ranking", "--campaign", "C1", "--format", "json"]).stdout
        let report = try JSONSerialization.jsonObject(with: Data(printed.utf8)) as! [String: Any]
        let ledger =
            try JSONSerialization.jsonObject(with: Data(try township.campaign.run(["report", "ledger", "--format", "json"]).stdout.utf8))
            as! [[String: Any]]
        func rounded(_ value: Double) -> Double { max(0, (value * 100).rounded() / 100) }
        var expectedScores: [String: Double] = [:]
        for village in Township.villages {
            let rows = ledger.filter { "P\($0["plan"] as! Int)" == village.plan }
            let late = rows.reduce(0) { $0 + ($1["working_days_late"] as! Int) }
            let returns = rows.reduce(0) { $0 + ($1["returns"] as! Int) }
            let escalations = rows.reduce(0) { $0 + ($1["escalation_level"] as! Int) }
            let progress = Expected.of(
                start: village.start, township: false, handedIn: handedIn[village.plan] ?? [:], launched: true, at: "2026-03-20 10:00")
            let schedule = progress.due == 0 ? 1 : Double(progress.done) / Double(progress.due)
            let onTime = progress.due == 0 ? 1 : Double(progress.onTime) / Double(progress.due)
            expectedScores[village.plan] = rounded(
                70 * schedule + 30 * onTime - 0.25 * Double(late) - 1.5 * Double(returns) - 0.75 * Double(escalations))
        }
        #expect(expectedScores["P2"]! > 0 && expectedScores["P3"]! > 0 && expectedScores["P4"] == 100, "\(expectedScores)")
        let villages = report["villages"] as! [[String: Any]]
        #expect(villages.map { "P\($0["plan"] as! Int)" } == ["P4", "P2", "P3"])
        #expect(villages.map { $0["rank"] as! Int } == [1, 2, 3])
        for village in villages {
            let plan = "P\(village["plan"] as! Int)"
            #expect(abs((village["score"] as! Double) - expectedScores[plan]!) < 0.001, "\(plan): \(village)")
        }
        #expect(((villages.first { $0["plan"] as? Int == 2 }!["inputs"] as! [String: Any])["returns"] as? Int) == 1)
        let people = report["people"] as! [[String: Any]]
        #expect(Set(people.map { $0["person"] as! String }) == ["a", "b", "c"])
        for person in people {
            let plan = "P\(person["plan"] as! Int)"
            let deduction = person["person"] as? String == "b" ? 1.5 : 0
            #expect(abs((person["score"] as! Double) - rounded(expectedScores[plan]! - deduction)) < 0.001, "\(person)")
            #expect((person["accountability"] as! [Any]).count == (deduction > 0 ? 1 : 0))
        }
        let chinese = try CLI.run(
            ["report", "ranking", "--campaign", "C1"], environment: township.campaign.environment.merging(["LANG": "zh_CN.UTF-8"]) { $1 })
        let line = chinese.stdout.split(separator: "\n").first { $0.contains("张二") }.map(String.init) ?? ""
        #expect(line.contains("提醒谈话（3月20日（星期五）10:00，\(reason)，扣1.5分）"), "\(chinese.stdout)")
        #expect(chinese.stdout.contains("村得分＝70×序时完成率＋30×按时完成率－每逾期1个工作日0.25分"), "\(chinese.stdout)")
        let listed = try township.campaign.json(["accountability", "list", "--person", "b"]) as! [[String: Any]]
        #expect(listed.map { $0["kind_title"] as! String } == ["提醒谈话"])
        #expect(listed.first?["task"] as? Int == Int(late.dropFirst()))
    }

    @Test(
        "The ranking as CSV and as a workbook read back by Python: the villages, then the people, with the scores and places the JSON has",
        needs(Python.has("openpyxl"), "python3-openpyxl (Debian) to read the workbook"))
    func rankingFiles() throws {
        var township = try Township()
        try township.launch("P1")
        try township.launch("P2")
        township.at("2026-03-09 09:00")
        try township.launch("P3")
        try township.handIn(try township.task("学习动员", of: "P3"), as: "b")
        township.at("2026-03-20 10:00")
        try township.campaign.run(["accountability", "add", "a", "--kind", "诫勉谈话", "--reason", "整顿任务长期滞后", "--plan", "P2"], as: "dir")
        let json =
            try JSONSerialization.jsonObject(with: Data(try township.campaign.run(["report", "ranking", "--format", "json"]).stdout.utf8))
            as! [String: Any]
        let villages = (json["villages"] as! [[String: Any]]).map {
            ["P\($0["plan"] as! Int)", "\($0["rank"] as! Int)", "\($0["score"] as! Double)"]
        }
        let people = (json["people"] as! [[String: Any]]).map {
            [$0["name"] as! String, "\($0["rank"] as! Int)", "\($0["score"] as! Double)"]
        }
        let folder = township.campaign.folder.url
        let csv = folder.appendingPathComponent("考核排名.csv").path
        let workbook = folder.appendingPathComponent("考核排名.xlsx").path
        for (format, file) in [("csv", csv), ("xlsx", workbook)] {
            try township.campaign.run(["report", "ranking", "--format", format, "--output", file, "--lang", "zh"])
        }
        let read =
            try pythonJSON(
                """
                import csv, io, json, sys, openpyxl
                raw = open(sys.argv[1], 'rb').read().decode('utf-8')
                rows = list(csv.reader(io.StringIO(raw[1:], newline='')))
                gap = rows.index([])
                book = openpyxl.load_workbook(sys.argv[2])
                sheets = [[[c.value for c in row] for row in book[name].iter_rows()] for name in book.sheetnames]
                print(json.dumps({'bom': raw[0] == '\\ufeff', 'boms': raw.count('\\ufeff'), 'villages': rows[:gap], 'people': rows[gap + 1:],
                    'names': book.sheetnames, 'sheets': sheets}, ensure_ascii=False))
                """, csv, workbook) as! [String: Any]
        #expect(read["bom"] as? Bool == true && read["boms"] as? Int == 1)
        let csvVillages = read["villages"] as! [[String]]
        let csvPeople = read["people"] as! [[String]]
        #expect(csvVillages.first?.first == "名次" && csvVillages.first?.last == "得分")
        #expect(csvVillages.dropFirst().map { [$0[1], $0[0], "\(Double($0.last!)!)"] } == villages)
        #expect(csvPeople.dropFirst().map { [$0[1], $0[0], "\(Double($0.last!)!)"] } == people)
        #expect(csvPeople.first { $0[1] == "张一" }?[5].contains("诫勉谈话") == true, "\(csvPeople)")
        #expect(read["names"] as? [String] == ["各村排名", "责任人考核"])
        let sheets = read["sheets"] as! [[[Any]]]
        #expect(sheets[0].dropFirst().map { ["\($0[1])", "\($0[0] as! Int)", "\(($0.last as? NSNumber)!.doubleValue)"] } == villages)
        #expect(sheets[1].dropFirst().map { ["\($0[1])", "\($0[0] as! Int)", "\(($0.last as? NSNumber)!.doubleValue)"] } == people)
    }

    @Test("A database from before campaigns migrates: its plan runs on in a campaign of its own, and the log verifies across the change")
    func migration() throws {
        let campaign = try Campaign()
        try FileManager.default.copyItem(
            atPath: CLI.repository.appendingPathComponent("Tests/zhengdunTests/Fixtures/before-campaigns.sqlite").path,
            toPath: campaign.database)
        let anchor = "20:e994f3b733a3e83a5820771d814a01213753a7d65035af5a1acaa8e69ea6a196"
        try campaign.run(["audit", "verify", "--anchor", anchor])
        let campaigns = try campaign.json(["campaign", "list"]) as! [[String: Any]]
        #expect(campaigns.count == 1)
        #expect(campaigns.first?["id"] as? Int == 1)
        #expect((campaigns.first?["villages"] as? [[String: Any]])?.map { $0["id"] as! Int } == [1])
        #expect(campaigns.first?["title"] as? String == "XX村整顿工作")
        var later = campaign
        later.environment["ZHENGDUN_NOW"] = "2026-03-06 10:00"
        try later.run(["task", "verify", "T3"], as: "zhao-liu")
        #expect((try later.json(["task", "show", "T3"]) as! [String: Any])["state"] as? String == "verified")
        try later.run(["audit", "verify", "--anchor", anchor])
        // A village joins the migrated campaign only under the workflow file its plan runs.
        let joining = try later.run(
            [
                "plan", "create", "--workflow", CLI.shippedWorkflow, "--campaign", "C1", "--village", "YY村", "--start", "2026-03-09",
                "--assign", "secretary=li-si", "--assign", "resident_cadre=wang-wu",
            ], status: 1)
        #expect(joining.stderr.contains("campaign C1 (XX村整顿工作) runs workflow village-branch-rectification version 2"), "\(joining.stderr)")
        // The plan's tasks go on as before: the township's work stays in the village's own plan.
        #expect((try later.json(["task", "list", "--plan", "P1"]) as! [[String: Any]]).contains { $0["title"] as? String == "成立整顿工作机构" })
    }
}
