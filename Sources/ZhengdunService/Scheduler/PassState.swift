import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

/// What writing a notice's messages needs besides the task and its plan: the sender, the
/// templates and the people read so far with their addresses.
struct WritingContext: Sendable {
    let from: MailAddress
    let text: NoticeText
    /// When notices go out (`mail.send_window`).
    let window: SendWindow?
    var people: [PersonID: PersonRow?] = [:]
    var addresses: [PersonID: MailAddress] = [:]

    func address(of person: PersonRow) throws -> MailAddress {
        try addresses[person.id] ?? MailAddress(name: person.name, address: person.email)
    }
}

/// What a pass reads once: the sender, the templates, plans and people.
struct PassState: Sendable {
    var known: WritingContext
    var plans: [PlanID: PlanContext] = [:]
    /// The plans that called for a circular (通报) in this pass so far; its last batch issues
    /// one circular for them all.
    var circularCalls: [PlanID: CircularCall] = [:]
    /// Whether a full batch of this pass left its calls as timers, for the last batch (or the
    /// next pass, if this one stops) to find.
    var deferredCirculars = false

    init(from: MailAddress, text: NoticeText, window: SendWindow?) {
        known = WritingContext(from: from, text: text, window: window)
    }

    var from: MailAddress { known.from }
    var text: NoticeText { known.text }

    /// Reads several plans and their bindings at once.
    mutating func load(plans ids: [PlanID], _ service: Service, _ tx: StoreTransaction) throws {
        let missing = ids.filter { plans[$0] == nil }
        let rows = try tx.plans(ids: missing)
        let bindings = try tx.bindings(of: missing)
        var timelines: [String: Timeline] = [:]
        for (id, row) in rows {
            if let name = row.calendar, timelines[name] == nil { timelines[name] = try service.timeline(calendar: name, in: tx) }
            plans[id] = try service.context(row, bindings: bindings[id] ?? RoleBindings(), timelines: timelines, in: tx)
        }
    }

    /// Reads the people not read yet, with their addresses when they parse.
    mutating func load(people ids: some Sequence<PersonID>, _ tx: StoreTransaction) throws {
        // After the first few tasks, everyone named is known already.
        var missing: Set<PersonID> = []
        for id in ids where known.people[id] == nil { missing.insert(id) }
        guard !missing.isEmpty else { return }
        let rows = try tx.people(missing)
        for id in missing { remember(id, rows[id]) }
    }

    mutating func plan(_ id: PlanID, _ service: Service, _ tx: StoreTransaction) throws -> PlanContext {
        if let read = plans[id] { return read }
        let loaded = try service.context(id, in: tx)
        plans[id] = loaded
        return loaded
    }

    mutating func person(_ id: PersonID, _ tx: StoreTransaction) throws -> PersonRow? {
        if let read = known.people[id] { return read }
        let loaded = try tx.person(id)
        remember(id, loaded)
        return loaded
    }

    private mutating func remember(_ id: PersonID, _ row: PersonRow?) {
        known.people[id] = row
        if let row, let address = try? MailAddress(name: row.name, address: row.email) { known.addresses[id] = address }
    }
}
