import Foundation
import Testing

@testable import ZhengdunChat

@Suite("DingTalk 加签 signatures")
struct DingTalkSignatureTests {
    /// Computed once with Python's `hmac`, `hashlib`, `base64` and `urllib.parse.quote_plus`, as in
    /// DingTalk's own Python example.
    @Test func matchesAFixedVector() {
        let signature = DingTalkSignature(
            secret: "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", timestamp: 1_700_000_000_000)
        #expect(signature.sign == "bTgY2yDbep+wesS7jKiNj+srsHoADES4+C4f8LCHFtU=")
        #expect(signature.urlEncodedSign == "bTgY2yDbep%2BwesS7jKiNj%2BsrsHoADES4%2BC4f8LCHFtU%3D")
    }

    @Test func takesTheTimestampInWholeMilliseconds() {
        let signature = DingTalkSignature(secret: "SECtest", at: Date(timeIntervalSince1970: 1_577_836_800.000_9))
        #expect(signature.timestamp == 1_577_836_800_000)
        #expect(signature.sign == "drlICLmsjUfpSZSa7+mhIyTLZHQVqxb4vc20sB3aqQU=")
    }

    /// Python signs afresh with secrets and moments it is given, among them a non-ASCII secret and
    /// enough timestamps that `+`, `/` and `=` all turn up in the Base64.
    @Test(needsPython) func agreesWithPython() throws {
        let secrets = ["SECabc", "SEC" + String(repeating: "f0", count: 32), "SEC密钥", "SEC a+b/c=d"]
        let timestamps: [Int64] = (0..<8).map { 1_700_000_000_000 + $0 * 1_234_567 }
        let cases = secrets.flatMap { secret in timestamps.map { (secret, $0) } }
        let input = cases.map { "\($0.1)\t\($0.0)" }.joined(separator: "\n")
        let output = try runPython(
            """
            import base64, hashlib, hmac, sys, urllib.parse
            for line in sys.argv[1].split("\\n"):
                timestamp, secret = line.split("\\t", 1)
                digest = hmac.new(secret.encode(), (timestamp + "\\n" + secret).encode(), hashlib.sha256).digest()
                print(urllib.parse.quote_plus(base64.b64encode(digest)))
            """, [input])
        let expected = output.split(separator: "\n").map(String.init)
        let ours = cases.map { DingTalkSignature(secret: $0.0, timestamp: $0.1).urlEncodedSign }
        #expect(ours == expected)
        #expect(ours.contains { $0.contains("%2F") } && ours.contains { $0.contains("%2B") })
    }

    @Test func signedURLCarriesTimestampAndSign() throws {
        let webhook = try ChatWebhook(
            name: "leaders", robot: .dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=tok123",
            secret: "SECtest")
        let url = webhook.requestURL(at: Date(timeIntervalSince1970: 1_577_836_800))
        #expect(
            url.absoluteString
                == "https://oapi.dingtalk.com/robot/send?access_token=tok123&timestamp=1577836800000&sign=drlICLmsjUfpSZSa7%2BmhIyTLZHQVqxb4vc20sB3aqQU%3D"
        )
        let unsigned = try ChatWebhook(
            name: "leaders", robot: .dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=tok123")
        #expect(unsigned.requestURL(at: Date()) == unsigned.url)
    }
}
