import ZhengdunCore

/// `report progress`: the progress report (进展情况) of one plan or all.
public struct ShowProgress: ServiceRequest {
    public static let name = "progressReport"
    public var plan: PlanID?
    public var campaign: CampaignID?

    public init(_ plan: PlanID?, campaign: CampaignID? = nil) {
        self.plan = plan
        self.campaign = campaign
    }

    public func perform(on service: Service, for caller: Caller) throws -> ProgressReport {
        try service.progressReport(plan: plan, campaign: campaign)
    }
}

/// `report progress --format html`: the progress report as a whole HTML page, from the stored
/// templates.
public struct ShowProgressPage: ServiceRequest {
    public static let name = "progressReportHTML"
    public var plan: PlanID?
    public var campaign: CampaignID?

    public init(_ plan: PlanID?, campaign: CampaignID? = nil) {
        self.plan = plan
        self.campaign = campaign
    }

    public func perform(on service: Service, for caller: Caller) throws -> String {
        try service.progressReportHTML(plan: plan, campaign: campaign)
    }
}

/// `report circular`: who is late, as the 通报 names them.
public struct ShowCircular: ServiceRequest {
    public static let name = "circularReport"
    public var plan: PlanID?
    public var campaign: CampaignID?

    public init(_ plan: PlanID?, campaign: CampaignID? = nil) {
        self.plan = plan
        self.campaign = campaign
    }

    public func perform(on service: Service, for caller: Caller) throws -> CircularReport {
        try service.circularReport(plan: plan, campaign: campaign)
    }
}

/// `ledger`: the rectification ledger (整改台账), one row per task.
public struct ShowLedger: ServiceRequest {
    public static let name = "ledger"
    public var query: LedgerQuery

    public init(_ query: LedgerQuery) { self.query = query }

    public func perform(on service: Service, for caller: Caller) throws -> [LedgerRow] {
        try service.ledger(query)
    }
}

/// `calendar export`: task deadlines with their reminders, for a calendar program.
public struct ExportCalendar: ServiceRequest {
    public static let name = "calendar"
    public var subject: CalendarSubject

    public init(_ subject: CalendarSubject) { self.subject = subject }

    public func perform(on service: Service, for caller: Caller) throws -> DeadlineCalendar {
        try service.deadlineCalendar(subject)
    }
}
