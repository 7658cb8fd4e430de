import Foundation
import ZhengdunCore
import ZhengdunStore

/// The commands of zhengdun with their authorisation: each one reads what it needs, decides
/// through the core's state machines, and commits the new state with its events in one
/// transaction, or refuses and changes nothing.
public struct Service: Sendable {
    public let store: Store
    public let clock: any WallClock
    public let configuration: Configuration
    /// Snapshots this service has parsed; copies of the service share it.
    let parsed = ParsedCache()

    public init(store: Store, clock: any WallClock, configuration: Configuration = .defaults) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
    }

    /// The deployment's timezone.
    public var zone: TimeZone { configuration.zone }

    /// The most evidence one submission may carry.
    public static let maximumEvidenceBytes = 64 << 20
}

/// A plan with everything its commands need: the stored row, its workflow snapshot, who holds
/// which role, and its timeline. Shared, not copied: a pass hands it to each of the plan's due
/// tasks, and a copy of the fields would count a reference to every text and list they hold.
final class PlanContext: Sendable {
    let row: PlanRow
    let workflow: Workflow
    let bindings: RoleBindings
    let timeline: Timeline

    init(row: PlanRow, workflow: Workflow, bindings: RoleBindings, timeline: Timeline) {
        self.row = row
        self.workflow = workflow
        self.bindings = bindings
        self.timeline = timeline
    }

    var id: PlanID { row.id! }
    var label: String { "P\(id.rawValue)" }
}

extension Service {
    func context(_ id: PlanID, in tx: StoreTransaction) throws -> PlanContext {
        guard let row = try tx.plan(id) else { throw Refusal(.noPlan(plan: "P\(id.rawValue)")) }
        return try context(row, bindings: try tx.bindings(of: id), in: tx)
    }

    /// A plan's context from its row and bindings already read.
    func context(_ row: PlanRow, bindings: RoleBindings, timelines: [String: Timeline] = [:], in tx: StoreTransaction) throws -> PlanContext
    {
        let timeline = try row.calendar.flatMap { timelines[$0] } ?? timeline(calendar: row.calendar, in: tx)
        return PlanContext(row: row, workflow: try snapshot(row, tx), bindings: bindings, timeline: timeline)
    }

    func timeline(calendar name: String?, in tx: StoreTransaction) throws -> Timeline {
        guard let name else { return Timeline(calendar: .mondayToFriday, zone: zone) }
        guard let sha256 = try tx.calendarSHA256(name) else { throw Refusal(.noCalendarStored(name: "\(name)")) }
        if case .calendar(let calendar)? = parsed[sha256] { return Timeline(calendar: calendar, zone: zone) }
        let row = try tx.calendar(name)!
        let calendar: WorkingCalendar
        do {
            calendar = try WorkingCalendar.load(row.yaml, file: "calendar \(name)").value
        } catch {
            throw Refusal(
                .storedCalendarUnreadable(name: "\(name)", problem: error.diagnostics.first.map { $0.message } ?? ""))
        }
        parsed.keep(.calendar(calendar), for: row.sha256)
        return Timeline(calendar: calendar, zone: zone)
    }

    /// The plan's own copy of its workflow, parsed once per service while it stays in the cache.
    func snapshot(_ row: PlanRow, _ tx: StoreTransaction) throws -> Workflow {
        if case .workflow(let workflow)? = parsed[row.workflowSHA256] { return workflow }
        guard let text = try tx.workflowText(row.workflowSHA256) else {
            throw Refusal(.workflowMissing(plan: "P\(row.id?.rawValue ?? 0)"))
        }
        do {
            let workflow = try Workflow.load(text, file: "the workflow of P\(row.id?.rawValue ?? 0)").value
            parsed.keep(.workflow(workflow), for: row.workflowSHA256)
            return workflow
        } catch {
            throw Refusal(
                .storedWorkflowUnreadable(plan: "P\(row.id?.rawValue ?? 0)", problem: error.diagnostics.first.map { $0.message } ?? ""))
        }
    }

    /// The mail templates of the configured language, as last stored, parsed once per service while it stays in the cache.
    func templates(in tx: StoreTransaction) throws -> NoticeTemplates {
        let language = configuration.mail.language
        let texts = try tx.templates(language: language)
        guard !texts.isEmpty else {
            throw Refusal(.noTemplatesStored(language: "\(language)"))
        }
        let sha256 = SHA256.hex(texts.sorted { $0.key < $1.key }.map { "\($0.key)\u{0}\($0.value)" }.joined(separator: "\u{0}"))
        if case .templates(let templates)? = parsed[sha256] { return templates }
        do {
            let templates = try NoticeTemplates(language: language, texts: texts, folder: "stored templates")
            parsed.keep(.templates(templates), for: sha256)
            return templates
        } catch {
            throw Refusal(
                .storedTemplatesUnreadable(language: "\(language)", problem: error.diagnostics.first.map { $0.message } ?? ""))
        }
    }

    /// The person a command is done as: the one named with `--as` (administrators only), or
    /// the one linked to the caller's Unix account.
    func party(_ acting: Acting, in tx: StoreTransaction) throws -> PersonRow? {
        if let id = acting.asPerson {
            // A reply by mail acts as the person its token names, checked before it gets here.
            guard acting.caller.isAdministrator || acting.caller.mailFrom != nil else {
                throw Refusal(.onlyAdministratorActsAs(user: "\(acting.caller.unixUser)"))
            }
            guard let person = try tx.person(id) else { throw Refusal(.noPerson(person: TypedText.excerpt("\(id)"))) }
            return person
        }
        return try tx.person(unixUser: acting.caller.unixUser)
    }

    /// The person a plan or task command is done as; refuses when there is none.
    func actor(_ acting: Acting, in tx: StoreTransaction) throws -> PersonRow {
        guard let person = try party(acting, in: tx) else {
            throw Refusal(.notLinked(user: "\(acting.caller.unixUser)"))
        }
        return person
    }

    func requireAdministrator(_ acting: Acting, to act: Message) throws {
        guard acting.caller.isAdministrator else {
            throw Refusal(.onlyAdministratorMay(act: act, user: "\(acting.caller.unixUser)"))
        }
    }
}
