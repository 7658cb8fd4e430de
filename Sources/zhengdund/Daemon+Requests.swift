import Foundation
import ZhengdunCore
import ZhengdunService

/// Requests from the socket, answered by the service in force.
extension Daemon {
    /// Answers one request frame from the socket: who sent it is the kernel's word, not the
    /// request's. `changes` says that the request may have changed what falls due, so that the
    /// timers look again.
    func answer(_ payload: Data, peer: PeerCredentials?) -> (answer: Data, changes: Bool) {
        if isStopping { return (refusal(Message.daemonStopping), false) }
        guard let peer else { return (refusal(Message.noPeerCredentials), false) }
        let service = self.service
        let caller = peer.caller(adminGroup: service.configuration.adminGroup)
        let access = service.socketAccess(for: caller)
        let request: any ServiceRequest
        do {
            request = try SocketFrames.decodeRequest(payload)
        } catch {
            if let access { return refused(caller, peer, access) }
            let reason = Self.reason(error)
            logger.notice("request refused", metadata: ["uid": "\(peer.uid)", "pid": "\(peer.pid)", "reason": "\(reason)"])
            if let older = olderClientRefusal(error, service) { return (older, false) }
            return (refusal(Message.notARequest(version: SocketFrames.version, reason: "\(reason)")), false)
        }
        if let access, !request.carriesItsOwnAuthority { return refused(caller, peer, access) }
        return (answer(request, from: caller, service), request.writes)
    }

    private func refused(_ caller: Caller, _ peer: PeerCredentials, _ refusal: Message) -> (answer: Data, changes: Bool) {
        logger.notice(
            "request refused",
            metadata: ["caller": "\(caller.unixUser)", "uid": "\(peer.uid)", "pid": "\(peer.pid)", "reason": "\(refusal)"])
        return (self.refusal(refusal), false)
    }

    /// Carries out a request and writes its answer.
    private func answer<Request: ServiceRequest>(_ request: Request, from caller: Caller, _ service: Service) -> Data {
        do {
            let answer = try perform(request, from: caller, service)
            logger.debug("request", metadata: ["caller": "\(caller.unixUser)", "request": "\(Request.name)"])
            return try SocketFrames.encode(answer: answer)
        } catch {
            let reason = Service.message(for: error)
            logger.info("request refused", metadata: ["caller": "\(caller.unixUser)", "request": "\(Request.name)", "reason": "\(reason)"])
            return refusal(reason)
        }
    }

    /// The service's answer, except that delivery after `run-due` is the daemon's own, taken in
    /// turn with the delivery timer.
    private func perform<Request: ServiceRequest>(_ request: Request, from caller: Caller, _ service: Service) throws -> Request.Answer {
        guard let runDue = request as? RunDue, !runDue.dryRun, runDue.send else { return try service.perform(request, for: caller) }
        // Request is RunDue here, whose answer is a PassOutcome.
        return try deliveringAfter(RunDue(dryRun: false, send: false), from: caller, service) as! Request.Answer
    }

    private func deliveringAfter(_ pass: RunDue, from caller: Caller, _ service: Service) throws -> PassOutcome {
        var outcome = try service.perform(pass, for: caller)
        do {
            outcome.delivery = try deliverDue()
        } catch {
            // The pass committed: a delivery that failed is a warning, not a refusal.
            outcome.pass.warnings.append(Message.deliveryStopped(problem: Service.message(for: error)))
        }
        return outcome
    }

    /// A refusal as the frame that answers it.
    private func refusal(_ reason: Message) -> Data {
        do {
            return try SocketFrames.encode(refusal: reason)
        } catch {
            logger.error("cannot encode an answer: \(error)")
            return Data()
        }
    }

    /// A command line of an older protocol told, in its own envelope and the deployment's
    /// language, which command line to install.
    private func olderClientRefusal(_ error: any Error, _ service: Service) -> Data? {
        guard let failure = error as? SocketError, case .versionNotSpoken(let spoken) = failure.kind else { return nil }
        let text = Message.socketClientOutdated(spoken: spoken, version: SocketFrames.version)
            .text(in: Language(tag: service.configuration.mail.language) ?? .zh)
        return try? SocketFrames.olderClientRefusal(text, speaking: spoken)
    }

    /// A decoding error in one line.
    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
            DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            let detail = context.underlyingError.map { "\($0)" }.flatMap {
                $0.contains("JSON") || $0.contains("UTF") ? "the bytes are not JSON" : nil
            }
            return (path.isEmpty ? "" : "\(path): ") + (detail ?? context.debugDescription)
        default:
            return "\(error)"
        }
    }
}
