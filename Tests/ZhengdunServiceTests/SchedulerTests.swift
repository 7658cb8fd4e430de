import Foundation
import GRDB
import Testing
import ZhengdunCore
import ZhengdunService
import ZhengdunStore

/// A campaign on a virtual clock, with everything the scheduler sent.
final class Walk {
    let service: Service
    let clock: ManualClock
    let timeline: Timeline
    let workflow: Workflow
    let admin = Caller(unixUser: "root", uid: 0, isAdministrator: true)
    var sent: [PassReport.Sent] = []
    let folder: URL
    /// Whether each pass is followed by a sweep of its spent timers, as the daemon does.
    var sweeps = false

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let roles = [
        ("secretary", "li-si"), ("resident_cadre", "wang-wu"), ("org_office", "qian-qi"),
        ("office_director", "zhao-liu"), ("group_leader", "sun-ba"), ("work_team", "zhou-jiu"),
    ]

    static func person(_ role: String) -> PersonID { PersonID(roles.first { $0.0 == role }!.1) }

    /// A plan for XX村 launched on Monday 2 March 2026 at 09:00; `email` gives each person's
    /// address.
    init(email: (PersonID) -> String = { "\($0)@town.example.cn" }) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-walk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = try WorkflowFile.load(Self.repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
        workflow = file.workflow
        timeline = Timeline(calendar: file.calendar, zone: TimeZone(identifier: "Asia/Shanghai")!)
        clock = ManualClock(timeline.instant(try LocalDateTime.parse("2026-03-02 09:00")))
        service = Service(store: try Store(path: folder.appendingPathComponent("z.db").path), clock: clock)
        let admin = Acting(caller: self.admin)
        for (_, person) in Self.roles {
            _ = try service.addPerson(id: person, name: person, email: email(PersonID(person)), unixUser: nil, by: admin)
        }
        _ = try service.createPlan(
            PlanDraft(
                village: "XX村", start: try LocalDate.parse("2026-03-02"),
                assignments: Self.roles.map { (RoleKey($0.0), PersonID($0.1)) }), workflow: file, by: admin)
        _ = try service.advance(PlanID(1), overrideReason: nil, by: acting(Self.person("org_office")))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func acting(_ person: PersonID) -> Acting { Acting(caller: admin, asPerson: person) }

    func at(_ text: String) -> Date { timeline.instant(try! LocalDateTime.parse(text)) }

    /// Moves the clock to `instant`, running a pass at every instant something fell due on the way.
    func walk(to instant: Date) throws {
        while let next = try service.nextDue(), next <= instant {
            clock.set(next)
            try pass()
        }
        clock.set(instant)
        try pass()
    }

    private func pass() throws {
        sent += try service.runDue().notices
        if sweeps { try service.sweepSpentTimers() }
    }

    func tasks() throws -> [TaskSummary] {
        try service.tasks(TaskQuery(plan: PlanID(1)), by: Acting(caller: admin))
    }
}

@Suite("Scheduler passes on a virtual clock", .serialized)
struct SchedulerTests {
    /// The tasks acknowledged two working days after issue (the others at once).
    static let acknowledgedLate: Set<String> = ["hear-opinions", "heart-to-heart-talks", "special-activities"]
    /// Working days after the deadline that tasks are submitted; the others one working day before.
    static let submittedLate: [String: Int] = ["discussion-sessions": 4, "clan-interference": 8]
    /// Whom each role reports to, nearest first, as the plan's 六（二）、（三） set it out.
    static let chainOfSupervision: [String: [String]] = [
        "secretary": ["resident_cadre", "office_director", "group_leader"],
        "resident_cadre": ["office_director", "group_leader"], "org_office": ["office_director", "group_leader"],
        "work_team": ["office_director", "group_leader"], "office_director": ["group_leader"],
    ]

