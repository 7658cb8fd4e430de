import Foundation
import Testing

@testable import ZhengdunChat

@Suite("Configured robots: checks and redaction")
struct ChatWebhookTests {
    static let key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
    static let token = "a1b2c3d4e5f6tokentokentoken"
    static let secret = "SECf00dfeedcafe0123456789"

    @Test func acceptsTheDocumentedAddresses() throws {
        #expect(
            ChatWebhook.check(
                name: "leaders", robot: .wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=\(Self.key)",
                secret: nil
            ).isEmpty)
        #expect(
            ChatWebhook.check(
                name: "leaders", robot: .dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=\(Self.token)",
                secret: Self.secret
            ).isEmpty)
        #expect(
            ChatWebhook.check(
                name: "t", robot: .wecom, url: "http://127.0.0.1:8080/cgi-bin/webhook/send?key=k", secret: nil
            ).isEmpty)
        #expect(ChatWebhook.check(name: "t", robot: .wecom, url: "http://localhost/send?key=k", secret: nil).isEmpty)
        #expect(ChatWebhook.check(name: "t", robot: .wecom, url: "http://[::1]:9/send?key=k", secret: nil).isEmpty)
    }

    @Test(
        arguments: [
            (ChatRobot.wecom, "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K", nil, "must be https"),
            (.wecom, "http://127.0.0.1.example.com/send?key=K", nil, "must be https"),
            (.wecom, "ftp://127.0.0.1/send?key=K", nil, "must be https"),
            (.wecom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", nil, "no key="),
            (.wecom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=", nil, "no key="),
            (.dingtalk, "https://oapi.dingtalk.com/robot/send?key=K", nil, "no access_token="),
            (.wecom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K", "SECx", "only for DingTalk"),
            (.dingtalk, "https://oapi.dingtalk.com/robot/send?access_token=K&timestamp=1&sign=x", "SECx", "timestamp="),
            (.dingtalk, "https://oapi.dingtalk.com/robot/send?access_token=K", "K", "SEC…"),
            (.dingtalk, "https://oapi.dingtalk.com/robot/send?access_token=K", "SEC abc\n", "spaces"),
            (.dingtalk, "https://oapi.dingtalk.com/robot/send?access_token=K", "", "secret is empty"),
            (.wecom, "https://user:K@qyapi.weixin.qq.com/send?key=K", nil, "user name or password"),
            (.wecom, "https://qyapi.weixin.qq.com/send?key=K#K", nil, "fragment"),
            (.wecom, "qyapi.weixin.qq.com/send?key=K", nil, "not a URL"),
            (.wecom, "", nil, "url is empty"),
            (.wecom, "https:///send?key=K", nil, "no host"),
        ] as [(ChatRobot, String, String?, String)])
    func refuses(robot: ChatRobot, url: String, secret: String?, problem: String) throws {
        let problems = ChatWebhook.check(name: "leaders", robot: robot, url: url, secret: secret)
        #expect(problems.contains { $0.contains(problem) }, "\(problems)")
        let error = try #require(throws: ChatWebhook.Invalid.self) {
            try ChatWebhook(name: "leaders", robot: robot, url: url, secret: secret)
        }
        #expect(error.description.hasPrefix("chat webhook \"leaders\": "))
        #expect(!error.description.contains("\n"))
        // "K" stands for every credential and secret above; it appears in no problem's wording.
        #expect(!error.description.contains("K"), "\(error)")
    }

    @Test func refusesBadNames() {
        let url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"
        #expect(ChatWebhook.check(name: "", robot: .wecom, url: url, secret: nil) == ["name is empty"])
        #expect(ChatWebhook.check(name: "领导 群", robot: .wecom, url: url, secret: nil).count == 1)
        #expect(ChatWebhook.check(name: "领导群", robot: .wecom, url: url, secret: nil).isEmpty)
    }

    @Test func textsNeverShowTheCredentialOrTheSecret() throws {
        let webhook = try ChatWebhook(
            name: "leaders", robot: .dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=\(Self.token)",
            secret: Self.secret)
        #expect(webhook.redactedURL == "https://oapi.dingtalk.com/robot/send?access_token=…")
        #expect(webhook.description == "leaders (DingTalk https://oapi.dingtalk.com/robot/send?access_token=…, signed)")
        var dumped = ""
        dump(webhook, to: &dumped)
        let signature = DingTalkSignature(secret: Self.secret, at: Date())
        for text in [webhook.description, webhook.debugDescription, String(reflecting: webhook), "\(webhook)", dumped] {
            #expect(!text.contains(Self.token), "\(text)")
            #expect(!text.contains(Self.secret), "\(text)")
            #expect(!text.contains(signature.sign) && !text.contains(signature.urlEncodedSign))
            #expect(text.contains("leaders"))
        }
        let weCom = try ChatWebhook(
            name: "town", robot: .wecom, url: "https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=\(Self.key)&debug=1")
        #expect(weCom.redactedURL == "https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=…&…=…")
        #expect(!weCom.debugDescription.contains(Self.key))
    }
}
