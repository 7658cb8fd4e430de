import Foundation
import Testing

@testable import ZhengdunCore

@Suite("Reply tokens, reply keys and the words of a reply")
struct ReplyTokenTests {
    let secret = Array("0123456789abcdef0123456789abcdef".utf8)
    let token = ReplyToken(key: 1, actions: [.acknowledge, .submit], task: TaskID(1234), deadlineVersion: 2, assignmentVersion: 1)

    @Test("A token reads back with every field, is lowercase base32 of 28 characters, and is genuine only for its person and key")
    func roundTrip() throws {
        let text = token.text(for: PersonID("li-si"), secret: secret)
        #expect(text.count == 28)
        #expect(text.allSatisfy { ("a"..."z").contains($0) || ("2"..."7").contains($0) })
        let read = try #require(ReplyToken.read(text))
        #expect(read.token == token)
        #expect(ReplyToken.isGenuine(payload: read.payload, tag: read.tag, person: PersonID("li-si"), secret: secret))
        #expect(!ReplyToken.isGenuine(payload: read.payload, tag: read.tag, person: PersonID("wang-wu"), secret: secret))
        #expect(!ReplyToken.isGenuine(payload: read.payload, tag: read.tag, person: PersonID("li-si"), secret: Array(secret.reversed())))
        // A mail system that upper-cases the address changes nothing.
        let upper = try #require(ReplyToken.read(text.uppercased()))
        #expect(upper.token == token && upper.tag == read.tag)
    }

    @Test("Changing any one character of a token makes it unreadable or not genuine")
    func everyCharacterCounts() throws {
        let text = Array(token.text(for: PersonID("li-si"), secret: secret))
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        for index in text.indices {
            for replacement in alphabet where replacement != text[index] {
                var changed = text
                changed[index] = replacement
                if let read = ReplyToken.read(String(changed)) {
                    #expect(
                        !ReplyToken.isGenuine(payload: read.payload, tag: read.tag, person: PersonID("li-si"), secret: secret),
                        "\(String(changed)) passed")
                }
            }
        }
    }

    @Test(
        "Text that is not a token is not read",
        arguments: ["", "abc", "zzzzzzzzzzzzzzzzzzzzzzzzzzzz", "a1b2", String(repeating: "a", count: 400)])
    func notAToken(_ text: String) {
        #expect(ReplyToken.read(text) == nil)
    }

    @Test("The newest key signs; an older one is accepted until the grace after its successor was made, then dropped at rotation")
    func keyRotation() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let day: TimeInterval = 86_400
        var ring = ReplyKeyRing().rotated(at: start, secret: secret, grace: 60 * day)
        #expect(ring.signing?.id == 1)
        ring = ring.rotated(at: start + 10 * day, secret: Array(secret.reversed()), grace: 60 * day)
        #expect(ring.signing?.id == 2)
        #expect(ring.accepted(1, at: start + 69 * day, grace: 60 * day) != nil)
        #expect(ring.accepted(1, at: start + 71 * day, grace: 60 * day) == nil)
        #expect(ring.accepted(2, at: start + 700 * day, grace: 60 * day) != nil)
        #expect(ring.accepted(3, at: start, grace: 60 * day) == nil)
        let later = ring.rotated(at: start + 100 * day, secret: secret, grace: 60 * day)
        #expect(later.keys.map(\.id) == [2, 3])
        // The file's text reads back as it was written.
        #expect(try ReplyKeyRing.parse(later.text, file: "keys") == later)
    }

    @Test("A line of the key file that is not a key is reported at its line")
    func badKeyFile() {
        #expect(throws: InvalidSource.self) { try ReplyKeyRing.parse("# keys\n1 2026-12-03T09:00:00Z c2hvcnQ=\n", file: "keys") }
        do {
            _ = try ReplyKeyRing.parse("# keys\n\n1 yesterday AAAA\n", file: "keys")
            Issue.record("read")
        } catch {
            #expect(error.diagnostics.first?.location.line == 3)
        }
    }

    @Test(
        "The first line of a reply decides",
        arguments: [
            ("签收", ReplyCommand.acknowledge(note: nil)),
            ("  “签收”\n", .acknowledge(note: nil)),
            ("收到，马上办理", .acknowledge(note: "马上办理")),
            ("确认。", .acknowledge(note: nil)),
            ("Ack", .acknowledge(note: nil)),
            ("acknowledged thanks", .acknowledge(note: "thanks")),
            ("办结：已于3月5日召开支委会。\n会议记录见附件。", .submit(note: "已于3月5日召开支委会。\n会议记录见附件。")),
            ("已完成 党员大会已召开", .submit(note: "党员大会已召开")),
            ("\n\n报送:整改情况说明", .submit(note: "整改情况说明")),
            ("done: the committee met", .submit(note: "the committee met")),
            ("办结", .submitWithoutNote),
            ("好的", .unknown(firstLine: "好的")),
            ("acknowledgement pending", .unknown(firstLine: "acknowledgement pending")),
            ("", .unknown(firstLine: "")),
        ])
    func replyWords(_ text: String, _ expected: ReplyCommand) {
        #expect(ReplyCommand.read(text) == expected)
    }
}

@Suite("Evidence checklists and the reason for what is missing")
struct EvidenceChecklistCoreTests {
    @Test("A file answers an item when its name holds the item's words, whatever the case and spaces")
    func filesAnswerItems() {
        #expect(
            EvidenceChecklist.missing(["会议记录", "签到表", "照片"], handedIn: ["3月党课会议记录.jpg", "党员 签到表.pdf"]) == ["照片"])
        #expect(EvidenceChecklist.missing(["Minutes", "photo"], handedIn: ["meeting MINUTES.docx"]) == ["photo"])
        #expect(EvidenceChecklist.missing([], handedIn: []) == [])
        #expect(EvidenceChecklist.missing(["方案文本"], handedIn: ["方案.docx"]) == ["方案文本"], "part of the words is not enough")
    }

    @Test("A reply's line 缺项说明 says why evidence is missing and leaves the note")
    func replySaysWhy() {
        #expect(
            ReplyCommand.read("办结：已上党课\n缺项说明：照片未拍摄\n共28人参加")
                == .submit(note: "已上党课\n共28人参加", missingReason: "照片未拍摄"))
        #expect(ReplyCommand.read("办结：已上党课") == .submit(note: "已上党课", missingReason: nil))
    }
}
