import Synchronization
import ZhengdunCore

/// Stored workflows, calendars and mail templates already parsed, by the SHA-256 of their
/// text, so that a pass over many plans parses each snapshot once.
///
/// Owned by a `Service` and shared by its copies: a new Service (the daemon builds one on
/// reload) starts empty. Bounded, dropping the least recently used entry first.
final class ParsedCache: Sendable {
    enum Entry: Sendable {
        case workflow(Workflow)
        case calendar(WorkingCalendar)
        case templates(NoticeTemplates)
    }

    /// A deployment's plans run under a handful of workflow versions, calendars and template
    /// sets; 64 holds every one a pass touches with room to spare (fewer would make a pass that
    /// cycles through more of them parse on every plan), while texts edited over months of
    /// uptime cannot grow the cache without end.
    static let defaultCapacity = 64

    let capacity: Int
    private let state = Mutex(State())

    private struct State {
        var entries: [String: (entry: Entry, lastUse: UInt64)] = [:]
        /// Counts uses, so the smallest `lastUse` is the least recently used entry.
        var uses: UInt64 = 0
    }

    init(capacity: Int = ParsedCache.defaultCapacity) {
        precondition(capacity > 0, "a parsed cache must hold at least one entry")
        self.capacity = capacity
    }

    /// The entry parsed from the text with this SHA-256, if it is still held.
    subscript(sha256: String) -> Entry? {
        state.withLock { state in
            guard let found = state.entries[sha256] else { return nil }
            state.uses += 1
            state.entries[sha256] = (found.entry, state.uses)
            return found.entry
        }
    }

    /// Holds `entry` for the text with this SHA-256, dropping the least recently used entry
    /// when the cache is full. The scan for it runs only on a miss, after a parse that costs
    /// far more.
    func keep(_ entry: Entry, for sha256: String) {
        state.withLock { state in
            if state.entries[sha256] == nil, state.entries.count >= capacity,
                let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
            {
                state.entries[oldest] = nil
            }
            state.uses += 1
            state.entries[sha256] = (entry, state.uses)
        }
    }

    /// How many entries are held.
    var count: Int { state.withLock { $0.entries.count } }

    /// Whether the text with this SHA-256 is held, without counting as a use.
    func holds(_ sha256: String) -> Bool { state.withLock { $0.entries[sha256] != nil } }
}
