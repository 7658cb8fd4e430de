import Foundation
import Testing

@testable import ZhengdunChat

/// Posts over real HTTP to a stand-in robot server (``RobotServer``) on 127.0.0.1.
@Suite("Posting to a stand-in robot over HTTP", needsPython)
struct WebhookClientTests {
    static let key = "wecomkey-5f1c0a9e-2b7d-4c1e-9a3f-d00dfeedbeef"
    static let token = "dingtoken0123456789abcdef0123456789abcdef"
    static let secret = "SEC9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa99887766554433221100"

    let post = ChatPost(
        title: "防汛督办", markdown: "#### 防汛督办\n请各村于**今日18时**前上报巡查情况。@13800000000", atMobiles: ["13800000000"])
    let client = WebhookClient(connectTimeout: 2, requestTimeout: 3)

    func webhook(_ robot: ChatRobot, on server: RobotServer, secret: String? = nil) throws -> ChatWebhook {
        let credential = robot == .wecom ? Self.key : Self.token
        return try ChatWebhook(
            name: "leaders", robot: robot, url: server.url(robot: robot.rawValue, credential: credential), secret: secret)
    }

    /// Posts and returns the error, checking that no text about it gives away a secret.
    func failure(_ webhook: ChatWebhook, client: WebhookClient? = nil) throws -> ChatError {
        let error = try #require(throws: ChatError.self) { try (client ?? self.client).post(post, to: webhook) }
        for text in [error.description, String(reflecting: error), "\(error.kind)", error.detail ?? ""] {
            #expect(!text.contains(Self.key) && !text.contains(Self.token) && !text.contains(Self.secret), "\(text)")
        }
        #expect(!error.description.contains("\n"))
        return error
    }

    @Test func postsWeComMarkdown() throws {
        let server = try RobotServer(robot: "wecom", steps: [.robot(errcode: 0, errmsg: "ok")])
        defer { server.stop() }
        try client.post(post, to: webhook(.wecom, on: server))
        let request = try #require(try server.requests().first)
        #expect(request["path"] as? String == "/cgi-bin/webhook/send")
        #expect(request["query"] as? [String: String] == ["key": Self.key])
        let headers = try #require(request["headers"] as? [String: String])
        #expect(headers["content-type"] == "application/json; charset=utf-8")
        #expect(request["body"] as? String == String(decoding: post.body(for: .wecom), as: UTF8.self))
    }

    @Test func postsSignedDingTalkMarkdown() throws {
        let server = try RobotServer(robot: "dingtalk", secret: Self.secret, steps: [.robot(errcode: 0, errmsg: "ok")])
        defer { server.stop() }
        let webhook = try webhook(.dingtalk, on: server, secret: Self.secret)
        try client.post(post, to: webhook)
        try client.post(post, to: webhook)
        let requests = try server.requests()
        #expect(requests.count == 2)
        let query = try #require(requests.first?["query"] as? [String: String])
        #expect(query["access_token"] == Self.token)
        let timestamp = try #require(query["timestamp"].flatMap { Int64($0) })
        #expect(abs(Double(timestamp) / 1000 - Date().timeIntervalSince1970) < 60)
        let body = try #require(requests.first?["body"] as? String)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect((object["markdown"] as? [String: String]) == ["title": "防汛督办", "text": post.markdown])
    }

    @Test func aWrongSecretIsRefusedForGood() throws {
        let server = try RobotServer(robot: "dingtalk", secret: Self.secret, steps: [.robot(errcode: 0, errmsg: "ok")])
        defer { server.stop() }
        let error = try failure(webhook(.dingtalk, on: server, secret: "SECnotthesecretatall"))
        #expect(error.kind == .rejected(errcode: 310000, errmsg: "sign not match"))
        #expect(error.isPermanent)
        #expect(error.description.contains("errcode 310000"))
        #expect(error.description.contains("access_token=…"))
    }

    @Test func aSignatureWithoutA加签RobotIsRefused() throws {
        // The server's robot is not set to 加签 and so takes no signature: shows the check is real.
        let server = try RobotServer(robot: "dingtalk", steps: [.robot(errcode: 0, errmsg: "ok")])
        defer { server.stop() }
        try client.post(post, to: webhook(.dingtalk, on: server))
        let error = try failure(webhook(.dingtalk, on: server, secret: Self.secret))
        #expect(error.kind == .rejected(errcode: 40035, errmsg: "unexpected signature"))
    }

    @Test func sendTooFastIsARateLimit() throws {
        let server = try RobotServer(robot: "dingtalk", steps: [.robot(errcode: 130101, errmsg: "send too fast")])
        defer { server.stop() }
        let error = try failure(webhook(.dingtalk, on: server))
        #expect(error.kind == .rateLimited)
        #expect(!error.isPermanent)
        #expect(error.description.contains("130101"))
    }

