import Foundation
import Testing

@testable import ZhengdunCore

@Suite("Messages: each written once in both languages, said with its values in the reader's")
struct MessageCatalogueTests {
    /// The files that hold the texts: every module's `Messages/`, and the command line's help
    /// texts beside its options.
    static let sources: [URL] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = FileManager.default.enumerator(at: root.appendingPathComponent("Sources"), includingPropertiesForKeys: nil)
        return (files?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
    }()

    /// Every `zh: "…"` literal in the sources, with where it is.
    static func chineseTexts() throws -> [(place: String, text: String)] {
        var found: [(String, String)] = []
        for file in sources {
            let source = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for match in line.matches(of: /zh: "((?:[^"\\]|\\.)*)"/) {
                    found.append(("\(file.lastPathComponent):\(number + 1)", String(match.1)))
                }
            }
        }
        return found
    }

    @Test("Every Chinese text that has words has Chinese words: nothing was left in English")
    func chineseIsChinese() throws {
        let texts = try Self.chineseTexts()
        #expect(texts.count > 500, "the sources hold \(texts.count) Chinese texts; were they moved?")
        for (place, text) in texts {
            // Interpolated values, commands quoted for the reader and the ids written before a
            // value (P\(plan), T\(task)) are not words.
            let words = text.replacing(/[PT]?\\\((?:[^()]|\([^()]*\))*\)/, with: "")
            let hasLatin = words.contains { $0.isASCII && $0.isLetter }
            let hasCJK = words.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            #expect(!hasLatin || hasCJK, "\(place): '\(text)' has no Chinese")
        }
    }

    @Test("A message is said with its values, plural words chosen by count, lists and alternatives in each language's manner")
    func rendering() {
        let gate = Message.gateNotMet(phase: "survey", count: 1, tasks: .list(["T3 unify", "T4 meet"]))
        #expect(gate.text(in: .en) == "the gate of phase 'survey' is not met: 1 required task is not verified (T3 unify, T4 meet)")
        #expect(gate.text(in: .zh) == "survey尚未达到转段条件：1项必办任务尚未验收销号（T3 unify、T4 meet）")
        // Said with the workflow, the phase is named by its title in Chinese and its key in English.
        let titled = Message.gateNotMet(phase: .perLanguage(en: "survey", zh: "摸底准备阶段"), count: 1, tasks: "T3")
        #expect(titled.text(in: .zh) == "摸底准备阶段尚未达到转段条件：1项必办任务尚未验收销号（T3）")
        #expect(titled.text(in: .en).hasPrefix("the gate of phase 'survey' is not met"))
        #expect(Message.gateNotMet(phase: "survey", count: 2, tasks: "T3").text(in: .en).contains("2 required tasks are not verified"))
        let roles = Message.onlyRolesMayPlan(
            roles: .alternatives(["org_office", "work_team", "office_director"]), command: .planCommandCancel)
        #expect(roles.text(in: .en) == "only org_office, work_team or office_director may cancel this plan")
        #expect(roles.text(in: .zh) == "本方案只有org_office、work_team或office_director可以撤销")
        #expect(Message.alternatives([]).text(in: .zh) == "无角色")
        #expect(Message.noPlan(plan: "P9").description == "there is no plan P9")
        // A time is said as a notice writes it in Chinese, as ISO in English.
        let time = LocalDateTime(LocalDate(year: 2026, month: 3, day: 5)!, LocalTime(hour: 18, minute: 0)!)
        #expect(Message.deadlineInPast(proposed: time).text(in: .zh) == "新的办结时限3月5日（星期四）18:00已经过去")
        #expect(Message.deadlineInPast(proposed: time).text(in: .en).contains("2026-03-05 18:00"))
    }

    @Test("A text quoted from input is cut to its first characters, control characters shown as code points")
    func quoting() {
        let long = String(repeating: "长", count: 500) + "\u{1B}"
        let said = Message.notADate(text: Quoted(long)).text(in: .zh)
        #expect(said.count < 120, "\(said.count) characters")
        #expect(!said.unicodeScalars.contains("\u{1B}"))
        #expect(Message.notADate(text: "2026-3-5\u{1B}").text(in: .en) == "'2026-3-5<U+001B>' is not a date; expected YYYY-MM-DD")
    }

    @Test("Plan states read right in Chinese refusals: no doubled 已, no English state name")
    func planStatesInChinese() {
        #expect(
            Message.planFrozen(task: "T3", plan: "P1", state: PlanState.cancelled.word).text(in: .zh)
                == "任务 T3：方案 P1 处于“已撤销”，其任务不能再变更")
        #expect(PlanRefusal.nothingToOverride(.draft).message.text(in: .zh) == "处于“草稿”的方案没有待达成的转段条件")
        #expect(TaskState.submitted.chineseName == "已办结待验收")
    }

    @Test("A message travels with both its texts, and comes back the same; --json writes the reader's")
    func roundTrip() throws {
        let message = Message.taskRefused(task: "T3", refusal: TaskRefusal.onlyAssignee(.acknowledge, assignee: "li-si").message)
        let data = try JSONEncoder().encode(message)
        #expect(try JSONDecoder().decode(Message.self, from: data) == message)
        let wire = try JSONSerialization.jsonObject(with: data) as? [String: String]
        #expect(wire == ["en": "task T3: only the assignee (li-si) may acknowledge this task", "zh": "任务 T3：只有责任人（li-si）可以签收此任务"])
        let encoder = JSONEncoder()
        encoder.userInfo[Message.languageKey] = Language.zh
        #expect(String(decoding: try encoder.encode([message]), as: UTF8.self) == "[\"任务 T3：只有责任人（li-si）可以签收此任务\"]")
    }

    @Test(
        "The language follows --lang's tag or the locale: zh_* is Chinese, everything else English",
        arguments: [
            (["LANG": "zh_CN.UTF-8"], Language.zh), (["LANG": "C.UTF-8"], .en), (["LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"], .zh),
            (["LC_MESSAGES": "zh_CN", "LANG": "en_US"], .zh), ([:], .en), (["LANG": "fr_FR.UTF-8"], .en),
        ])
    func languageOfTheLocale(_ environment: [String: String], _ expected: Language) {
        #expect(Language(environment: environment) == expected)
    }
}
