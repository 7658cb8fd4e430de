import Foundation
import Testing

/// An .ics file as Python's `icalendar` package (an independent parser) reads it, with the
/// raw bytes beside it.
struct ParsedCalendar {
    struct Event {
        var uid: String
        var sequence: Int
        var summary: String
        var description: String
        var tzid: String?
        /// DTSTART as ISO 8601 with its offset, as the parser resolved the TZID.
        var start: String
        /// Alarm triggers, as local times in Asia/Shanghai (`2026-03-02 18:00`).
        var alarms: [String]

        /// The task it stands for, from the `T12` its summary names.
        var task: String { String(summary.firstMatch(of: /T\d+/)!.output) }
    }

    var bytes: [UInt8]
    var properties: [String: String]
    /// Each VTIMEZONE's TZID with the offsets (seconds east of UTC) of its observances.
    var timezones: [String: [Int]]
    var events: [Event]

    init(_ file: String) throws {
        bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let parsed =
            try pythonJSON(
                """
                import icalendar, json, sys, zoneinfo
                shanghai = zoneinfo.ZoneInfo('Asia/Shanghai')
                calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
                properties = {key: str(calendar[key]) for key in ('PRODID', 'VERSION', 'CALSCALE', 'METHOD', 'X-WR-CALNAME') if key in calendar}
                timezones = {str(zone['TZID']): [int(part['TZOFFSETTO'].td.total_seconds()) for part in zone.subcomponents]
                             for zone in calendar.walk('VTIMEZONE')}
                events = [{'uid': str(event['UID']), 'sequence': int(event['SEQUENCE']), 'summary': str(event['SUMMARY']),
                           'description': str(event['DESCRIPTION']), 'tzid': event['DTSTART'].params.get('TZID'),
                           'start': event['DTSTART'].dt.isoformat(),
                           'alarms': [alarm['TRIGGER'].dt.astimezone(shanghai).strftime('%Y-%m-%d %H:%M') for alarm in event.walk('VALARM')]}
                          for event in calendar.walk('VEVENT')]
                json.dump({'properties': properties, 'timezones': timezones, 'events': events}, sys.stdout, ensure_ascii=False)
                """, file) as! [String: Any]
        properties = parsed["properties"] as! [String: String]
        timezones = parsed["timezones"] as! [String: [Int]]
        events = (parsed["events"] as! [[String: Any]]).map { event in
            Event(
                uid: event["uid"] as! String, sequence: event["sequence"] as! Int, summary: event["summary"] as! String,
                description: event["description"] as! String, tzid: event["tzid"] as? String, start: event["start"] as! String,
                alarms: event["alarms"] as! [String])
        }
    }

    func event(_ task: String) -> Event? { events.first { $0.task == task } }

    /// The physical lines, split at CRLF.
    var lines: [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices.dropLast() where bytes[index] == 13 && bytes[index + 1] == 10 {
            lines.append(bytes[start..<index])
            start = index + 2
        }
        return lines
    }
}

@Suite("calendar export: task deadlines as iCalendar through the real binary", .serialized, .tags(.endToEnd))
struct CalendarExportTests {
    /// A long finding with the characters TEXT values escape; the rectification it orders is
    /// titled after its first 40 characters.
    static let finding = "“三会一课”记录不全; 组织生活会未按要求召开, 党员发展程序不规范\\村务公开栏长期未更新，群众意见较大，需限期整改到位\n附：督查记录表"

    /// A launched campaign, its clock at launch: Monday 2 March 2026, 09:00.
    static func launched() throws -> Campaign {
        var campaign = try Campaign()
        try campaign.launchPlan()
        return campaign
    }

    static func export(_ campaign: Campaign, _ arguments: [String], to name: String) throws -> ParsedCalendar {
        let file = campaign.folder.url.appendingPathComponent(name).path
        try campaign.run(["calendar", "export"] + arguments + ["--output", file])
        return try ParsedCalendar(file)
    }

