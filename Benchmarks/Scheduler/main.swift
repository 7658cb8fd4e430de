// zhengdun-bench-scheduler: the scheduler's figures for BENCHMARKS.md.
//
//   zhengdun-bench-scheduler prepare DATABASE        one launched plan, clock at 2026-03-02 09:00
//   zhengdun-bench-scheduler measure DATABASE        on a database multiplied by Benchmarks/clone.py
//
// `measure` reports: finding the next due instant; a pass with nothing due; a pass that
// records and queues a burst of 10,000 notices due at one instant, and the sweep of the timers
// it spent that follows it; planning notices (timer rows written per second).
//   zhengdun-bench-scheduler burst DATABASE          the burst of 10,000 alone (for a profiler)
//   zhengdun-bench-scheduler steps DATABASE          each step of handling a notice, timed alone
//   zhengdun-bench-scheduler timer DATABASE COUNT SECONDS
// spreads COUNT notices over the next SECONDS of real time, runs the Dispatch timer, and reports
// the time from each due instant to its notice committed in the outbox, then the process's CPU
// time over 30 idle seconds.
import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunService
import ZhengdunStore

let arguments = CommandLine.arguments
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let zone = TimeZone(identifier: "Asia/Shanghai")!
let start = Timeline(calendar: .mondayToFriday, zone: zone).instant(try! LocalDateTime.parse("2026-03-02 09:00"))

func milliseconds(_ seconds: TimeInterval) -> String { String(format: "%.3f ms", seconds * 1000) }

