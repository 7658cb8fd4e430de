import Foundation
import Testing

@Suite("A whole campaign through the real binary", .serialized, .tags(.endToEnd))
struct LifecycleTests {
    /// Acknowledge, submit and verify one task as the people it belongs to; a problem's task is
    /// reported with a photo and the problem closed (销号).
    func complete(_ task: [String: Any], in campaign: Campaign) throws {
        let id = "T\(task["id"] as! Int)"
        let assignee = task["assignee"] as! String
        let show = try campaign.json(["task", "show", id]) as! [String: Any]
        let verifier = Campaign.person(for: show["verifier_role"] as! String)
        if task["state"] as? String == "issued" { try campaign.run(["task", "ack", id], as: assignee) }
        // What the task asks for is handed in, a file named for each item.
        let asked = (try campaign.json(["task", "show", id]) as! [String: Any])["evidence_asked"] as! [String]
        let files = try asked.flatMap { ["--evidence", try campaign.folder.write("\($0).txt", $0)] }
        if let problem = show["problem"] as? Int {
            let photo = try campaign.folder.write("整改照片.txt", "photo")
            try campaign.run(["task", "submit", id, "--note", "已整改到位", "--evidence", photo], as: assignee)
            try campaign.run(["problem", "close", "P1", "Q\(problem)"], as: verifier)
            return
        }
        try campaign.run(["task", "submit", id, "--note", "已完成：\(task["title"] as! String)"] + files, as: assignee)
        try campaign.run(["task", "verify", id, "--note", "验收合格"], as: verifier)
    }

    /// What the command line says, in each language it speaks: written out here, not read from
    /// the catalogues, so that a wrong or missing translation fails.
    struct Said: Sendable {
        var gateRefused: String
        var extensionRefused: @Sendable (String) -> String
        var taskHeader: String
        var logHeader: String
        var auditPrefix: String
        var auditIntact: String
        var reasonAlone: String
        var ackHelp: String
        /// The log's names of the events the campaign records, and how it marks a person acted as.
        var logKinds: [String]
        var actedAs: String

        static let english = Said(
            gateRefused:
                "zhengdun: plan P1: the gate of phase 'survey' is not met: 9 required tasks are not verified (T1 成立整顿工作机构",
            extensionRefused: { "zhengdun: task \($0): only office_director may extend the deadline of a task\n" },
            taskHeader: "task  plan  phase", logHeader: "event  time", auditPrefix: "audit: ", auditIntact: "the log is intact",
            reasonAlone: "Error: --reason goes with --override\n", ackHelp: "OVERVIEW: Acknowledge a task given to you (签收).\n",
            logKinds: [
                "plan.created", "plan.launched", "plan.phase_advanced", "plan.accepted", "task.issued", "task.acknowledged",
                "task.submitted", "task.returned", "task.verified", "task.extended", "inspection.recorded",
            ], actedAs: "li-si [unix:")
        static let chinese = Said(
            gateRefused: "zhengdun: 方案 P1：摸底准备阶段尚未达到转段条件：9项必办任务尚未验收销号（T1 成立整顿工作机构",
            extensionRefused: { "zhengdun: 任务 \($0)：只有领导小组办公室主任（镇党委组织委员）可以延期任务\n" },
            taskHeader: "任务  方案  阶段", logHeader: "事件  时间", auditPrefix: "审计：", auditIntact: "日志完整",
            reasonAlone: "Error: --reason 只能与 --override 一起使用\n", ackHelp: "OVERVIEW: 签收交给你的任务。\n",
            logKinds: ["创建方案", "启动方案", "转段", "验收通过", "下发任务", "签收", "报送办结", "退回整改", "验收销号", "延期", "记录督查"],
            actedAs: "李四（")
    }

