import Foundation
import Testing

/// A temporary local database driven through the real `zhengdun`, with the shipped workflow's
/// six roles bound to six people.
struct Campaign {
    let folder: TemporaryFolder
    let database: String
    var environment: [String: String]

    static let people: [(id: String, name: String, role: String)] = [
        ("li-si", "李四", "secretary"), ("wang-wu", "王五", "resident_cadre"), ("qian-qi", "钱七", "org_office"),
        ("zhao-liu", "赵六", "office_director"), ("sun-ba", "孙八", "group_leader"), ("zhou-jiu", "周九", "work_team"),
    ]

    static func person(for role: String) -> String { people.first { $0.role == role }!.id }

    init(language: String = "C.UTF-8") throws {
        folder = try TemporaryFolder()
        database = folder.url.appendingPathComponent("zhengdun.db").path
        environment = ["ZHENGDUN_DB": database, "LANG": language]
    }

    /// Runs the tool; the outcome must be `status`.
    @discardableResult
    func run(
        _ arguments: [String], as person: String? = nil, status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CLI.Outcome {
        let outcome = try CLI.run(arguments + (person.map { ["--as", $0] } ?? []), environment: environment)
        #expect(outcome.status == status, "zhengdun \(arguments.joined(separator: " ")): \(outcome.stderr)", sourceLocation: sourceLocation)
        return outcome
    }

    func json(_ arguments: [String], as person: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let outcome = try run(arguments + ["--json"], as: person, sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
    }

    /// Sends the campaign's mail into a maildir in its folder (`settings`: more lines of the
    /// configuration's mail section).
    mutating func mailToMaildir(_ settings: String = "") throws {
        environment["ZHENGDUN_CONFIG"] = try folder.write(
            "zhengdun.yaml",
            """
            mail:
              from: "镇组织办 <zzb@town.example.cn>"
              transport: maildir
              maildir: \(maildirPath)
            \(settings)
            """)
    }

    /// The maildir of `mailToMaildir`.
    var maildirPath: String { folder.url.appendingPathComponent("maildir").path }

    /// The messages delivered into the maildir of `mailToMaildir`, in the order of their names.
    func maildir() -> [URL] {
        let new = folder.url.appendingPathComponent("maildir/new")
        return ((try? FileManager.default.contentsOfDirectory(atPath: new.path)) ?? []).sorted().map { new.appendingPathComponent($0) }
    }

    /// Creates plan P1 and launches it with the clock at Monday 2 March 2026, 09:00: the survey
    /// phase's tasks are issued and their notices planned.
    mutating func launchPlan() throws {
        environment["ZHENGDUN_NOW"] = "2026-03-02 09:00"
        try createPlan()
        try run(["plan", "advance", "P1"], as: Self.person(for: "org_office"))
    }

    /// Registers the six people (some linked to Unix accounts) and creates plan P1 for XX村
    /// under the shipped workflow.
    func createPlan(unixUsers: [String: String] = [:], start: String = "2026-03-02") throws {
        for person in Self.people {
            try run(
                ["person", "add", person.id, "--name", person.name, "--email", "\(person.id)@town.example.cn"]
                    + (unixUsers[person.id].map { ["--unix-user", $0] } ?? []))
        }
        try run(
            [
                "plan", "create", "--workflow", CLI.shippedWorkflow, "--village", "XX村", "--start", start,
                "--households", "320", "--population", "1150", "--party-members", "31", "--income", "8600", "--income-year", "2025",
                "--problem", "weak-collective-economy=村集体无经营性收入", "--problem", "parochialism=大房头排挤小房头",
            ]
                + Self.people.flatMap { ["--assign", "\($0.role)=\($0.id)"] })
    }

    /// Copies plan P1 into `plans` plans with `Benchmarks/clone.py`, each village with people
    /// of its own, every notice falling due as P1's do.
    func clone(plans: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Self.clone(database, plans: plans, sourceLocation: sourceLocation)
    }

    /// Copies plan P1 of `database` into `plans` plans (`clone(plans:)`).
    static func clone(_ database: String, plans: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let clone = try CLI.run(
            ["env", "python3", CLI.repository.appendingPathComponent("Benchmarks/clone.py").path, database, "\(plans)", "0"],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(clone.status == 0, "\(clone.stderr)", sourceLocation: sourceLocation)
    }

    /// How many events the log holds, as `audit verify` counts them.
    func eventCount() throws -> Int {
        let report = try json(["audit", "verify"]) as! [String: Any]
        return report["events"] as! Int
    }

    /// The plan's tasks in `phase`, as `task list --json` gives them.
    func tasks(phase: String? = nil) throws -> [[String: Any]] {
        let all = try json(["task", "list", "--plan", "P1"]) as! [[String: Any]]
        return all.filter { phase == nil || $0["phase"] as? String == phase }
    }
}
