// zhengdun-seed: fills a database with a township's worth of campaigns for the benchmarks.
//
//   zhengdun-seed DATABASE PLANS
//
// Each plan gets its own secretary and resident cadre; the town's four other roles are shared.
// Every plan is launched and its survey gate overridden, so that it holds its survey and
// rectification tasks (28); every third plan is overridden once more into consolidation (+8).
// The clock stands at Monday 2 March 2026, 09:00.
import Foundation
import ZhengdunCore
import ZhengdunService
import ZhengdunStore

let arguments = CommandLine.arguments
guard arguments.count == 3, let plans = Int(arguments[2]), plans > 0 else {
    FileHandle.standardError.write(Data("usage: zhengdun-seed DATABASE PLANS\n".utf8))
    exit(2)
}
let workflowPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("workflows/village-branch-rectification.yaml").path

do {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_772_413_200))
    let service = Service(store: try Store(path: arguments[1]), clock: clock)
    let admin = Acting(caller: Caller(unixUser: "root", uid: 0, isAdministrator: true))
    let workflow = try WorkflowFile.load(workflowPath)
    let town = [("org_office", "qian-qi"), ("office_director", "zhao-liu"), ("group_leader", "sun-ba"), ("work_team", "zhou-jiu")]
    for (_, person) in town {
        _ = try service.addPerson(id: person, name: person, email: "\(person)@town.example.cn", unixUser: nil, by: admin)
    }
    let started = Date()
    for number in 1...plans {
        let secretary = "secretary-\(number)", cadre = "cadre-\(number)"
        for person in [secretary, cadre] {
            _ = try service.addPerson(id: person, name: person, email: "\(person)@town.example.cn", unixUser: nil, by: admin)
        }
        let assignments = (town + [("secretary", secretary), ("resident_cadre", cadre)]).map { (RoleKey($0.0), PersonID($0.1)) }
        let plan = try service.createPlan(
            PlanDraft(village: "第\(number)村", start: try LocalDate.parse("2026-03-02"), assignments: assignments),
            workflow: workflow, by: admin)
        let id = PlanID(plan.id)
        _ = try service.advance(id, overrideReason: nil, by: Acting(caller: admin.caller, asPerson: "qian-qi"))
        let director = Acting(caller: admin.caller, asPerson: "zhao-liu")
        _ = try service.advance(id, overrideReason: "基准测试：跳过摸底准备", by: director)
        if number % 3 == 0 { _ = try service.advance(id, overrideReason: "基准测试：跳过集中整改", by: director) }
        if number % 100 == 0 {
            FileHandle.standardError.write(Data("seeded \(number) plans in \(Int(Date().timeIntervalSince(started)))s\n".utf8))
        }
    }
    let tasks = try service.store.read { try $0.tasks(TaskFilter()).count }
    print(
        "seeded \(plans) plans, \(tasks) tasks, \(try service.eventCount()) events in \(String(format: "%.1f", Date().timeIntervalSince(started)))s"
    )
} catch {
    FileHandle.standardError.write(Data("zhengdun-seed: \(error)\n".utf8))
    exit(1)
}
