import Foundation
import Testing

@Suite("run-due, outbox, report and demo through the real binary", .serialized, .tags(.endToEnd))
struct SchedulerCommandTests {
    /// A launched campaign whose mail goes to a maildir in its folder; the clock stands at
    /// Monday 2 March 2026, 09:00.
    /// A launched plan mailing into a maildir; `settings`, more lines of the mail section.
    static func campaign(mail settings: String = "") throws -> Campaign {
        var campaign = try Campaign()
        try campaign.mailToMaildir(settings)
        try campaign.launchPlan()
        return campaign
    }

    func maildir(_ campaign: Campaign) throws -> [URL] { campaign.maildir() }

    @Test("run-due records what fell due once, delivers it to the maildir, and a second run finds nothing")
    func runDue() throws {
        let campaign = try Self.campaign()
        let first = try campaign.json(["run-due", "--now", "2026-03-03 10:00"]) as! [String: Any]
        let pass = first["pass"] as! [String: Any]
        let notices = pass["notices"] as! [[String: Any]]
        // The nine tasks handed over (交办), each standing for its reminder to acknowledge, go in
        // one message to each of the three people they went to.
        #expect(notices.filter { $0["kind"] as? String == "issued" }.count == 9)
        // And T1's and T2's first 催办, held from 18:00 last night to this morning.
        #expect(notices.filter { $0["kind"] as? String == "reminder" }.compactMap { $0["task"] as? Int } == [1, 2])
        #expect((first["delivery"] as! [String: Any])["sent"] as? Int == 3)
        #expect(try maildir(campaign).count == 3)
        // The reminder due at 18:00 on 4 March waits for office hours the next morning.
        #expect(pass["next"] as? String == "2026-03-05T08:30:00+08:00")
        let again = try campaign.run(["run-due", "--now", "2026-03-03 10:00"])
        #expect(again.stdout.hasPrefix("recorded 0 notices and queued 0 messages; next due 2026-03-05 08:30"))
        #expect(try maildir(campaign).count == 3)
        let sent = try maildir(campaign)
        // The weekly report goes out on Monday 9 March at 09:00, with an HTML alternative and the
        // progress page attached (HTMLReportTests reads the parts).
        try campaign.run(["run-due", "--now", "2026-03-09 09:00"])
        let report = try maildir(campaign).first { try pythonEmail($0.path, "Subject") == "【整顿工作进展周报】2026年3月9日" }
        #expect(report != nil)
        if let report { #expect(try pythonEmail(report.path, "Content-Type").hasPrefix("multipart/mixed")) }
        // The messages read back with an independent parser, Chinese intact.
        let subjects = try maildir(campaign).map { try pythonEmail($0.path, "Subject") }
        #expect(subjects.contains("【整顿工作通知】李四同志：涉及您的2项事项"))
        // Sent at 10:00 the next day for 09:00: marked 补发 (sent late), each task in the digest.
        let secretary = try #require(try sent.first { try pythonEmail($0.path, "To") == "李四 <li-si@town.example.cn>" })
        let body = try pythonEmailBody(secretary.path)
        #expect(body.contains("一、【补发】【交办】T3 统一思想，提高认识（XX村）"))
        #expect(body.contains("二、【补发】【交办】T7 党支部专题研究（XX村）"))
        #expect(try pythonEmail(maildir(campaign)[0].path, "From") == "镇组织办 <zzb@town.example.cn>")
    }

    @Test(
        "A reminder that fell due at 18:00 goes out when office hours open the next morning, saying when it fell due; with send_window: always it goes at 18:00"
    )
    func officeHours() throws {
        let campaign = try Self.campaign()
        // Launched Monday 2 March 09:00; T1 is due Thursday 18:00, its first reminder Monday 18:00.
        let evening = try campaign.json(["run-due", "--now", "2026-03-02 18:00"]) as! [String: Any]
        // Only the 交办 of the morning go out; no reminder in the evening.
        #expect(((evening["pass"] as! [String: Any])["notices"] as! [[String: Any]]).allSatisfy { $0["kind"] as? String == "issued" })
        try campaign.run(["run-due", "--now", "2026-03-03 08:30"])
        let reminder = try #require(
            try maildir(campaign).first {
                try pythonEmail($0.path, "X-Zhengdun-Notice").split(separator: ",").contains {
                    $0.trimmingCharacters(in: .whitespaces) == "T1.reminder.3wd.d1"
                }
            })
        // With T2's, in one message to 钱七.
        #expect(try pythonEmailBody(reminder.path).contains("、【催办】T1 成立整顿工作机构 3个工作日后到期（XX村）"))
        #expect(try pythonEmail(reminder.path, "Date") == "Tue, 03 Mar 2026 08:30:00 +0800")
        let body = try pythonEmailBody(reminder.path)
        #expect(body.contains("本通知应于 3月2日（星期一）18:00 发出，因在工作时间之外，顺延至工作时间发送。"))
        // Dates in prose, as a notice writes them.
        #expect(body.contains("  办结时限：3月5日（星期四）18:00"))

        // The same campaign with no window: the reminder goes out at 18:00 on the day of issue.
        let always = try Self.campaign(mail: "  send_window: always")
        try always.run(["run-due", "--now", "2026-03-02 18:00"])
        let sent = try maildir(always).map { try pythonEmail($0.path, "X-Zhengdun-Notice") }
        #expect(sent.contains { $0.contains("T1.reminder.3wd.d1") })

        // Planned with no window, then the window is set: the 18:00 timers wait for the morning.
        var windowed = try Self.campaign(mail: "  send_window: always")
        windowed.environment["ZHENGDUN_CONFIG"] = try windowed.folder.write(
            "window.yaml", "mail:\n  transport: maildir\n  maildir: \(windowed.folder.url.appendingPathComponent("maildir").path)\n")
        let held = try windowed.json(["run-due", "--now", "2026-03-02 18:00"]) as! [String: Any]
        #expect(((held["pass"] as! [String: Any])["notices"] as! [[String: Any]]).allSatisfy { $0["kind"] as? String == "issued" })
        #expect((held["pass"] as! [String: Any])["next"] as? String == "2026-03-03T08:30:00+08:00")
        try windowed.run(["run-due", "--now", "2026-03-03 08:30"])
        #expect(try maildir(windowed).map { try pythonEmail($0.path, "X-Zhengdun-Notice") }.contains { $0.contains("T1.reminder.3wd.d1") })
    }