    @Test(
        "The shipped workflow from draft to accepted, with a refused gate, a return, an extension and an inspection's order, in English and in Chinese",
        arguments: [("C.UTF-8", Said.english), ("zh_CN.UTF-8", Said.chinese)])
    func wholeCampaign(locale: String, said: Said) throws {
        let campaign = try Campaign(language: locale)
        try campaign.createPlan()
        // A state that is no phase is named in Chinese and by its name, in either language.
        let draft = try campaign.json(["plan", "show", "P1"]) as! [String: Any]
        #expect(draft["state_title"] as? String == "草稿 draft")
        let director = Campaign.person(for: "office_director")
        let secretary = Campaign.person(for: "secretary")

        // Launch: the survey phase's tasks go out, each to the holder of its role.
        let launched = try campaign.json(["plan", "advance", "P1"], as: Campaign.person(for: "org_office")) as! [String: Any]
        #expect(launched["to"] as? String == "survey")
        let survey = try campaign.tasks(phase: "survey")
        #expect(survey.count == 9)
        #expect(survey.allSatisfy { $0["state"] as? String == "issued" })
        let unify = survey.first { $0["key"] as? String == "unify-thinking" }!
        #expect(unify["assignee"] as? String == secretary)

        // A gate with unverified work refuses, naming what is missing, and changes nothing.
        let before = try campaign.eventCount()
        let refused = try campaign.run(["plan", "advance", "P1"], as: director, status: 1)
        #expect(refused.stderr.hasPrefix(said.gateRefused), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try campaign.eventCount() == before)
        // Options that do not go together are a usage error, said in the reader's language.
        let usage = try campaign.run(["plan", "advance", "P1", "--reason", "x"], as: director, status: 2)
        #expect(usage.stderr.hasPrefix(said.reasonAlone), "\(usage.stderr)")
        #expect(try campaign.run(["task", "ack", "--help"]).stdout.hasPrefix(said.ackHelp))

        // Work the survey; one submission is returned and resubmitted.
        let unifyID = "T\(unify["id"] as! Int)"
        try campaign.run(["task", "ack", unifyID], as: secretary)
        let evidence = try campaign.folder.write("学习记录.txt", "2026年3月3日 组织“两委”班子学习整顿方案\n")
        try campaign.run(["task", "submit", unifyID, "--note", "已组织学习", "--evidence", evidence], as: secretary)
        let returned =
            try campaign.json(
                ["task", "return", unifyID, "--reason", "缺少党员签到表", "--due", "3wd"],
                as: Campaign.person(for: "office_director")) as! [String: Any]
        let returnedTask = returned["task"] as! [String: Any]
        #expect(returnedTask["state"] as? String == "returned")
        #expect(returnedTask["deadline_version"] as? Int == 2)
        try campaign.run(["task", "submit", unifyID, "--note", "补充党员签到表", "--evidence", evidence], as: secretary)
        // The survey's findings go on the problem list, which its task cannot be reported without.
        try campaign.run(
            ["problem", "add", "P1", "--kind", "legacy-problems", "--detail", "村级账目三年未公开", "--remedy", "补公开三年账目", "--due", "30wd"],
            as: Campaign.person(for: "resident_cadre"))
        for task in try campaign.tasks(phase: "survey") where task["state"] as? String != "verified" {
            if task["state"] as? String == "submitted" {
                try campaign.run(["task", "verify", "T\(task["id"] as! Int)"], as: Campaign.person(for: "office_director"))
            } else {
                try complete(task, in: campaign)
            }
        }
        try campaign.run(["plan", "advance", "P1"], as: director)

        // Rectification: an extension, and an inspection that orders rectification.
        #expect(try campaign.run(["task", "list", "--plan", "P1"]).stdout.hasPrefix(said.taskHeader))
        let rectification = try campaign.tasks(phase: "rectification")
        #expect(rectification.count == 18, "17 of the workflow and the problem recorded in the survey")
        let ledger = rectification.first { $0["key"] as? String == "economy-plan" }!
        let ledgerID = "T\(ledger["id"] as! Int)"
        let refusedExtension = try campaign.run(["task", "extend", ledgerID, "--by", "5wd", "--reason", "村委换届"], as: secretary, status: 1)
        #expect(refusedExtension.stderr == said.extensionRefused(ledgerID))
        let extended = try campaign.json(["task", "extend", ledgerID, "--by", "5wd", "--reason", "村委换届"], as: director) as! [String: Any]
        let extendedTask = extended["task"] as! [String: Any]
        #expect(extendedTask["deadline_version"] as? Int == 2)
        #expect(extendedTask["original_deadline"] as? String == ledger["deadline"] as? String)
        #expect(extendedTask["deadline"] as? String != ledger["deadline"] as? String)

        let inspection =
            try campaign.json(
                [
                    "inspect", "P1", "--finding", "“三会一课”记录不全", "--order-rectification",
                    "--assign", "secretary", "--due", "5wd",
                ], as: Campaign.person(for: "work_team")) as! [String: Any]
        let ordered = inspection["ordered"] as! [String: Any]
        #expect(ordered["assignee"] as? String == secretary)
        #expect(ordered["required"] as? Bool == true)
        #expect((ordered["title"] as? String)?.hasPrefix("责令整改") == true)
        let orderedID = "T\(ordered["id"] as! Int)"
        let orderedShow = try campaign.json(["task", "show", orderedID]) as! [String: Any]
        #expect(orderedShow["verifier_role"] as? String == "work_team")

        for task in try campaign.tasks(phase: "rectification") where task["required"] as? Bool == true {
            try complete(task, in: campaign)
        }
        // The optional random inspections task does not hold the gate.
        try campaign.run(["plan", "advance", "P1"], as: director)

        for task in try campaign.tasks(phase: "consolidation") where task["required"] as? Bool == true {
            try complete(task, in: campaign)
        }
        // The acceptance checks the goals: it waits until the binding indicators are recorded and met.
        try campaign.run(["plan", "advance", "P1"], as: director, status: 1)
        for (key, value) in [
            ("committees-complete", "是"), ("meetings-on-time", "是"), ("cadre-violations", "0"), ("collective-income", "6"),
        ] {
            try campaign.run(["indicator", "set", "P1", key, value], as: director)
        }
        try campaign.run(
            [
                "indicator", "survey", "P1", "--issued", "50", "--returned", "40", "--satisfied", "30", "--basically-satisfied", "6",
                "--dissatisfied", "4",
            ],
            as: director)
        let accepted = try campaign.json(["plan", "advance", "P1"], as: director) as! [String: Any]
        #expect(accepted["to"] as? String == "accepted")

        let plan = try campaign.json(["plan", "show", "P1"]) as! [String: Any]
        #expect(plan["state"] as? String == "accepted")
        // Accepted, the plan waits out its consolidation period before the look back (回头看).
        #expect(plan["state_title"] as? String == "验收通过（巩固期） accepted")
        let phases = plan["phases"] as! [[String: Any]]
        #expect(phases.allSatisfy { $0["started_at"] != nil && $0["ended_at"] != nil })
        #expect((plan["inspections"] as! [[String: Any]]).count == 1)

        // The log tells it all, with the real caller beside each person acted as.
        let log = try campaign.run(["log", "P1"]).stdout
        #expect(log.hasPrefix(said.logHeader))
        for kind in said.logKinds {
            #expect(log.contains(kind), "log lacks \(kind)")
        }
        #expect(log.contains(said.actedAs))
        let taskLog = try campaign.json(["log", unifyID]) as! [[String: Any]]
        #expect(
            taskLog.map { $0["kind"] as! String } == [
                "task.issued", "task.acknowledged", "task.submitted", "task.returned",
                "task.submitted", "task.verified",
            ])
        #expect(taskLog.allSatisfy { ($0["caller"] as? String)?.hasPrefix("unix:") == true })
        let submitted = taskLog[2]["details"] as! [String: Any]
        let files = submitted["evidence"] as! [[String: Any]]
        #expect(files.first?["name"] as? String == "学习记录.txt")
        #expect(files.first?["sha256"] as? String == sha256(of: evidence))

        let audit = try campaign.run(["audit", "verify"])
        #expect(audit.stdout.hasPrefix(said.auditPrefix))
        #expect(audit.stdout.contains(said.auditIntact))
    }

    @Test("After the last gate, tasks can no longer change")
    func acceptedPlanIsClosed() throws {
        let campaign = try Campaign()
        try campaign.createPlan()
        try campaign.run(["plan", "advance", "P1"], as: "qian-qi")
        try campaign.run(["plan", "cancel", "P1", "--reason", "村级建制调整"], as: "zhao-liu")
        let tasks = try campaign.tasks()
        #expect(tasks.count == 9)
        #expect(tasks.allSatisfy { $0["state"] as? String == "cancelled" })
        let refused = try campaign.run(["task", "ack", "T1"], as: "qian-qi", status: 1)
        #expect(refused.stderr == "zhengdun: task T1: plan P1 is cancelled; its tasks can no longer change\n")
    }
}

/// The SHA-256 of a file by `sha256sum`, an independent implementation.
func sha256(of path: String) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try? process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return String(output.prefix(64))
}
