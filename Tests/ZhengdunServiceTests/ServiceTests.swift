import Foundation
import Testing
import ZhengdunCore
import ZhengdunService
import ZhengdunStore

@Suite("Commands with authorisation, on a virtual clock")
struct ServiceTests {
    let service: Service
    let clock: ManualClock
    let admin = Acting(caller: Caller(unixUser: "root", uid: 0, isAdministrator: true))
    let folder: URL

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let roles = [
        ("secretary", "li-si"), ("resident_cadre", "wang-wu"), ("org_office", "qian-qi"),
        ("office_director", "zhao-liu"), ("group_leader", "sun-ba"), ("work_team", "zhou-jiu"),
    ]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        // Monday 2 March 2026, 09:00 Beijing time.
        clock = ManualClock(Date(timeIntervalSince1970: 1_772_413_200))
        service = Service(store: try Store(path: folder.appendingPathComponent("z.db").path), clock: clock)
        for (_, person) in Self.roles {
            _ = try service.addPerson(
                id: person, name: person, email: "\(person)@town.example.cn",
                unixUser: person == "li-si" ? "lisi" : nil, by: admin)
        }
        let workflow = try WorkflowFile.load(Self.repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
        _ = try service.createPlan(
            PlanDraft(
                village: "XX村", start: try LocalDate.parse("2026-03-02"),
                assignments: Self.roles.map { (RoleKey($0.0), PersonID($0.1)) }),
            workflow: workflow, by: admin)
        _ = try service.advance(PlanID(1), overrideReason: nil, by: acting("qian-qi"))
    }

    func acting(_ person: String) -> Acting {
        Acting(caller: admin.caller, asPerson: PersonID(person))
    }

    @Test("Launching issues the survey's tasks due by their rules from the launch")
    func launchDeadlines() throws {
        let tasks = try service.tasks(TaskQuery(plan: PlanID(1)), by: admin)
        #expect(tasks.count == 9)
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let hear = tasks.first { $0.key == "hear-opinions" }!
        // 10 working days after Monday 2 March 2026.
        #expect(zone.localDateTime(hear.deadline).description == "2026-03-16 18:00")
        #expect(tasks.allSatisfy { !$0.overdue })
    }

    @Test("Moving the clock past a deadline makes a task overdue, counted in working days")
    func overdue() throws {
        // Thursday 5 March 18:00 + 1 minute: the 3wd tasks are due; then to Tuesday 10 March.
        clock.set(Date(timeIntervalSince1970: 1_772_704_800 + 60))
        var late = try service.tasks(TaskQuery(plan: PlanID(1), overdue: true), by: admin)
        #expect(late.map { $0.key?.rawValue } == ["set-up-organisation", "assign-resident-cadre"])
        #expect(late.allSatisfy { $0.workingDaysLate == 0 })
        clock.advance(by: 5 * 86_400)
        late = try service.tasks(TaskQuery(plan: PlanID(1), overdue: true), by: admin)
        #expect(late.first?.workingDaysLate == 3)
        #expect(late.contains { $0.key == "unify-thinking" })
        #expect(try service.plans().first?.overdue == late.count)
    }

    @Test("A person linked to the caller's Unix account acts without --as and sees their own tasks")
    func linkedCaller() throws {
        let lisi = Acting(caller: Caller(unixUser: "lisi", uid: 1000, isAdministrator: false))
        let mine = try service.tasks(TaskQuery(mine: true), by: lisi)
        #expect(Set(mine.map { $0.key?.rawValue }) == ["unify-thinking", "branch-special-study"])
        let outcome = try service.apply(.acknowledge(note: nil), to: TaskID(mine[0].id), by: lisi)
        #expect(outcome.task.summary.state == .acknowledged)
    }

