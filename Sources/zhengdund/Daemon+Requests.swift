import Foundation
import ZhengdunCore
import ZhengdunService

/// Requests from the socket, answered by the service in force.
extension Daemon {
    /// Answers one request frame from the socket: who sent it is the kernel's word, not the
    /// request's. `changes` says that the request may have changed what falls due, so that the
    /// timers look again.
    func answer(_ payload: Data, peer: PeerCredentials?) -> (answer: Data, changes: Bool) {
        let response: ServiceResponse
        var changes = false
        if isStopping {
            response = .refused(Message(.daemonStopping))
        } else if let peer {
            (response, changes) = answer(payload, from: peer)
        } else {
            response = .refused(Message(.noPeerCredentials))
        }
        do {
            return (try SocketFrames.encode(response), changes)
        } catch {
            logger.error("cannot encode an answer: \(error)")
            return ((try? SocketFrames.encode(.refused(Message(.cannotEncodeAnswer)))) ?? Data(), changes)
        }
    }

    private func answer(_ payload: Data, from peer: PeerCredentials) -> (ServiceResponse, changes: Bool) {
        let service = self.service
        let caller = peer.caller(adminGroup: service.configuration.adminGroup)
        if let refusal = service.socketAccess(for: caller) {
            logger.notice("request refused", metadata: ["caller": "\(caller.unixUser)", "uid": "\(peer.uid)", "pid": "\(peer.pid)", "reason": "\(refusal)"])
            return (.refused(refusal), false)
        }
        let request: ServiceRequest
        do {
            request = try SocketFrames.decodeRequest(payload)
        } catch {
            let reason = Self.reason(error)
            logger.notice("request refused", metadata: ["uid": "\(peer.uid)", "pid": "\(peer.pid)", "reason": "\(reason)"])
            return (.refused(Message(.notARequest, ["version": .number(SocketFrames.version), "reason": "\(reason)"])), false)
        }
        let response = perform(request, from: caller, service)
        let kind = String("\(request)".prefix { $0 != "(" })
        if case .refused(let reason) = response {
            logger.info("request refused", metadata: ["caller": "\(caller.unixUser)", "request": "\(kind)", "reason": "\(reason)"])
        } else {
            logger.debug("request", metadata: ["caller": "\(caller.unixUser)", "request": "\(kind)"])
        }
        return (response, request.changes)
    }

    /// The service's answer, except that delivery after `run-due` is the daemon's own, taken in
    /// turn with the delivery timer.
    private func perform(_ request: ServiceRequest, from caller: Caller, _ service: Service) -> ServiceResponse {
        guard case .runDue(dryRun: false, send: true) = request else { return service.handle(request, from: caller) }
        let response = service.handle(.runDue(dryRun: false, send: false), from: caller)
        guard case .pass(var pass, _) = response else { return response }
        do {
            return .pass(pass, delivery: try deliverDue())
        } catch {
            // The pass committed: a delivery that failed is a warning, not a refusal.
            pass.warnings.append(Message(.deliveryStopped, ["problem": .message(Service.message(for: error))]))
            return .pass(pass, delivery: nil)
        }
    }

    /// A decoding error in one line.
    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
             DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            let detail = context.underlyingError.map { "\($0)" }.flatMap { $0.contains("JSON") || $0.contains("UTF") ? "the bytes are not JSON" : nil }
            return (path.isEmpty ? "" : "\(path): ") + (detail ?? context.debugDescription)
        default:
            return "\(error)"
        }
    }
}
