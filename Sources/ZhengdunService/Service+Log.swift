import Foundation
import ZhengdunCore
import ZhengdunStore

/// What `log` shows: a plan's whole history, or one task's.
public enum LogSubject: Sendable, Codable {
    case plan(PlanID)
    case task(TaskID)
}

extension Service {
    public func log(_ subject: LogSubject) throws -> [EventView] {
        try store.read { tx in
            switch subject {
            case .plan(let id):
                guard try tx.plan(id) != nil else { throw Refusal(.noPlan(plan: "P\(id.rawValue)")) }
                return try tx.events(plan: id).map(EventView.init)
            case .task(let id):
                guard try tx.task(id) != nil else { throw Refusal(.noTask(task: "T\(id.rawValue)")) }
                return try tx.events(task: id).map(EventView.init)
            }
        }
    }

    /// `audit verify`: the hash chain and the evidence, checked end to end.
    public func verifyAudit(anchor: ChainAnchor? = nil) throws -> AuditReport {
        try store.read { tx in try tx.verifyAudit(anchor: anchor) }
    }

    /// How many events the log holds.
    public func eventCount() throws -> Int {
        try store.read { tx in try tx.eventCount() }
    }
}
