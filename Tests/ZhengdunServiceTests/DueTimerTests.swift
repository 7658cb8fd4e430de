import Foundation
import Synchronization
import Testing
import ZhengdunCore
import ZhengdunService
import ZhengdunStore

/// The due timer end to end: a real Dispatch timer, a real database, the real clock. Its
/// decisions are tested on a manual clock in `DueTimerMachineTests`.
@Suite("The due timer on the real clock", .tags(.endToEnd))
struct DueTimerTests {
    /// A store with one planned notice, due `delay` seconds from now, and its due instant.
    func store(due delay: TimeInterval, key: String = "progress.monday.09:00.2026-03-09") throws -> (Store, URL, Date) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-timer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Store(path: folder.appendingPathComponent("z.db").path)
        let due = Date().addingTimeInterval(delay)
        try store.write { tx in
            try tx.insertTimer(PlannedNotice(key: key, kind: .progressReport, plan: nil, task: nil, dueAt: due))
        }
        return (store, folder, due)
    }

    @Test("The timer fires at the due instant, runs the pass, and sleeps when nothing is planned")
    func firesAtTheDueInstant() async throws {
        let (store, folder, due) = try store(due: 0.4)
        defer { try? FileManager.default.removeItem(at: folder) }
        let passes = Mutex<[Date]>([])
        let timer = DueTimer(
            label: "zhengdun.test", nextDue: { try store.read { try $0.nextDue() } },
            pass: {
                passes.withLock { $0.append(Date()) }
                let due = try store.read { try $0.dueTimers(at: Date(), limit: 100) }
                try store.write { tx in for timer in due { try tx.deleteTimer(timer.key) } }
            }, failed: { Issue.record("timer failed: \($0)") })
        timer.start()
        // Wait for the second pass (generously: other tests may be loading the machine), then a
        // little more to see that no third comes.
        for _ in 0..<60 where passes.withLock({ $0.count }) < 2 { try await Task.sleep(for: .milliseconds(50)) }
        try await Task.sleep(for: .milliseconds(300))
        timer.stop()
        let times = passes.withLock { $0 }
        // One pass at start (catching up), one when the notice fell due (never before it); none after.
        #expect(times.count == 2)
        if times.count == 2 {
            #expect(times[1] >= due.addingTimeInterval(-0.001))  // instants are kept to the millisecond
            #expect(times[1].timeIntervalSince(due) < 2, "the pass ran \(times[1].timeIntervalSince(due)) s after the due instant")
        }
        #expect(try store.read { try $0.timerCount() } == 0)
    }
}