    @Test("Only administrators act as someone else; an unlinked caller is told how to link")
    func actingAs() throws {
        let stranger = Caller(unixUser: "guest", uid: 1001, isAdministrator: false)
        #expect(throws: Refusal.self) {
            try service.apply(.acknowledge(note: nil), to: TaskID(3), by: Acting(caller: stranger, asPerson: "li-si"))
        }
        do {
            _ = try service.apply(.acknowledge(note: nil), to: TaskID(3), by: Acting(caller: stranger, asPerson: "li-si"))
        } catch {
            #expect("\(error)" == "only an administrator may act as another person; guest is not one")
        }
        do {
            _ = try service.tasks(TaskQuery(mine: true), by: Acting(caller: stranger))
        } catch {
            #expect("\(error)".hasPrefix("guest is not linked to any person; act as one with --as PERSON"))
        }
        #expect(throws: Refusal.self) {
            try service.addPerson(id: "x", name: "X", email: "x@y.cn", unixUser: nil, by: Acting(caller: stranger))
        }
    }

    @Test("An extension keeps the original deadline and moves the version on; the event records who and as whom")
    func extensionRecorded() throws {
        let before = try service.task(TaskID(4))
        let outcome = try service.apply(.extend(.by(.workingDays(5)), reason: "两会期间"), to: TaskID(4), by: acting("zhao-liu"))
        #expect(outcome.task.originalDeadline == before.summary.deadline)
        #expect(outcome.task.deadlineVersion == 2)
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        #expect(zone.localDateTime(outcome.task.summary.deadline).description == "2026-03-23 18:00")
        let last = try service.log(.task(TaskID(4))).last!
        #expect(last.kind == "task.extended")
        #expect(last.actor == "zhao-liu")
        #expect(last.caller == "unix:root")
    }

    @Test("Cancelling a plan cancels its open tasks in the same transaction")
    func cancelPlan() throws {
        _ = try service.cancel(PlanID(1), reason: "撤并", by: acting("zhao-liu"))
        #expect(try service.tasks(TaskQuery(plan: PlanID(1)), by: admin).allSatisfy { $0.state == .cancelled })
        #expect(try service.plan(PlanID(1)).state == "cancelled")
    }

    @Test(
        "Cancelling a plan records each open task's cancellation with the plan's reason, leaves a verified task verified, and keeps each task's last note"
    )
    func cancelPlanEvents() throws {
        let tasks = try service.tasks(TaskQuery(plan: PlanID(1)), by: admin)
        let done = TaskID(tasks.first { $0.key == "unify-thinking" }!.id)
        let noted = TaskID(tasks.first { $0.key == "branch-special-study" }!.id)
        _ = try service.apply(.acknowledge(note: nil), to: done, by: acting("li-si"))
        _ = try service.apply(.submit(note: "已召开座谈会", evidence: []), to: done, by: acting("li-si"))
        _ = try service.apply(.verify(note: "合格"), to: done, by: acting("zhao-liu"))
        _ = try service.apply(.acknowledge(note: "收到"), to: noted, by: acting("li-si"))

        _ = try service.cancel(PlanID(1), reason: "撤并", by: acting("zhao-liu"))

        #expect(try service.task(done).summary.state == .verified)
        #expect(try service.log(.task(done)).last?.kind == "task.verified")
        #expect(try service.task(noted).lastNote == "收到")
        for task in tasks where TaskID(task.id) != done {
            let last = try service.log(.task(TaskID(task.id))).last!
            #expect(last.kind == "task.cancelled")
            #expect(last.actor == "zhao-liu")
            #expect(last.details == .object(["reason": .string("方案 P1 已撤销：撤并")]))
        }
    }
}

@Suite("The socket protocol's frames")
struct SocketFrameTests {
    @Test("A file's diagnostics cross the socket whole, in order, however many there are", arguments: [1, 2, 3, 250, 5_000])
    func manyDiagnostics(_ count: Int) throws {
        let invalid = InvalidSource(
            (0..<count).map { Diagnostic(at: SourceLocation(file: "w.yaml", line: $0 + 1, column: 1), .templateEmptyTag) })
        let frame = try SocketFrames.encode(refusal: invalid.message)
        let refusal = #expect(throws: Refusal.self) { try SocketFrames.decodeAnswer([PersonView].self, from: frame.dropFirst(4)) }
        guard let message = refusal?.message else { return }
        for language in [Language.en, .zh] {
            #expect(message.text(in: language) == invalid.text(in: language))
        }
        #expect(message.text(in: .en).split(separator: "\n").count == count)
    }

