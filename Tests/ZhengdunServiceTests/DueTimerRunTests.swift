import Dispatch
import Synchronization
import Testing
import ZhengdunService

/// The due timer as its owner runs it: `run()` lasts until the timer is stopped, and returns only
/// after the pass in hand. No clock is involved: nothing is ever due.
@Suite("The due timer's run()")
struct DueTimerRunTests {
    /// Waits on a semaphore from a Dispatch thread, so that no thread of the concurrency pool blocks.
    func wait(for semaphore: DispatchSemaphore) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                semaphore.wait()
                done.resume()
            }
        }
    }

    @Test("run() ends only once the timer is stopped and the pass in hand has finished")
    func runEndsAfterThePassInHand() async {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let passes = Atomic<Int>(0)
        let timer = DueTimer(
            label: "zhengdun.test", nextDue: { nil },
            pass: {
                entered.signal()
                release.wait()
                passes.add(1, ordering: .sequentiallyConsistent)
            }, failed: { Issue.record("timer failed: \($0)") })
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await timer.run() }
            // The first pass is in hand when the stop is asked for.
            await wait(for: entered)
            timer.requestStop()
            release.signal()
            await group.next()
            #expect(passes.load(ordering: .sequentiallyConsistent) == 1, "run() returned before the pass in hand finished")
        }
    }

    @Test("A timer stopped before it runs runs no pass, and run() returns at once")
    func stoppedBeforeRunning() async {
        let passes = Atomic<Int>(0)
        let timer = DueTimer(
            label: "zhengdun.test", nextDue: { nil }, pass: { passes.add(1, ordering: .sequentiallyConsistent) },
            failed: { Issue.record("timer failed: \($0)") })
        timer.requestStop()
        await timer.run()
        #expect(passes.load(ordering: .sequentiallyConsistent) == 0)
    }

    @Test("Cancelling the task that runs the timer stops it")
    func cancellationStops() async {
        let timer = DueTimer(label: "zhengdun.test", nextDue: { nil }, pass: {}, failed: { Issue.record("timer failed: \($0)") })
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await timer.run() }
            group.cancelAll()
            await group.waitForAll()
        }
        #expect(timer.armedInstant == nil)
    }
}
