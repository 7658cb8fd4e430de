import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Circulars (通报) as numbered documents, through the real binary", .serialized, .tags(.endToEnd))
struct CircularTests {
    static let office = Campaign.person(for: "org_office")

    /// A launched plan mailing into a maildir, with an inspection on Wednesday 4 March 10:00
    /// that ordered the secretary to put a finding right: something for a circular to name.
    static func campaign() throws -> Campaign {
        var campaign = try Campaign()
        try campaign.mailToMaildir()
        try campaign.launchPlan()
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-04 10:00"
        try campaign.run(
            ["inspect", "P1", "--finding", "党员学习台账缺页", "--order-rectification", "--assign", "secretary", "--due", "5wd"],
            as: Campaign.person(for: "work_team"))
        return campaign
    }

    func circulars(_ campaign: Campaign) throws -> [[String: Any]] {
        try campaign.json(["circular", "list"]) as! [[String: Any]]
    }

    func maildir(_ campaign: Campaign) throws -> [URL] { campaign.maildir() }

    @Test("An inspection ordering rectification yields a numbered circular in the next pass, mailed with the document attached")
    func inspectionYieldsNumberedCircular() throws {
        let campaign = try Self.campaign()
        let pass = try campaign.json(["run-due", "--now", "2026-03-04 10:01"]) as! [String: Any]
        let notices = (pass["pass"] as! [String: Any])["notices"] as! [[String: Any]]
        let circular = try #require(notices.first { $0["kind"] as? String == "circular" })
        #expect(circular["key"] as? String == "circular.2026.1")
        // The inspection's timer stands in the ledger as folded into the circular it called for.
        #expect(circular["folded"] as? [String] == ["circular.P1.after.inspection.1"])
        // 主送: the branch secretary and the resident cadre; then the leaders the workflow names.
        #expect(circular["recipients"] as? [String] == ["li-si", "wang-wu", "sun-ba", "zhao-liu", "qian-qi"])
        let listed = try circulars(campaign)
        #expect(listed.map { $0["document_number"] as? String } == ["XX镇组办〔2026〕1号"])
        #expect(listed.first?["title"] as? String == "关于XX村党支部整顿工作督查发现问题的通报")

        let mail = try #require(
            try maildir(campaign).first { file in
                let notice = try pythonEmail(file.path, "X-Zhengdun-Notice")
                let to = try pythonEmail(file.path, "To")
                return notice == "circular.2026.1" && to.contains("li-si")
            })
        let message =
            try Python.json(
                """
                import email, email.policy, json, sys
                m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
                parts = list(m.iter_attachments())
                print(json.dumps({'subject': str(m['Subject']), 'body': m.get_body(('plain',)).get_content(),
                                  'files': [p.get_filename() for p in parts], 'types': [p.get_content_type() for p in parts],
                                  'page': parts[0].get_content() if parts else ''}, ensure_ascii=False))
                """, [mail.path]) as! [String: Any]
        #expect(message["subject"] as? String == "【通报】XX镇组办〔2026〕1号《关于XX村党支部整顿工作督查发现问题的通报》")
        // A short cover note to the reader by name; the document is the attachment.
        let body = message["body"] as! String
        #expect(body.hasPrefix("李四同志："))
        #expect(!body.contains("党员学习台账缺页"))
        #expect(message["types"] as? [String] == ["text/html"])
        #expect(message["files"] as? [String] == ["XX镇组办〔2026〕1号关于XX村党支部整顿工作督查发现问题的通报.html"])
        let page = message["page"] as! String
        for part in ["XX镇组办〔2026〕1号", "党员学习台账缺页", "XX村党支部书记李四同志、XX村驻村干部王五同志：", "中共XX镇委员会组织办公室", "2026年3月4日"] {
            #expect(page.contains(part), "\(part) missing from the attached document")
        }
        // The page printed from the database is the page mailed.
        let printed = try campaign.run(["report", "circular", "--number", "1", "--year", "2026", "--format", "html"]).stdout
        #expect(printed == page)

