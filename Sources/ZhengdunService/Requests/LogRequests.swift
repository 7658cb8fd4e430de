import ZhengdunCore

/// `log`: the events of a plan, task or person.
public struct ShowLog: ServiceRequest {
    public static let name = "log"
    public var subject: LogSubject

    public init(_ subject: LogSubject) { self.subject = subject }

    public func perform(on service: Service, for caller: Caller) throws -> [EventView] {
        try service.log(subject)
    }
}

/// `audit verify`, with the anchor to check when one is given.
public struct VerifyAudit: ServiceRequest {
    public static let name = "audit"
    public var anchor: ChainAnchor?

    public init(anchor: ChainAnchor?) { self.anchor = anchor }

    public func perform(on service: Service, for caller: Caller) throws -> AuditReport {
        try service.verifyAudit(anchor: anchor)
    }
}