func percentile(_ values: [TimeInterval], _ p: Double) -> TimeInterval {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func timed(_ body: () throws -> Void) rethrows -> TimeInterval {
    let began = DispatchTime.now().uptimeNanoseconds
    try body()
    return TimeInterval(DispatchTime.now().uptimeNanoseconds - began) / 1e9
}

func cpuSeconds() -> TimeInterval {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return TimeInterval(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + TimeInterval(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Pages the process has touched for the first time (minor faults): fresh memory costs a fault a page.
func pageFaults() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_minflt
}

func prepare(_ path: String) throws {
    var configuration = Configuration.defaults
    configuration.mail.from = "镇组织办 <zzb@town.example.cn>"
    let service = Service(store: try Store(path: path), clock: ManualClock(start), configuration: configuration)
    let admin = Acting(caller: Caller(unixUser: "root", uid: 0, isAdministrator: true))
    let roles = [
        ("secretary", "li-si"), ("resident_cadre", "wang-wu"), ("org_office", "qian-qi"),
        ("office_director", "zhao-liu"), ("group_leader", "sun-ba"), ("work_team", "zhou-jiu"),
    ]
    for (_, person) in roles {
        _ = try service.addPerson(id: person, name: person, email: "\(person)@town.example.cn", unixUser: nil, by: admin)
    }
    let file = try WorkflowFile.load(repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
    _ = try service.createPlan(
        PlanDraft(
            village: "XX村", start: try LocalDate.parse("2026-03-02"),
            assignments: roles.map { (RoleKey($0.0), PersonID($0.1)) }), workflow: file, by: admin)
    _ = try service.advance(PlanID(1), overrideReason: nil, by: Acting(caller: admin.caller, asPerson: "qian-qi"))
    // Only the plan's own timers are copied; the weekly report stays single.
    print("prepared \(path): 1 plan, \(try service.store.read { try $0.timerCount() }) pending notices")
}

func measure(_ path: String) throws {
    let clock = ManualClock(start)
    // As the daemon opens it: checkpoints wait for quiet moments.
    let service = Service(store: try Store(path: path, checkpointWhenIdle: true), clock: clock)
    let store = service.store
    let pending = try store.read { try $0.timerCount() }
    print("database: \(pending) pending notices")

    var lookups: [TimeInterval] = []
    for _ in 0..<1000 { lookups.append(try timed { _ = try service.nextDue() }) }
    print("next due instant:           median \(milliseconds(percentile(lookups, 0.5)))   p99 \(milliseconds(percentile(lookups, 0.99)))")

    // Before the earliest notice: a pass finds nothing, and the daemon then reads the next due
    // instant to arm its timer.
    clock.set(try service.nextDue()!.addingTimeInterval(-60))
    var idle: [TimeInterval] = []
    for _ in 0..<200 {
        idle.append(
            try timed {
                _ = try service.runDue(); _ = try service.nextDue()
            })
    }
    print("pass with nothing due:      median \(milliseconds(percentile(idle, 0.5)))   p99 \(milliseconds(percentile(idle, 0.99)))")

    try burst(service, clock: clock)

    // Planning: every task's notices recomputed and written, in one transaction per 1,000 tasks.
    let tasks = try store.read { tx in try tx.tasks(TaskFilter(plan: PlanID(2))) }
    let workflow = try WorkflowFile.load(repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
    let timeline = Timeline(calendar: workflow.calendar, zone: zone)
    var rows = 0
    let planning = try timed {
        for round in 0..<100 {
            try store.write { tx in
                for task in tasks {
                    var scheduled = task.scheduled
                    scheduled.id = TaskID(10_000_000 + Int64(round) * 100 + task.id!.rawValue)
                    let notices = NoticeSchedule.planned(
                        for: scheduled, reminders: workflow.workflow.reminders,
                        escalation: workflow.workflow.escalation, timeline: timeline)
                    for notice in notices {
                        try tx.insertTimer(
                            PlannedNotice(
                                key: notice.key, kind: notice.kind, plan: task.planID, task: task.id, dueAt: notice.dueAt,
                                level: notice.level, offset: notice.offset))
                    }
                    rows += notices.count
                }
            }
        }
    }
    print("planning notices:           \(rows) timer rows in \(milliseconds(planning)): \(Int(Double(rows) / planning)) rows/s")
}

/// A burst: 10,000 acknowledgement reminders of 10,000 tasks, all due at one instant, a second
/// before anything else; the pass runs at that instant.
func burst(_ service: Service, clock: ManualClock) throws {
    let store = service.store
    let earliest = try service.nextDue()!
    let burst = earliest.addingTimeInterval(-1)
    try store.write { tx in
        var moved = 0
        for notice in try tx.dueTimers(at: .distantFuture, limit: 200_000) where notice.kind == .acknowledgeReminder && moved < 10_000 {
            var early = notice
            early.dueAt = burst
            try tx.deleteTimer(notice.key)
            try tx.insertTimer(early)
            moved += 1
        }
    }
    try store.checkpoint()
    clock.set(burst)
    var pass: PassReport?
    let cpuBefore = cpuSeconds()
    let faultsBefore = pageFaults()
    let elapsed = try timed { pass = try service.runDue() }
    let cpu = cpuSeconds() - cpuBefore
    let faults = pageFaults() - faultsBefore
    let report = pass!
    let kinds = Dictionary(grouping: report.notices, by: \.kind.rawValue).mapValues(\.count).sorted { $0.key < $1.key }
        .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    print(
        "pass with 10,000 due:       \(milliseconds(elapsed)): \(report.notices.count) notices (\(kinds)) recorded, \(report.queued) messages queued; process CPU \(milliseconds(cpu)), \(faults) page faults"
    )
    // The sweep the daemon runs next, once delivery is under way.
    var swept = 0
    let sweeping = try timed { swept = try service.sweepSpentTimers() }
    print("sweeping its spent timers:  \(milliseconds(sweeping)): \(swept) timers deleted")

}

/// Where a pass's time goes: each step of handling a notice, timed alone over 10,000 tasks.
func steps(_ path: String) throws {
    let clock = ManualClock(start)
    let service = Service(store: try Store(path: path), clock: clock)
    let tasks = try service.store.read { tx in try tx.dueTimers(at: .distantFuture, limit: 60_000) }.compactMap(\.task)
    var unique: [TaskID] = []
    var seen = Set<TaskID>()
    for task in tasks where seen.insert(task).inserted && unique.count < 10_000 { unique.append(task) }
    try service.store.read { tx in
        var rows: [TaskRow] = []
        print("fetch 10,000 tasks one by one: \(milliseconds(try timed { rows = try unique.map { try tx.task($0)! } }))")
        print("fetch 10,000 tasks at once:    \(milliseconds(try timed { _ = try tx.tasks(ids: unique) }))")
        print("timers of 10,000 tasks:        \(milliseconds(try timed { for id in unique { _ = try tx.timers(of: id) } }))")
        print("plan rows for them:            \(milliseconds(try timed { for row in rows { _ = try tx.plan(row.planID) } }))")
        print("bindings for them:             \(milliseconds(try timed { for row in rows { _ = try tx.bindings(of: row.planID) } }))")
        print("people for them:               \(milliseconds(try timed { for row in rows { _ = try tx.person(row.assigneeID) } }))")
        let workflow = try WorkflowFile.load(repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
        let timeline = Timeline(calendar: workflow.calendar, zone: zone)
        print(
            "notices planned for them:      \(milliseconds(timed { for row in rows { _ = NoticeSchedule.planned(for: row.scheduled, reminders: workflow.workflow.reminders, escalation: workflow.workflow.escalation, timeline: timeline) } }))"
        )
        let from = try MailAddress.parse("镇组织办 <zzb@town.example.cn>")
        let to = try MailAddress(name: "李四", address: "li-si@town.example.cn")
        let body = String(repeating: "您有一项整顿任务尚未签收，请及时签收。\n", count: 12)
        print(
            "messages rendered:             \(milliseconds(timed { for row in rows { _ = MailMessage(from: from, to: [to], subject: "【签收提醒】\(row.title)（XX村）", text: body, date: start, messageID: "x@zhengdun").rendered(zone: zone) } }))"
        )
    }
    let message = Data(repeating: 65, count: 2500)
    let keys = try service.store.read { tx in try tx.dueTimers(at: .distantFuture, limit: 10_000) }
    let writes = try timed {
        try service.store.rehearse { tx in
            for notice in keys {
                try tx.deleteTimer(notice.key)
                try tx.record([NoticeRow(notice, recordedAt: start, late: false, foldedInto: nil, details: nil)])
                try tx.enqueue([
                    OutboxRow(
                        noticeKey: notice.key, personID: "li-si", address: "li-si@town.example.cn", subject: "s",
                        message: message, createdAt: start)
                ])
            }
        }
    }
    print("ledger, outbox and timer writes: \(milliseconds(writes))")
}

func timer(_ path: String, count: Int, seconds: TimeInterval) throws {
    let service = Service(store: try Store(path: path, checkpointWhenIdle: true), clock: SystemClock())
    let store = service.store
    // `count` notices of different tasks spread over the next `seconds`; everything else a year on.
    let all = try store.read { tx in try tx.dueTimers(at: .distantFuture, limit: 10_000_000) }
    var chosen = Set<String>()
    var tasks = Set<TaskID>()
    for notice in all where chosen.count < count {
        if let task = notice.task, notice.kind == .acknowledgeReminder, tasks.insert(task).inserted { chosen.insert(notice.key) }
    }
    let now = Date()
    var index = 0
    try store.write { tx in
        for notice in all {
            var moved = notice
            if chosen.contains(notice.key) {
                moved.dueAt = now.addingTimeInterval(15 + seconds * Double(index) / Double(count))
                index += 1
            } else {
                moved.dueAt = now.addingTimeInterval(365 * 86_400 + Double(index))
            }
            try tx.deleteTimer(notice.key)
            try tx.insertTimer(moved)
        }
    }
    try store.checkpoint()
    let lateness = LatenessLog()
    let timer = DueTimer(
        label: "zhengdun.scheduler", nextDue: { try service.nextDue() },
        pass: {
            let report = try service.runDue()
            let committed = Date()
            lateness.add(report.notices.map { committed.timeIntervalSince($0.dueAt) })
            // As the daemon does after every pass.
            try service.sweepSpentTimers()
            if ProcessInfo.processInfo.environment["ZBENCH_TRACE"] != nil {
                for notice in report.notices where committed.timeIntervalSince(notice.dueAt) > 0.02 {
                    print(
                        "late: \(milliseconds(committed.timeIntervalSince(notice.dueAt))) at +\(String(format: "%.2f", notice.dueAt.timeIntervalSince(now))) s, pass of \(report.notices.count)"
                    )
                }
            }
        }, failed: { print("timer failed: \($0)") }, idle: { try store.checkpoint() })
    timer.start()
    Thread.sleep(forTimeInterval: max(0, now.addingTimeInterval(15 + seconds + 2).timeIntervalSinceNow))
    let values = lateness.values
    guard !values.isEmpty else { print("no notice went out"); exit(1) }
    print(
        "due → committed, \(values.count) notices over \(Int(seconds)) s: median \(milliseconds(percentile(values, 0.5)))   p99 \(milliseconds(percentile(values, 0.99)))   max \(milliseconds(values.max() ?? 0))"
    )
    let before = cpuSeconds()
    Thread.sleep(forTimeInterval: 30)
    let used = cpuSeconds() - before
    print("CPU over 30 s with nothing due: \(milliseconds(used))")
    timer.stop()
}

final class LatenessLog: @unchecked Sendable {
    // Appended to only from the timer's serial queue; read after the timer has gone quiet.
    private let lock = NSLock()
    private var all: [TimeInterval] = []
    func add(_ values: [TimeInterval]) { lock.lock(); all += values; lock.unlock() }
    var values: [TimeInterval] { lock.lock(); defer { lock.unlock() }; return all }
}

do {
    switch (arguments.count > 1 ? arguments[1] : "", arguments.count) {
    case ("prepare", 3): try prepare(arguments[2])
    case ("measure", 3): try measure(arguments[2])
    case ("steps", 3): try steps(arguments[2])
    case ("burst", 3):
        let clock = ManualClock(start)
        try burst(Service(store: try Store(path: arguments[2], checkpointWhenIdle: true), clock: clock), clock: clock)
    case ("timer", 5): try timer(arguments[2], count: Int(arguments[3])!, seconds: TimeInterval(arguments[4])!)
    default:
        FileHandle.standardError.write(
            Data("usage: zhengdun-bench-scheduler prepare|measure|burst|steps DATABASE | timer DATABASE COUNT SECONDS\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("zhengdun-bench-scheduler: \(error)\n".utf8))
    exit(1)
}
