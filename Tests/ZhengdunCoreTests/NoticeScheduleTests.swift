import Foundation
import Testing

@testable import ZhengdunCore

@Suite("The notice schedule")
struct NoticeScheduleTests {
    let workflow: Workflow
    let timeline: Timeline

    init() throws {
        workflow = try Fixtures.shippedWorkflow()
        timeline = try Fixtures.timeline()
    }

    func at(_ text: String) -> Date { timeline.instant(try! LocalDateTime.parse(text)) }
    func local(_ date: Date) -> String { timeline.local(date).description }

    func task(
        issued: String, deadline: String, state: TaskState = .issued, deadlineVersion: Int = 1, assignment: Int = 1,
        deadlineSet: String? = nil
    ) -> ScheduledTask {
        ScheduledTask(
            id: 7, plan: 1, state: state, assignedAt: at(issued), assignmentVersion: assignment, deadline: at(deadline),
            deadlineVersion: deadlineVersion, deadlineSetAt: at(deadlineSet ?? issued))
    }

    func planned(_ task: ScheduledTask) -> [PlannedNotice] {
        NoticeSchedule.planned(for: task, reminders: workflow.reminders, escalation: workflow.escalation, timeline: timeline)
    }

    @Test("An issued task plans its acknowledgement reminder, two reminders and three levels of the ladder")
    func plannedNotices() {
        let notices = planned(task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00"))
        #expect(
            notices.map(\.key) == [
                "T7.acknowledge.a1", "T7.reminder.3wd.d1", "T7.reminder.1wd.d1",
                "T7.escalation.1.d1", "T7.escalation.2.d1", "T7.escalation.3.d1",
            ])
        #expect(
            notices.map { local($0.dueAt) } == [
                "2026-03-03 09:00", "2026-03-11 18:00", "2026-03-13 18:00",
                "2026-03-16 18:00", "2026-03-19 18:00", "2026-03-25 18:00",
            ])
        #expect(notices.compactMap(\.level) == [1, 2, 3])
    }

    @Test(
        "Planned for some kinds, a task gets exactly its notices of those kinds",
        arguments: [
            [NoticeKind.acknowledgeReminder], [.deadlineReminder], [.escalation], [.acknowledgeReminder, .escalation], [],
        ])
    func plannedOfKinds(_ kinds: Set<NoticeKind>) {
        let task = task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00")
        let some = NoticeSchedule.planned(
            for: task, reminders: workflow.reminders, escalation: workflow.escalation, timeline: timeline, kinds: kinds)
        let all = planned(task)
        #expect(some.map(\.key) == all.filter { kinds.contains($0.kind) }.map(\.key))
        #expect(some.map(\.dueAt) == all.filter { kinds.contains($0.kind) }.map(\.dueAt))
    }

    @Test("A deadline across the 2026 Spring Festival gets its 3-working-day reminder on the worked Saturday, 14 February")
    func springFestivalReminder() {
        // Issued Tuesday 10 February; due Thursday 26 February. Back from the 26th: 25, 24, then
        // 15–23 are off, so the third working day before is Saturday the 14th (调休上班).
        let notices = planned(task(issued: "2026-02-10 09:00", deadline: "2026-02-26 18:00"))
        let reminder = notices.first { $0.offset == .workingDays(3) }
        #expect(reminder.map { local($0.dueAt) } == "2026-02-14 18:00")
        #expect(notices.first { $0.offset == .workingDays(1) }.map { local($0.dueAt) } == "2026-02-25 18:00")
        // Level 2 is three working days after the deadline: 27 and 28 (worked Saturday) and 2 March.
        #expect(notices.first { $0.level == 2 }.map { local($0.dueAt) } == "2026-03-02 18:00")
    }

    @Test("Acknowledging stops the acknowledgement reminder; the rest stays")
    func acknowledgingStopsTheReminder() {
        var acknowledged = task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00")
        acknowledged.state = .acknowledged
        #expect(!planned(acknowledged).contains { $0.kind == .acknowledgeReminder })
        #expect(planned(acknowledged).count == 5)
    }

    @Test(
        "Submitted, verified and cancelled tasks wait on nobody and get nothing", arguments: [TaskState.submitted, .verified, .cancelled])
    func nothingForSettledTasks(_ state: TaskState) {
        #expect(planned(task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00", state: state)).isEmpty)
    }

    @Test("A reminder that would fall before the deadline was set is not planned")
    func noReminderBeforeTheDeadlineWasSet() {
        // Issued Monday 09:00, due Wednesday 18:00: 3 working days before is the previous Thursday.
        let notices = planned(task(issued: "2026-03-02 09:00", deadline: "2026-03-04 18:00"))
        #expect(notices.filter { $0.kind == .deadlineReminder }.map(\.key) == ["T7.reminder.1wd.d1"])
    }

    @Test("An extension gives every deadline notice a new key and a new instant; a reassignment a new acknowledgement reminder")
    func versionsMakeNewKeys() {
        let before = planned(task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00"))
        let after = planned(
            task(issued: "2026-03-02 09:00", deadline: "2026-03-23 18:00", deadlineVersion: 2, deadlineSet: "2026-03-10 10:00"))
        #expect(Set(before.filter { $0.kind != .acknowledgeReminder }.map(\.key)).isDisjoint(with: after.map(\.key)))
        #expect(after.first { $0.level == 1 }.map { local($0.dueAt) } == "2026-03-23 18:00")
        let reassigned = planned(task(issued: "2026-03-05 11:00", deadline: "2026-03-16 18:00", assignment: 2))
        #expect(reassigned.first?.key == "T7.acknowledge.a2")
        #expect(reassigned.first.map { local($0.dueAt) } == "2026-03-06 11:00")
    }

    @Test("Of what fell due together, the highest level is sent and names the rest; stale timers are dropped")
    func firing() {
        let old = planned(task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00"))
        let current = planned(task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00", state: .acknowledged))
        let now = at("2026-03-20 09:00")
        let due = old.filter { $0.dueAt <= now }
        let (send, stale) = NoticeSchedule.fire(due, current: current, now: now)
        #expect(stale.map(\.key) == ["T7.acknowledge.a1"])
        #expect(send?.notice.key == "T7.escalation.2.d1")
        #expect(send?.late == true)
        #expect(send?.folded.map(\.key) == ["T7.reminder.3wd.d1", "T7.reminder.1wd.d1", "T7.escalation.1.d1"])
        #expect(send?.earlierLevels == [1])
        let onTime = NoticeSchedule.fire([current[0]], current: current, now: current[0].dueAt.addingTimeInterval(5))
        #expect(onTime.send?.late == false)
        #expect(NoticeSchedule.fire(due, current: [], now: now).send == nil)
    }

    @Test("The ladder level a task has reached, from the same rules the notices use")
    func escalationLevel() {
        let open = task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00", state: .acknowledged)
        let level = { (time: String) in
            NoticeSchedule.escalationLevel(of: open, escalation: workflow.escalation, timeline: timeline, at: at(time))
        }
        #expect(level("2026-03-16 17:59") == 0)
        #expect(level("2026-03-16 18:00") == 1)
        #expect(level("2026-03-19 18:00") == 2)
        #expect(level("2026-03-25 18:00") == 3)
        var submitted = open
        submitted.state = .submitted
        #expect(
            NoticeSchedule.escalationLevel(of: submitted, escalation: workflow.escalation, timeline: timeline, at: at("2026-04-01 09:00"))
                == 0)
    }

    @Test("The weekly report falls on the next Monday at 09:00, and its key names the schedule")
    func weeklyReport() throws {
        let schedule = try #require(workflow.reports.progress)
        #expect(local(NoticeSchedule.nextProgressReport(schedule, after: at("2026-03-04 15:00"), timeline: timeline)) == "2026-03-09 09:00")
        #expect(local(NoticeSchedule.nextProgressReport(schedule, after: at("2026-03-09 08:59"), timeline: timeline)) == "2026-03-09 09:00")
        #expect(local(NoticeSchedule.nextProgressReport(schedule, after: at("2026-03-09 09:00"), timeline: timeline)) == "2026-03-16 09:00")
        let report = NoticeSchedule.progressReport(schedule, at: at("2026-03-09 09:00"), timeline: timeline)
        #expect(report.key == "progress.monday.09:00.2026-03-09")
        #expect(NoticeSchedule.progressSchedule(of: report.key).map { "\($0.every) \($0.at)" } == "monday 09:00")
    }

    @Test("The traffic light: red past the first level, yellow when overdue or the phase overran, else green")
    func signal() {
        #expect(PlanSignal.of(levels: [], phaseOverrun: false) == .green)
        #expect(PlanSignal.of(levels: [0, 0], phaseOverrun: true) == .yellow)
        #expect(PlanSignal.of(levels: [1], phaseOverrun: false) == .yellow)
        #expect(PlanSignal.of(levels: [1, 2], phaseOverrun: false) == .red)
    }
}