    @Test("A notice shows the commands only to an assignee with an account here; one without is told whom to ask (mail.contact)")
    func commandsOrContact() throws {
        var campaign = try Campaign()
        let folder = campaign.folder.url.appendingPathComponent("maildir").path
        campaign.environment["ZHENGDUN_CONFIG"] = try campaign.folder.write(
            "zhengdun.yaml", "mail:\n  transport: maildir\n  maildir: \(folder)\n  contact: 镇组织办，电话 0596-1234567\n")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-02 09:00"
        try campaign.createPlan(unixUsers: ["li-si": "lisi"])
        try campaign.run(["plan", "advance", "P1"], as: Campaign.person(for: "org_office"))
        try campaign.run(["run-due", "--now", "2026-03-03 10:00"])
        var bodies: [String: String] = [:]
        for file in try maildir(campaign) { bodies[try pythonEmail(file.path, "To")] = try pythonEmailBody(file.path) }
        // li-si logs in as lisi: the command.
        let linked = try #require(bodies["李四 <li-si@town.example.cn>"])
        #expect(linked.contains("签收：zhengdun task ack T3"))
        #expect(!linked.contains("请联系"))
        // qian-qi has no account: whom to ask, no command. His tasks come as one 交办单, which says
        // it once, at its end.
        let unlinked = try #require(bodies["钱七 <qian-qi@town.example.cn>"])
        #expect(unlinked.contains("以上事项需要签收或报送办结情况的，请联系镇组织办，电话 0596-1234567。"))
        #expect(unlinked.components(separatedBy: "请联系").count == 2)
        #expect(!unlinked.contains("zhengdun task"))
    }

