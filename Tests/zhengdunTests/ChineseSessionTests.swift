import Foundation
import Testing

/// A township office's session in a Chinese locale (`LANG=zh_CN.UTF-8`, no `--lang`): every
/// command of the command line, every report in every format, a few refusals and the demo, run
/// through the real binary. What a person reads must be Chinese in the office's words: no
/// workflow key (role, phase, task, rule, state), no English word, no ISO date or time. JSON,
/// CSV and iCalendar are for programs and exempt. argument-parser's own help scaffolding
/// (`USAGE:`, `OPTIONS:`, `-h, --help`, "See 'zhengdun help …'", its usage errors) is not ours
/// to translate and is left out, so the session's refusals are zhengdun's own; the texts we give
/// argument-parser (abstracts, option help) are checked. The mail the demo sends is another
/// engineer's and read elsewhere; here the demo's narration is read.
@Suite("A whole session in zh_CN.UTF-8 reads as Chinese", .serialized, .tags(.endToEnd))
struct ChineseSessionTests {
    @Test(
        "Every command, report format and refusal, and the demo's narration, in Chinese: no role, phase, task, rule or state key, no English word, no ISO date outside JSON, CSV and iCalendar"
    )
    func sessionReadsAsChinese() throws {
        var session = try ChineseSession()
        try session.play()
        let checker = try ChineseTextChecker(session: session)
        let offences = session.transcript.flatMap { checker.offences(in: $0) }
        // Each offending line with the command that printed it, so a failure says where to look.
        #expect(offences.isEmpty, "\(offences.count) lines are not Chinese:\n\(offences.joined(separator: "\n"))")
        // The session did read something in each form it checks: the check cannot pass empty.
        #expect(session.transcript.filter { $0.reading != .exempt }.count > 60)
        #expect(session.transcript.contains { $0.reading == .html && $0.output.contains("进度图") })
        #expect(session.transcript.contains { $0.arguments.first == "demo" && $0.output.contains("验收通过") })
    }

    @Test("The checker catches what it is for: a role key, an English word, an ISO date, a rule key, each reported with its command")
    func checkerCatches() throws {
        let checker = ChineseTextChecker(
            keys: ["secretary": "role key", "required-tasks-verified": "rule key", "acknowledged": "state key"], names: ["li-si"])
        let printed = """
            只有secretary可以签收
            办结时限 2026-03-05 18:00
            截至 T18:00
            转段条件：required-tasks-verified
            状态 acknowledged
            the deadline
            责任人李四（li-si），办结时限3月5日（星期四）18:00；zhengdun task ack T3 --note 已学习；见 /tmp/报告.md
            """
        let offences = checker.offences(in: .init(arguments: ["task", "show", "T3"], output: printed, reading: .text))
        #expect(offences.count == 6, "\(offences)")
        #expect(offences.allSatisfy { $0.hasPrefix("zhengdun task show T3: ") })
        #expect(offences[0].contains("secretary") && offences[0].contains("role key"))
        #expect(offences[1].contains("ISO"))
        #expect(offences[5].contains("the") && offences[5].contains("deadline"))
    }
}

/// The commands of the session, in order, with what each printed.
struct ChineseSession {
    /// How a command's output is read: text, the visible text of an HTML page, `--help` (whose
    /// scaffolding is argument-parser's), or not at all (JSON, CSV, iCalendar).
    enum Reading { case text, html, help, exempt }

    struct Entry {
        var arguments: [String]
        var output: String
        var reading: Reading
    }

    var campaign: Campaign
    var transcript: [Entry] = []

