import Dispatch
import Foundation
import Synchronization

/// `transform` of every item, worked out on the other cores while the caller goes on with its
/// own work and then takes the results in the items' order, each as soon as it is ready. A
/// caller that would wait works out the next items itself instead.
///
/// A scheduler pass writes a batch's messages this way while it records the notices before them.
final class OrderedWork<Item: Sendable, Result: Sendable>: @unchecked Sendable {
    private let items: [Item]
    private let transform: @Sendable (Item) -> Result
    // Each chunk's slots are written by the one thread that claimed the chunk, and read only
    // after its `ready` semaphore was signalled (or by the thread that wrote them).
    private let results: UnsafeMutableBufferPointer<Result?>
    private let ready: [DispatchSemaphore]
    private let claimed = Atomic<Int>(0)
    private let chunk: Int
    /// The last chunk the caller saw ready.
    private var taken = -1

    init(_ items: [Item], chunk: Int = 16, _ transform: @escaping @Sendable (Item) -> Result) {
        self.items = items
        self.transform = transform
        self.chunk = chunk
        results = .allocate(capacity: items.count)
        results.initialize(repeating: nil)
        let chunks = (items.count + chunk - 1) / chunk
        ready = (0..<chunks).map { _ in DispatchSemaphore(value: 0) }
        // The caller is one worker; the other cores are the rest, one thread each, taking the
        // work in the order it was given. Each holds `self` until done.
        for queue in workers.prefix(chunks) {
            queue.async { [self] in while work() {} }
        }
    }

    var count: Int { items.count }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    /// The result for item `index`, handed over: the work keeps no copy, so that what the caller
    /// is done with is freed at once and its memory serves the results still to come. Calls
    /// come in order, from one thread, once for each item.
    func result(_ index: Int) -> Result {
        let part = index / chunk
        if part != taken {
            // Until the chunk is done, work on the next unclaimed ones rather than wait.
            while ready[part].wait(timeout: .now()) == .timedOut {
                if !work() { ready[part].wait(); break }
            }
            taken = part
        }
        return results[index].take()!
    }

    /// Works out the next unclaimed chunk; false when every chunk was claimed.
    private func work() -> Bool {
        let part = claimed.add(1, ordering: .relaxed).oldValue
        guard part < ready.count else { return false }
        for index in part * chunk..<min(items.count, (part + 1) * chunk) { results[index] = transform(items[index]) }
        ready[part].signal()
        return true
    }
}

/// Lets go of `value` on a worker thread, after the work given before it: freeing what a pass
/// made and read costs the thread that holds the database nothing. The caller hands over its
/// last reference.
func freeOnWorker(_ value: some Sendable) {
    workers[0].async { withExtendedLifetime(value) {} }
}

/// One serial queue for each core but the caller's, so that work given in parts is done a part
/// after the other and never takes the caller's core.
private let workers = (0..<max(ProcessInfo.processInfo.activeProcessorCount - 1, 1)).map {
    DispatchQueue(label: "zhengdun.work.\($0)", qos: .userInitiated)
}
