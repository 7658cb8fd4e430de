import Foundation
import Testing

/// The shipped workflow's plan P1 walked on the virtual clock through the real binary, with the
/// 2026 calendar: its recurring work (三会一课, the monthly reports and checks), the work team's
/// standing duty, and the look back after acceptance.
extension Campaign {
    /// One scheduler pass (`run-due`) on the campaign's clock: what the pass reports.
    func pass() throws -> [String: Any] {
        (try json(["run-due"]) as! [String: Any])["pass"] as! [String: Any]
    }
}

struct Rhythm {
    var campaign: Campaign

    /// The shipped workflow's recurring tasks: key, period, the working day of the period each
    /// falls due on (0 for the last), and who verifies it.
    static let series: [(key: String, every: String, day: Int, verifier: String)] = [
        ("branch-committee-meeting", "month", 5, "wang-wu"), ("party-group-meeting", "month", 10, "wang-wu"),
        ("members-assembly", "quarter", 15, "wang-wu"), ("party-lesson", "quarter", 20, "wang-wu"),
        ("resident-cadre-report", "month", 0, "zhao-liu"), ("inspect-resident-cadres", "month", 0, "sun-ba"),
    ]

    /// Plan P1 starting on `start`, launched then at 09:00, its survey passed over (by the
    /// office director, with a reason) at `rectification`: the rectification begins there.
    init(start: String, rectification: String, language: String = "C.UTF-8") throws {
        campaign = try Campaign(language: language)
        campaign.environment["ZHENGDUN_NOW"] = "\(start) 09:00"
        try campaign.createPlan(start: start)
        try campaign.run(["plan", "advance", "P1"], as: "qian-qi")
        at(rectification)
        try campaign.run(["plan", "advance", "P1", "--override", "--reason", "摸底工作已完成"], as: "zhao-liu")
    }

    mutating func at(_ time: String) { campaign.environment["ZHENGDUN_NOW"] = time }

    /// A working day of the walk: a pass at 09:00 (when occurrences are issued), then at 10:00
    /// the recurring work done as its people do it: each occurrence acknowledged at once,
    /// reported done when `reports` says so (given its key and deadline), accepted the next day.
    mutating func workDay(_ day: String, reports: (_ key: String, _ deadline: String) -> Bool) throws {
        at("\(day) 09:00")
        _ = try runDue()
        at("\(day) 10:00")
        let verifiers = Dictionary(uniqueKeysWithValues: Self.series.map { ($0.key, $0.verifier) })
        for task in try campaign.json(["task", "list", "--plan", "P1"]) as! [[String: Any]] {
            guard let key = task["key"] as? String, let verifier = verifiers[key] else { continue }
            let id = "T\(task["id"] as! Int)"
            let assignee = task["assignee"] as? String
            switch task["state"] as! String {
            case "issued": try campaign.run(["task", "ack", id], as: assignee)
            case "acknowledged" where reports(key, task["deadline"] as! String):
                try campaign.run(["task", "submit", id, "--note", "已按期召开", "--missing-reason", "记录另行报送"], as: assignee)
            case "submitted": try campaign.run(["task", "verify", id], as: verifier)
            default: break
            }
        }
    }

    /// `report NAME --plan P1 --format json`.
    func report(_ name: String) throws -> [String: Any] {
        let outcome = try campaign.run(["report", name, "--plan", "P1", "--format", "json"])
        return try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
    }

    /// One scheduler pass at the clock's time: what it reports.
    func runDue() throws -> [String: Any] {
        try campaign.pass()
    }