    @Test("A whole campaign walked on the virtual clock sends exactly the notices the rules call for, in order, to the right people")
    func wholeCampaign() throws {
        let walk = try Walk()
        let ten = LocalTime(hour: 10, minute: 0)!
        var submittedAt: [Int64: Date] = [:]
        var acknowledgedAt: [Int64: Date] = [:]
        var issued: [Int64: (at: Date, deadline: Date, key: String, assignee: PersonID)] = [:]
        var accepted: Date?
        // The acceptance checks the goals' binding indicators: they are recorded at the start.
        let director = walk.acting(Walk.person("office_director"))
        for (key, value) in [
            ("committees-complete", "是"), ("meetings-on-time", "是"), ("cadre-violations", "0"), ("collective-income", "6"),
        ] {
            _ = try walk.service.record(
                .value(key: key, value: value, baseline: false), in: PlanID(1), note: nil, evidence: [], by: director)
        }
        _ = try walk.service.record(
            .survey(SatisfactionSurvey(issued: 50, returned: 40, satisfied: 30, basicallySatisfied: 6, dissatisfied: 4)), in: PlanID(1),
            note: nil, evidence: [], by: director)
        // The survey's task cannot be reported with an empty problem list: one item goes on it and is
        // carried over at once (转入长效), before any pass, so that it sends nothing.
        let problem = try walk.service.recordProblem(
            ProblemDraft(kind: "parochialism", detail: "大房头排挤小房头", remedy: "长期教育引导", due: .after(.workingDays(30), at: nil)),
            in: PlanID(1), by: director)
        _ = try walk.service.change(problem: problem.number, of: PlanID(1), .carry(reason: "转入长效机制"), by: director)
        // A campaign that never ends fails instead of running on: the plan's phases take 120 working days.
        let giveUp = walk.clock.now().addingTimeInterval(400 * 86_400)
        while accepted == nil, walk.clock.now() < giveUp {
            let now = walk.clock.now()
            // Work moments: 10:00 on working days. Sign the gate if met, then do what is due.
            if let outcome = try? walk.service.advance(PlanID(1), overrideReason: nil, by: walk.acting(Walk.person("office_director"))),
                outcome.to == "accepted"
            {
                accepted = now
                break
            }
            for task in try walk.tasks() {
                guard let key = task.key?.rawValue else { continue }  // the problem carried over
                let view = try walk.service.task(TaskID(task.id))
                if issued[task.id] == nil { issued[task.id] = (view.issuedAt, task.deadline, key, task.assignee) }
                let issueDay = walk.timeline.local(view.issuedAt).date
                let today = walk.timeline.local(now).date
                if task.state == .issued {
                    let wait = Self.acknowledgedLate.contains(key) ? 2 : 0
                    if walk.timeline.calendar.workingDays(after: issueDay, through: today).value >= wait {
                        _ = try walk.service.apply(.acknowledge(note: nil), to: TaskID(task.id), by: walk.acting(task.assignee))
                        acknowledgedAt[task.id] = now
                    }
                }
                if task.state == .acknowledged || acknowledgedAt[task.id] == now {
                    let due = walk.timeline.calendar.addingWorkingDays(
                        Self.submittedLate[key] ?? -1, to: walk.timeline.local(task.deadline).date
                    ).value
                    if today >= due {
                        _ = try walk.service.apply(
                            .submit(note: "完成", evidence: [], missingReason: "材料另行报送"), to: TaskID(task.id), by: walk.acting(task.assignee))
                        _ = try walk.service.apply(
                            .verify(note: nil), to: TaskID(task.id), by: walk.acting(Walk.person(view.verifierRole.rawValue)))
                        submittedAt[task.id] = now
                    }
                }
            }
            var day = walk.timeline.local(now).date.adding(days: 1)
            while !walk.timeline.calendar.isWorkingDay(day) { day = day.adding(days: 1) }
            try walk.walk(to: walk.timeline.instant(day, ten))
        }
        #expect(accepted != nil, "the campaign was never accepted")
        // Every task of the workflow once, and the recurring ones once a period.
        let recurring = Set(walk.workflow.tasks.filter { $0.recurrence != nil }.map(\.key.rawValue))
        #expect(issued.values.filter { !recurring.contains($0.key) }.count == walk.workflow.phases.flatMap(\.tasks).count - recurring.count)
        #expect(issued.values.filter { recurring.contains($0.key) }.count > recurring.count)

        // What the rules call for, worked out from the facts of the walk.
        struct Expected: Equatable, CustomStringConvertible {
            var key: String
            var due: Date
            var to: [PersonID]
            var description: String { "\(key)@\(due)→\(to)" }
        }
        var expected: [Expected] = []
        // Each 督办 letter: when, to whom, copied to whom.
        var letters: [(at: Date, to: PersonID, cc: Set<PersonID>)] = []
        // Notices go out in office hours (the default send window): 08:30–17:30 on a working
        // day; one that falls due outside them, at the next opening.
        func officeHours(_ instant: Date) -> Date {
            let local = walk.timeline.local(instant)
            let (opens, closes) = (LocalTime(hour: 8, minute: 30)!, LocalTime(hour: 17, minute: 30)!)
            if walk.timeline.calendar.isWorkingDay(local.date) && local.time <= closes {
                return local.time < opens ? walk.timeline.instant(local.date, opens) : instant
            }
            return walk.timeline.instant(walk.timeline.calendar.addingWorkingDays(1, to: local.date).value, opens)
        }
        var circularsIssued = 0
        for (id, task) in issued {
            // An occurrence not yet due at the acceptance is cancelled with its series then.
            let submitted = submittedAt[id] ?? accepted!
            let acknowledged = acknowledgedAt[id] ?? accepted!
            let ack = officeHours(walk.timeline.adding(.workingDays(1), to: task.at).value)
            if ack <= acknowledged { expected.append(Expected(key: "T\(id).acknowledge.a1", due: ack, to: [task.assignee])) }
            for offset in [3, 1] {
                let fell = walk.timeline.subtracting(.workingDays(offset), from: task.deadline).value
                let due = officeHours(fell)
                // None on the day the task was issued: its assignee has just been told.
                let issuedToday = walk.timeline.local(due).date == walk.timeline.local(task.at).date
                if fell > task.at && !issuedToday && due <= submitted {
                    expected.append(Expected(key: "T\(id).reminder.\(offset)wd.d1", due: due, to: [task.assignee]))
                }
            }
            // 交办: told at issue, unless acknowledged before the pass that would tell it.
            let issuedNotice = officeHours(task.at)
            if acknowledged > issuedNotice { expected.append(Expected(key: "T\(id).issued.a1", due: issuedNotice, to: [task.assignee])) }
            // 验收销号: every task is accepted as it is submitted.
            if submittedAt[id] != nil { expected.append(Expected(key: "T\(id).verified", due: submitted, to: [task.assignee])) }
            // 督办 climbs the chain of supervision, written out here as the plan's people stand:
            // one letter to the assignee, copied one, two, then three steps up.
            let role = walk.workflow.task(TaskKey(task.key))!.task.responsible.rawValue
            let chain = Self.chainOfSupervision[role] ?? []
            for (level, after) in [(1, 0), (2, 3), (3, 7)] {
                let due = officeHours(walk.timeline.adding(.workingDays(after), to: task.deadline).value)
                let copied = chain.prefix(level).map(Walk.person).filter { $0 != task.assignee }
                if due <= submitted {
                    expected.append(Expected(key: "T\(id).escalation.\(level).d1", due: due, to: [task.assignee] + copied))
                    letters.append((due, task.assignee, Set(copied)))
                }
                if level == 3 && due <= submitted {
                    // Numbered in the year; addressed to the branch's secretary and resident
                    // cadre, and sent to the leaders the workflow names.
                    circularsIssued += 1
                    expected.append(
                        Expected(
                            key: "circular.2026.\(circularsIssued)", due: due,
                            to: ["secretary", "resident_cadre", "group_leader", "office_director", "org_office"].map(Walk.person)))
                }
            }
        }
        var monday = walk.at("2026-03-09 09:00")
        while monday < accepted! {
            expected.append(
                Expected(
                    key: "progress.monday.09:00.\(walk.timeline.local(monday).date)", due: monday,
                    to: [Walk.person("group_leader"), Walk.person("office_director")]))
            monday = monday.addingTimeInterval(7 * 86_400)
        }
        let actual = walk.sent.map { Expected(key: $0.key, due: $0.dueAt, to: $0.recipients) }
        // In the order they fell due; at one instant, in any order.
        let order = { (a: Expected, b: Expected) in (a.due, a.key) < (b.due, b.key) }
        #expect(actual.sorted(by: order) == expected.sorted(by: order))
        #expect(zip(actual, actual.dropFirst()).allSatisfy { $0.due <= $1.due }, "notices went out of order")
        #expect(walk.sent.allSatisfy { !$0.late && ($0.kind == .circular || $0.folded.isEmpty) })
        // The circular stands for the escalation that called for it.
        // (The task submitted eight working days late, the one that climbs to level 3.)
        let climber = try #require(issued.first { $0.value.key == "clan-interference" }?.key)
        #expect(walk.sent.filter { $0.kind == .circular }.map(\.folded) == [["circular.P1.after.T\(climber).escalation.3.d1"]])
        #expect(expected.contains { $0.key.hasSuffix("escalation.3.d1") })
        #expect(expected.contains { $0.key.hasPrefix("circular.") })
        #expect(expected.filter { $0.key.contains(".acknowledge.") }.count == 3)
        #expect(expected.contains { $0.key.hasSuffix(".issued.a1") })
        // The ladder reached the group leader, and a task of the township's own staff climbed it.
        #expect(letters.contains { $0.cc.contains(Walk.person("group_leader")) })

        // The messages as queued: one per person per pass (the weekly report and the circular
        // are documents of their own), each 督办 letter to the assignee, copied to the chain.
        let queue = try DatabaseQueue(path: walk.folder.appendingPathComponent("z.db").path)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT created_at, person_id, notice_key, cc FROM outbox ORDER BY id")
        }
        var messagesTo: [String: Int] = [:]
        var copiedTo: [String: Set<String>] = [:]
        for row in rows {
            let key: String = row["notice_key"]
            guard !key.hasPrefix("progress.") && !key.hasPrefix("circular.") else { continue }
            let to: String = row["person_id"]
            let at: Int64 = row["created_at"]
            messagesTo["\(at)/\(to)", default: 0] += 1
            let cc = ((row["cc"] as String?) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            copiedTo["\(at)/\(to)", default: []].formUnion(cc.filter { !$0.isEmpty })
        }
        #expect(messagesTo.values.allSatisfy { $0 == 1 }, "someone got two messages in one pass: \(messagesTo.filter { $0.value > 1 })")
        var expectedCopies: [String: Set<String>] = [:]
        for letter in letters {
            expectedCopies["\(Int64((letter.at.timeIntervalSince1970 * 1000).rounded()))/\(letter.to)", default: []]
                .formUnion(letter.cc.map { "\($0)@town.example.cn" })
        }
        #expect(copiedTo.filter { !$0.value.isEmpty } == expectedCopies.filter { !$0.value.isEmpty })
        #expect(!expectedCopies.isEmpty)

        // Nothing goes out twice: not when a pass is repeated, nor when the clock steps back.
        let count = walk.sent.count
        walk.sent += try walk.service.runDue().notices
        walk.clock.set(walk.at("2026-04-01 10:00"))
        walk.sent += try walk.service.runDue().notices
        walk.clock.set(accepted!.addingTimeInterval(86_400 * 30))
        walk.sent += try walk.service.runDue().notices
        #expect(walk.sent.count == count)
    }

