import Foundation
import ZhengdunCore

/// Something the command line asks of zhengdun, with the answer it expects: the same request
/// whether it is carried out on a local database or by the daemon over its socket. Each request
/// says whether it may change data; the daemon re-arms its timers after one, and a local one is
/// refused while the daemon owns the database.
public protocol ServiceRequest: Codable, Sendable {
    associatedtype Answer: Codable, Sendable
    /// The request's name on the socket (docs/protocol.md).
    static var name: String { get }
    /// Whether carrying it out may change data.
    var writes: Bool { get }
    /// Whether the daemon carries it out for an account linked to no person, which it otherwise
    /// serves nothing: a request that carries its own authority.
    var carriesItsOwnAuthority: Bool { get }
    /// Carries the request out for `caller`: decides, and commits or refuses whole.
    func perform(on service: Service, for caller: Caller) throws -> Answer
}

extension ServiceRequest {
    public var writes: Bool { false }
    public var carriesItsOwnAuthority: Bool { false }
}

/// A request an administrator may make as someone else (`--as`).
public protocol ActingRequest: ServiceRequest {
    /// The person an administrator acts as.
    var `as`: PersonID? { get }
}

extension ActingRequest {
    func acting(_ caller: Caller) -> Acting { Acting(caller: caller, asPerson: self.as) }
}

/// Every request the socket carries, by name: the one list a new request is added to.
public enum ServiceRequests {
    public static let all: [any ServiceRequest.Type] = [
        AddPerson.self, ListPeople.self,
        CreatePlan.self, ListPlans.self, ShowPlan.self, AdvancePlan.self, CancelPlan.self,
        ListTasks.self, ShowTask.self, ChangeTask.self, Inspect.self,
        ShowLog.self, VerifyAudit.self,
        RunDue.self, ListOutbox.self, RetryMessage.self,
        ShowProgress.self, ShowProgressPage.self, ShowCircular.self, ShowLedger.self, ExportCalendar.self,
        IssueCircular.self, ListCirculars.self, ShowIssuedCircular.self,
        ReceiveMail.self, ShowMailInStatus.self,
        RecordProblem.self, ListProblems.self, ShowProblem.self, ChangeProblem.self, RecordIndicator.self, ShowAcceptance.self,
        CreateCampaign.self, ListCampaigns.self, ShowCampaign.self, AdvanceCampaign.self, ShowRanking.self, RecordAccountability.self,
        ListAccountability.self,
    ]

    static let byName: [String: any ServiceRequest.Type] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}

extension Service {
    /// Carries out `request` for `caller`: the one entry to the service for both the command
    /// line and the daemon. A refused request keeps nothing and throws why.
    public func perform<Request: ServiceRequest>(_ request: Request, for caller: Caller) throws -> Request.Answer {
        try request.perform(on: self, for: caller)
    }

    /// An error in the words a refusal would use.
    public static func message(for error: any Error) -> Message {
        (error as? any ExplainedError)?.message ?? Message.text("\(error)")
    }
}

/// How requests and answers are written on the socket: JSON, instants as seconds since 1970.
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
