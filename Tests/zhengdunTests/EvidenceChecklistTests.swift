import Foundation
import Testing

@Suite("Evidence checklists: what a task asks for against what was handed in", .serialized, .tags(.endToEnd))
struct EvidenceChecklistTests {
    @Test(
        "上党课 asks for 会议记录、签到表、照片: a report without two of them and without a reason is refused naming them; with a reason it is accepted, and the verifier sees the gap in task show and the ledger"
    )
    func missingItemsNeedAReason() throws {
        var campaign = try Campaign()
        try campaign.launchPlan()
        // The rectification begins on the first day of the second quarter, whose 党课 is issued with it.
        campaign.environment["ZHENGDUN_NOW"] = "2026-04-01 09:00"
        try campaign.run(["plan", "advance", "P1", "--override", "--reason", "摸底工作已完成"], as: "zhao-liu")
        let lessons = try #require(try campaign.tasks(phase: "rectification").first { $0["key"] as? String == "party-lesson" })
        let id = "T\(lessons["id"] as! Int)"
        let shown = try campaign.json(["task", "show", id]) as! [String: Any]
        #expect(shown["evidence_asked"] as? [String] == ["会议记录", "签到表", "照片"])

        campaign.environment["ZHENGDUN_NOW"] = "2026-04-02 10:00"
        try campaign.run(["task", "ack", id], as: "li-si")
        let minutes = try campaign.folder.write("3月党课会议记录.jpg", "JPEG")
        let refused = try campaign.run(
            ["task", "submit", id, "--note", "已上党课", "--evidence", minutes, "--lang", "zh"], as: "li-si", status: 1)
        #expect(
            refused.stderr == "zhengdun: 任务 \(id)：任务要求的佐证材料缺少：签到表、照片；请补交，或写明缺项理由（命令行用 --missing-reason；回复邮件另起一行写“缺项说明：理由”）\n",
            "\(refused.stderr)")
        #expect((try campaign.json(["task", "show", id]) as! [String: Any])["state"] as? String == "acknowledged", "nothing was kept")

        let reason = "签到表在镇里存档，照片未拍摄"
        try campaign.run(["task", "submit", id, "--note", "已上党课", "--evidence", minutes, "--missing-reason", reason], as: "li-si")
        let submitted = try campaign.json(["task", "show", id]) as! [String: Any]
        #expect(submitted["state"] as? String == "submitted")
        #expect(submitted["evidence_missing"] as? [String] == ["签到表", "照片"])
        #expect(submitted["missing_reason"] as? String == reason)
        // The verifier (the resident cadre) reads the gap before deciding.
        let text = try campaign.run(["task", "show", id, "--lang", "zh"]).stdout
        #expect(text.contains("应交材料"), "\(text)")
        #expect(text.contains("会议记录✓、签到表、照片"), "\(text)")
        let gap = try #require(text.split(separator: "\n").first { $0.hasPrefix("缺交材料") }, "\(text)")
        #expect(gap.hasSuffix("签到表、照片（缺项说明：\(reason)）"), "\(gap)")
        let log = try campaign.json(["log", id]) as! [[String: Any]]
        let event = try #require(log.last { $0["kind"] as? String == "task.submitted" })
        let details = event["details"] as! [String: Any]
        #expect(details["missing"] as? [String] == ["签到表", "照片"])
        #expect(details["missing_reason"] as? String == reason)
        // The ledger shows what was handed in against the list.
        let csv = campaign.folder.url.appendingPathComponent("台账.csv").path
        try campaign.run(["report", "ledger", "--plan", "P1", "--format", "csv", "--output", csv, "--lang", "zh"])
        let rows =
            try pythonJSON(
                """
                import csv, io, json, sys
                print(json.dumps(list(csv.reader(io.StringIO(open(sys.argv[1], 'rb').read().decode('utf-8-sig'), newline=''))), ensure_ascii=False))
                """, csv) as! [[String]]
        #expect(rows[0].last == "佐证材料")
        let row = try #require(rows.first { $0[4] == id })
        #expect(row.last == "3月党课会议记录.jpg；缺：签到表、照片（\(reason)）")
        // A task not yet reported lists what it asks for.
        let training = try #require(rows.first { $0[5] == "专题培训" })
        #expect(training.last == "应交：培训通知、签到表、照片")
        try campaign.run(["task", "verify", id], as: "wang-wu")
    }
}