    /// Each occurrence of a recurring task as the database holds it, read apart from zhengdun:
    /// id, key, number, state, and when it was issued and falls due, local time.
    func occurrences() throws -> [(id: Int, key: String, number: Int, state: String, issued: String, due: String)] {
        let rows =
            try pythonJSON(
                """
                import datetime, json, sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                local = lambda ms: (datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=ms, hours=8)).strftime('%Y-%m-%d %H:%M')
                print(json.dumps([[i, k, n, s, local(a), local(d)] for i, k, n, s, a, d in db.execute(
                    'SELECT id, template_key, occurrence, state, issued_at, deadline FROM task WHERE occurrence > 0 ORDER BY id')]))
                """, campaign.database) as! [[Any]]
        return rows.map { ($0[0] as! Int, $0[1] as! String, $0[2] as! Int, $0[3] as! String, $0[4] as! String, $0[5] as! String) }
    }

    /// The notices recorded for a task, as the ledger holds them: key, kind, level, when each fell
    /// due (local time), and the notice it was folded into.
    func notices(of task: Int) throws -> [(key: String, kind: String, level: Int?, due: String, folded: String?)] {
        let rows =
            try pythonJSON(
                """
                import datetime, json, sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                local = lambda ms: (datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=ms, hours=8)).strftime('%Y-%m-%d %H:%M')
                print(json.dumps([[k, kind, level, local(d), f] for k, kind, level, d, f in db.execute(
                    'SELECT key, kind, level, due_at, folded_into FROM notice WHERE task_id = ? ORDER BY due_at, key', (int(sys.argv[2]),))]))
                """, campaign.database, "\(task)") as! [[Any]]
        return rows.map { ($0[0] as! String, $0[1] as! String, $0[2] as? Int, $0[3] as! String, $0[4] as? String) }
    }

    /// What a series falls due on, worked out here from the 2026 calendar: each period from the
    /// one holding the series' first day, the period's `day`th working day (its last for 0), left
    /// out when it falls on or before that first day; issued on the period's first working day
    /// at 09:00, or when the series began. Only those issued by `end`.
    static func expected(
        _ series: (key: String, every: String, day: Int, verifier: String), from start: String, through end: String
    )
        -> [(issued: String, due: String)]
    {
        let firstDay = String(start.prefix(10))
        var found: [(String, String)] = []
        let months = series.every == "month" ? 1 : 3
        var month =
            series.every == "month" ? Int(firstDay.dropFirst(5).prefix(2))! : (Int(firstDay.dropFirst(5).prefix(2))! - 1) / 3 * 3 + 1
        while month <= 12 {
            let from = String(format: "2026-%02d-01", month)
            let before = month + months > 12 ? "2027-01-01" : String(format: "2026-%02d-01", month + months)
            month += months
            let days = WorkingDays2026.workingDays(from: from, before: before)
            let due = series.day == 0 || series.day > days.count ? days.last! : days[series.day - 1]
            guard due > firstDay else { continue }
            let issued = max("\(days[0]) 09:00", start)
            guard issued <= end else { break }
            found.append((issued, "\(due) 18:00"))
        }
        return found
    }

    /// The instant escalation level `level` (0, 3 or 7 working days after a deadline at 18:00)
    /// goes out under the send window.
    static func escalation(_ level: Int, afterDeadlineOn day: String) -> String {
        WorkingDays2026.officeHours("\(WorkingDays2026.adding([1: 0, 2: 3, 3: 7][level]!, to: day)) 18:00")
    }
}