    /// How many working days before a deadline the workflow's reminders (催办) fall.
    static func reminderDays(_ campaign: Campaign) throws -> [Int] {
        let shown = try campaign.json(["workflow", "show", CLI.shippedWorkflow]) as! [String: Any]
        let policy = ((shown["workflow"] as! [String: Any])["reminders"] as! [String: Any])["before_deadline"] as! [[String: Any]]
        return policy.map { reminder in
            let before = reminder["before"] as! String
            #expect(before.hasSuffix("wd"))
            return Int(before.dropLast(2))!
        }
    }

    /// The local instants those reminders go out at before `deadline`, counted on the tests' own
    /// working-day calendar and moved into office hours (the default send window), those after
    /// `now` only.
    static func reminders(_ days: [Int], before deadline: String, after now: String) -> [String] {
        days.map { WorkingDays2026.officeHours("\(WorkingDays2026.adding(-$0, to: localDay(deadline))) \(localTime(deadline))") }
            .filter { $0 > now }.sorted()
    }

    @Test(
        "One event per task at its deadline, 18:00 Asia/Shanghai with a VTIMEZONE, and an alarm for every reminder still to come",
        needs(
            Python.has("icalendar"),
            "python3 has no icalendar, the independent reader of the .ics files (apt-get install python3-icalendar)"))
    func eventsAndAlarms() throws {
        let campaign = try Self.launched()
        let calendar = try Self.export(campaign, ["--plan", "P1"], to: "P1.ics")
        #expect(calendar.properties["VERSION"] == "2.0")
        #expect(calendar.properties["CALSCALE"] == "GREGORIAN")
        #expect(calendar.properties["METHOD"] == "PUBLISH")
        #expect(calendar.properties["PRODID"]?.isEmpty == false)
        #expect(calendar.properties["X-WR-CALNAME"]?.contains("P1 XX村") == true)
        #expect(calendar.timezones == ["Asia/Shanghai": [8 * 3600]])

        let tasks = try campaign.tasks()
        let days = try Self.reminderDays(campaign)
        #expect(calendar.events.count == tasks.count)
        #expect(Set(calendar.events.map(\.uid)).count == tasks.count)
        for task in tasks {
            let label = "T\(task["id"] as! Int)"
            let deadline = task["deadline"] as! String
            guard let event = calendar.event(label) else { Issue.record("no event for \(label)"); continue }
            #expect(event.tzid == "Asia/Shanghai")
            #expect(event.start == deadline)
            #expect(localTime(event.start) == "18:00")
            #expect(event.sequence == 0)
            #expect(event.summary == "\(label) \(task["title"] as! String)（XX村）")
            #expect(event.alarms.sorted() == Self.reminders(days, before: deadline, after: "2026-03-02 09:00"))
        }
        #expect(calendar.events.contains { !$0.alarms.isEmpty })
    }