        // The next pass names the order in no second circular.
        let again = try campaign.json(["run-due", "--now", "2026-03-04 10:02"]) as! [String: Any]
        #expect(((again["pass"] as! [String: Any])["notices"] as! [[String: Any]]).allSatisfy { $0["kind"] as? String != "circular" })
        #expect(try circulars(campaign).count == 1)
    }

    @Test(
        "circular issue: the office numbers circulars 1, 2 … across processes; a dry run takes no number; others are refused by role title")
    func issueOnDemand() throws {
        var campaign = try Self.campaign()
        let rehearsed = try campaign.run(["circular", "issue", "--dry-run"], as: Self.office)
        #expect(rehearsed.stdout.contains("dry run (nothing kept or sent): would issue circular XX镇组办〔2026〕1号"))
        #expect(try circulars(campaign).isEmpty)

        let refused = try campaign.run(["circular", "issue", "--plan", "P1"], as: Campaign.person(for: "secretary"), status: 1)
        #expect(refused.stderr == "zhengdun: plan P1: only 镇组织办 or 领导小组办公室主任（镇党委组织委员） may issue a circular\n")
        campaign.environment["LANG"] = "zh_CN.UTF-8"
        let chinese = try campaign.run(["circular", "issue"], as: Campaign.person(for: "work_team"), status: 1)
        #expect(chinese.stderr == "zhengdun: 方案 P1：只有镇组织办或领导小组办公室主任（镇党委组织委员）可以发出通报\n")
        #expect(try circulars(campaign).isEmpty)

        let first = try campaign.run(["circular", "issue", "--plan", "P1"], as: Self.office)
        #expect(first.stdout == "已发出通报 XX镇组办〔2026〕1号《关于XX村党支部整顿工作督查发现问题的通报》，送 5 人\n")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-05 09:00"
        try campaign.run(["circular", "issue"], as: Campaign.person(for: "office_director"))
        let listed = try circulars(campaign)
        #expect(listed.map { $0["number"] as? Int } == [1, 2])
        #expect(listed.map { $0["document_number"] as? String } == ["XX镇组办〔2026〕1号", "XX镇组办〔2026〕2号"])
        // Each stored with the hash of its document, printable as it was issued.
        let text = try campaign.run(["report", "circular", "--number", "2"]).stdout
        #expect(text.hasPrefix("XX镇组办〔2026〕2号\n\n关于XX村党支部整顿工作督查发现问题的通报\n"))
        #expect(text.contains("2026年3月5日"))
        #expect((listed[1]["content_sha256"] as? String)?.count == 64)
        // As JSON: the record with the document's words.
        let json = try campaign.run(["report", "circular", "--number", "2", "--format", "json"]).stdout
        let stored = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(stored["content_sha256"] as? String == listed[1]["content_sha256"] as? String)
        #expect((stored["document"] as? [String: Any])?["date"] as? String == "2026年3月5日")
        let missing = try campaign.run(["report", "circular", "--number", "3"], status: 1)
        #expect(missing.stderr == "zhengdun: 没有2026年第3号通报\n")
        // The log records who issued it.
        #expect(try campaign.run(["log", "P1"]).stdout.contains("circular.issued"))
    }

    @Test("Eight circular issue commands run at once on one database file take the numbers 1 to 8, each once")
    func concurrentIssues() throws {
        let campaign = try Self.campaign()
        var processes: [(Process, Pipe)] = []
        for _ in 0..<8 {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["circular", "issue", "--json", "--as", Self.office]
            process.environment = ProcessInfo.processInfo.environment.merging(campaign.environment) { $1 }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            processes.append((process, out))
        }
        for (process, _) in processes { try process.run() }
        var numbers: [Int] = []
        for (process, out) in processes {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            if let issued = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let number = issued["number"] as? Int {
                numbers.append(number)
            }
        }
        #expect(numbers.sorted() == Array(1...8))
        let listed = try circulars(campaign)
        #expect(listed.map { $0["number"] as? Int } == Array(1...8))
        #expect(Set(listed.compactMap { $0["document_number"] as? String }).count == 8)
        // Each queued its five messages in the transaction that took its number.
        let queued = try campaign.json(["outbox", "list"]) as! [[String: Any]]
        #expect(queued.filter { ($0["notice"] as? String)?.hasPrefix("circular.2026.") == true }.count == 40)
    }

    @Test(
        "A number taken is never taken again: a crash while its mail is being sent, then a restart, delivers it and the next gets the next number"
    )
    func crashBetweenNumberingAndSending() throws {
        var campaign = try Self.campaign()
        // A sendmail that hangs, saying where it is, as a mail server that never answers.
        let flag = campaign.folder.url.appendingPathComponent("sendmail.pid").path
        let hang = try campaign.folder.write("hang.sh", "#!/bin/sh\necho $$ > \(flag)\nexec sleep 120\n")
        chmod(hang, 0o755)
        let maildirConfig = campaign.environment["ZHENGDUN_CONFIG"]!
        let hangingConfig = try campaign.folder.write(
            "hanging.yaml", "mail:\n  from: \"镇组织办 <zzb@town.example.cn>\"\n  transport: sendmail\n  sendmail: [\(hang)]\n")

        try campaign.run(["circular", "issue"], as: Self.office)
        campaign.environment["ZHENGDUN_CONFIG"] = hangingConfig
        let delivering = Process()
        delivering.executableURL = CLI.binary
        delivering.arguments = ["run-due", "--now", "2026-03-04 10:01"]
        delivering.environment = ProcessInfo.processInfo.environment.merging(campaign.environment) { $1 }
        delivering.standardOutput = FileHandle.nullDevice
        delivering.standardError = FileHandle.nullDevice
        try delivering.run()
        try waitFor("sendmail to be called", timeout: 60) {
            (try? String(contentsOfFile: flag, encoding: .utf8))?.hasSuffix("\n") == true
        }
        // The crash: run-due killed in the middle of handing a message over.
        kill(delivering.processIdentifier, SIGKILL)
        delivering.waitUntilExit()
        if let pid = Int32((try String(contentsOfFile: flag, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGKILL)
        }
        #expect(try maildir(campaign).isEmpty)

        // Restarted with a transport that works: the first circular goes out, and no second
        // one for the inspection it already named.
        campaign.environment["ZHENGDUN_CONFIG"] = maildirConfig
        let pass = try campaign.json(["run-due", "--now", "2026-03-04 11:00"]) as! [String: Any]
        #expect(((pass["pass"] as! [String: Any])["notices"] as! [[String: Any]]).allSatisfy { $0["kind"] as? String != "circular" })
        let mailed = try maildir(campaign).filter { try pythonEmail($0.path, "X-Zhengdun-Notice") == "circular.2026.1" }
        #expect(mailed.count == 5)
        try campaign.run(["circular", "issue"], as: Self.office)
        #expect(try circulars(campaign).map { $0["number"] as? Int } == [1, 2])
    }

    @Test("Numbers follow on across daemon restarts and the command line beside a stopped daemon, and every circular is mailed")
    func acrossDaemonRestarts() throws {
        let daemon = try DaemonUnderTest()
        try daemon.launchCampaign()
        try daemon.start()
        var campaign = try Campaign()
        campaign.environment = daemon.environment
        // On the machine's clock: an order open, so that there is something to name whatever the date.
        try campaign.run(
            ["inspect", "P1", "--finding", "党员学习台账缺页", "--order-rectification", "--assign", "secretary", "--due", "5wd"],
            as: Campaign.person(for: "work_team"))
        func issue(_ extra: [String] = []) throws -> Int {
            let issued = try campaign.json(["circular", "issue"] + extra, as: Self.office) as! [String: Any]
            return issued["number"] as! Int
        }
        let first = try issue()
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
        let beside = try issue(["--db", daemon.database])
        #expect(beside == first + 1)
        try daemon.start()
        #expect(try issue() == beside + 1)
        // The daemon's own passes may have issued some too (escalations on its clock): still one run, 1 to N.
        let listed = try circulars(campaign)
        #expect(listed.map { $0["number"] as? Int } == Array(1...listed.count))
        let year = listed[0]["year"] as! Int
        try waitFor("every circular mailed", timeout: 60) {
            try sqlite(daemon.database, "SELECT count(*) FROM outbox WHERE notice_key LIKE 'circular.%' AND state <> 'sent'") == "0"
        }
        let mailed = try Set(
            FileManager.default.contentsOfDirectory(atPath: daemon.maildir + "/new").map {
                try pythonEmail(daemon.maildir + "/new/" + $0, "X-Zhengdun-Notice")
            })
        for number in 1...listed.count { #expect(mailed.contains("circular.\(year).\(number)")) }
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
    }

    @Test("Numbers start again at 1 in a new year, under the new year's 文号")
    func yearRollover() throws {
        var campaign = try Self.campaign()
        campaign.environment["ZHENGDUN_NOW"] = "2026-12-31 10:00"
        try campaign.run(["circular", "issue"], as: Self.office)
        try campaign.run(["circular", "issue"], as: Self.office)
        campaign.environment["ZHENGDUN_NOW"] = "2027-01-04 10:00"
        try campaign.run(["circular", "issue"], as: Self.office)
        let listed = try circulars(campaign)
        #expect(listed.map { "\($0["year"] as! Int)-\($0["number"] as! Int)" } == ["2026-1", "2026-2", "2027-1"])
        #expect(listed.last?["document_number"] as? String == "XX镇组办〔2027〕1号")
        let old = try campaign.run(["report", "circular", "--number", "2", "--year", "2026"]).stdout
        #expect(old.contains("2026年12月31日"))
        #expect(try campaign.run(["report", "circular", "--number", "1"]).stdout.contains("2027年1月4日"))
    }

    @Test("The configuration sets the 文号 pattern, the issuing body and the 主送 line; a pattern without {n} is refused at its line")
    func configured() throws {
        var campaign = try Self.campaign()
        let maildir = campaign.folder.url.appendingPathComponent("maildir").path
        campaign.environment["ZHENGDUN_CONFIG"] = try campaign.folder.write(
            "styled.yaml",
            """
            mail:
              transport: maildir
              maildir: \(maildir)
            circular:
              number: "{town}党办通〔{year}〕{n}号"
              town: 城关镇
              issuer: 中共城关镇委员会
              addressees: 各村党支部，各驻村干部
            """)
        try campaign.run(["circular", "issue"], as: Self.office)
        let text = try campaign.run(["report", "circular", "--number", "1"]).stdout
        #expect(text.hasPrefix("城关镇党办通〔2026〕1号\n"))
        #expect(text.contains("\n各村党支部，各驻村干部：\n"))
        #expect(text.contains("中共城关镇委员会\n"))
        let broken = try campaign.folder.write("broken.yaml", "circular:\n  number: \"组办〔{year}〕号\"\n")
        campaign.environment["ZHENGDUN_CONFIG"] = broken
        let refused = try campaign.run(["circular", "list"], status: 1)
        #expect(refused.stderr.hasPrefix("\(broken):2:11: circular.number: the document number pattern must hold the serial placeholder n"))
    }

    @Test(
        "The PDF of a stored circular, printed by headless Chromium on A4, reads back with pdftotext: 文号, title, 主送, 落款 and date",
        needs(
            Chromium.path != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext"),
            "chromium or pdftotext is not installed (apt-get install chromium fonts-wqy-zenhei poppler-utils)"))
    func pdf() throws {
        var campaign = try Self.campaign()
        if let chromium = Chromium.path { campaign.environment["ZHENGDUN_CHROMIUM"] = chromium }
        try campaign.run(["circular", "issue"], as: Self.office)
        let pdf = campaign.folder.url.appendingPathComponent("circular.pdf").path
        try campaign.run(["report", "circular", "--number", "1", "--format", "pdf", "--output", pdf])
        let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: pdf)).readData(ofLength: 5)
        #expect(head == Data("%PDF-".utf8))
        let info = try CLI.run(["/usr/bin/pdfinfo", pdf], executable: URL(fileURLWithPath: "/usr/bin/pdfinfo")).stdout
        #expect(info.contains("(A4)"))
        let extracted = try CLI.run(["/usr/bin/pdftotext", pdf, "-"], executable: URL(fileURLWithPath: "/usr/bin/pdftotext"))
        #expect(extracted.status == 0)
        // Lines break where the page is full: compared without white space.
        let text = extracted.stdout.filter { !$0.isWhitespace }
        for part in [
            "XX镇组办〔2026〕1号", "关于XX村党支部整顿工作督查发现问题的通报", "XX村党支部书记李四同志、XX村驻村干部王五同志：",
            "中共XX镇委员会组织办公室", "2026年3月4日", "党员学习台账缺页",
        ] {
            #expect(text.contains(part), "\(part) not in the PDF's text: \(extracted.stdout)")
        }
    }
}
