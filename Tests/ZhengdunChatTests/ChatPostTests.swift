import Foundation
import Testing

@testable import ZhengdunChat

@Suite("What is posted: bodies and cut texts")
struct ChatPostTests {
    func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func weComBodyIsMarkdownContentOnly() throws {
        let post = ChatPost(title: "督办提醒", markdown: "## 督办提醒\n请于**周五**前反馈 <https://x.cn/a>", atMobiles: ["13800000000"])
        let body = post.body(for: .wecom)
        #expect(
            String(decoding: body, as: UTF8.self)
                == ###"{"markdown":{"content":"## 督办提醒\n请于**周五**前反馈 <https://x.cn/a>"},"msgtype":"markdown"}"###)
    }

    @Test func dingTalkBodyHasTitleTextAndAt() throws {
        let post = ChatPost(title: "督办提醒", markdown: "请 @13800000000 反馈", atMobiles: ["13800000000"])
        let body = try object(post.body(for: .dingtalk))
        #expect(body["msgtype"] as? String == "markdown")
        let markdown = try #require(body["markdown"] as? [String: Any])
        #expect(markdown["title"] as? String == "督办提醒")
        #expect(markdown["text"] as? String == "请 @13800000000 反馈")
        let at = try #require(body["at"] as? [String: Any])
        #expect(at["atMobiles"] as? [String] == ["13800000000"])
        #expect((at["isAtAll"] as? NSNumber)?.boolValue == false)
        #expect(Set(body.keys) == ["msgtype", "markdown", "at"])
    }

    @Test func dingTalkBodyLeavesOutAtWhenNobodyIsAtted() throws {
        let bytes = ChatPost(title: "t", markdown: "m").body(for: .dingtalk)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"markdown":{"text":"m","title":"t"},"msgtype":"markdown"}"#)
        let everyone = try object(ChatPost(title: "t", markdown: "m", atAll: true).body(for: .dingtalk))
        #expect(((everyone["at"] as? [String: Any])?["isAtAll"] as? NSNumber)?.boolValue == true)
    }

    @Test func shortTextIsLeftAlone() {
        let text = String(repeating: "乡", count: 1365)  // 4095 bytes
        #expect(ChatPost.fitted(text, toBytes: 4096) == text)
    }

    @Test func longChineseTextIsCutAtACharacterWithTheNote() throws {
        let text = String(repeating: "请各村于本周五前报送防汛物资清单。", count: 200)
        let fitted = ChatPost.fitted(text, toBytes: ChatRobot.wecom.markdownByteLimit)
        #expect(fitted.utf8.count <= 4096)
        #expect(fitted.hasSuffix("……（全文见邮件）"))
        let kept = String(fitted.dropLast(ChatPost.truncationNote.count))
        #expect(text.hasPrefix(kept))
        // As much as fits: one more character would overflow.
        let next = text[text.index(text.startIndex, offsetBy: kept.count)]
        #expect(kept.utf8.count + next.utf8.count + ChatPost.truncationNote.utf8.count > 4096)
        // The posted body holds the same cut text.
        let body = try object(ChatPost(title: "t", markdown: text).body(for: .wecom))
        #expect((body["markdown"] as? [String: Any])?["content"] as? String == fitted)
    }

    /// A flag emoji (8 bytes), a family emoji (25 bytes) and a letter with a combining accent are
    /// one character each and are kept whole or left out whole.
    @Test func neverSplitsACharacter() {
        let pieces = ["乡", "🇨🇳", "👨‍👩‍👧‍👦", "é", "a"]
        let text = String((0..<400).map { pieces[$0 % pieces.count] }.joined())
        for limit in stride(from: 40, through: 300, by: 7) {
            let fitted = ChatPost.fitted(text, toBytes: limit)
            #expect(fitted.utf8.count <= limit)
            let kept = fitted.dropLast(ChatPost.truncationNote.count)
            #expect(text.hasPrefix(kept))
            #expect(kept.allSatisfy { pieces.contains(String($0)) })
        }
    }

    @Test func dingTalkTakesLongerTexts() {
        let text = String(repeating: "镇", count: 6000)  // 18000 bytes
        #expect(ChatPost.fitted(text, toBytes: ChatRobot.dingtalk.markdownByteLimit) == text)
        #expect(ChatPost.fitted(text, toBytes: ChatRobot.wecom.markdownByteLimit) != text)
    }
}