@Suite("Recurring work (三会一课), standing duties and the look back (回头看), through the real binary", .serialized, .tags(.endToEnd))
struct RecurrenceTests {
    @Test(
        "Over five months of the 2026 calendar each 三会一课 occurrence is issued and due on the day an independent count gives, May's 5th working day moved by May Day and its make-up Saturday; each is reminded and escalated on its own, a missed one is on the circular; random inspections send nothing and are counted"
    )
    func meetingsOverACampaign() throws {
        var rhythm = try Rhythm(start: "2026-01-05", rectification: "2026-01-12 09:00", language: "zh_CN.UTF-8")
        // Each is reported the working day before it is due, but May's 支委会, which is never held.
        let missedMonth = "2026-05"
        for day in WorkingDays2026.workingDays(from: "2026-01-12", before: "2026-05-30") {
            try rhythm.workDay(day) { key, deadline in
                !(key == "branch-committee-meeting" && deadline.hasPrefix(missedMonth))
                    && day >= WorkingDays2026.adding(-1, to: String(deadline.prefix(10)))
            }
            // The work team inspects twice, at random; the inspections count, nothing reminds it.
            if day == "2026-02-10" || day == "2026-03-17" {
                let said = try rhythm.campaign.run(["inspect", "P1", "--finding", "抽查“三会一课”记录"], as: "zhou-jiu").stdout
                #expect(said.contains("计入常态职责：随机检查督导"), "\(said)")
            }
        }

        let occurrences = try rhythm.occurrences()
        for series in Rhythm.series {
            let expected = Rhythm.expected(series, from: "2026-01-12 09:00", through: "2026-05-29 23:59")
            let mine = occurrences.filter { $0.key == series.key }
            #expect(mine.map(\.number) == Array(1...expected.count), "\(series.key)")
            #expect(mine.map(\.issued) == expected.map(\.issued), "\(series.key) issued")
            #expect(mine.map(\.due) == expected.map(\.due), "\(series.key) due")
        }
        // The walk crosses a month whose 5th working day is not the 5th weekday: May Day's
        // holiday and its make-up Saturday move it.
        let may = WorkingDays2026.workingDays(from: "2026-05-01", before: "2026-06-01")[4]
        let weekdays = (1...31).map { String(format: "2026-05-%02d", $0) }.filter {
            let weekday = Calendar(identifier: .gregorian).component(
                .weekday, from: ISO8601DateFormatter().date(from: "\($0)T12:00:00Z")!)
            return weekday != 1 && weekday != 7
        }
        #expect(may != weekdays[4])
        #expect(occurrences.contains { $0.key == "branch-committee-meeting" && $0.due == "\(may) 18:00" })

        // Each occurrence is reminded on its own, three working days ahead, under its own key.
        for occurrence in occurrences where occurrence.state == "verified" {
            let dueDay = String(occurrence.due.prefix(10))
            let reminder = WorkingDays2026.officeHours("\(WorkingDays2026.adding(-3, to: dueDay)) 18:00")
            guard reminder > occurrence.issued, reminder.prefix(10) != occurrence.issued.prefix(10) else { continue }
            let notices = try rhythm.notices(of: occurrence.id)
            #expect(
                notices.contains { $0.key == "T\(occurrence.id).reminder.3wd.d1" && $0.due == reminder && $0.folded == nil },
                "T\(occurrence.id) \(occurrence.key): \(notices)")
            #expect(!notices.contains { $0.kind == "escalation" }, "T\(occurrence.id) was done on time")
        }
        // The missed one climbs the ladder level by level, each its own 督办, and is on the circular.
        let missed = try #require(occurrences.first { $0.key == "branch-committee-meeting" && $0.due.hasPrefix(missedMonth) })
        let ladder = try rhythm.notices(of: missed.id).filter { $0.kind == "escalation" }
        #expect(ladder.map(\.level) == [1, 2, 3])
        #expect(ladder.map(\.due) == (1...3).map { Rhythm.escalation($0, afterDeadlineOn: String(missed.due.prefix(10))) })
        #expect(ladder.allSatisfy { $0.folded == nil })
        let circular = try rhythm.report("circular")
        let late = ((circular["plans"] as! [[String: Any]])[0]["late"] as! [[String: Any]]).map { $0["task"] as! Int }
        #expect(late.contains(missed.id))
        let named =
            try pythonJSON(
                "import json, sqlite3, sys; print(json.dumps([r[0] for r in sqlite3.connect(sys.argv[1]).execute('SELECT folded_into FROM notice WHERE key = ?', (sys.argv[2],))]))",
                rhythm.campaign.database, "circular.P1.after.T\(missed.id).escalation.3.d1") as! [String?]
        #expect(named.count == 1 && named[0]?.hasPrefix("circular.2026.") == true, "\(named)")

