import Foundation
import Testing

@testable import ZhengdunCore

@Suite("The message catalogues: every key said in every language, with the same placeholders")
struct MessageCatalogueTests {
    @Test("Every message key has a text in every language", arguments: Language.allCases)
    func everyKeyTranslated(_ language: Language) {
        let table = Catalogue.table(language)
        let missing = MessageKey.allCases.filter { table[$0]?.isEmpty ?? true }
        #expect(missing.isEmpty, "\(language) lacks \(missing.map(\.rawValue))")
    }

    @Test("The Chinese and English texts of a key name the same placeholders, but where Chinese leaves out the English word")
    func placeholdersAgree() {
        // A task's state is shown `issued 已下发` in English and `已下发` in Chinese.
        // Chinese names a workflow, a phase and a plan's state by their titles alone; the keys
        // and the version letter are the workflow file's.
        let leftOut: [MessageKey: Set<String>] = [
            .taskStateBoth: ["state"], .stateFact: ["state"], .workflowFact: ["key"], .workflowVersion: ["key"],
            .workflowTitleLine: ["key"], .phaseLine: ["key"], .planCreated: ["workflow", "version"],
        ]
        // A value given in both languages (`MessageValue.perLanguage`): each text says its own.
        let ownValue: Set<MessageKey> = [.perLanguage]
        for key in MessageKey.allCases where !ownValue.contains(key) {
            let english = Catalogue.placeholders(Catalogue.english[key] ?? "")
            let chinese = Catalogue.placeholders(Catalogue.chinese[key] ?? "")
            #expect(
                chinese.union(leftOut[key] ?? []) == english,
                "\(key.rawValue): \(english.sorted()) in English, \(chinese.sorted()) in Chinese")
        }
    }

    @Test("Every Chinese text that has words has Chinese words: nothing was left in English")
    func chineseIsChinese() {
        for key in MessageKey.allCases {
            let text = Catalogue.chinese[key] ?? ""
            // Placeholders and the ids written before them (P{plan}, T{task}) are not words.
            let words = text.replacing(/[PT]?\{[^}]*\}/, with: "")
            let hasLatin = words.contains { $0.isASCII && $0.isLetter }
            let hasCJK = words.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            #expect(!hasLatin || hasCJK, "\(key.rawValue): '\(text)' has no Chinese")
        }
    }

    @Test("A message is said with its values, plural words chosen by count, lists and alternatives in each language's manner")
    func rendering() {
        let gate = Message(.gateNotMet, ["phase": "survey", "count": 1, "tasks": .list(["T3 unify", "T4 meet"])])
        #expect(gate.text(in: .en) == "the gate of phase 'survey' is not met: 1 required task is not verified (T3 unify, T4 meet)")
        #expect(gate.text(in: .zh) == "survey尚未达到转段条件：1项必办任务尚未验收销号（T3 unify、T4 meet）")
        // Said with the workflow, the phase is named by its title in Chinese and its key in English.
        let titled = Message(.gateNotMet, ["phase": .perLanguage(en: "survey", zh: "摸底准备阶段"), "count": 1, "tasks": "T3"])
        #expect(titled.text(in: .zh) == "摸底准备阶段尚未达到转段条件：1项必办任务尚未验收销号（T3）")
        #expect(titled.text(in: .en).hasPrefix("the gate of phase 'survey' is not met"))
        let many = Message(.gateNotMet, ["phase": "survey", "count": 2, "tasks": "T3"])
        #expect(many.text(in: .en).contains("2 required tasks are not verified"))
        let roles = Message(
            .onlyRolesMayPlan,
            ["roles": .alternatives(["org_office", "work_team", "office_director"]), "command": .said(.planCommandCancel)])
        #expect(roles.text(in: .en) == "only org_office, work_team or office_director may cancel this plan")
        #expect(roles.text(in: .zh) == "本方案只有org_office、work_team或office_director可以撤销")
        #expect(Message(.noPlan, ["plan": "P9"]).description == "there is no plan P9")
    }

    @Test("Plan states read right in Chinese refusals: no doubled 已, no English state name")
    func planStatesInChinese() {
        #expect(
            Message(.planFrozen, ["task": "T3", "plan": "P1", "state": PlanState.cancelled.word]).text(in: .zh)
                == "任务 T3：方案 P1 处于“已撤销”，其任务不能再变更")
        #expect(PlanRefusal.nothingToOverride(.draft).message.text(in: .zh) == "处于“草稿”的方案没有待达成的转段条件")
        #expect(TaskState.submitted.chineseName == "已办结待验收")
    }

    @Test("A message travels as key and values, and comes back the same")
    func roundTrip() throws {
        let message = Message(
            .taskRefused, ["task": "T3", "refusal": .message(TaskRefusal.onlyAssignee(.acknowledge, assignee: "li-si").message)])
        let data = try JSONEncoder().encode(message)
        #expect(try JSONDecoder().decode(Message.self, from: data) == message)
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
