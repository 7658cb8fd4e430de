import Foundation

/// Parts made one after another, in order, by a maker that may run on a thread of its own, which
/// the caller takes in that order, each as soon as it is made, while it goes on with its own work.
/// The maker carries something from one part to the next (what it has read so far) and hands it
/// back when done.
///
/// A scheduler pass reads a batch's tasks this way, beside its write transaction (on a reader of
/// the store's pool), while it deletes the batch's timers and writes its notices on its own.
final class MadeAhead<Part: Sendable, Carried: Sendable>: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var parts: [Part?] = []
    private var taken = 0
    private var done = false
    private var wanted = true
    private var failure: (any Error)?
    private var carried: Carried?

    /// Waits for a maker, which calls `hand` with each part and then `end` once.
    init() {}

    /// The next part, once it is made; nil when every part was taken. Throws what stopped the
    /// maker, after the parts it made before.
    func next() throws -> Part? {
        condition.lock()
        defer { condition.unlock() }
        while taken == parts.count && !done { condition.wait() }
        if taken < parts.count {
            defer { taken += 1 }
            return parts[taken].take()
        }
        if let failure { throw failure }
        return nil
    }

    /// Tells the maker to stop if it is still making parts, waits until it has, and returns what
    /// it carried: nil if it failed. Nothing made ahead outlives the caller's work.
    @discardableResult
    func finish() -> Carried? {
        condition.lock()
        defer { condition.unlock() }
        wanted = false
        while !done { condition.wait() }
        return carried
    }

    /// Takes a part as it is made; false once the caller wants no more, and the maker should
    /// then stop.
    func hand(_ part: Part) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard wanted else { return false }
        parts.append(part)
        condition.signal()
        return true
    }

    /// Ends the making, with what the maker carried or what stopped it.
    func end(_ result: Result<Carried, any Error>) {
        condition.lock()
        defer { condition.unlock() }
        switch result {
        case .success(let value): carried = value
        case .failure(let error): failure = error
        }
        done = true
        condition.broadcast()
    }
}
