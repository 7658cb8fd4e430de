import Foundation
import Testing

@Suite("The progress report as one HTML page with a chart per plan, through the real binary", .serialized, .tags(.endToEnd))
struct HTMLReportTests {
    static let monday = "2026-03-09 09:00"
    static let orderedTitle = "台账<缺页> & \"签字\" 'X' 不全"

    /// Two plans launched on Monday 2 March 2026 with mail to a maildir. In P1 by Wednesday one
    /// task is verified, one submitted, one acknowledged, and an inspection has ordered a
    /// rectification due in 2 working days; P2 is left alone. The clock then stands at Monday
    /// 9 March, 09:00, when the weekly report falls due and the earliest deadlines have passed.
    static func campaign() throws -> Campaign {
        var campaign = try Campaign()
        try campaign.mailToMaildir()
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-02 09:00"
        try campaign.createPlan()
        try campaign.run(
            ["plan", "create", "--workflow", CLI.shippedWorkflow, "--village", "YY村", "--start", "2026-03-02"]
                + Campaign.people.flatMap { ["--assign", "\($0.role)=\($0.id)"] })
        for plan in ["P1", "P2"] { try campaign.run(["plan", "advance", plan], as: Campaign.person(for: "org_office")) }

        campaign.environment["ZHENGDUN_NOW"] = "2026-03-04 10:00"
        let survey = try campaign.tasks(phase: "survey")
        func id(_ task: [String: Any]) -> String { "T\(task["id"] as! Int)" }
        func verifier(_ task: [String: Any]) throws -> String {
            Campaign.person(for: (try campaign.json(["task", "show", id(task)]) as! [String: Any])["verifier_role"] as! String)
        }
        for (index, task) in survey[1...3].enumerated() {
            let assignee = task["assignee"] as! String
            try campaign.run(["task", "ack", id(task)], as: assignee)
            if index < 2 { try campaign.run(["task", "submit", id(task), "--note", "已完成", "--missing-reason", "材料另行报送"], as: assignee) }
            if index < 1 { try campaign.run(["task", "verify", id(task)], as: try verifier(task)) }
        }
        try campaign.run(
            [
                "inspect", "P1", "--finding", "党员学习台账缺页", "--order-rectification", "--assign", "secretary",
                "--due", "2wd", "--title", orderedTitle,
            ], as: Campaign.person(for: "work_team"))
        campaign.environment["ZHENGDUN_NOW"] = monday
        return campaign
    }

    /// The page as `report progress --format html` prints it, in a file.
    static func page(_ campaign: Campaign) throws -> (text: String, path: String) {
        let page = try campaign.run(["report", "progress", "--format", "html"]).stdout
        return (page, try campaign.folder.write("progress.html", page))
    }

    /// What an XML parser finds in the page: per plan the task bars, the phases, the today lines
    /// and the labels; and anything that points outside the file.
    static func parsed(_ path: String) throws -> [String: Any] {
        try Python.json(
            """
            import json, sys, xml.etree.ElementTree as ET
            def classes(element): return (element.get('class') or '').split()
            root = ET.parse(sys.argv[1]).getroot()
            out = {'plans': [], 'outside': [], 'tags': sorted({element.tag for element in root.iter()})}
            for section in root.iter('section'):
                if 'plan' not in classes(section): continue
                charts = [svg for svg in section.iter('svg') if 'gantt' in classes(svg)]
                chart = charts[0] if len(charts) == 1 else ET.Element('svg')
                out['plans'].append({
                    'plan': section.get('data-plan'), 'charts': len(charts),
                    'bars': [{'task': bar.get('data-task'), 'classes': classes(bar), 'start': float(bar.get('x')),
                              'end': float(bar.get('x')) + float(bar.get('width')), 'title': bar.findtext('title')}
                             for bar in section.iter() if 'task' in classes(bar)],
                    'phases': [group.get('data-phase') for group in chart.iter('g') if 'phase' in classes(group)],
                    'today': [float(line.get('x1')) for line in chart.iter('line') if 'today' in classes(line)],
                })
            for element in root.iter():
                for name, value in element.attrib.items():
                    if name in ('src', 'href', 'action') or name.endswith('}href') or any(s in value for s in ('http:', 'https:', '//', 'url(')):
                        out['outside'].append(f'{element.tag} {name}={value}')
            text = open(sys.argv[1], encoding='utf-8').read()
            out['outside'] += [s for s in ('http:', 'https:', '//', 'url(', '@import', '@font-face') if s in text]
            print(json.dumps(out, ensure_ascii=False))
            """, [path]) as! [String: Any]
    }