    init() throws {
        campaign = try Campaign(language: "zh_CN.UTF-8")
        // A sendmail that takes every message, so doctor has a program to find.
        let sendmail = try campaign.folder.write("sendmail", "#!/bin/sh\ncat >/dev/null\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sendmail)
        campaign.environment["ZHENGDUN_CONFIG"] = try campaign.folder.write(
            "zhengdun.yaml",
            """
            mail:
              from: "镇组织办 <zzb@town.example.cn>"
              sendmail: [\(sendmail), -t, -oi]
            """)
    }

    /// Runs one command as `person`, expecting `status`, and keeps what it printed.
    mutating func run(
        _ arguments: [String], as person: String? = nil, status: Int32 = 0, reading: Reading = .text,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let outcome = try campaign.run(arguments, as: person, status: status, sourceLocation: sourceLocation)
        transcript.append(
            Entry(arguments: arguments + (person.map { ["--as", $0] } ?? []), output: outcome.stdout + outcome.stderr, reading: reading))
    }

    mutating func at(_ time: String) { campaign.environment["ZHENGDUN_NOW"] = time }

    /// Every command and command group, as `zhengdun --help` and its groups list them.
    static let commands: [[String]] =
        [[], ["workflow"], ["person"], ["campaign"], ["plan"], ["task"], ["audit"], ["outbox"], ["report"], ["calendar"], ["reply-keys"]]
        + [["accountability"]]
        + [
            "workflow check", "workflow show", "person add", "person list", "plan create", "plan list", "plan show",
            "plan advance", "plan cancel", "task list", "task show", "task ack", "task submit", "task verify", "task return",
            "task reassign", "task extend", "task cancel", "inspect", "log", "audit verify", "run-due", "outbox list",
            "outbox retry", "report progress", "report circular", "report ledger", "calendar export", "mail-in", "reply-keys rotate",
            "reply-keys list", "doctor", "demo", "campaign create", "campaign list", "campaign show", "campaign advance",
            "report ranking", "accountability add", "accountability list",
        ].map { $0.split(separator: " ").map(String.init) }

    /// The session: a plan launched on Monday 2 March 2026, worked, refused, inspected, left to
    /// run late, reported on, its gate overridden, and the demo.
    mutating func play() throws {
        let workflow = CLI.shippedWorkflow
        at("2026-03-02 09:00")
        for help in Self.commands {
            try run(help + ["--help"], reading: .help)
        }
        try run(["workflow", "check", workflow])
        try run(["workflow", "show", workflow])
        try run(["workflow", "show", workflow, "--json"], reading: .exempt)
        for person in Campaign.people {
            try run(["person", "add", person.id, "--name", person.name, "--email", "\(person.id)@town.example.cn"])
        }
        // Refused: the id is taken.
        try run(["person", "add", "li-si", "--name", "李四", "--email", "li-si@town.example.cn"], status: 1)
        try run(["person", "list"])
        try run(
            [
                "plan", "create", "--workflow", workflow, "--village", "XX村", "--start", "2026-03-02", "--households", "320",
                "--population", "1150", "--party-members", "31", "--income", "8600", "--income-year", "2025",
                "--problem", "weak-collective-economy=村集体无经营性收入", "--problem", "parochialism=大房头排挤小房头",
            ] + Campaign.people.flatMap { ["--assign", "\($0.role)=\($0.id)"] })
        try run(["plan", "list"])
        try run(["plan", "show", "P1"])
        // Refused: only the office or its director may launch a plan.
        try run(["plan", "advance", "P1"], as: "li-si", status: 1)
        try run(["plan", "advance", "P1"], as: "qian-qi")
        try run(["task", "list", "--plan", "P1"])
        try run(["task", "show", "T3"])

        at("2026-03-03 10:00")
        try run(["task", "ack", "T3"], as: "li-si")
        let evidence = try campaign.folder.write("签到表.txt", "李四 王五\n")
        try run(["task", "submit", "T3", "--note", "已组织学习", "--evidence", evidence], as: "li-si")
        // Refused: the person who reported it cannot accept it, nor is it theirs to verify.
        try run(["task", "verify", "T3"], as: "li-si", status: 1)
        // Refused: not hers to acknowledge; not yet acknowledged, so not to be reported done.
        try run(["task", "ack", "T1"], as: "li-si", status: 1)
        try run(["task", "submit", "T5", "--note", "已摸底"], as: "wang-wu", status: 1)
        // Refused: bad input.
        try run(["task", "ack", "T99"], as: "li-si", status: 1)
        try run(["task", "list", "--state", "done"], status: 1)
        try run(["task", "return", "T3", "--reason", "缺少签到表", "--due", "下周"], as: "zhao-liu", status: 1)
        try run(["task", "return", "T3", "--reason", "缺少党员学习签到表", "--due", "3wd"], as: "zhao-liu")
        try run(["task", "submit", "T3", "--note", "已补齐签到表"], as: "li-si")
        try run(["task", "verify", "T3", "--note", "验收合格"], as: "zhao-liu")
        try run(["task", "show", "T3"])
        try run(["task", "reassign", "T2", "--to", "wang-wu", "--reason", "住点干部已到村"], as: "zhao-liu")
        try run(["task", "extend", "T4", "--by", "5wd", "--reason", "村委换届，会议顺延"], as: "zhao-liu")
        // Refused: only the office director extends a deadline.
        try run(["task", "extend", "T5", "--by", "5wd", "--reason", "来不及"], as: "li-si", status: 1)
        try run(
            [
                "inspect", "P1", "--finding", "“三会一课”会议记录不全", "--order-rectification", "--assign", "secretary", "--due", "5wd",
                "--title", "补齐会议记录",
            ], as: "zhou-jiu")
        // Refused: a branch secretary does not inspect.
        try run(["inspect", "P1", "--finding", "无"], as: "li-si", status: 1)

        try run(["run-due", "--now", "2026-03-12 10:00", "--no-send"])
        try run(["run-due", "--now", "2026-03-13 10:00", "--dry-run"])
        at("2026-03-13 10:00")
        try run(["task", "list", "--overdue"])
        try run(["task", "show", "T1"])
        try run(["log", "P1"])
        // The people the plan binds are named by their names: T2 was reassigned by 赵六 to 王五.
        let log = transcript.last!.output.split(separator: "\n").first { $0.contains("改派") && $0.contains("T2") } ?? ""
        #expect(log.contains("赵六") && log.contains("现：王五"), "\(log)")
        try run(["log", "T3"])
        try run(["audit", "verify"])
        try run(["doctor"])
        try run(["calendar", "export", "--plan", "P1"], reading: .exempt)
        try run(["outbox", "list"])
        // Refused: no such message.
        try run(["outbox", "retry", "999"], status: 1)
        // The queued mail goes out through the sendmail above; the sent messages are listed.
        try run(["run-due", "--now", "2026-03-13 10:00"])
        try run(["outbox", "list", "--state", "sent"])
        for format in ["text", "md"] {
            try run(["report", "progress", "--format", format])
            try run(["report", "circular", "--format", format])
        }
        try run(["report", "progress", "--format", "html"], reading: .html)
        try run(["report", "progress", "--format", "json"], reading: .exempt)
        try run(["report", "circular", "--format", "json"], reading: .exempt)
        try run(["report", "ledger"])
        try run(["report", "ledger", "--format", "md", "--overdue"])
        try run(["report", "ledger", "--format", "csv"], reading: .exempt)
        try run(["report", "ledger", "--format", "json"], reading: .exempt)

        // Refused: the gate is not met; then the director overrides it with a reason.
        try run(["plan", "advance", "P1"], as: "zhao-liu", status: 1)
        try run(["plan", "advance", "P1", "--override", "--reason", "试点村提前进入集中整改"], as: "zhao-liu")
        try run(["plan", "show", "P1"])
        // Refused: a secretary cannot cancel a plan.
        try run(["plan", "cancel", "P1", "--reason", "不想干了"], as: "li-si", status: 1)
        // A second plan, launched, then cancelled by the director: its tasks stop with the reason.
        try run(
            ["plan", "create", "--workflow", workflow, "--village", "YY村", "--start", "2026-03-16"]
                + Campaign.people.flatMap { ["--assign", "\($0.role)=\($0.id)"] })
        try run(["plan", "advance", "P2"], as: "qian-qi")
        try run(["plan", "cancel", "P2", "--reason", "与XX村合并整顿"], as: "zhao-liu")
        try run(["task", "list", "--plan", "P2", "--state", "cancelled"])
        try run(["log", "P2"])
        try run(["plan", "list"])

        // A campaign of two villages: the township's work done once (C3, its own plan P3).
        let township = Campaign.people.filter { ["org_office", "office_director", "group_leader", "work_team"].contains($0.role) }
        try run(
            ["campaign", "create", "--workflow", workflow, "--title", "XX镇2026年软弱涣散村党组织整顿", "--start", "2026-03-16"]
                + township.flatMap { ["--assign", "\($0.role)=\($0.id)"] } + [
                    "--assign", "leading_group=sun-ba", "--assign", "leading_group=zhou-jiu",
                ])
        for village in ["甲村", "乙村"] {
            try run([
                "plan", "create", "--workflow", workflow, "--campaign", "C3", "--village", village, "--start", "2026-03-16", "--assign",
                "secretary=li-si", "--assign", "resident_cadre=wang-wu", "--assign", "two_committees=li-si", "--assign",
                "two_committees=qian-qi",
            ])
        }
        at("2026-03-16 09:00")
        try run(["campaign", "advance", "C3"], as: "qian-qi")
        try run(["plan", "advance", "P4"], as: "qian-qi")
        try run(["campaign", "list"])
        try run(["campaign", "show", "C3"])
        try run(["plan", "show", "P4"])
        // Refused: a village plan cannot join under another workflow file, nor a campaign that is not there.
        try run(["campaign", "show", "C9"], status: 1)
        at("2026-03-30 10:00")
        try run(["report", "progress", "--campaign", "C3"])
        try run(["report", "ledger", "--campaign", "C3"])
        // Refused: only the office director records 问责.
        try run(["accountability", "add", "li-si", "--kind", "提醒谈话", "--reason", "整顿任务逾期未办", "--plan", "P4"], as: "qian-qi", status: 1)
        try run(["accountability", "add", "li-si", "--kind", "提醒谈话", "--reason", "整顿任务逾期未办", "--plan", "P4"], as: "zhao-liu")
        try run(["accountability", "list"])
        for format in ["text", "md"] {
            try run(["report", "ranking", "--campaign", "C3", "--format", format])
        }
        try run(["report", "ranking", "--format", "html"], reading: .html)
        try run(["report", "ranking", "--format", "csv"], reading: .exempt)
        try run(["report", "ranking", "--format", "json"], reading: .exempt)

        let outcome = try CLI.run(
            ["demo", "--folder", campaign.folder.url.appendingPathComponent("演示").path], environment: ["LANG": "zh_CN.UTF-8"],
            in: CLI.repository)
        #expect(outcome.status == 0, "zhengdun demo: \(outcome.stderr)")
        transcript.append(Entry(arguments: ["demo"], output: outcome.stdout + outcome.stderr, reading: .text))
    }
}

/// Finds what is not Chinese in what a command printed.
struct ChineseTextChecker {
    /// Words of the workflow and the engine that people must never read, with what each is.
    let keys: [String: String]
    /// Names the session gave that are ids, not words: people's ids, the Unix account running
    /// the test, the villages' placeholder names (XX村, YY村).
    let names: Set<String>