    @Test("After 10 working days of downtime one pass sends one notice per task at its current level, late, and loses none")
    func catchUp() throws {
        let walk = try Walk()
        try walk.walk(to: walk.at("2026-03-02 09:00"))
        // The launch hands each task over (交办); nothing else is due yet.
        #expect(walk.sent.count == 9 && walk.sent.allSatisfy { $0.kind == .issued })
        walk.sent = []
        let before = try walk.tasks()
        // Nothing runs until Monday 16 March, 09:00: ten working days later.
        walk.clock.set(walk.at("2026-03-16 09:00"))
        let pass = try walk.service.runDue()
        let perTask = pass.notices.filter { $0.task != nil }
        #expect(perTask.count == 9)
        #expect(Set(perTask.map(\.task)) == Set(before.map { Optional($0.id) }))
        #expect(pass.notices.allSatisfy { $0.late })
        for notice in perTask {
            let task = before.first { $0.id == notice.task }!
            let scheduled = ScheduledTask(
                id: TaskID(task.id), plan: PlanID(1), state: .issued, assignedAt: walk.at("2026-03-02 09:00"),
                assignmentVersion: 1, deadline: task.deadline, deadlineVersion: 1, deadlineSetAt: walk.at("2026-03-02 09:00"))
            let level = NoticeSchedule.escalationLevel(
                of: scheduled, escalation: walk.workflow.escalation, timeline: walk.timeline, at: walk.clock.now())
            if level > 0 {
                #expect(notice.kind == .escalation && notice.level == level, "T\(task.id) should be at level \(level): \(notice.key)")
                #expect(notice.folded.filter { $0.contains(".escalation.") }.count == level - 1)
            }
            // Every notice the task was due is accounted for: sent, or folded into what was sent.
            let due = NoticeSchedule.planned(
                for: scheduled, reminders: walk.workflow.reminders, escalation: walk.workflow.escalation,
                timeline: walk.timeline
            ).filter { $0.dueAt <= walk.clock.now() }
            #expect(Set(due.map(\.key)) == Set([notice.key] + notice.folded))
        }
        #expect(pass.notices.filter { $0.kind == .progressReport }.map(\.key) == ["progress.monday.09:00.2026-03-09"])
        #expect(try walk.service.runDue().notices.isEmpty)
    }