    @Test func weComFrequencyLimitIsARateLimit() throws {
        let server = try RobotServer(robot: "wecom", steps: [.robot(errcode: 45009, errmsg: "api freq out of limit")])
        defer { server.stop() }
        let error = try failure(webhook(.wecom, on: server))
        #expect(error.kind == .rateLimited && !error.isPermanent)
    }

    /// The robot's errmsg is quoted, but never with the key in it, should the far end echo it.
    @Test func anInvalidKeyIsPermanentAndItsEchoIsScrubbed() throws {
        let server = try RobotServer(
            robot: "wecom", steps: [.robot(errcode: 93000, errmsg: "invalid webhook url, key \(Self.key)")])
        defer { server.stop() }
        let error = try failure(webhook(.wecom, on: server))
        #expect(error.kind == .rejected(errcode: 93000, errmsg: "invalid webhook url, key …"))
        #expect(error.isPermanent)
    }

    @Test func http429IsARateLimit() throws {
        let server = try RobotServer(robot: "wecom", steps: [.status(429)])
        defer { server.stop() }
        let error = try failure(webhook(.wecom, on: server))
        #expect(error.kind == .rateLimited && !error.isPermanent)
    }

    @Test func http500IsWorthRetrying() throws {
        let server = try RobotServer(robot: "dingtalk", steps: [.status(500)])
        defer { server.stop() }
        let error = try failure(webhook(.dingtalk, on: server))
        #expect(error.kind == .server(status: 500) && !error.isPermanent)
    }

    @Test func http404IsPermanent() throws {
        let server = try RobotServer(robot: "wecom", steps: [.status(404)])
        defer { server.stop() }
        let error = try failure(webhook(.wecom, on: server))
        #expect(error.kind == .server(status: 404) && error.isPermanent)
    }

    /// A redirect would carry the key elsewhere; it is reported, not followed.
    @Test func aRedirectIsNotFollowed() throws {
        let server = try RobotServer(robot: "wecom", steps: [.redirect(path: "/elsewhere"), .robot(errcode: 0, errmsg: "ok")])
        defer { server.stop() }
        let error = try failure(webhook(.wecom, on: server))
        #expect(error.kind == .server(status: 302) && error.isPermanent)
        #expect(try server.requests().count == 1)
    }

    @Test func aHangEndsWithinTheRequestTimeout() throws {
        let server = try RobotServer(robot: "wecom", steps: [.hang(seconds: 10)])
        defer { server.stop() }
        let start = Date()
        let error = try failure(webhook(.wecom, on: server))
        let elapsed = Date().timeIntervalSince(start)
        #expect(error.kind == .timedOut && !error.isPermanent)
        // Connected in time (the body went out), then no answer.
        #expect(error.detail == "no whole answer within 3 s")
        #expect(elapsed >= client.requestTimeout - 0.5 && elapsed < client.requestTimeout + 2, "took \(elapsed) s")
    }

    @Test func aClosedPortIsUnreachable() throws {
        let port = try RobotServer.closedPort()
        let webhook = try ChatWebhook(
            name: "leaders", robot: .wecom, url: "http://127.0.0.1:\(port)/cgi-bin/webhook/send?key=\(Self.key)")
        let start = Date()
        let error = try failure(webhook)
        #expect(error.kind == .unreachable && !error.isPermanent, "\(error)")
        #expect(Date().timeIntervalSince(start) < 2)
    }

    /// A listener that never completes the handshake: the connect timeout ends it, well before the
    /// request timeout.
    @Test func aConnectionThatNeverOpensEndsAtTheConnectTimeout() throws {
        let listener = try RobotServer.blackhole()
        defer { listener.stop() }
        let webhook = try ChatWebhook(
            name: "leaders", robot: .wecom, url: "http://127.0.0.1:\(listener.port)/cgi-bin/webhook/send?key=\(Self.key)")
        let client = WebhookClient(connectTimeout: 1, requestTimeout: 8)
        let start = Date()
        let error = try failure(webhook, client: client)
        let elapsed = Date().timeIntervalSince(start)
        #expect(error.kind == .timedOut, "\(error)")
        #expect(error.detail == "no connection within 1 s")
        #expect(elapsed < 3, "took \(elapsed) s")
    }

    @Test func anAnswerThatIsNotTheRobotsJSONIsBad() throws {
        let server = try RobotServer(robot: "wecom", steps: [.status(200)])
        defer { server.stop() }
        let error = try failure(webhook(.wecom, on: server))
        #expect(error.kind == .badAnswer && !error.isPermanent)
    }

    @Test func aCutWeComTextIsAcceptedByTheServersLimit() throws {
        let server = try RobotServer(robot: "wecom", steps: [.robot(errcode: 0, errmsg: "ok")])
        defer { server.stop() }
        let long = ChatPost(title: "t", markdown: String(repeating: "各村（社区）要落实24小时值班制度。", count: 400))
        try client.post(long, to: webhook(.wecom, on: server))
        let body = try #require(try server.requests().first?["body"] as? String)
        #expect(body.contains("……（全文见邮件）"))
    }
}