    init(keys: [String: String], names: Set<String>) {
        self.keys = keys
        self.names = names
    }

    /// The keys are read from the shipped workflow (`workflow show --json`), not written here.
    init(session: ChineseSession) throws {
        let shown = try JSONSerialization.jsonObject(
            with: Data(session.transcript.first { $0.arguments.contains("--json") && $0.arguments.first == "workflow" }!.output.utf8))
        let workflow = (shown as! [String: Any])["workflow"] as! [String: Any]
        var keys: [String: String] = [:]
        for role in workflow["roles"] as! [[String: Any]] { keys[role["key"] as! String] = "role key" }
        for measure in workflow["measures"] as? [[String: Any]] ?? [] { keys[measure["key"] as! String] = "measure key" }
        for phase in workflow["phases"] as! [[String: Any]] {
            keys[phase["key"] as! String] = "phase key"
            if let gate = phase["gate"] as? [String: Any], let rule = gate["require"] as? String { keys[rule] = "rule key" }
            for task in phase["tasks"] as! [[String: Any]] { keys[task["key"] as! String] = "task key" }
        }
        // The states of a task and of a plan as JSON writes them (docs/json.md).
        for state in ["issued", "acknowledged", "submitted", "verified", "returned", "cancelled", "draft", "accepted"] {
            keys[state] = "state key"
        }
        self.keys = keys
        names = Set(Campaign.people.map(\.id) + [NSUserName(), ProcessInfo.processInfo.environment["USER"] ?? "", "XX", "YY"])
            .subtracting([""])
    }