    @Test(
        "Small batches that cut through a task's due notices send what one batch sends: one notice per task, one circular",
        arguments: ["2026-03-16 09:00", "2026-04-20 09:00"])
    func batchesCutThroughTasks(_ downUntil: String) throws {
        let whole = try Walk()
        let cut = try Walk()
        for walk in [whole, cut] { walk.clock.set(walk.at(downUntil)) }
        let one = try whole.service.runDue()
        // Three timers to a batch: most tasks have more due than that, spread over several batches;
        // two tasks to a part, each read on the second connection while the last is written.
        #expect(cut.service.store.path != ":memory:")
        let many = try cut.service.runDue(batch: 3, part: 2)
        #expect(many.notices.count == one.notices.count)
        let sent = { (pass: PassReport) in Set(pass.notices.map { "\($0.key) \($0.folded.sorted()) \($0.recipients)" }) }
        #expect(sent(many) == sent(one))
        // One reminder or level of the ladder a task (the 交办 that fell due with them goes as well).
        let planned = many.notices.filter { $0.task != nil && NoticeKind.planned.contains($0.kind) }
        #expect(Set(planned.compactMap(\.task)).count == planned.count)
        #expect(many.notices.filter { $0.kind == .issued }.count == 9)
        #expect(many.notices.filter { $0.kind == .circular }.count == (downUntil.hasPrefix("2026-04") ? 1 : 0))
        #expect(try cut.service.runDue().notices.isEmpty)
    }