    @Test(
        "The page has one bar per task of each plan, marks exactly the overdue ones, draws the phases and a today line, and fetches nothing"
    )
    func barsAndMarks() throws {
        let campaign = try Self.campaign()
        let page = try Self.page(campaign)
        #expect(page.text.hasPrefix("<!DOCTYPE html>"))
        let parsed = try Self.parsed(page.path)
        #expect(parsed["outside"] as? [String] == [])
        let tags = Set(parsed["tags"] as? [String] ?? [])
        #expect(tags.contains("svg"))
        #expect(tags.isDisjoint(with: ["script", "link", "img", "iframe", "object", "embed"]))

        let plans = parsed["plans"] as! [[String: Any]]
        #expect(plans.map { $0["plan"] as? String } == ["P1", "P2"])
        let overdue = try campaign.json(["task", "list", "--overdue"]) as! [[String: Any]]
        for (number, plan) in zip(1..., plans) {
            let tasks = try campaign.json(["task", "list", "--plan", "P\(number)"]) as! [[String: Any]]
            #expect(plan["charts"] as? Int == 1)
            let bars = plan["bars"] as! [[String: Any]]
            #expect(bars.map { $0["task"] as? String } == tasks.map { "T\($0["id"] as! Int)" })
            for (bar, task) in zip(bars, tasks) {
                #expect((bar["classes"] as! [String]).contains(task["state"] as! String))
            }
            let late = Set(overdue.filter { $0["plan"] as? Int == number }.map { "T\($0["id"] as! Int)" })
            #expect(!late.isEmpty)
            #expect(Set(bars.filter { ($0["classes"] as! [String]).contains("overdue") }.map { $0["task"] as! String }) == late)

            // One today line; overdue bars end before it, bars of work not yet due after it.
            let today = plan["today"] as! [Double]
            #expect(today.count == 1)
            for (bar, task) in zip(bars, tasks) where ["issued", "acknowledged", "returned"].contains(task["state"] as! String) {
                let end = bar["end"] as! Double
                if task["overdue"] as? Bool == true { #expect(end <= today[0], "\(task)") } else { #expect(end > today[0], "\(task)") }
            }
            let show = try campaign.json(["plan", "show", "P\(number)"]) as! [String: Any]
            #expect(plan["phases"] as? [String] == (show["phases"] as! [[String: Any]]).map { $0["key"] as! String })
        }

        // The ordered rectification is overdue, and its title comes back whole through the parser.
        let ordered = (plans[0]["bars"] as! [[String: Any]]).last!
        #expect((ordered["classes"] as! [String]).contains("overdue"))
        #expect((ordered["title"] as? String)?.contains(Self.orderedTitle) == true)

        // The JSON report carries the same schedule the chart is drawn from.
        let json =
            try JSONSerialization.jsonObject(with: Data(try campaign.run(["report", "progress", "--format", "json"]).stdout.utf8))
            as! [String: Any]
        let schedule = ((json["plans"] as! [[String: Any]])[0]["schedule"] as! [[String: Any]])
        #expect(schedule.map { "T\($0["task"] as! Int)" } == (plans[0]["bars"] as! [[String: Any]]).map { $0["task"] as! String })
        #expect(schedule.filter { $0["done_at"] != nil }.count == 2)
        #expect(schedule.last?["issued_at"] as? String == "2026-03-04T10:00:00+08:00")

        let missing = try campaign.run(["report", "progress", "--format", "html", "--plan", "P9"], status: 1)
        #expect(missing.stderr == "zhengdun: there is no plan P9\n")
    }

    @Test(
        "Headless Chromium renders the page to a PNG the size of an A4 sheet at 150 dpi, and prints it to A4 PDF, a plan a page",
        needs(Chromium.path != nil, "chromium is not installed (apt-get install chromium fonts-wqy-zenhei)"))
    func rendersInChromium() throws {
        let campaign = try Self.campaign()
        let page = try Self.page(campaign)
        let profile = campaign.folder.url.appendingPathComponent("chromium-profile")
        let blank = try campaign.folder.write("blank.html", "<!DOCTYPE html><html><body></body></html>\n")
        var sizes: [Int] = []
        for (name, file) in [("page", page.path), ("blank", blank)] {
            let png = campaign.folder.url.appendingPathComponent("\(name).png")
            let outcome = try Chromium.run(["--screenshot=\(png.path)", "--window-size=1240,1754", "file://\(file)"], profile: profile)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let bytes = [UInt8](try Data(contentsOf: png))
            #expect(bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            // IHDR: width and height, big-endian, after the signature and the chunk's length and name.
            func number(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
            #expect(bytes.count > 24 && number(16) == 1240 && number(20) == 1754)
            sizes.append(bytes.count)
        }
        // Text and a chart compress to far more than an empty page does.
        #expect(sizes[0] > 3 * sizes[1], "page \(sizes[0]) bytes, blank \(sizes[1]) bytes")

        let pdf = campaign.folder.url.appendingPathComponent("page.pdf")
        let printed = try Chromium.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", "file://\(page.path)"], profile: profile)
        #expect(printed.status == 0, "\(printed.stderr)")
        let document = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        #expect(document.hasPrefix("%PDF-"))
        // @page sets A4 (595 × 842 points); Chromium's own default is US Letter.
        let sheets = document.matches(of: /MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]/)
        #expect(!sheets.isEmpty)
        #expect(sheets.allSatisfy { abs(Double($0.1)! - 595.3) < 1 && abs(Double($0.2)! - 841.9) < 1 })
        #expect(document.matches(of: /\/Type\s*\/Page[^s]/).count >= 2)
    }

    @Test("The weekly report mailed on Monday carries the page as an attachment, the same bytes report progress --format html prints")
    func weeklyMailAttachment() throws {
        let campaign = try Self.campaign()
        try campaign.run(["run-due", "--now", Self.monday])
        let page = try campaign.run(["report", "progress", "--format", "html"]).stdout
        let folder = campaign.folder.url.appendingPathComponent("maildir/new")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).map { folder.appendingPathComponent($0).path }
        let reports = try files.compactMap { file -> [String: Any]? in
            let message =
                try Python.json(
                    """
                    import base64, email, email.policy, json, sys
                    message = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
                    legacy = email.message_from_binary_file(open(sys.argv[1], 'rb'))
                    print(json.dumps({
                        'notice': str(message['X-Zhengdun-Notice']), 'to': str(message['To']), 'type': message.get_content_type(),
                        'text': message.get_body(('plain',)) is not None, 'html': message.get_body(('html',)) is not None,
                        'body': message.get_body(('plain',)).get_content(),
                        'attachments': [{'filename': part.get_filename(), 'type': part.get_content_type(),
                                         'content': base64.b64encode(part.get_payload(decode=True)).decode()} for part in message.iter_attachments()],
                        'legacy_filenames': [part.get_filename() for part in legacy.walk() if part.get_content_disposition() == 'attachment'],
                    }, ensure_ascii=False))
                    """, [file]) as! [String: Any]
            return (message["notice"] as? String)?.hasPrefix("progress.") == true ? message : nil
        }
        // The event log's head, kept outside the database by everyone who keeps the report.
        let head = (try campaign.json(["audit", "verify"]) as! [String: Any])["head"] as! [String: Any]
        let anchor = "\(head["event"] as! Int):\(head["hash"] as! String)"
        #expect(reports.allSatisfy { ($0["body"] as! String).contains("日志校验点：\(anchor)\r\n") })
        #expect(page.contains("日志校验点 <code>\(anchor)</code>"))
        // To the office director and the group leader, each holding both plans' roles.
        #expect(reports.map { $0["to"] as! String }.sorted() == ["孙八 <sun-ba@town.example.cn>", "赵六 <zhao-liu@town.example.cn>"])
        for report in reports {
            #expect(report["type"] as? String == "multipart/mixed")
            #expect(report["text"] as? Bool == true && report["html"] as? Bool == true)
            let attachments = report["attachments"] as! [[String: Any]]
            #expect(attachments.count == 1)
            #expect(attachments.first?["filename"] as? String == "整顿工作进展报告-2026-03-09.html")
            #expect(attachments.first?["type"] as? String == "text/html")
            #expect(attachments.first.flatMap { Data(base64Encoded: $0["content"] as! String) } == Data(page.utf8))
            // A reader that knows nothing of RFC 2231 gets the plain name.
            #expect(report["legacy_filenames"] as? [String] == ["progress-report-2026-03-09.html"])
        }
    }
}

/// Headless Chromium, when it is installed.
enum Chromium {
    /// The first chromium on the PATH, or the one `ZHENGDUN_TEST_CHROMIUM` names (`none`: none).
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["ZHENGDUN_TEST_CHROMIUM"], !named.isEmpty {
            return FileManager.default.isExecutableFile(atPath: named) ? named : nil
        }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").flatMap { ["\($0)/chromium", "\($0)/chromium-browser"] }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs it headless (as root it needs --no-sandbox) with its own profile, for at most two minutes.
    static func run(_ arguments: [String], profile: URL) throws -> CLI.Outcome {
        try CLI.run(
            ["timeout", "120", path!, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)"] + arguments,
            executable: URL(fileURLWithPath: "/usr/bin/timeout"))
    }
}
