import Dispatch
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts notices to group robots' webhooks (群机器人推送): one HTTPS POST per notice, answered or
/// failed within the timeouts, the outcome classified as a ``ChatError``.
///
/// It blocks the calling thread until the robot answers or a timeout passes, because the outbox's
/// delivery loop is synchronous. Call it from a thread of its own, not from Swift concurrency's
/// cooperative pool.
///
/// ## Timeouts
/// URLSession on Linux (swift-corelibs-foundation, `HTTPURLProtocol.configureEasyHandle` and
/// `_EasyHandle`) sets no `CURLOPT_CONNECTTIMEOUT` nor `CURLOPT_TIMEOUT`: `URLRequest.timeoutInterval`
/// (or the configuration's `timeoutIntervalForRequest`) becomes an *idle* timer, truncated to whole
/// seconds, that every read, write or header callback restarts, and `timeoutIntervalForResource`
/// is not used at all. So this client keeps both of its bounds itself:
/// - ``connectTimeout`` (default 5 s): from the start until curl asks for the first byte of the
///   body (`didSendBodyData`), which it does only once name lookup, TCP and TLS are done; a host
///   that drops packets fails here instead of after curl's own 300 s.
/// - ``requestTimeout`` (default 15 s): from the start until the whole answer is in. The idle timer
///   is set a second beyond it, rounded up, as a second line.
/// When a bound passes, the task is cancelled and the post fails with ``ChatError/Kind/timedOut``.
public struct WebhookClient: Sendable {
    /// Seconds allowed to have a connection (name lookup, TCP, TLS) and start sending.
    public var connectTimeout: TimeInterval
    /// Seconds allowed for the whole exchange, connection included.
    public var requestTimeout: TimeInterval
    /// The clock signatures are made with; DingTalk refuses a timestamp more than an hour off.
    public var now: @Sendable () -> Date

    public init(
        connectTimeout: TimeInterval = 5, requestTimeout: TimeInterval = 15,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.now = now
    }

    /// The most of an answer that is kept: the robots answer a few dozen bytes.
    static let answerLimit = 64 * 1024

    /// Posts `post` to `webhook`; returns when the robot answered `errcode` 0.
    /// - Throws: ``ChatError`` for any other outcome; see ``ChatError/isPermanent``.
    public func post(_ post: ChatPost, to webhook: ChatWebhook) throws(ChatError) {
        let url = webhook.requestURL(at: now())
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.httpBody = Data(post.body(for: webhook.robot))
        // The idle timer is only a second line behind the client's own bound: a second longer, so
        // that the bound, not the timer, ends a hang and says so.
        request.timeoutInterval = max(1, requestTimeout.rounded(.up) + 1)

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = request.timeoutInterval
        // Not used by corelibs (see above); on Darwin it bounds the whole exchange as meant.
        configuration.timeoutIntervalForResource = requestTimeout
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false

        let exchange = Exchange()
        // A session per post: the delegate belongs to this one exchange, and notices are few.
        let session = URLSession(configuration: configuration, delegate: exchange, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        let task = session.dataTask(with: request)
        let start = DispatchTime.now()
        task.resume()

        let connectLimit = min(connectTimeout, requestTimeout)
        if exchange.connected.wait(timeout: start + connectLimit) == .timedOut, exchange.abandon() {
            task.cancel()
            throw ChatError(.timedOut, for: webhook, detail: "no connection within \(Self.seconds(connectLimit))")
        }
        if exchange.finished.wait(timeout: start + requestTimeout) == .timedOut, exchange.abandon() {
            task.cancel()
            throw ChatError(.timedOut, for: webhook, detail: "no whole answer within \(Self.seconds(requestTimeout))")
        }
        try Self.judge(exchange.outcome(), from: webhook, sentTo: url)
    }

    /// Turns what came back into success or a classified error.
    static func judge(_ outcome: Exchange.Outcome, from webhook: ChatWebhook, sentTo url: URL) throws(ChatError) {
        if let failure = outcome.failure {
            throw ChatError(failure.kind, for: webhook, detail: failure.detail)
        }
        guard let status = outcome.status else {
            throw ChatError(.badAnswer, for: webhook, detail: "no HTTP status")
        }
        switch status {
        case 200:
            break
        case 429:
            throw ChatError(.rateLimited, for: webhook, detail: "HTTP 429")
        default:
            throw ChatError(.server(status: status), for: webhook)
        }
        struct Answer: Decodable {
            var errcode: Int
            var errmsg: String?
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: outcome.body) else {
            throw ChatError(.badAnswer, for: webhook, detail: "\(outcome.body.count) bytes without an errcode")
        }
        if answer.errcode == 0 { return }
        let errmsg = scrub(answer.errmsg ?? "", of: webhook, url: url)
        if ChatError.rateLimitCodes.contains(answer.errcode) {
            throw ChatError(.rateLimited, for: webhook, detail: "errcode \(answer.errcode) \(errmsg)")
        }
        throw ChatError(.rejected(errcode: answer.errcode, errmsg: errmsg), for: webhook)
    }

    /// `text` with the credential, the secret and the signature cut out, in case the far end
    /// echoes the request back in its errmsg.
    static func scrub(_ text: String, of webhook: ChatWebhook, url: URL) -> String {
        var secrets =
            URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?
            .filter { $0.name != "timestamp" }.compactMap(\.value) ?? []
        secrets +=
            URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQueryItems?
            .filter { $0.name != "timestamp" }.compactMap(\.value) ?? []
        if let secret = webhook.secret { secrets.append(secret) }
        var clean = text
        for secret in secrets where !secret.isEmpty {
            clean = clean.replacingOccurrences(of: secret, with: "…")
        }
        return clean
    }

    /// `5 s`, `0.5 s`.
    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() && abs(value) < 1e9 ? "\(Int(value)) s" : "\(value) s"
    }
}

