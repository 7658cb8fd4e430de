import Foundation
import Testing

@Suite("zhengdun workflow check|show, run as a process", .tags(.endToEnd))
struct WorkflowCommandTests {
    static let minimal = """
        workflow: minimal
        title: 最小流程
        roles:
          secretary: {title: 党支部书记}
          office_director: {title: 办公室主任}
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
              - key: hear-opinions
                title: 听取党员和群众意见
                responsible: secretary
                verifier: office_director
                deadline: 5wd

        """

    @Test("check on the shipped workflow exits 0 and reports 3 phases, at least 25 tasks and 9 roles")
    func checkShipped() throws {
        let outcome = try CLI.run(["workflow", "check", CLI.shippedWorkflow])
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        #expect(outcome.stdout.contains("phases     3"))
        #expect(
            outcome.stdout.contains(
                "roles      9: secretary, resident_cadre, org_office, office_director, group_leader, work_team, leading_group, contact_leader, two_committees"
            ))
        let tasks = outcome.stdout.split(separator: "\n").first { $0.hasPrefix("  tasks") }.flatMap { Int($0.split(separator: " ").last!) }
        #expect((tasks ?? 0) >= 25)
        #expect(outcome.stdout.contains("calendar   cn: 2025, 2026"))
        // The work that recurs, the standing duty and the look back after acceptance.
        #expect(outcome.stdout.contains("recurring  6"))
        #expect(outcome.stdout.contains("duties     随机检查督导"))
        #expect(outcome.stdout.contains("look back  回头看: 6 months after the acceptance, 3 tasks, 20wd"))
    }

    @Test("check --json gives the summary as data")
    func checkJSON() throws {
        let outcome = try CLI.run(["workflow", "check", "--json", CLI.shippedWorkflow])
        #expect(outcome.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        #expect(summary["valid"] as? Bool == true)
        #expect((summary["phases"] as? [[String: Any]])?.map { $0["key"] as? String } == ["survey", "rectification", "consolidation"])
        #expect((summary["roles"] as? [String])?.count == 9)
        #expect((summary["tasks"] as? Int ?? 0) >= 25)
        #expect(summary["calendar_years"] as? [Int] == [2025, 2026])
        #expect(
            summary["recurring"] as? [String] == [
                "resident-cadre-report", "branch-committee-meeting", "party-group-meeting", "members-assembly", "party-lesson",
                "inspect-resident-cadres",
            ])
        #expect(summary["duties"] as? [String] == ["随机检查督导"])
        #expect((summary["look_back"] as? [String: Any])?["key"] as? String == "look-back")
    }

    @Test(
        "check refuses, at file:line:column, a recurring task that could never fall due within its phase, one that could recur more often than max_occurrences allows, a count of 0, and a due day some period lacks"
    )
    func checkRecurrence() throws {
        let folder = try TemporaryFolder()
        let recurring = """
                  - key: meetings
                    title: 召开支委会
                    responsible: secretary
                    verifier: office_director
                    every: quarter
                    due: 5th working day
                    until: phase
                  - key: weekly
                    title: 每周报告
                    responsible: secretary
                    verifier: office_director
                    every: week
                    due: last working day
                    until: phase
                  - key: counted
                    title: 谈心谈话
                    responsible: secretary
                    verifier: office_director
                    every: month
                    due: 25th working day
                    until: 0

            """
        let text = Self.minimal.replacingOccurrences(of: "workflow: minimal\n", with: "workflow: minimal\nmax_occurrences: 1\n") + recurring
        let file = try folder.write("recurring.yaml", text)
        let outcome = try CLI.run(["workflow", "check", file])
        #expect(outcome.status == 1)
        // The phase lasts 10 working days: a quarter may never fall due in it; a week may twice or
        // more; a month has no certain 25th working day; none at all is no series.
        #expect(
            outcome.stderrLines.filter { !$0.contains(": warning: ") } == [
                "\(file):31:16: 'meetings' may never fall due within 10wd as planned: a shorter period, or until: campaign, gives it time",
                "\(file):38:16: 'weekly' may recur 2 times, more than the 1 this workflow allows (max_occurrences)",
                "\(file):44:14: a month may have fewer than 25 working days; name at most the 20th, or the last working day",
                "\(file): 3 errors",
            ], "\(outcome.stderr)")
        // Within bounds, the same series pass.
        let fits = text.replacingOccurrences(of: "max_occurrences: 1", with: "max_occurrences: 60")
            .replacingOccurrences(of: "every: quarter", with: "every: week")
            .replacingOccurrences(of: "due: 25th working day", with: "due: 20th working day").replacingOccurrences(
                of: "until: 0", with: "until: 2")
        let fine = try CLI.run(["workflow", "check", try folder.write("fits.yaml", fits)])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    @Test("check lists every problem of a broken file as file:line:column: message and exits 1")
    func checkBroken() throws {
        let folder = try TemporaryFolder()
        var text = Self.minimal
        text = text.replacingOccurrences(of: "    length: 10wd\n", with: "    length: ten days\n")
        text = text.replacingOccurrences(
            of: "        responsible: secretary\n", with: "        responsible: secretray\n        colour: red\n")
        text = text.replacingOccurrences(of: "        deadline: 5wd\n", with: "        deadline: 5wd\n        deadline: 6wd\n")
        let file = try folder.write("broken.yaml", text)
        let outcome = try CLI.run(["workflow", "check", file])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "")
        let lines = outcome.stderrLines.filter { !$0.contains(": warning: ") }
        #expect(
            lines == [
                "\(file):16:13: length: 'ten days' is not a length of time; expected a whole number followed by wd (working days), d, h or m, as in 10wd",
                "\(file):21:22: unknown role 'secretray'; declared roles: secretary, office_director",
                "\(file):22:9: unknown key 'colour' in a task; expected one of: key, title, description, measure, source, responsible, assisting, verifier, deadline, required, depends_on, evidence, produces, scope, waits_for_villages, every, due, until",
                "\(file):25:9: duplicate key 'deadline' in a task (first at line 24)",
                "\(file): 4 errors",
            ])
    }

    @Test("A workflow without a calendar is accepted with a warning that days are counted Monday to Friday")
    func noCalendarWarns() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("w.yaml", Self.minimal)
        let outcome = try CLI.run(["workflow", "check", file])
        #expect(outcome.status == 0)
        #expect(
            outcome.stderr.contains(
                "\(file):1:1: warning: the workflow names no calendar; working days are counted Monday to Friday without holidays\n"))
        #expect(outcome.stderr.contains("\(file):1:1: warning: no mail templates beside the workflow"))
        #expect(outcome.stdout.contains("mail      no templates"))
    }

    @Test("A calendar the workflow names but the folder lacks is an error at the line that names it")
    func missingCalendar() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("w.yaml", "calendar: cn\n" + Self.minimal)
        let outcome = try CLI.run(["workflow", "check", file])
        #expect(outcome.status == 1)
        #expect(outcome.stderrLines.first == "\(file):1:11: unknown calendar 'cn'; calendars beside this workflow: none")
    }

    @Test("A broken calendar file fails the check with its own file and line")
    func brokenCalendar() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("w.yaml", "calendar: cn\n" + Self.minimal)
        let calendar = try folder.write("calendars/cn.yaml", "calendar: cn\nyears:\n  2026:\n    off: [2026-02-30]\n")
        let outcome = try CLI.run(["workflow", "check", file])
        #expect(outcome.status == 1)
        #expect(outcome.stderrLines.first == "\(calendar):4:11: a day or range of days: '2026-02-30' is not a day of the calendar")
    }

    @Test("show prints phases with their tasks, roles and deadline rules; --start adds the baseline dates")
    func show() throws {
        let outcome = try CLI.run(["workflow", "show", CLI.shippedWorkflow, "--start", "2026-02-12"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Phase 1  survey  摸底准备阶段  20wd  2026-02-12 → 2026-03-18"))
        let row = outcome.stdout.split(separator: "\n").first { $0.contains("hear-opinions ") }.map(String.init) ?? ""
        for part in ["听取党员和群众意见", "resident_cadre (+secretary)", "office_director", "10wd", "2026-03-04 18:00", "yes"] {
            #expect(row.contains(part), "\(row)")
        }
        #expect(
            outcome.stdout.contains(
                "level 3: 7wd after the deadline → the person responsible, copied 3 steps up the chain of supervision, on the circular (通报)"
            ))
    }

    @Test("show aligns columns by display width, Chinese counting double")
    func showAlignment() throws {
        let outcome = try CLI.run(["workflow", "show", CLI.shippedWorkflow])
        let rows = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headers = rows.indices.filter { rows[$0].hasPrefix("  task ") }
        // The three phases and the look back.
        #expect(headers.count == 4)
        for header in headers {
            // Every task row of the phase starts its title where the header's "title" starts.
            let titleColumn = rows[header].displayColumn(of: "title")
            let taskRows = rows[(header + 1)...].prefix { !$0.isEmpty }
            #expect(taskRows.count >= 3)
            for row in taskRows {
                let key = row.split(separator: " ")[0]
                let spaces = row.dropFirst(2 + key.count).prefix { $0 == " " }.count
                #expect(2 + key.count + spaces == titleColumn, "\(row)")
                // The column after the title starts at the same display column in every row.
                let afterTitle = row.dropFirst(2 + key.count + spaces).drop { $0 != " " }
                let titleText = String(row.dropFirst(2 + key.count + spaces).prefix { $0 != " " })
                let gap = afterTitle.prefix { $0 == " " }.count
                #expect(titleColumn + titleText.displayWidth + gap == rows[header].displayColumn(of: "responsible"), "\(row)")
            }
        }
    }

    @Test("show --json gives the workflow in a stable shape, with the baseline when asked")
    func showJSON() throws {
        let outcome = try CLI.run(["workflow", "show", "--json", CLI.shippedWorkflow, "--start", "2026-02-12"])
        #expect(outcome.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        let workflow = try #require(document["workflow"] as? [String: Any])
        #expect(workflow["workflow"] as? String == "village-branch-rectification")
        let phases = try #require(workflow["phases"] as? [[String: Any]])
        let firstTask = try #require((phases[0]["tasks"] as? [[String: Any]])?.first)
        #expect(firstTask["key"] as? String == "set-up-organisation")
        #expect(firstTask["deadline"] as? String == "3wd")
        #expect(firstTask["responsible"] as? String == "org_office")
        #expect(firstTask["required"] as? Bool == true)
        #expect((phases[0]["gate"] as? [String: Any])?["signed_by"] as? [String] == ["office_director"])
        let escalation = try #require(workflow["escalation"] as? [[String: Any]])
        #expect(escalation.map { $0["after"] as? String } == ["0wd", "3wd", "7wd"])
        let schedule = try #require(document["schedule"] as? [String: Any])
        #expect(schedule["start"] as? String == "2026-02-12")
        #expect(schedule["years_without_data"] as? [Int] == [])
    }

    @Test(
        "A schedule reaching a year the calendar lacks is shown with a warning in the reader's language",
        arguments: [
            ("C.UTF-8", ": warning: the schedule: the working-day calendar has no data for 2027"),
            ("zh_CN.UTF-8", ": 警告：进度安排：工作日历没有 2027 年的数据"),
        ])
    func scheduleWarning(_ locale: String, _ expected: String) throws {
        let outcome = try CLI.run(["workflow", "show", CLI.shippedWorkflow, "--start", "2026-11-02"], environment: ["LANG": locale])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.hasPrefix(CLI.shippedWorkflow + expected), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }

    @Test(
        "Bad input gets one clear line and exit 1",
        arguments: [
            (["workflow", "check", "/nonexistent/w.yaml"], "zhengdun: cannot read /nonexistent/w.yaml: No such file or directory"),
            (["workflow", "show", "/tmp"], "zhengdun: cannot read /tmp: not a regular file"),
            (["workflow", "show", "SHIPPED", "--start", "2026-02-30"], "zhengdun: --start: '2026-02-30' is not a day of the calendar"),
            (["workflow", "show", "SHIPPED", "--timezone", "Mars/Olympus"], "zhengdun: --timezone: unknown timezone 'Mars/Olympus'"),
        ])
    func badInput(_ arguments: [String], _ message: String) throws {
        let outcome = try CLI.run(arguments.map { $0 == "SHIPPED" ? CLI.shippedWorkflow : $0 })
        #expect(outcome.status == 1)
        #expect(outcome.stderr == message + "\n")
        #expect(outcome.stdout == "")
    }

    @Test("A file that is not UTF-8 text is refused in one line at the line and column of its first bad byte")
    func notUTF8() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("w.yaml")
        try Data([0x77, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: file)
        let outcome = try CLI.run(["workflow", "check", file.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "zhengdun: \(file.path):1:4: not UTF-8 text: byte 0xFF at offset 3\n")
    }

    @Test(
        "Usage errors exit 2; help exits 0",
        arguments: [
            (["workflow", "check"], 2), (["frobnicate"], 2), (["workflow", "check", "a", "--colour"], 2),
            (["--help"], 0), (["workflow", "show", "--help"], 0),
        ] as [([String], Int32)])
    func usage(_ arguments: [String], _ status: Int32) throws {
        let outcome = try CLI.run(arguments)
        #expect(outcome.status == status, "\(outcome.stderr)")
    }
}

extension String {
    /// Terminal columns: East Asian wide characters take two (matches the tool's own rule for CJK).
    var displayWidth: Int {
        unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide = (0x3000...0x303E).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xFF00...0xFF60).contains(v)
            return width + (wide ? 2 : 1)
        }
    }

    func displayColumn(of word: String) -> Int {
        guard let range = range(of: word) else { return -1 }
        return String(self[..<range.lowerBound]).displayWidth
    }
}