    @Test(
        "A pass stopped between any two batches and finished by the next, in another process, sends what one pass sends: one circular, each notice once"
    )
    func passStoppedBetweenBatches() throws {
        let whole = try Walk()
        whole.clock.set(whole.at("2026-04-20 09:00"))
        let one = try whole.service.runDue()
        let circulars = one.notices.filter { $0.kind == .circular }
        #expect(circulars.count == 1)
        let told = { (notices: [PassReport.Sent]) in
            notices.filter { $0.kind != .circular }.map { "\($0.key) \($0.folded.sorted())" }.sorted()
        }
        var stops = 1
        while true {
            let cut = try Walk()
            cut.clock.set(cut.at("2026-04-20 09:00"))
            var batches = 0
            let first = try cut.service.runDue(batch: 3, part: 2) {
                batches += 1
                return batches < stops
            }
            // The next pass is another process's, as after a kill: it knows nothing of the first.
            let next = try Service(store: try Store(path: cut.service.store.path), clock: cut.clock).runDue()
            let notices = first.notices + next.notices
            #expect(notices.filter { $0.kind == .circular }.count == 1, "stopped after \(stops) batches")
            #expect(told(notices) == told(one.notices), "stopped after \(stops) batches")
            if next.notices.isEmpty { break }
            stops += 1
        }
        #expect(stops > 3, "the pass should take several batches")
    }