/// The state of one post, filled in by URLSession's delegate queue and read by the posting thread.
///
/// Sendable without `@unchecked`: its only stored properties are a `Mutex` (Synchronization) and
/// two `DispatchSemaphore`s, all safe to share between threads.
final class Exchange: NSObject, URLSessionDataDelegate, Sendable {
    struct Failure: Sendable {
        var kind: ChatError.Kind
        var detail: String
    }
    struct Outcome: Sendable {
        var status: Int?
        var body = Data()
        var failure: Failure?
    }
    private struct State: Sendable {
        var outcome = Outcome()
        var connected = false
        var finished = false
        var abandoned = false
    }

    private let state = Mutex(State())
    /// Signalled once, when the body starts going out or the task ends, whichever is first.
    let connected = DispatchSemaphore(value: 0)
    /// Signalled once, when the task ends.
    let finished = DispatchSemaphore(value: 0)

    /// Gives up on the exchange after a timeout, unless it has just ended: `true` when the caller
    /// should cancel and report the timeout, `false` when the outcome is there to read.
    func abandon() -> Bool {
        state.withLock { state in
            if state.finished { return false }
            state.abandoned = true
            return true
        }
    }

    func outcome() -> Outcome { state.withLock { $0.outcome } }

    private func markConnected() {
        let first = state.withLock { state in
            defer { state.connected = true }
            return !state.connected
        }
        if first { connected.signal() }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didSendBodyData bytesSent: Int64, totalBytesSent: Int64,
        totalBytesExpectedToSend: Int64
    ) {
        markConnected()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let status = (response as? HTTPURLResponse)?.statusCode
        state.withLock { $0.outcome.status = status }
        markConnected()
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        state.withLock { state in
            let room = WebhookClient.answerLimit - state.outcome.body.count
            if room > 0 { state.outcome.body.append(data.prefix(room)) }
        }
    }

    /// A webhook does not redirect; following one would carry the credential to another address.
    /// The 3xx answer is reported instead.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let failure = error.map(Self.classify)
        state.withLock { state in
            state.outcome.failure = failure
            state.finished = true
        }
        markConnected()
        finished.signal()
    }

    /// A transport error as a kind and a detail. Only the error's code is used: its description and
    /// user info carry the URL, credential included.
    static func classify(_ error: any Error) -> Failure {
        guard let error = error as? URLError else {
            let code = (error as NSError).code
            return Failure(kind: .unreachable, detail: "\((error as NSError).domain) error \(code)")
        }
        let code = error.code
        let detail: String
        let kind: ChatError.Kind
        switch code {
        case .timedOut:
            (kind, detail) = (.timedOut, "no progress within the idle timeout")
        case .cancelled:
            (kind, detail) = (.timedOut, "cancelled")
        case .cannotConnectToHost:
            (kind, detail) = (.unreachable, "connection refused")
        case .cannotFindHost, .dnsLookupFailed:
            (kind, detail) = (.unreachable, "host name not found")
        case .notConnectedToInternet:
            (kind, detail) = (.unreachable, "no network")
        case .networkConnectionLost:
            (kind, detail) = (.unreachable, "connection lost before the answer")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            (kind, detail) = (.unreachable, "TLS failed")
        case .badServerResponse:
            (kind, detail) = (.badAnswer, "no HTTP answer")
        default:
            (kind, detail) = (.unreachable, "URLError \(code.rawValue)")
        }
        return Failure(kind: kind, detail: detail)
    }
}
