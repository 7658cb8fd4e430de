import ZhengdunCore

/// `circular issue`: a circular (通报) issued now by the township office, numbered, stored and
/// mailed; a dry run keeps nothing.
public struct IssueCircular: ActingRequest {
    public static let name = "issueCircular"
    public var plan: PlanID?
    public var campaign: CampaignID?
    public var dryRun: Bool
    public var `as`: PersonID?

    public init(_ plan: PlanID?, campaign: CampaignID? = nil, dryRun: Bool, as person: PersonID?) {
        self.plan = plan
        self.campaign = campaign
        self.dryRun = dryRun
        self.as = person
    }

    public var writes: Bool { !dryRun }

    public func perform(on service: Service, for caller: Caller) throws -> IssuedCircular {
        try service.issueCircular(plan: plan, campaign: campaign, dryRun: dryRun, by: acting(caller))
    }
}

/// `circular list`: the circulars issued, by year and number.
public struct ListCirculars: ServiceRequest {
    public static let name = "circulars"

    public init() {}

    public func perform(on service: Service, for caller: Caller) throws -> [IssuedCircular] {
        try service.circulars()
    }
}

/// `report circular --number N`: one stored circular with its document, and its page for HTML
/// and PDF.
public struct ShowIssuedCircular: ServiceRequest {
    public static let name = "issuedCircular"
    public var number: Int
    public var year: Int?
    public var page: Bool

    public init(number: Int, year: Int?, page: Bool) {
        self.number = number
        self.year = year
        self.page = page
    }

    public func perform(on service: Service, for caller: Caller) throws -> CircularPrint {
        try service.circular(number: number, year: year, page: page)
    }
}
