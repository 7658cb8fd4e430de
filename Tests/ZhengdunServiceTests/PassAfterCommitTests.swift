import Foundation
import GRDB
import Testing
import ZhengdunCore
import ZhengdunService
import ZhengdunStore

@Suite("What a pass committed stands, whatever fails after it", .serialized)
struct PassAfterCommitTests {
    @Test(
        "A batch that fails after others committed: the pass reports what they recorded, with the failure as a warning, and throws nothing")
    func laterBatchFails() throws {
        let walk = try Walk()
        // A second village launched a week later, whose start date is then damaged by hand: its
        // timers fall due after most of the first plan's, in a later batch.
        walk.clock.set(walk.at("2026-03-09 09:00"))
        let admin = Acting(caller: walk.admin)
        let file = try WorkflowFile.load(Walk.repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
        _ = try walk.service.createPlan(
            PlanDraft(
                village: "YY村", start: try LocalDate.parse("2026-03-09"),
                assignments: Walk.roles.map { (RoleKey($0.0), PersonID($0.1)) }), workflow: file, by: admin)
        _ = try walk.service.advance(PlanID(2), overrideReason: nil, by: walk.acting(Walk.person("org_office")))
        try DatabaseQueue(path: walk.service.store.path).write {
            try $0.execute(sql: "UPDATE plan SET start_date = '2026-02-30' WHERE id = 2")
        }

        walk.clock.set(walk.at("2026-03-20 10:00"))
        let pass = try walk.service.runDue(batch: 3, part: 2)
        #expect(!pass.notices.isEmpty)
        #expect(pass.notices.allSatisfy { $0.plan == 1 })
        #expect(pass.warnings.count == 1)
        #expect(pass.warnings.first?.description.hasPrefix("the pass stopped after recording") == true, "\(pass.warnings)")
        #expect(pass.warnings.first?.description.contains("P2") == true, "\(pass.warnings)")
        // Exactly what the report names is in the ledger: the batches before the failure, whole.
        let recorded = try DatabaseQueue(path: walk.service.store.path).read {
            try String.fetchSet($0, sql: "SELECT key FROM notice WHERE folded_into IS NULL")
        }
        #expect(recorded == Set(pass.notices.map(\.key)))
    }

    @Test("A pass that fails in its first batch commits nothing and is refused")
    func firstBatchFails() throws {
        let walk = try Walk()
        try DatabaseQueue(path: walk.service.store.path).write {
            try $0.execute(sql: "UPDATE plan SET start_date = '2026-02-30' WHERE id = 1")
        }
        walk.clock.set(walk.at("2026-03-20 10:00"))
        #expect(throws: (any Error).self) { try walk.service.runDue(batch: 3, part: 2) }
        #expect(try DatabaseQueue(path: walk.service.store.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM notice") } == 0)
    }
}
