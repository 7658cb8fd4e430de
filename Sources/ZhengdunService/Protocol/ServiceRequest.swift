import Foundation
import ZhengdunCore
import ZhengdunStore

/// What the command line asks of zhengdun, the same whether it works on a local database or
/// through the daemon's socket. `as` is the person an administrator acts as.
public enum ServiceRequest: Sendable, Codable {
    case addPerson(id: String, name: String, email: String, unixUser: String?, as: PersonID?)
    case people
    case createPlan(PlanDraft, workflow: WorkflowBundle, as: PersonID?)
    case plans
    case plan(PlanID)
    case advance(PlanID, overrideReason: String?, as: PersonID?)
    case cancelPlan(PlanID, reason: String, as: PersonID?)
    case tasks(TaskQuery, as: PersonID?)
    case task(TaskID)
    case changeTask(TaskID, TaskRequest, as: PersonID?)
    case inspect(PlanID, finding: String, order: RectificationOrder?, as: PersonID?)
    case log(LogSubject)
    /// `audit verify`, with the anchor to check when one is given.
    case audit(anchor: ChainAnchor?)
    /// One scheduler pass at the clock's now, then delivery unless `send` is false.
    case runDue(dryRun: Bool, send: Bool)
    case outbox(states: Set<String>)
    case retryMessage(Int64, as: PersonID?)
    case progressReport(PlanID?)
    /// The progress report as an HTML page, from the stored templates.
    case progressReportHTML(PlanID?)
    case circularReport(PlanID?)
    /// The rectification ledger (整改台账): one row per task.
    case ledger(LedgerQuery)
    /// Task deadlines with their reminders, for a calendar program.
    case calendar(CalendarSubject)

    /// Whether the request may change data (the daemon re-arms its timer after one).
    public var changes: Bool {
        switch self {
        case .people, .plans, .plan, .tasks, .task, .log, .audit, .outbox, .progressReport, .progressReportHTML, .circularReport,
             .ledger, .calendar:
            return false
        case .runDue(let dryRun, _): return !dryRun
        default: return true
        }
    }
}

/// What comes back: the data the command line prints, or why the request was refused.
public enum ServiceResponse: Sendable, Codable {
    case person(PersonView)
    case people([PersonView])
    case plan(PlanView)
    case plans([PlanSummary])
    case planOutcome(PlanOutcome)
    case tasks([TaskSummary])
    case task(TaskView)
    case taskOutcome(TaskOutcome)
    case inspection(InspectionOutcome)
    case events([EventView])
    case audit(AuditReport)
    case pass(PassReport, delivery: DeliveryReport?)
    case outbox([OutboxEntry])
    case outboxEntry(OutboxEntry)
    case progress(ProgressReport)
    /// An HTML page, whole.
    case html(String)
    case circular(CircularReport)
    case ledger([LedgerRow])
    case calendar(DeadlineCalendar)
    /// Refused or failed: what to tell the person, one line (or a file's diagnostics), said by
    /// the command line in its reader's language.
    case refused(Message)
}

extension Service {
    /// Carries out a request for `caller`: the one entry to the service for both the command line
    /// and the daemon. Refusals come back as `.refused`; nothing of a refused request is kept.
    public func handle(_ request: ServiceRequest, from caller: Caller) -> ServiceResponse {
        do {
            return try perform(request, from: caller)
        } catch {
            return .refused(Self.message(for: error))
        }
    }

    /// An error in the words a refusal would use.
    public static func message(for error: any Error) -> Message {
        switch error {
        case let refusal as Refusal: return refusal.message
        case let error as StoreError: return error.message
        case let invalid as InvalidSource: return invalid.message
        default: return Message(.verbatim, ["text": "\(error)"])
        }
    }

    private func perform(_ request: ServiceRequest, from caller: Caller) throws -> ServiceResponse {
        func acting(_ person: PersonID?) -> Acting { Acting(caller: caller, asPerson: person) }
        switch request {
        case .addPerson(let id, let name, let email, let unixUser, let person):
            return .person(try addPerson(id: id, name: name, email: email, unixUser: unixUser, by: acting(person)))
        case .people:
            return .people(try people())
        case .createPlan(let draft, let bundle, let person):
            return .plan(try createPlan(draft, workflow: try WorkflowFile(bundle), by: acting(person)))
        case .plans:
            return .plans(try plans())
        case .plan(let id):
            return .plan(try plan(id))
        case .advance(let id, let reason, let person):
            return .planOutcome(try advance(id, overrideReason: reason, by: acting(person)))
        case .cancelPlan(let id, let reason, let person):
            return .planOutcome(try cancel(id, reason: reason, by: acting(person)))
        case .tasks(let query, let person):
            return .tasks(try tasks(query, by: acting(person)))
        case .task(let id):
            return .task(try task(id))
        case .changeTask(let id, let change, let person):
            return .taskOutcome(try apply(change, to: id, by: acting(person)))
        case .inspect(let id, let finding, let order, let person):
            return .inspection(try inspect(id, finding: finding, order: order, by: acting(person)))
        case .log(let subject):
            return .events(try log(subject))
        case .audit(let anchor):
            return .audit(try verifyAudit(anchor: anchor))
        case .runDue(let dryRun, let send):
            var pass = try runDue(dryRun: dryRun)
            if dryRun {
                pass.next = try nextDue()
                return .pass(pass, delivery: nil)
            }
            // The pass has committed: whatever fails from here on is a warning, not a refusal.
            var delivery: DeliveryReport?
            if send {
                do { delivery = try deliver(using: try transport()) } catch {
                    pass.warnings.append(Message(.deliveryStopped, ["problem": .message(Self.message(for: error))]))
                }
            }
            do {
                try sweepSpentTimers()
                pass.next = try nextDue()
            } catch {
                pass.warnings.append(Message(.afterPassFailed, ["problem": .message(Self.message(for: error))]))
            }
            return .pass(pass, delivery: delivery)
        case .outbox(let states):
            return .outbox(try outbox(states: states))
        case .retryMessage(let id, let person):
            return .outboxEntry(try retry(message: id, by: acting(person)))
        case .progressReport(let plan):
            return .progress(try progressReport(plan: plan))
        case .progressReportHTML(let plan):
            return .html(try progressReportHTML(plan: plan))
        case .circularReport(let plan):
            return .circular(try circularReport(plan: plan))
        case .ledger(let query):
            return .ledger(try ledger(query))
        case .calendar(let subject):
            return .calendar(try deadlineCalendar(subject))
        }
    }
}

/// How requests and responses are written on the socket: JSON, instants as seconds since 1970.
public enum Wire {
    public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return try encoder.encode(value)
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(type, from: data)
    }
}
