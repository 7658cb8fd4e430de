import ZhengdunCore

/// `indicator set|survey`: a value of a goal's indicator, or the satisfaction survey's counts.
public struct RecordIndicator: ActingRequest {
    public static let name = "recordIndicator"
    public var plan: PlanID
    public var record: IndicatorRecord
    public var note: String?
    public var evidence: [EvidenceFile]
    public var `as`: PersonID?

    public init(_ plan: PlanID, _ record: IndicatorRecord, note: String?, evidence: [EvidenceFile], as person: PersonID?) {
        self.plan = plan
        self.record = record
        self.note = note
        self.evidence = evidence
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> AcceptanceReport {
        try service.record(record, in: plan, note: note, evidence: evidence, by: acting(caller))
    }
}

/// `report acceptance` and `indicator list`: the plan's goals, indicator by indicator.
public struct ShowAcceptance: ServiceRequest {
    public static let name = "acceptance"
    public var plan: PlanID

    public init(_ plan: PlanID) { self.plan = plan }

    public func perform(on service: Service, for caller: Caller) throws -> AcceptanceReport {
        try service.acceptance(plan)
    }
}
