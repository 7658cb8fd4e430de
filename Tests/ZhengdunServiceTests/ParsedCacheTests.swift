import Foundation
import Testing
import ZhengdunCore
import ZhengdunStore

@testable import ZhengdunService

@Suite("Parsed snapshots, cached per service")
struct ParsedCacheTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let roles = [
        ("secretary", "li-si"), ("resident_cadre", "wang-wu"), ("org_office", "qian-qi"),
        ("office_director", "zhao-liu"), ("group_leader", "sun-ba"), ("work_team", "zhou-jiu"),
    ]

    /// A service holding one draft plan, in a fresh database file.
    static func serviceWithPlan() throws -> Service {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-parsed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Monday 2 March 2026, 09:00 Beijing time.
        let service = Service(
            store: try Store(path: folder.appendingPathComponent("z.db").path),
            clock: ManualClock(Date(timeIntervalSince1970: 1_772_413_200)))
        let admin = Acting(caller: Caller(unixUser: "root", uid: 0, isAdministrator: true))
        for (_, person) in roles {
            _ = try service.addPerson(id: person, name: person, email: "\(person)@town.example.cn", unixUser: nil, by: admin)
        }
        let workflow = try WorkflowFile.load(repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
        _ = try service.createPlan(
            PlanDraft(
                village: "XX村", start: try LocalDate.parse("2026-03-02"),
                assignments: roles.map { (RoleKey($0.0), PersonID($0.1)) }),
            workflow: workflow, by: admin)
        return service
    }

    @Test("A new service over the same database starts with nothing parsed; copies of a service share what it parsed")
    func ownedByTheService() throws {
        let first = try Self.serviceWithPlan()
        let sha256 = try first.store.read { tx in try tx.plan(PlanID(1))!.workflowSHA256 }
        #expect(first.parsed.holds(sha256))

        let copy = first
        #expect(copy.parsed === first.parsed)

        let second = Service(store: first.store, clock: first.clock)
        #expect(second.parsed !== first.parsed)
        #expect(second.parsed.count == 0)
        _ = try second.plan(PlanID(1))
        #expect(second.parsed.holds(sha256))
    }

    @Test("A full cache drops the entry least recently used, and never holds more than its capacity")
    func bounded() throws {
        let cache = ParsedCache(capacity: 2)
        cache.keep(.calendar(.mondayToFriday), for: "a")
        cache.keep(.calendar(.mondayToFriday), for: "b")
        _ = cache["a"]
        cache.keep(.calendar(.mondayToFriday), for: "c")
        #expect(cache.count == 2)
        #expect(cache.holds("a"))
        #expect(!cache.holds("b"))
        #expect(cache.holds("c"))
        cache.keep(.calendar(.mondayToFriday), for: "c")
        #expect(cache.count == 2)
        #expect(cache.holds("a"))
        #expect(Service(store: try Store(inMemory: "parsed"), clock: ManualClock(Date())).parsed.capacity == ParsedCache.defaultCapacity)
    }
}
