import Testing

@testable import ZhengdunChat

@Suite("Failures: kinds, permanence and wording")
struct ChatErrorTests {
    @Test(
        arguments: [
            (ChatError.Kind.rejected(errcode: 310000, errmsg: "sign not match"), true),
            (.rejected(errcode: 93000, errmsg: "invalid webhook url"), true),
            (.rejected(errcode: 300001, errmsg: "token is not exist"), true),
            (.rejected(errcode: -1, errmsg: "system busy"), false),
            (.rateLimited, false),
            (.server(status: 400), true),
            (.server(status: 404), true),
            (.server(status: 302), true),
            (.server(status: 408), false),
            (.server(status: 429), false),
            (.server(status: 500), false),
            (.server(status: 503), false),
            (.unreachable, false),
            (.timedOut, false),
            (.badAnswer, false),
        ] as [(ChatError.Kind, Bool)])
    func permanence(kind: ChatError.Kind, permanent: Bool) {
        let error = ChatError(kind, webhook: "leaders", redactedURL: "https://oapi.dingtalk.com/robot/send?access_token=…")
        #expect(error.isPermanent == permanent)
        #expect(!error.description.contains("\n"))
        #expect(error.description.hasPrefix("chat webhook leaders (https://oapi.dingtalk.com/robot/send?access_token=…): "))
    }

    @Test func descriptionIsOneLine() {
        let error = ChatError(
            .rejected(errcode: 310000, errmsg: "sign not match,\nmore info"), webhook: "leaders",
            redactedURL: "https://oapi.dingtalk.com/robot/send?access_token=…")
        #expect(
            error.description
                == "chat webhook leaders (https://oapi.dingtalk.com/robot/send?access_token=…): refused, errcode 310000 \"sign not match, more info\", will not succeed if retried"
        )
    }
}