    @Test(
        "A pass leaves its timers spent: the same notices go out whether they are swept after each pass or never, and the sweep deletes exactly them"
    )
    func spentTimersSweptOrLeft() throws {
        let left = try Walk()
        let swept = try Walk()
        swept.sweeps = true
        let end = left.at("2026-05-04 09:00")
        try left.walk(to: end)
        try swept.walk(to: end)
        let told = { (walk: Walk) in walk.sent.map { "\($0.key) \($0.folded) \($0.recipients) \($0.dueAt)" } }
        #expect(told(left).count > 20)
        #expect(told(left) == told(swept))
        // Every row of the table, spent or pending, read beside the store.
        let rows = { (walk: Walk) in
            try DatabaseQueue(path: walk.service.store.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM timer") ?? 0 }
        }
        let pending = try left.service.store.read { try $0.timerCount() }
        #expect(try rows(swept) == pending)
        #expect(try rows(left) > pending)
        let next = try left.service.nextDue()
        #expect(next == (try swept.service.nextDue()))
        // Another process on the same file, as after a restart, finds nothing due either.
        let again = Service(store: try Store(path: left.service.store.path), clock: left.clock)
        #expect(try again.runDue().notices.isEmpty)
        let spent = try rows(left) - pending
        #expect(try left.service.sweepSpentTimers() == spent)
        #expect(try rows(left) == pending)
        #expect(try left.service.nextDue() == next)
        #expect(try left.service.runDue().notices.isEmpty)
    }

    @Test("More than 50 notices for one person in one pass go as several digests of at most 50, each notice in exactly one")
    func longDigestIsSplit() throws {
        let walk = try Walk()
        // Six more villages in which 李四 holds every role: each launch hands him all its tasks.
        let file = try WorkflowFile.load(Walk.repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
        for village in 2...7 {
            _ = try walk.service.createPlan(
                PlanDraft(
                    village: "\(village)村", start: try LocalDate.parse("2026-03-02"),
                    assignments: Walk.roles.map { (RoleKey($0.0), PersonID("li-si")) }), workflow: file, by: Acting(caller: walk.admin))
            _ = try walk.service.advance(PlanID(Int64(village)), overrideReason: nil, by: walk.acting("li-si"))
        }
        let pass = try walk.service.runDue()
        let his = Set(pass.notices.filter { $0.kind == .issued && $0.recipients == ["li-si"] }.map(\.key))
        #expect(his.count > 50, "\(his.count) notices for li-si")
        // The notice keys each message to him carries, in its X-Zhengdun-Notice header.
        let messages = try DatabaseQueue(path: walk.service.store.path).read {
            try String.fetchAll($0, sql: "SELECT CAST(message AS TEXT) FROM outbox WHERE address = 'li-si@town.example.cn' ORDER BY id")
        }
        let carried = messages.map { message -> [String] in
            let head = message.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n ", with: " ")
            let line = head.components(separatedBy: "\r\n").first { $0.hasPrefix("X-Zhengdun-Notice: ") } ?? ""
            return line.dropFirst("X-Zhengdun-Notice: ".count).components(separatedBy: ", ").filter { !$0.isEmpty }
        }
        #expect(messages.count == (his.count + 49) / 50, "\(carried.map(\.count))")
        #expect(carried.allSatisfy { $0.count <= 50 }, "\(carried.map(\.count))")
        #expect(carried.dropLast().allSatisfy { $0.count == 50 }, "\(carried.map(\.count))")
        let all = carried.flatMap { $0 }
        #expect(all.count == Set(all).count, "a notice in two messages")
        #expect(Set(all) == his)
    }

    @Test("People who share one mailbox get one message a notice there, and the pass goes through")
    func sharedMailbox() throws {
        // The secretary and the resident cadre read one mailbox, the office director and the
        // group leader another.
        let shared = "office@town.example.cn"
        let leaders = "leaders@town.example.cn"
        let walk = try Walk { person in
            switch person.rawValue {
            case "li-si", "wang-wu": return shared
            case "zhao-liu", "sun-ba": return leaders
            default: return "\(person)@town.example.cn"
            }
        }
        walk.clock.set(walk.at("2026-03-16 09:00"))
        let pass = try walk.service.runDue()
        let escalations = pass.notices.filter { $0.kind == .escalation }
        #expect(!escalations.isEmpty)
        let outbox = try walk.service.outbox(states: ["queued"])
        #expect(outbox.count == pass.queued)
        // No message names one address twice, in To or Cc.
        for message in outbox {
            let addresses = [message.address] + message.cc
            #expect(addresses.count == Set(addresses).count, "message \(message.id) went twice to one address: \(addresses)")
        }
        // Every person a notice is for reads it at their address, as addressee or copied.
        let email = { (person: PersonID) in
            ["li-si": shared, "wang-wu": shared, "zhao-liu": leaders, "sun-ba": leaders][person.rawValue] ?? "\(person)@town.example.cn"
        }
        for notice in pass.notices where notice.task != nil {
            for person in notice.recipients {
                #expect(
                    outbox.contains { ($0.address == email(person) || $0.cc.contains(email(person))) },
                    "\(notice.key) never reached \(person)")
            }
        }
        // Level 1 goes to the assignee copied to the resident cadre: for the secretary's tasks,
        // both read the one mailbox, which is not copied to itself.
        let secretarys = escalations.filter { $0.recipients.contains("li-si") }
        #expect(!secretarys.isEmpty)
        #expect(outbox.filter { $0.address == shared }.allSatisfy { !$0.cc.contains(shared) })
        // The weekly report goes to both leaders: one message to their mailbox.
        let report = try #require(pass.notices.first { $0.kind == .progressReport })
        #expect(outbox.filter { $0.notice == report.key }.map(\.address) == [leaders])
    }

    @Test("An extension moves the reminders: the old deadline's notices never come, the new one's do")
    func extensionMovesReminders() throws {
        let walk = try Walk()
        let hear = try #require(try walk.tasks().first { $0.key == "hear-opinions" })
        _ = try walk.service.apply(.acknowledge(note: nil), to: TaskID(hear.id), by: walk.acting(hear.assignee))
        try walk.walk(to: walk.at("2026-03-10 10:00"))
        _ = try walk.service.apply(
            .extend(.by(.workingDays(5)), reason: "两会"), to: TaskID(hear.id), by: walk.acting(Walk.person("office_director")))
        try walk.walk(to: walk.at("2026-03-31 10:00"))
        let mine = walk.sent.filter { $0.task == hear.id }.map { "\($0.key) \(walk.timeline.local($0.dueAt))" }
        #expect(
            mine == [
                // The extension is told at once, in office hours.
                "T\(hear.id).extended.d2 2026-03-10 10:00",
                // Each falls due at 18:00 and goes out when office hours open the next working day.
                "T\(hear.id).reminder.3wd.d2 2026-03-19 08:30", "T\(hear.id).reminder.1wd.d2 2026-03-23 08:30",
                "T\(hear.id).escalation.1.d2 2026-03-24 08:30", "T\(hear.id).escalation.2.d2 2026-03-27 08:30",
            ])
    }