    @Test("An inspection that orders rectification is named in a circular by the next pass (责令整改并进行通报), once")
    func inspectionOrderIsCircularised() throws {
        var campaign = try Self.campaign()
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-04 10:00"
        try campaign.run(
            ["inspect", "P1", "--finding", "党员学习台账缺页", "--order-rectification", "--assign", "secretary", "--due", "5wd"],
            as: Campaign.person(for: "work_team"))
        let pass = try campaign.json(["run-due", "--now", "2026-03-04 10:01"]) as! [String: Any]
        let circulars = ((pass["pass"] as! [String: Any])["notices"] as! [[String: Any]]).filter { $0["kind"] as? String == "circular" }
        #expect(circulars.map { $0["key"] as? String } == ["circular.2026.1"])
        // The document names the finding, the person by name and the deadline in prose; no account or person id.
        let document = try campaign.run(["report", "circular", "--number", "1"]).stdout
        #expect(document.contains("党员学习台账缺页"))
        #expect(document.contains("已责令XX村党支部书记李四同志于3月11日（星期三）18:00前整改到位"))
        #expect(!document.contains("li-si"))
        let again = try campaign.json(["run-due", "--now", "2026-03-04 10:02"]) as! [String: Any]
        #expect(((again["pass"] as! [String: Any])["notices"] as! [[String: Any]]).allSatisfy { $0["kind"] as? String != "circular" })
    }

    @Test("With mail.language en the notices are written from the English templates")
    func english() throws {
        var campaign = try Self.campaign()
        let folder = campaign.folder.url.appendingPathComponent("maildir").path
        campaign.environment["ZHENGDUN_CONFIG"] = try campaign.folder.write(
            "en.yaml",
            """
            mail:
              transport: maildir
              maildir: \(folder)
              language: en
            """)
        try campaign.run(["run-due", "--now", "2026-03-03 10:00"])
        let subjects = try maildir(campaign).map { try pythonEmail($0.path, "Subject") }
        #expect(subjects.contains("[Rectification notices] 2 items for 李四"))
        let secretary = try #require(try maildir(campaign).first { try pythonEmail($0.path, "To") == "李四 <li-si@town.example.cn>" })
        #expect(try pythonEmailBody(secretary.path).contains("1. [late] [New task] T3 统一思想，提高认识 (XX村)"))
    }

    @Test("--dry-run lists the notices and changes nothing; --no-send leaves them queued")
    func dryRunAndNoSend() throws {
        let campaign = try Self.campaign()
        let dry = try campaign.run(["run-due", "--now", "2026-03-03 10:00", "--dry-run"])
        #expect(dry.stdout.contains("【补发】【交办】T3 统一思想，提高认识（XX村） → li-si  [late]  (also stands for 1 missed)"))
        #expect(dry.stdout.contains("would record 11 notices and queue 3 messages"))
        #expect((try campaign.json(["outbox", "list"]) as! [Any]).isEmpty)
        try campaign.run(["run-due", "--now", "2026-03-03 10:00", "--no-send"])
        let queued = try campaign.json(["outbox", "list", "--state", "queued"]) as! [[String: Any]]
        #expect(queued.count == 3)
        #expect(try maildir(campaign).isEmpty)
        try campaign.run(["run-due", "--now", "2026-03-03 10:05"])
        #expect(try maildir(campaign).count == 3)
        #expect((try campaign.json(["outbox", "list", "--state", "sent"]) as! [Any]).count == 3)
    }