    @Test(
        "UIDs stay the same from one export to the next; an extension raises SEQUENCE and moves the event; verified work keeps its event without alarms; cancelled work leaves",
        needs(
            Python.has("icalendar"),
            "python3 has no icalendar, the independent reader of the .ics files (apt-get install python3-icalendar)"))
    func updates() throws {
        var campaign = try Self.launched()
        let before = try Self.export(campaign, ["--plan", "P1"], to: "before.ics")
        let tasks = Dictionary(uniqueKeysWithValues: try campaign.tasks().map { ($0["key"] as! String, "T\($0["id"] as! Int)") })

        campaign.environment["ZHENGDUN_NOW"] = "2026-03-03 10:00"
        try campaign.run(["task", "ack", tasks["unify-thinking"]!], as: "li-si")
        try campaign.run(["task", "submit", tasks["unify-thinking"]!, "--note", "已组织学习"], as: "li-si")
        try campaign.run(["task", "verify", tasks["unify-thinking"]!], as: "zhao-liu")
        try campaign.run(["task", "extend", tasks["draft-implementation-plan"]!, "--by", "3wd", "--reason", "等待县委组织部意见"], as: "zhao-liu")
        try campaign.run(["task", "cancel", tasks["deployment-meeting"]!, "--reason", "与镇级会议合并召开"], as: "zhao-liu")
        let after = try Self.export(campaign, ["--plan", "P1"], to: "after.ics")
        let again = try Self.export(campaign, ["--plan", "P1"], to: "again.ics")
        #expect(again.bytes == after.bytes)

        #expect(after.event(tasks["deployment-meeting"]!) == nil)
        #expect(after.events.count == before.events.count - 1)
        for event in after.events {
            #expect(before.event(event.task)?.uid == event.uid, "\(event.task)")
        }
        let extended = try #require(after.event(tasks["draft-implementation-plan"]!))
        let original = try #require(before.event(tasks["draft-implementation-plan"]!))
        #expect(extended.sequence == original.sequence + 1)
        let shown = try campaign.json(["task", "show", tasks["draft-implementation-plan"]!]) as! [String: Any]
        #expect(extended.start == shown["deadline"] as? String)
        #expect(extended.start > original.start)
        #expect(after.events.filter { $0.sequence > 0 }.map(\.task) == [tasks["draft-implementation-plan"]!])

        let verified = try #require(after.event(tasks["unify-thinking"]!))
        #expect(verified.alarms.isEmpty)
        #expect(verified.summary.hasPrefix("【已验收销号】"))
        // The rest still wait on their assignees: alarms for the reminders not yet past, the
        // extended task's counted back from its new deadline.
        let days = try Self.reminderDays(campaign)
        for event in after.events where event.task != verified.task {
            #expect(event.alarms.sorted() == Self.reminders(days, before: event.start, after: "2026-03-03 10:00"), "\(event.task)")
        }
        #expect(after.events.contains { $0.alarms.count < days.count && $0.task != verified.task }, "no reminder has passed yet")
    }