    @Test("Acknowledging before the reminder falls due stops the 签收提醒; the unacknowledged get theirs")
    func acknowledgingStopsTheReminder() throws {
        let walk = try Walk()
        let tasks = try walk.tasks()
        let hear = try #require(tasks.first { $0.key == "hear-opinions" })
        _ = try walk.service.apply(.acknowledge(note: nil), to: TaskID(hear.id), by: walk.acting(hear.assignee))
        try walk.walk(to: walk.at("2026-03-03 12:00"))
        let reminded = walk.sent.filter { $0.kind == .acknowledgeReminder }.compactMap(\.task)
        #expect(!reminded.contains(hear.id))
        #expect(Set(reminded) == Set(tasks.map(\.id).filter { $0 != hear.id }))
    }

    @Test("A dry run lists what would go out and changes nothing")
    func dryRun() throws {
        let walk = try Walk()
        walk.clock.set(walk.at("2026-03-16 09:00"))
        let count = try walk.service.eventCount()
        let dry = try walk.service.runDue(dryRun: true)
        // Nine 交办, the weekly report, and a reminder or level of the ladder for the five tasks
        // that are past more than their reminder to acknowledge (that one is folded into the 交办).
        #expect(dry.notices.filter { $0.kind == .issued }.count == 9)
        #expect(dry.notices.filter { $0.kind == .issued && !$0.folded.isEmpty }.count == 4)
        #expect(dry.notices.count == 15)
        #expect(try walk.service.outbox(states: []).isEmpty)
        #expect(try walk.service.eventCount() == count)
        let real = try walk.service.runDue()
        #expect(real.notices.map(\.key) == dry.notices.map(\.key))
        #expect(try walk.service.outbox(states: ["queued"]).count == real.queued)
    }

    @Test(
        "A pass that fails reading its tasks on the second connection writes nothing: every timer stays, no notice, no message",
        arguments: [250, 2])
    func failedReadWritesNothing(_ part: Int) throws {
        let walk = try Walk()
        walk.clock.set(walk.at("2026-03-16 09:00"))
        let due = try walk.service.store.read { try $0.dueTimers(at: walk.clock.now(), limit: 1_000) }
        #expect(due.count > 2)
        // The plan's workflow snapshot is gone: reading the plan for its tasks fails.
        var config = Configuration()
        config.foreignKeysEnabled = false
        try DatabaseQueue(path: walk.folder.appendingPathComponent("z.db").path, configuration: config).write { db in
            try db.execute(sql: "UPDATE plan SET workflow_sha256 = ?", arguments: [String(repeating: "0", count: 64)])
        }
        #expect(throws: Refusal.self) { try walk.service.runDue(part: part) }
        #expect(try walk.service.store.read { try $0.dueTimers(at: walk.clock.now(), limit: 1_000) }.map(\.key) == due.map(\.key))
        #expect(try walk.service.store.read { try $0.notices() }.isEmpty)
        #expect(try walk.service.outbox(states: []).isEmpty)
    }
}