    @Test("A failing transport keeps messages queued and backs off; outbox retry puts one back at once")
    func failingTransport() throws {
        var campaign = try Self.campaign()
        let failing = try campaign.folder.write("failing-sendmail", "#!/bin/sh\ncat >/dev/null\necho 'relay refused' >&2\nexit 75\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: failing)
        campaign.environment["ZHENGDUN_CONFIG"] = try campaign.folder.write(
            "failing.yaml",
            """
            mail:
              transport: sendmail
              sendmail: [\(failing)]
              retry: {attempts: 2, first: 1m, max: 1h}
            """)
        // The pass committed but the mail did not go: a warning, exit 3.
        let outcome = try campaign.run(["run-due", "--now", "2026-03-03 10:00"], status: 3)
        #expect(outcome.stdout.contains("delivered 0, 3 to try again"))
        #expect(outcome.stderr.contains("exited with status 75: relay refused"))
        // Still failing on the second try: the messages are dead.
        let second = try campaign.run(["run-due", "--now", "2026-03-03 10:10"], status: 3)
        #expect(second.stdout.contains("delivered 0, 3 dead"))
        let dead = try campaign.json(["outbox", "list", "--dead"]) as! [[String: Any]]
        #expect(dead.count == 3)
        #expect(dead[0]["attempts"] as? Int == 2)
        try campaign.run(["outbox", "retry", "\(dead[0]["id"] as! Int)"])
        #expect((try campaign.json(["outbox", "list", "--state", "queued"]) as! [Any]).count == 1)
    }

    @Test("report progress and report circular, as text, Markdown and JSON")
    func reports() throws {
        var campaign = try Self.campaign()
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-20 10:00"
        let json =
            try JSONSerialization.jsonObject(with: Data(try campaign.run(["report", "progress", "--format", "json"]).stdout.utf8))
            as! [String: Any]
        let plan = (json["plans"] as! [[String: Any]])[0]
        #expect(plan["signal"] as? String == "red")
        let overdue = plan["overdue"] as! [[String: Any]]
        #expect(overdue.first?["level"] as? Int == 3)
        #expect(overdue.first?["assignee"] as? String == "qian-qi")
        // One language each: the reader's.
        let text = try campaign.run(["report", "progress", "--lang", "zh"]).stdout
        #expect(text.hasPrefix("整顿工作进展周报\n截至 3月20日（星期五）10:00\n"))
        #expect(text.contains("【P1 XX村（XX村党支部）  红灯】"))
        #expect(text.contains("信号灯：红灯，"))
        #expect(!text.contains("red") && !text.contains("Progress"))
        let english = try campaign.run(["report", "progress", "--lang", "en"]).stdout
        #expect(english.hasPrefix("Progress report\nAs of Friday 20 March 10:00\n"))
        #expect(english.contains("【P1 XX村（XX村党支部）  red】"))
        let markdown = try campaign.run(["report", "circular", "--format", "md", "--lang", "zh"]).stdout
        #expect(markdown.hasPrefix("# 通报\n"))
        #expect(markdown.contains("- T1 成立整顿工作机构：责任人钱七，办结时限3月5日（星期四）18:00，逾期 "))
        #expect(!markdown.contains("qian-qi") && !markdown.contains("Circular"))
        let bad = try campaign.run(["report", "progress", "--format", "pdf"], status: 1)
        #expect(bad.stderr == "zhengdun: --format pdf: expected one of text, md, html or json\n")
        let circularHTML = try campaign.run(["report", "circular", "--format", "html"], status: 1)
        #expect(circularHTML.stderr == "zhengdun: --format html prints an issued circular: say which with --number\n")
    }

    @Test("The demo walks a whole campaign in its own folder and leaves the mail and the reports there")
    func demo() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("demo").path
        let outcome = try CLI.run(["demo", "--folder", target], in: CLI.repository)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("【督办·第三级】"))
        #expect(outcome.stdout.contains("【通报】XX镇组办〔2026〕1号《关于XX村党支部整顿工作督查发现问题的通报》"))
        #expect(outcome.stdout.contains("orders rectification"))
        #expect(outcome.stdout.contains("The campaign ended accepted"))
        for file in ["progress.md", "progress.html", "progress.json", "circular.md", "zhengdun.db"] {
            #expect(FileManager.default.fileExists(atPath: target + "/" + file), "\(file) missing")
        }
        for file in ["progress.md", "progress.json", "circular.md"] {
            let text = try String(contentsOfFile: target + "/" + file, encoding: .utf8)
            #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "\(file) does not end in one line break")
        }
        let mail = try FileManager.default.contentsOfDirectory(atPath: target + "/maildir/new")
        #expect(mail.count > 100)
        // The command the demo suggests for its database runs as printed.
        let suggested = try #require(
            outcome.stdout.split(separator: "\n").first { $0.contains("zhengdun.db") && $0.contains("try  zhengdun ") })
        let words = suggested.components(separatedBy: "try  zhengdun ")[1].split(separator: " ").map(String.init)
        let tried = try CLI.run(words)
        #expect(tried.status == 0, "zhengdun \(words.joined(separator: " ")): \(tried.stderr)")
        #expect(!tried.stdout.isEmpty)
        // The options every command takes may come before the subcommand too.
        let database = try #require(words.firstIndex(of: "--db").map { words[$0 + 1] })
        let before = try CLI.run(["--db", database, "log", "P1"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout == tried.stdout)
        let both = try CLI.run(["--config=/nonexistent/zhengdun.yaml", "--lang", "en", "--db", database, "log", "P1"])
        #expect(both.status == 1)
        #expect(both.stderr.contains("/nonexistent/zhengdun.yaml"), "\(both.stderr)")
        let again = try CLI.run(["demo", "--folder", target], in: CLI.repository)
        #expect(again.status == 1)
        #expect(again.stderr == "zhengdun: \(target) exists already; the demo needs a new folder\n")

        // In Chinese the narration is Chinese; the notices are the same.
        let chinese = try CLI.run(
            ["demo", "--folder", folder.url.appendingPathComponent("演示").path], environment: ["LANG": "zh_CN.UTF-8"],
            in: CLI.repository)
        #expect(chinese.status == 0, "\(chinese.stderr)")
        // People by their role's title, never its key; a phase moves on by 转段.
        #expect(chinese.stdout.contains("镇工作组周九督查：“三会一课”会议记录不全——责令整改 T35，限 5 个工作日内完成"))
        #expect(chinese.stdout.contains("赵六批准转段：摸底准备阶段→集中整改阶段，下发 15 项任务"))
        for key in ["work_team", "office_director", "org_office", "resident_cadre", "secretary", "survey", "rectification", "关口"] {
            #expect(!chinese.stdout.contains(key), "\(key) in the Chinese narration")
        }
        #expect(chinese.stdout.contains("整顿于 8月27日（星期四）10:00 以“验收通过”结束"))
        // The survey's problems go on the list and are closed one by one, one carried over.
        #expect(chinese.stdout.contains("驻村干部王五将摸排发现的4个问题登记入问题清单（P1 Q1—Q4）"))
        #expect(chinese.stdout.contains("对问题 P1 Q1 验收销号"))
        #expect(chinese.stdout.contains("将问题 P1 Q3 转入长效："))
        #expect(!chinese.stdout.contains("working days"))
        // The same notices in the same order; each narration writes their times in its own language.
        let notices = { (text: String) in
            text.split(separator: "\n").filter { $0.contains(" → ") && $0.contains("【") }.map {
                $0.components(separatedBy: " → ")[0].drop { $0 != "【" }
            }
        }
        #expect(notices(chinese.stdout) == notices(outcome.stdout))
    }
}

/// A header of a message file as Python's `email` package (policy=default) reads it.
func pythonEmail(_ path: String, _ header: String) throws -> String {
    String(
        decoding: try Python.run(
            """
            import email, email.policy, sys
            message = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            sys.stdout.write(str(message[sys.argv[2]]))
            """, [path, header]), as: UTF8.self)
}

/// The plain-text body of a message, decoded by Python's `email` package.
func pythonEmailBody(_ path: String) throws -> String {
    String(
        decoding: try Python.run(
            """
            import email, email.policy, sys
            message = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            sys.stdout.write(message.get_body(('plain',)).get_content())
            """, [path]), as: UTF8.self)
}