        // The random inspections: no task, no notice, and counted in the weekly report.
        let tasks = try rhythm.campaign.json(["task", "list", "--plan", "P1"]) as! [[String: Any]]
        #expect(!tasks.contains { ($0["title"] as! String).contains("随机检查督导") })
        let report = try rhythm.report("progress")
        let duties = (report["plans"] as! [[String: Any]])[0]["duties"] as! [[String: Any]]
        #expect(duties.map { $0["duty"] as! String } == ["random-inspections"])
        #expect(duties.first?["inspections"] as? Int == 2)
        let text = try rhythm.campaign.run(["report", "progress", "--plan", "P1"]).stdout
        #expect(text.contains("随机检查督导（镇工作组，常态职责）：2次，最近一次 3月17日（星期二）10:00"), "\(text)")
    }

    @Test(
        "After a month of downtime one pass issues the periods' occurrences it missed and sends one notice for each open occurrence, at the level it has reached, and none for those done"
    )
    func catchUpAfterAMonth() throws {
        var rhythm = try Rhythm(start: "2026-03-02", rectification: "2026-03-02 09:30")
        // Before the downtime: March's 支委会 is done; the other occurrences are acknowledged only.
        for day in WorkingDays2026.workingDays(from: "2026-03-02", before: "2026-03-13") {
            try rhythm.workDay(day) { key, _ in key == "branch-committee-meeting" }
        }
        let before = try rhythm.occurrences()
        #expect(before.contains { $0.key == "branch-committee-meeting" && $0.state == "verified" })

        // Nothing runs from 13 March to 20 April; then one pass.
        let now = "2026-04-20 10:00"
        rhythm.at(now)
        let pass = try rhythm.runDue()
        let after = try rhythm.occurrences()
        // April's occurrences were issued by this pass, late; none twice.
        let april = after.filter { !before.map(\.id).contains($0.id) }
        #expect(Set(april.map(\.key)) == Set(Rhythm.series.map(\.key)), "\(april)")
        #expect(april.allSatisfy { $0.issued == now })
        let notices = (pass["notices"] as! [[String: Any]]).filter { notice in after.contains { $0.id == notice["task"] as? Int } }
        for occurrence in after {
            let sent = notices.filter { $0["task"] as? Int == occurrence.id }
            guard occurrence.state != "verified" else {
                #expect(sent.isEmpty, "T\(occurrence.id) was done: \(sent)")
                continue
            }
            #expect(sent.count == 1, "T\(occurrence.id) \(occurrence.key) \(occurrence.due): \(sent)")
            let dueDay = String(occurrence.due.prefix(10))
            let level = (1...3).filter { Rhythm.escalation($0, afterDeadlineOn: dueDay) <= now }.max() ?? 0
            if level > 0 {
                #expect(
                    sent.first?["kind"] as? String == "escalation" && sent.first?["level"] as? Int == level, "T\(occurrence.id): \(sent)")
            } else {
                #expect(sent.first?["kind"] as? String == "issued", "T\(occurrence.id): \(sent)")
            }
        }
        // Among them a March occurrence at the top of the ladder, and an April one whose 交办 the 督办 stands for.
        #expect(notices.contains { notice in notice["level"] as? Int == 3 && before.contains { $0.id == notice["task"] as? Int } })
        #expect(
            notices.contains { notice in
                notice["kind"] as? String == "escalation" && (notice["folded"] as? [String] ?? []).contains { $0.hasSuffix(".issued.a1") }
            })
        #expect((try rhythm.runDue()["notices"] as! [Any]).isEmpty, "a second pass finds nothing more")
    }

    @Test(
        "回头看: accepted, the plan waits out six months of consolidation; the look back's tasks are issued then; a finding reopens a problem and the plan is under watch again, reminded and escalated; put right again, it is signed off (销号), and log P1 tells the story"
    )
    func lookBack() throws {
        var campaign = try Campaign(language: "zh_CN.UTF-8")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-02 09:00"
        try campaign.createPlan()
        try campaign.run(["plan", "advance", "P1"], as: "qian-qi")
        let recorded =
            try campaign.json(
                ["problem", "add", "P1", "--kind", "遗留问题较多", "--detail", "大房头把持低保评议", "--remedy", "低保评议全程公开", "--due", "10wd"],
                as: "wang-wu") as! [String: Any]
        let item = try #require(recorded["task"] as? Int)
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-03 10:00"
        try campaign.run(["plan", "advance", "P1", "--override", "--reason", "摸底工作已完成"], as: "zhao-liu")
        let photo = try campaign.folder.write("整改前后对比照片.jpg", "JPEG")
        try campaign.run(["task", "ack", "T\(item)"], as: "li-si")
        try campaign.run(["task", "submit", "T\(item)", "--note", "已公开评议", "--evidence", photo], as: "li-si")
        try campaign.run(["problem", "close", "P1", "Q1", "--note", "现场核实"], as: "zhao-liu")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-04 10:00"
        try campaign.run(["plan", "advance", "P1", "--override", "--reason", "整改已到位"], as: "zhao-liu")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-05 10:00"
        try campaign.run(["plan", "advance", "P1", "--override", "--reason", "验收合格"], as: "zhao-liu")
        func plan() throws -> [String: Any] { try campaign.json(["plan", "show", "P1"]) as! [String: Any] }
        #expect(try plan()["state"] as? String == "accepted")
        #expect((try plan()["state_title"] as? String)?.contains("巩固期") == true)
        let consolidating = try campaign.run(["report", "progress", "--plan", "P1"]).stdout
        #expect(consolidating.contains("阶段：验收通过（巩固期）"), "\(consolidating)")
        // The recurring work not yet due when it was accepted ends with the campaign.
        let recurring = Set(Rhythm.series.map(\.key))
        let occurrences = (try campaign.json(["task", "list", "--plan", "P1"]) as! [[String: Any]]).filter {
            recurring.contains($0["key"] as? String ?? "")
        }
        #expect(!occurrences.isEmpty && occurrences.allSatisfy { $0["state"] as? String == "cancelled" }, "\(occurrences)")

        // Six months on: 5 September 2026 is a Saturday, so the look back begins on the next working day.
        var begins = "2026-09-05"
        while !WorkingDays2026.isWorkingDay(begins) { begins = WorkingDays2026.adding(1, to: begins) }
        campaign.environment["ZHENGDUN_NOW"] = "\(begins) 08:59"
        #expect((try campaign.pass())["issued"] as? Int == 0)
        #expect(try plan()["state"] as? String == "accepted")
        campaign.environment["ZHENGDUN_NOW"] = "\(begins) 09:00"
        let began = try campaign.pass()
        #expect(try plan()["state"] as? String == "look-back")
        let lookBack = (try campaign.json(["task", "list", "--plan", "P1"]) as! [[String: Any]]).filter {
            $0["phase"] as? String == "look-back"
        }
        #expect(Set(lookBack.map { $0["key"] as! String }) == ["look-back-inspection", "satisfaction-resurvey", "look-back-report"])
        let handedOver = (began["notices"] as! [[String: Any]]).filter { $0["kind"] as? String == "issued" }.compactMap {
            $0["task"] as? Int
        }
        #expect(Set(handedOver) == Set(lookBack.map { $0["id"] as! Int }))

        // The re-inspection finds the old problem back: Q1 is reopened, the plan is under watch again.
        let finding = "低保评议又出现大房头把持，群众再次反映"
        campaign.environment["ZHENGDUN_NOW"] = "\(WorkingDays2026.adding(1, to: begins)) 10:00"
        // An item that is not there, or no deadline for it: one line, and nothing recorded.
        let unknown = try campaign.run(
            ["inspect", "P1", "--finding", finding, "--reopen", "Q2", "--due", "5wd"], as: "zhao-liu", status: 1)
        #expect(unknown.stderr.hasPrefix("zhengdun: ") && unknown.stderr.filter { $0 == "\n" }.count == 1, "\(unknown.stderr)")
        try campaign.run(["inspect", "P1", "--finding", finding, "--reopen", "Q1"], as: "zhao-liu", status: 2)
        #expect((try plan()["inspections"] as! [Any]).isEmpty)
        #expect(try plan()["state"] as? String == "look-back")
        let said = try campaign.run(["inspect", "P1", "--finding", finding, "--reopen", "Q1", "--due", "5wd"], as: "zhao-liu").stdout
        #expect(said.contains("回头看发现反弹"), "\(said)")
        #expect(try plan()["state"] as? String == "rebound")
        let told = (try campaign.pass())["notices"] as! [[String: Any]]
        #expect(told.contains { $0["kind"] as? String == "returned" && $0["task"] as? Int == item })
        let refused = try campaign.run(["plan", "advance", "P1"], as: "sun-ba", status: 1)
        #expect(refused.stderr.contains("T\(item)"), "\(refused.stderr)")
        let itemView = try campaign.json(["task", "show", "T\(item)"]) as! [String: Any]
        let dueDay = String((itemView["deadline"] as! String).prefix(10))
        #expect(dueDay == WorkingDays2026.adding(5, to: WorkingDays2026.adding(1, to: begins)))

        // Reminded, then escalated as before, until it is put right again.
        var reminded = false
        var escalated = false
        for day in WorkingDays2026.workingDays(from: WorkingDays2026.adding(2, to: begins), before: WorkingDays2026.adding(2, to: dueDay)) {
            campaign.environment["ZHENGDUN_NOW"] = "\(day) 09:00"
            let notices = (try campaign.pass())["notices"] as! [[String: Any]]
            reminded = reminded || notices.contains { $0["kind"] as? String == "reminder" && $0["task"] as? Int == item }
            escalated = escalated || notices.contains { $0["kind"] as? String == "escalation" && $0["task"] as? Int == item }
        }
        #expect(reminded && escalated)
        campaign.environment["ZHENGDUN_NOW"] = "\(WorkingDays2026.adding(2, to: dueDay)) 10:00"
        // Sent back (退回整改), it is reported again without a new acknowledgement.
        try campaign.run(["task", "ack", "T\(item)"], as: "li-si", status: 1)
        try campaign.run(["task", "submit", "T\(item)", "--note", "重新公开评议", "--evidence", photo], as: "li-si")
        try campaign.run(["problem", "close", "P1", "Q1", "--note", "回头看复查，整改到位"], as: "zhao-liu")
        for task in lookBack {
            let id = "T\(task["id"] as! Int)"
            let verifier = task["key"] as? String == "look-back-inspection" ? "sun-ba" : "zhao-liu"
            try campaign.run(["task", "ack", id], as: task["assignee"] as? String)
            try campaign.run(["task", "submit", id, "--note", "已完成", "--missing-reason", "材料另行报送"], as: task["assignee"] as? String)
            try campaign.run(["task", "verify", id], as: verifier)
        }
        // The county's final sign-off, by the group leader.
        try campaign.run(["plan", "advance", "P1"], as: "zhao-liu", status: 1)
        try campaign.run(["plan", "advance", "P1"], as: "sun-ba")
        #expect(try plan()["state"] as? String == "closed")
        #expect(try campaign.run(["plan", "show", "P1"]).stdout.contains("已销号"))

        // The story, in the log's words and order.
        let log = try campaign.run(["log", "P1"]).stdout
        let steps = ["验收通过", "巩固期满，开展回头看", "回头看发现反弹，重新整改", "整顿销号"]
        let places = steps.map { log.range(of: $0)?.lowerBound }
        #expect(places.allSatisfy { $0 != nil }, "\(log)")
        #expect(places.compactMap { $0 }.sorted() == places.compactMap { $0 }, "\(log)")
        #expect(log.contains(finding), "\(log)")
    }
}