    @Test(
        "A long Chinese summary and description are folded at 75 octets without splitting a character, and read back whole, escapes undone",
        needs(
            Python.has("icalendar"),
            "python3 has no icalendar, the independent reader of the .ics files (apt-get install python3-icalendar)"))
    func folding() throws {
        let campaign = try Self.launched()
        let inspection =
            try campaign.json(
                [
                    "inspect", "P1", "--finding", Self.finding, "--order-rectification", "--assign", "secretary",
                    "--due", "5wd",
                ], as: "zhou-jiu") as! [String: Any]
        let ordered = inspection["ordered"] as! [String: Any]
        let calendar = try Self.export(campaign, ["--person", "li-si"], to: "li-si.ics")

        let lines = calendar.lines
        #expect(!lines.isEmpty)
        #expect(calendar.bytes.suffix(2) == [13, 10])
        #expect(calendar.bytes.filter { $0 == 10 }.count == lines.count, "a line ends without CR")
        for line in lines {
            #expect(line.count <= 75, "\(line.count) octets: \(String(decoding: line, as: UTF8.self))")
            #expect(String(bytes: line, encoding: .utf8) != nil, "a line splits a UTF-8 sequence")
        }
        let event = try #require(calendar.event("T\(ordered["id"] as! Int)"))
        let summary = "T\(ordered["id"] as! Int) \(ordered["title"] as! String)（XX村）"
        #expect(summary.utf8.count > 75)
        #expect(event.summary == summary)
        #expect(event.description.hasPrefix(Self.finding + "\n"))
        // As written: semicolons, commas and backslashes escaped, the line break as \n.
        let unfolded = String(decoding: calendar.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
        let escaped = Self.finding.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
        #expect(unfolded.contains("\r\nDESCRIPTION:" + escaped + "\\n"))
        #expect(lines.contains { $0.first == 32 }, "nothing was folded")
    }

    @Test(
        "In a zone with summer time the times are written in UTC, without a VTIMEZONE, and stay right across the change",
        needs(
            Python.has("icalendar"),
            "python3 has no icalendar, the independent reader of the .ics files (apt-get install python3-icalendar)"))
    func zoneWithSummerTime() throws {
        var campaign = try Campaign()
        campaign.environment["ZHENGDUN_CONFIG"] = try campaign.folder.write("berlin.yaml", "timezone: Europe/Berlin\n")
        try campaign.launchPlan()
        let calendar = try Self.export(campaign, ["--plan", "P1"], to: "berlin.ics")
        #expect(calendar.timezones.isEmpty)
        let tasks = try campaign.tasks()
        // Europe moves its clocks on 29 March 2026: deadlines fall on both sides of it.
        #expect(Set(tasks.map { ($0["deadline"] as! String).suffix(6) }) == ["+01:00", "+02:00"])
        let iso = ISO8601DateFormatter()
        for task in tasks {
            let event = try #require(calendar.event("T\(task["id"] as! Int)"))
            #expect(event.tzid == nil)
            #expect(event.start.hasSuffix("+00:00"))
            #expect(iso.date(from: event.start) == iso.date(from: task["deadline"] as! String))
        }
    }

    @Test(
        "--person: that person's tasks in every plan",
        needs(
            Python.has("icalendar"),
            "python3 has no icalendar, the independent reader of the .ics files (apt-get install python3-icalendar)"))
    func person() throws {
        let campaign = try Self.launched()
        let calendar = try Self.export(campaign, ["--person", "li-si"], to: "li-si.ics")
        let own = (try campaign.json(["task", "list"]) as! [[String: Any]]).filter { $0["assignee"] as? String == "li-si" }
        #expect(!own.isEmpty)
        #expect(Set(calendar.events.map(\.task)) == Set(own.map { "T\($0["id"] as! Int)" }))
        #expect(calendar.properties["X-WR-CALNAME"]?.contains("李四") == true)
    }

    @Test(
        "Without exactly one of --person, --plan and --campaign, or naming no one, the export is refused in one line, exit 1",
        arguments: [
            ([], "zhengdun: calendar export takes exactly one of --person PERSON, --plan PLAN and --campaign CAMPAIGN"),
            (
                ["--person", "li-si", "--plan", "P1"],
                "zhengdun: calendar export takes exactly one of --person PERSON, --plan PLAN and --campaign CAMPAIGN"
            ),
            (["--person", "nobody"], "zhengdun: there is no person 'nobody'"),
            (["--plan", "P9"], "zhengdun: there is no plan P9"),
        ] as [([String], String)])
    func refused(_ arguments: [String], _ message: String) throws {
        let campaign = try Self.launched()
        let file = campaign.folder.url.appendingPathComponent("refused.ics").path
        let outcome = try campaign.run(["calendar", "export"] + arguments + ["--output", file], status: 1)
        #expect(outcome.stderr == message + "\n")
        #expect(outcome.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test("calendar export and report ledger answer the same through the daemon's socket as on its database directly")
    func throughTheDaemon() throws {
        let daemon = try DaemonUnderTest()
        var campaign = try Campaign()
        campaign.environment["ZHENGDUN_DB"] = daemon.database
        // On the real clock, so that nothing falls due while the two answers are compared.
        try campaign.createPlan()
        try campaign.run(["plan", "advance", "P1"], as: "qian-qi")
        try daemon.start()
        for command in [
            ["calendar", "export", "--plan", "P1"], ["calendar", "export", "--person", "li-si"],
            ["report", "ledger", "--format", "csv"], ["report", "ledger", "--format", "json", "--person", "nobody"],
        ] {
            let direct = try CLI.run(
                command + ["--db", daemon.database, "--config", daemon.configuration], environment: ["LANG": "C.UTF-8"])
            let socket = try CLI.run(
                command + ["--socket", daemon.socket, "--config", daemon.configuration], environment: ["LANG": "C.UTF-8"])
            // DTSTAMP is the moment of each export.
            func stable(_ text: String) -> String { text.replacing(/DTSTAMP:\d{8}T\d{6}Z\r\n/, with: "") }
            #expect(socket.status == direct.status, "\(command)")
            #expect(stable(socket.stdout) == stable(direct.stdout), "\(command)")
            #expect(socket.stderr == direct.stderr, "\(command)")
            #expect(!direct.stdout.isEmpty || !direct.stderr.isEmpty)
        }
    }
}