    @Test("A frame of another version is refused as such, even when the rest of it would not decode in this one")
    func otherVersion() throws {
        // A version-1 refusal carried a plain string where version 2 carries a message.
        let old = Data(#"{"version": 1, "response": {"refused": {"_0": "task T3 is submitted"}}}"#.utf8)
        #expect { try SocketFrames.decodeAnswer([PersonView].self, from: old) } throws: {
            "\($0)" == "the daemon speaks protocol version 1, not \(SocketFrames.version)"
        }
        let request = Data(#"{"version": 1, "request": {"people": {}}}"#.utf8)
        #expect { try SocketFrames.decodeRequest(request) } throws: {
            "\($0)" == "protocol version 1 is not spoken here (\(SocketFrames.version) is)"
        }
        // This version's own frame reads back.
        let frame = try SocketFrames.encode(ListPeople())
        #expect(try SocketFrames.decodeRequest(frame.dropFirst(4)) is ListPeople)
    }

    /// A message as command lines of protocol versions 2 and 3 read it: a key of their catalogue
    /// and its values; `verbatim` says its `text` as it is.
    struct OlderMessage: Decodable, Equatable {
        var key: String
        var arguments: [String: String]
    }

    @Test("Command lines of protocol versions 2 and 3 read the daemon's refusal in their own envelopes, as text they print as it is")
    func olderClientReadsItsRefusal() throws {
        let said = OlderMessage(key: "verbatim", arguments: ["text": "请安装同一版本"])
        // Version 2: {"version": 2, "response": {"refused": {"_0": MESSAGE}}}.
        struct Refused: Decodable { var _0: OlderMessage }
        struct Response: Decodable { var refused: Refused }
        struct Version2: Decodable { var version: Int; var response: Response }
        let two = try JSONDecoder().decode(
            Version2.self, from: try #require(try SocketFrames.olderClientRefusal("请安装同一版本", speaking: 2)).dropFirst(4))
        #expect(two.version == 2)
        #expect(two.response.refused._0 == said)
        // Version 3: {"version": 3, "refused": MESSAGE}.
        struct Version3: Decodable { var version: Int; var refused: OlderMessage }
        let three = try JSONDecoder().decode(
            Version3.self, from: try #require(try SocketFrames.olderClientRefusal("请安装同一版本", speaking: 3)).dropFirst(4))
        #expect(three.version == 3)
        #expect(three.refused == said)
        #expect(try SocketFrames.olderClientRefusal("x", speaking: 1) == nil)
        #expect(try SocketFrames.olderClientRefusal("x", speaking: SocketFrames.version) == nil)
    }

    @Test("Every request crosses the socket under its own name and reads back as the same request")
    func everyRequestByName() throws {
        #expect(Set(ServiceRequests.all.map { $0.name }).count == ServiceRequests.all.count)
        let requests: [any ServiceRequest] = [
            AddPerson(id: "li-si", name: "李四", email: "li-si@town.example.cn", unixUser: nil, as: nil), ListPeople(),
            ShowPlan(PlanID(1)), AdvancePlan(PlanID(1), overrideReason: "县委要求", as: PersonID("zhao-liu")),
            CancelPlan(PlanID(1), reason: "合并", as: nil), ShowTask(TaskID(3)), ChangeTask(TaskID(3), .acknowledge(note: nil), as: nil),
            Inspect(PlanID(1), finding: "记录不全", order: nil, as: nil), VerifyAudit(anchor: nil), RunDue(dryRun: true, send: false),
            ListOutbox(states: ["dead"]), RetryMessage(7, as: nil), ShowProgress(nil), ShowProgressPage(PlanID(1)), ShowCircular(nil),
            IssueCircular(PlanID(1), dryRun: true, as: PersonID("qian-qi")), ListCirculars(),
            ShowIssuedCircular(number: 3, year: 2026, page: true),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for request in requests {
            let read = try SocketFrames.decodeRequest(SocketFrames.encode(request).dropFirst(4))
            #expect(type(of: read).name == type(of: request).name)
            #expect(try encoder.encode(read) == encoder.encode(request))
        }
    }
}
