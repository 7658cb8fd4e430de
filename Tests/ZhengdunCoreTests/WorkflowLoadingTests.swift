import Foundation
import Testing

@testable import ZhengdunCore

@Suite("Workflow files")
struct WorkflowLoadingTests {
    @Test("The shipped workflow is valid: 3 phases in order, at least 25 tasks, the 9 roles of the plan, 4 of them held by several")
    func shippedWorkflow() throws {
        let loaded = try Workflow.load(try Fixtures.text(Fixtures.shippedWorkflowPath), file: "w.yaml", calendars: ["cn"])
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        let workflow = loaded.value
        #expect(workflow.phases.map(\.key) == ["survey", "rectification", "consolidation"])
        #expect(workflow.phases.map(\.title) == ["摸底准备阶段", "集中整改阶段", "巩固提高阶段"])
        #expect(workflow.tasks.count >= 25)
        #expect(
            workflow.roles.map(\.key) == [
                "secretary", "resident_cadre", "org_office", "office_director", "group_leader", "work_team", "leading_group",
                "contact_leader", "two_committees",
            ])
        #expect(workflow.roles.filter(\.several).map(\.key) == ["work_team", "leading_group", "contact_leader", "two_committees"])
        #expect(workflow.calendar == "cn")
    }

    @Test("Every measure of 四、整改措施 has tasks, and every role has work or a place on the ladder")
    func shippedWorkflowCoversThePlan() throws {
        let workflow = try Fixtures.shippedWorkflow()
        #expect(workflow.measures.map(\.title) == ["强化“两委”班子", "发挥党员作用", "解决突出问题", "壮大集体经济", "加强督办落实"])
        for measure in workflow.measures {
            #expect(workflow.tasks.contains { $0.measure == measure.key }, "no task for \(measure.title)")
        }
        let responsible = Set(workflow.tasks.map(\.responsible) + workflow.duties.map(\.role))
        #expect(responsible.isSuperset(of: ["secretary", "resident_cadre", "org_office", "office_director", "work_team"]))
        #expect(Set(workflow.tasks.map(\.verifier)).contains("group_leader"))
        // The steps of 五、方法步骤 and 六、总体要求 that are someone's work.
        let titles = (workflow.tasks.map(\.title) + workflow.duties.map(\.title)).joined(separator: "|")
        for step in [
            "成立整顿工作机构", "听取党员和群众意见", "分析研究", "制定实施方案", "召开部署会议", "交心谈心", "上党课", "支委会", "党小组会",
            "党员大会", "帮扶情况报告", "专题培训",
            "座谈讨论", "培养发展年轻党员", "宗族房头", "集体经济发展规划", "扶持", "检查驻村干部", "专项活动", "阶段总结", "制度",
            "验收", "随机检查督导",
        ] {
            #expect(titles.contains(step), "no task for \(step)")
        }
        #expect(workflow.problemKinds.map(\.title) == ["本位主义严重", "遗留问题较多", "集体经济薄弱", "干部素质不高"])
        #expect(workflow.goals.count == 5)
    }

    @Test("The shipped policy: 签收提醒 after 1wd, 催办 3wd and 1wd before, 督办 at 0, 3 and 7wd, weekly report on Monday 09:00")
    func shippedPolicy() throws {
        let workflow = try Fixtures.shippedWorkflow()
        #expect(workflow.reminders.acknowledge == AcknowledgementReminder(after: .workingDays(1), to: [.assignee]))
        #expect(workflow.reminders.beforeDeadline.map(\.before) == [.workingDays(3), .workingDays(1)])
        #expect(workflow.escalation.map(\.after) == [.workingDays(0), .workingDays(3), .workingDays(7)])
        // Each level reaches one step further up the chain of supervision.
        #expect(workflow.escalation.map(\.reach) == [1, 2, 3])
        #expect(workflow.escalation.allSatisfy { $0.to.isEmpty })
        #expect(workflow.supervisors(of: "secretary", steps: 3) == ["resident_cadre", "office_director", "group_leader"])
        #expect(workflow.supervisors(of: "org_office", steps: 3) == ["office_director", "group_leader"])
        #expect(workflow.supervisors(of: "group_leader", steps: 3) == [])
        #expect(workflow.escalation.map(\.circular) == [false, false, true])
        #expect(
            workflow.reports.progress
                == ProgressReportSchedule(
                    every: .monday, at: time("09:00"), to: ["office_director", "group_leader", "leading_group", "contact_leader"]))
        #expect(workflow.permissions.roles(for: .extend) == ["office_director"])
        #expect(workflow.permissions.roles(for: .overrideGate) == ["office_director"])
    }

    @Test("The minimal fixture is valid, so each broken one fails only for what it changes")
    func minimalIsValid() throws {
        let url = Fixtures.folder.appendingPathComponent("workflows/minimal.yaml")
        let workflow = try Workflow.load(try Fixtures.text(url), file: "m.yaml").value
        #expect(workflow.tasks.map(\.key) == ["hear-opinions"])
        #expect(workflow.tasks[0].required)
    }

    @Test(
        "Each broken workflow is refused with every expected line:column and message, and nothing else",
        arguments: try Fixtures.files(in: "workflows/broken"))
    func brokenWorkflow(_ url: URL) throws {
        let text = try Fixtures.text(url)
        let expected = Fixtures.expectations(in: text)
        #expect(!expected.isEmpty, "\(url.lastPathComponent) states no expectation")
        do {
            _ = try Workflow.load(text, file: url.lastPathComponent)
            Issue.record("\(url.lastPathComponent) was accepted")
        } catch {
            let actual = error.diagnostics.filter { $0.severity == .error }
            #expect(actual.allSatisfy { $0.location.file == url.lastPathComponent })
            let lines = actual.map { "\($0.location.line):\($0.location.column): \($0.message)" }
            #expect(lines.count == expected.count, "\(url.lastPathComponent): \(lines)")
            for (line, prefix) in zip(lines, expected) {
                #expect(line.hasPrefix(prefix), "\(url.lastPathComponent): got \(line)")
            }
        }
    }

    @Test("There are at least 15 broken fixtures, and one of them reports several problems at once")
    func fixtureCoverage() throws {
        let files = try Fixtures.files(in: "workflows/broken")
        #expect(files.count >= 15)
        let counts = try files.map { Fixtures.expectations(in: try Fixtures.text($0)).count }
        #expect(counts.contains { $0 >= 5 })
    }

    @Test("A calendar the folder does not hold is refused where the workflow names it")
    func unknownCalendar() throws {
        let text = "calendar: hk\n" + (try Fixtures.text(Fixtures.folder.appendingPathComponent("workflows/minimal.yaml")))
        #expect(throws: InvalidSource.self) { try Workflow.load(text, file: "w.yaml", calendars: ["cn"]) }
        do {
            _ = try Workflow.load(text, file: "w.yaml", calendars: ["cn"])
        } catch {
            #expect(error.description == "w.yaml:1:11: unknown calendar 'hk'; calendars beside this workflow: cn")
        }
        #expect(try Workflow.load(text, file: "w.yaml").value.calendar == "hk")
    }

    @Test("An empty file and a file of two documents are refused")
    func emptyAndMultipleDocuments() {
        for (text, message) in [
            ("", "the file is empty"), ("# only a comment\n", "the file is empty"),
            ("workflow: a\n---\nworkflow: b\n", "expected one YAML document"),
        ] {
            do {
                _ = try Workflow.load(text, file: "w.yaml")
                Issue.record("accepted \(text.debugDescription)")
            } catch {
                #expect(error.diagnostics.count == 1)
                #expect(error.diagnostics[0].message.description.contains(message), "\(error)")
            }
        }
    }

    @Test("A task due before a task it depends on is accepted with a warning")
    func dependencyDueLaterWarns() throws {
        var text = try Fixtures.text(Fixtures.folder.appendingPathComponent("workflows/minimal.yaml"))
        text = text.replacingOccurrences(
            of: "        deadline: 5wd\n",
            with: """
                        deadline: 5wd
                      - key: draft-plan
                        title: 制定实施方案
                        responsible: secretary
                        verifier: office_director
                        deadline: 3wd
                        depends_on: [hear-opinions]

                """)
        let loaded = try Workflow.load(text, file: "w.yaml")
        #expect(
            loaded.warnings.map(\.message.description) == ["'draft-plan' is due (3wd) before 'hear-opinions' (5wd), which it depends on"])
    }

    @Test("The baseline schedule chains the phases: each begins as the last one is planned to end")
    func baselineSchedule() throws {
        let workflow = try Fixtures.shippedWorkflow()
        let schedule = BaselineSchedule(workflow, start: date("2026-02-12"), timeline: try Fixtures.timeline())
        #expect(schedule.phases.map(\.phase) == ["survey", "rectification", "consolidation"])
        #expect(schedule.phases[0].start.description == "2026-02-12 09:00")
        #expect(schedule.phases[0].end.description == "2026-03-18 18:00")
        #expect(schedule.phases[1].start == schedule.phases[0].end)
        #expect(schedule.phases[0].tasks.first { $0.task == "hear-opinions" }?.due.description == "2026-03-04 18:00")
        #expect(schedule.yearsWithoutData.isEmpty)
        let late = BaselineSchedule(workflow, start: date("2026-11-02"), timeline: try Fixtures.timeline())
        #expect(late.yearsWithoutData == [2027])
    }
}