    /// The allow-list: spans that are not words of prose though written in Latin letters,
    /// blanked out before the line is read for English words and keys.
    static func allowList() -> [(Regex<AnyRegexOutput>, String)] {
        [
            // argument-parser's value placeholders in option help: `<task>`, `<file>`.
            (try! Regex(#"<[a-z-]+>"#), "value placeholder"),
            (try! Regex(#"[\w.+-]+@[\w-]+(\.[\w-]+)+"#), "email address"),
            // A file path, up to the Chinese punctuation that ends it: /tmp/…/zhengdun.db, maildir/new/.
            (try! Regex(#"[^\s：，。；（）、“”]*/[^\s：，。；（）、“”]*"#), "file path"),
            (try! Regex(#"\b[\w-]+\.(md|html|json|db|ics|csv|yaml|txt)\b"#), "file name"),
            // `plan create --assign secretary=人员`: the role key is what the option takes.
            (try! Regex(#"--assign [a-z_]+="#), "--assign's role key"),
            // A refusal of an option's value echoes what was typed and lists what it takes, as typed.
            (try! Regex(#"应为以下之一：.*$"#), "an option's values"),
            (try! Regex(#"--[a-z][a-z-]* [^\s：]+(?=：)"#), "an option as typed"),
            (try! Regex(#"--lang (zh|en)\b"#), "--lang's values"),
            (try! Regex(#"--[a-z][a-z-]*"#), "option name"),
            (try! Regex(#"\$?\b(LANG|LC_ALL|LC_MESSAGES|ZHENGDUN_[A-Z_]+|XDG_[A-Z_]+)\b"#), "environment variable"),
            // A command as typed: `zhengdun task ack T3`, `zhengdun audit verify`.
            (
                try! Regex(
                    #"\bzhengdun((\s+|\s*-\s*)(help|workflow|check|show|person|add|list|plan|create|advance|cancel|task|ack|submit|verify|return|reassign|extend|inspect|log|audit|run-due|outbox|retry|report|progress|circular|ledger|calendar|export|doctor|demo|mail-in|reply-keys|rotate|campaign|ranking|accountability))*"#
                ), "command"
            ),
            (try! Regex(#"\b[0-9a-f]{16,}\b"#), "hash"),
            (try! Regex(#"\b[TPC]\d+\b"#), "id"),
            // Names of file formats, which Chinese writes in Latin letters: 以 JSON 输出.
            (try! Regex(#"\b(JSON|CSV|HTML|PDF|Markdown|xlsx)\b"#), "file format"),
            // Names of software, which Chinese writes as they are: Postfix 与 Exim 的配置, Excel 工作簿.
            (try! Regex(#"\b(Postfix|Exim|Excel)\b"#), "software's name"),
            // The refusal that teaches a length's units shows them as typed, each with its meaning.
            (try! Regex(#"\b(wd|d|h|m)(?=（)|如 \d+wd"#), "a length's unit as typed"),
            // doctor names the configuration's keys, which the file spells: mail.sendmail, workflows:.
            (try! Regex(#"\b(mail|database|socket|timezone|workflows)(\.[a-z_]+)?(?=[:：）)])"#), "configuration key"),
            (try! Regex(#"\bmail\.[a-z_]+"#), "configuration key"),
            // The deployment's timezone as the tz database names it and its offset.
            (try! Regex(#"\bUTC[+-]\d{2}:\d{2}"#), "UTC offset"),
            // The working-day calendar's file name in the workflow (calendars/cn.yaml).
            (try! Regex(#"工作日历\s*cn\b"#), "calendar file key"),
        ]
    }

    // Regexes are not Sendable, so each checker compiles its own.
    let allowed = ChineseTextChecker.allowList()
    let isoDate = try! Regex(#"\d{4}-\d{2}-\d{2}|\bT\d{2}:\d{2}|\d{2}:\d{2}:\d{2}"#)
    let latinWord = try! Regex(#"[A-Za-z][A-Za-z_-]*[A-Za-z]"#)
    let valueList = try! Regex(#"[A-Za-z0-9.][\x21-\x7E]*(([、，]| ?或 ?)[A-Za-z0-9.][\x21-\x7E]*)+"#)
    let typedValues = try! Regex(#"（(如 ?)?[\x21-\x7E]+( [\x21-\x7E]+)*(([、，]|或| 或 )[\x21-\x7E]+( [\x21-\x7E]+)*)*）"#)

    /// `zhengdun ARGS: the line  ← why`, one per offending line.
    func offences(in entry: ChineseSession.Entry) -> [String] {
        let command = "zhengdun " + entry.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        let lines: [String]
        switch entry.reading {
        case .exempt: return []
        case .text: lines = entry.output.components(separatedBy: "\n")
        case .html: lines = Self.visibleText(entry.output)
        case .help: lines = Self.ourHelp(entry.output)
        }
        return lines.compactMap { line in
            // Option help shows what to type in brackets — (2026-04-01、5wd), (queued、sent、dead),
            // (P1 或 1) — which is input, not prose: a bracket of nothing but typed values.
            // So is a list of an option's values joined by 、 or 或: text、md、json 或 html.
            let why = reasons(
                entry.reading == .help ? line.replacing(typedValues, with: "（）").replacing(valueList, with: " ") : line)
            return why.isEmpty ? nil : "\(command): \(line.trimmingCharacters(in: .whitespaces))  ← \(why.joined(separator: "; "))"
        }
    }

    func reasons(_ line: String) -> [String] {
        var rest = line
        for (pattern, _) in allowed { rest = rest.replacing(pattern, with: " ") }
        for name in names { rest = rest.replacingOccurrences(of: name, with: " ") }
        var why: [String] = []
        // Dates are read on the line as printed: an id's T (T12) must not hide a time's (T18:00).
        if let iso = line.firstMatch(of: isoDate) { why.append("ISO date or time '\(line[iso.range])'") }
        for word in rest.matches(of: latinWord).map({ String(rest[$0.range]) }) {
            why.append(keys[word].map { "\($0) '\(word)'" } ?? "English word '\(word)'")
        }
        return why
    }

    /// The text a browser shows: no style sheet, no markup, entities decoded.
    static func visibleText(_ html: String) -> [String] {
        html.replacing(try! Regex(#"(?s)<style.*?</style>"#), with: "")
            .replacing(try! Regex(#"<[^>]*>"#), with: "\n")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
            .components(separatedBy: "\n")
    }

    /// The help's own texts: abstracts and option help, without argument-parser's scaffolding
    /// and without the left column (command and option names, which are typed as they are).
    static func ourHelp(_ help: String) -> [String] {
        // An option's help wraps onto lines indented under it: read it as the one line it is.
        let unwrapped = help.replacing(try! Regex(#"\n {10,}"#), with: " ")
        return unwrapped.components(separatedBy: "\n").compactMap { printed in
            // argument-parser appends `(default: text)` to an option's help.
            let line = printed.replacing(try! Regex(#"\(default: [^)]*\)"#), with: "")
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if ["USAGE:", "OPTIONS:", "SUBCOMMANDS:", "ARGUMENTS:", "-h, --help", "See 'zhengdun help"].contains(where: trimmed.hasPrefix) {
                return nil
            }
            if trimmed.hasPrefix("OVERVIEW:") { return String(trimmed.dropFirst("OVERVIEW:".count)) }
            // `  workflow                检查…`, `  --note <note>           完成了什么。`
            if line.hasPrefix("  "), let gap = trimmed.range(of: "  ") { return String(trimmed[gap.upperBound...]) }
            return line
        }
    }

}
