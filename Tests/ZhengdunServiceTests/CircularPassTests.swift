import Foundation
import GRDB
import Testing
import ZhengdunCore
import ZhengdunService
import ZhengdunStore

@Suite("Circulars (通报) in the scheduler pass", .serialized)
struct CircularPassTests {
    /// The walk's XX村 and a second village, YY村, launched the same morning under the same
    /// people: by 20 April both have tasks at the third level of the ladder.
    static func twoVillages() throws -> Walk {
        try villages(["YY村"])
    }

    /// The walk's XX村 and `more` villages, each with a secretary and a resident cadre of its
    /// own, launched the same morning; the clock at 20 April.
    static func villages(_ more: [String], ownPeople: Bool = false) throws -> Walk {
        let walk = try Walk()
        let file = try WorkflowFile.load(Walk.repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
        let admin = Acting(caller: walk.admin)
        for (index, village) in more.enumerated() {
            var assignments = Walk.roles.map { (RoleKey($0.0), PersonID($0.1)) }
            if ownPeople {
                for role in ["secretary", "resident_cadre"] {
                    let id = "\(role)-\(index)"
                    _ = try walk.service.addPerson(
                        id: id, name: "\(village)\(role)", email: "\(id)@town.example.cn", unixUser: nil, by: admin)
                    assignments = assignments.map { $0.0.rawValue == role ? ($0.0, PersonID(id)) : $0 }
                }
            }
            _ = try walk.service.createPlan(
                PlanDraft(village: village, start: try LocalDate.parse("2026-03-02"), assignments: assignments), workflow: file, by: admin)
            _ = try walk.service.advance(PlanID(Int64(index + 2)), overrideReason: nil, by: walk.acting(Walk.person("org_office")))
        }
        walk.clock.set(walk.at("2026-04-20 09:00"))
        return walk
    }

    @Test("Beyond ten running plans the 主送 line addresses them as an office does many, and the mail still reaches each of them")
    func manyAddressees() throws {
        let walk = try Self.villages((1...10).map { "\($0)村" }, ownPeople: true)
        let issued = try walk.service.issueCircular(plan: PlanID(1), dryRun: true, by: walk.acting(Walk.person("org_office")))
        #expect(issued.document?.addressees == "各村党支部书记、驻村干部")
        // The secretary and resident cadre of all eleven plans, then the leaders.
        #expect(issued.recipients.count == 22 + 3)
        #expect(issued.dryRun)
        #expect(try walk.service.circulars().isEmpty)
    }

    @Test(
        "Level-3 escalations in two plans give one circular a pass, covering both, however the pass is cut into batches",
        arguments: [10_000, 7, 3, 1])
    func onePerPassAcrossPlans(batch: Int) throws {
        let walk = try Self.twoVillages()
        let pass = try walk.service.runDue(batch: batch, part: 2)
        let circulars = pass.notices.filter { $0.kind == .circular }
        #expect(circulars.map(\.key) == ["circular.2026.1"])
        #expect(try walk.service.circulars().map(\.plans) == [[1, 2]])
        // Every level-3 escalation of either plan is folded into it, once.
        let escalations = pass.notices.filter { $0.kind == .escalation && $0.level == 3 }
        #expect(Set(circulars[0].folded) == Set(escalations.map { "circular.P\($0.plan!).after.\($0.key)" }))
        #expect(try walk.service.runDue().notices.isEmpty)
    }

    @Test("A pass stopped after a full batch leaves its calls as timers: the next pass issues the one circular, and no second")
    func stoppedPassLeavesItsCalls() throws {
        let walk = try Self.twoVillages()
        var batches = 0
        let first = try walk.service.runDue(batch: 5, part: 2) {
            batches += 1
            return batches < 6
        }
        // It stopped after level-3 escalations called for a circular, before its last batch.
        #expect(first.notices.contains { $0.kind == .escalation && $0.level == 3 })
        #expect(!first.notices.contains { $0.kind == .circular })
        let next = try Service(store: try Store(path: walk.service.store.path), clock: walk.clock).runDue()
        let circulars = (first.notices + next.notices).filter { $0.kind == .circular }
        #expect(circulars.count == 1)
        #expect(try walk.service.circulars().map(\.plans) == [[1, 2]])
        #expect(try walk.service.runDue().notices.isEmpty)
    }

    @Test("The document names each late task's person by village, role title and name, how late and how far it climbed")
    func documentWords() throws {
        let walk = try Self.twoVillages()
        _ = try walk.service.runDue()
        let printed = try walk.service.circular(number: 1, year: 2026, page: true)
        let document = try #require(printed.circular.document)
        #expect(document.number == "XX镇组办〔2026〕1号")
        #expect(document.title == "关于XX村党支部等2个村党组织整顿任务逾期未办结情况的通报")
        #expect(document.addressees.hasPrefix("XX村党支部书记li-si同志、XX村驻村干部wang-wu同志"))
        #expect(document.date == "2026年4月20日")
        #expect(document.items.allSatisfy { $0.contains("同志负责的“") && $0.contains("个工作日，经三级督办仍未办结。") })
        #expect(document.items.contains { $0.hasPrefix("YY村") })
        // A township role is named by its title alone, which names the township: never 「XX村镇组织办」.
        #expect(document.items.contains { $0.hasPrefix("镇组织办") })
        #expect(!document.items.contains { $0.contains("村镇") })
        #expect(document.text.contains("\n　　一、"))
        // The stored hash is the hash of the stored words.
        #expect(printed.circular.contentSHA256.count == 64)
        let html = try #require(printed.html)
        #expect(html.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"))
        #expect(html.contains("<h1>关于XX村党支部等2个村党组织整顿任务逾期未办结情况的通报</h1>"))
    }

    @Test("The schema refuses a number that does not follow the year's last, and any change to an issued circular")
    func schemaKeepsNumbers() throws {
        let walk = try Self.twoVillages()
        _ = try walk.service.runDue()
        let database = try DatabaseQueue(path: walk.service.store.path)
        for statement in [
            "INSERT INTO circular (year, number, document_number, title, issued_at, notice_key, recipients, content, content_sha256) SELECT year, 3, 'x', title, issued_at, 'k3', recipients, content, content_sha256 FROM circular",
            "INSERT INTO circular (year, number, document_number, title, issued_at, notice_key, recipients, content, content_sha256) SELECT year, 1, 'x', title, issued_at, 'k1', recipients, content, content_sha256 FROM circular",
            "UPDATE circular SET title = 'x'", "DELETE FROM circular",
        ] {
            #expect(throws: DatabaseError.self) { try database.write { try $0.execute(sql: statement) } }
        }
    }
}
