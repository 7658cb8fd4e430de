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
        "In office hours: a notice that falls due at 18:00 or on a holiday goes out at the next working day's 08:30 and remembers when it fell due; one inside them keeps its instant"
    )
    func plannedInOfficeHours() {
        // Issued Monday 2 March 09:00, due Monday 16 March 18:00.
        let notices = NoticeSchedule.planned(
            for: task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00"), reminders: workflow.reminders,
            escalation: workflow.escalation, timeline: timeline, window: .officeHours)
        #expect(
            notices.map { local($0.dueAt) } == [
                "2026-03-03 09:00", "2026-03-12 08:30", "2026-03-16 08:30",
                "2026-03-17 08:30", "2026-03-20 08:30", "2026-03-26 08:30",
            ])
        #expect(
            notices.map { $0.fellDueAt.map(local) ?? "-" } == [
                "-", "2026-03-11 18:00", "2026-03-13 18:00", "2026-03-16 18:00", "2026-03-19 18:00", "2026-03-25 18:00",
            ])
        #expect(notices.map(\.key) == planned(task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00")).map(\.key))
        // Due Wednesday 6 May, after Labour Day (1–5 May off): the reminder a working day before
        // falls due Thursday 30 April 18:00 and waits for 6 May 08:30.
        let holiday = NoticeSchedule.planned(
            for: task(issued: "2026-04-27 09:00", deadline: "2026-05-06 18:00"), reminders: workflow.reminders,
            escalation: [], timeline: timeline, window: .officeHours)
        #expect(holiday.filter { $0.kind == .deadlineReminder }.map { local($0.dueAt) } == ["2026-04-29 08:30", "2026-05-06 08:30"])
    }

    @Test(
        "No 催办 on the day a deadline is set: a three-day task issued in the morning gets its reminder the next morning, one issued after hours none that day"
    )
    func noReminderOnTheDayOfIssue() {
        // Issued Monday 9:00, due Thursday 18:00: three working days before is Monday 18:00, the
        // day of issue; the window moves it to Tuesday 08:30, which is sent.
        let morning = NoticeSchedule.planned(
            for: task(issued: "2026-03-02 09:00", deadline: "2026-03-05 18:00"), reminders: workflow.reminders, escalation: [],
            timeline: timeline, window: .officeHours)
        #expect(morning.filter { $0.kind == .deadlineReminder }.map { local($0.dueAt) } == ["2026-03-03 08:30", "2026-03-05 08:30"])
        // Due at 12:00: three working days before is Monday 12:00, inside office hours on the
        // day of issue: not sent; the one a working day before is.
        let noon = NoticeSchedule.planned(
            for: task(issued: "2026-03-02 09:00", deadline: "2026-03-05 12:00"), reminders: workflow.reminders, escalation: [],
            timeline: timeline, window: .officeHours)
        #expect(noon.filter { $0.kind == .deadlineReminder }.map { local($0.dueAt) } == ["2026-03-04 12:00"])
        // Without a window the old rule stands: only reminders before the deadline was set are dropped.
        #expect(planned(task(issued: "2026-03-02 09:00", deadline: "2026-03-05 12:00")).filter { $0.kind == .deadlineReminder }.count == 2)
    }

    @Test("A timer planned before the send window was set waits for it: at 18:00 it is not sent but moved to the next opening")
    func timerPlannedWithoutTheWindowWaits() throws {
        let task = task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00")
        let old = try #require(planned(task).first { $0.kind == .deadlineReminder })
        let current = NoticeSchedule.planned(
            for: task, reminders: workflow.reminders, escalation: workflow.escalation, timeline: timeline, window: .officeHours)
        let (send, stale, later) = NoticeSchedule.fire([old], current: current, now: old.dueAt)
        #expect(send == nil && stale.isEmpty)
        #expect(later.map(\.key) == [old.key])
        #expect(later.map { local($0.dueAt) } == ["2026-03-12 08:30"])
        #expect(NoticeSchedule.fire(later, current: current, now: later[0].dueAt).send?.notice.key == old.key)
        // Only the window holds a timer back: one that is merely early, planned inside office
        // hours, is sent by its key as before.
        let acknowledge = try #require(current.first { $0.kind == .acknowledgeReminder })
        var early = acknowledge
        early.dueAt = acknowledge.dueAt.addingTimeInterval(-3600)
        #expect(acknowledge.fellDueAt == nil)
        #expect(NoticeSchedule.fire([early], current: current, now: early.dueAt).send?.notice.key == acknowledge.key)
    }

    @Test("A notice fired from its timer carries when it fell due, as the schedule plans it now")
    func firedCarriesWhenItFellDue() throws {
        let current = NoticeSchedule.planned(
            for: task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00"), reminders: workflow.reminders,
            escalation: workflow.escalation, timeline: timeline, window: .officeHours)
        var timer = try #require(current.first { $0.kind == .deadlineReminder })
        timer.fellDueAt = nil  // as read back from its row
        let fired = try #require(NoticeSchedule.fire([timer], current: current, now: timer.dueAt).send)
        #expect(fired.notice.fellDueAt.map(local) == "2026-03-11 18:00")
        #expect(!fired.late)
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
        let (send, stale, _) = NoticeSchedule.fire(due, current: current, now: now)
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

    @Test("The traffic light: red at the workflow's ladder level or lag share, yellow at its lag count or any late task, else green")
    func signal() {
        let light = ProgressLight(redLevel: 2, redLagging: 20, yellowLagging: 2)
        let onSchedule = ScheduleProgress(due: 10, done: 10, onTime: 10)
        #expect(light.signal(ScheduleProgress(), highestLevel: 0) == .green)
        #expect(light.signal(onSchedule, highestLevel: 0) == .green)
        #expect(light.signal(onSchedule, highestLevel: 1) == .yellow)
        #expect(light.signal(onSchedule, highestLevel: 2) == .red)
        // One item lagging is under the yellow count of 2; two reach it; 20% of the due reaches red.
        #expect(light.signal(ScheduleProgress(due: 10, done: 9, onTime: 9, lagging: 1), highestLevel: 0) == .green)
        #expect(light.signal(ScheduleProgress(due: 11, done: 9, onTime: 9, lagging: 2), highestLevel: 0) == .yellow)
        #expect(light.signal(ScheduleProgress(due: 10, done: 8, onTime: 8, lagging: 2), highestLevel: 0) == .red)
        #expect(light.rule.text(in: .zh).contains("滞后事项占应完成事项的20%以上"))
        #expect(light.rule.text(in: .en).contains("2 items lag"))
    }

    @Test("序时进度 counts what is due by now on the baseline: done, done on time, lagging, ahead; cancelled work not at all")
    func scheduleProgress() {
        let now = Date(timeIntervalSince1970: 1000)
        let items: [ScheduleProgress.Item] = [
            .init(baselineDue: Date(timeIntervalSince1970: 100), handedIn: Date(timeIntervalSince1970: 90)),
            .init(baselineDue: Date(timeIntervalSince1970: 100), handedIn: Date(timeIntervalSince1970: 500)),
            .init(baselineDue: Date(timeIntervalSince1970: 1000), handedIn: nil),
            .init(baselineDue: Date(timeIntervalSince1970: 2000), handedIn: Date(timeIntervalSince1970: 900)),
            .init(baselineDue: Date(timeIntervalSince1970: 2000), handedIn: nil),
            .init(baselineDue: Date(timeIntervalSince1970: 10), handedIn: nil, cancelled: true),
        ]
        let progress = ScheduleProgress(items, at: now)
        #expect(progress == ScheduleProgress(due: 3, done: 2, onTime: 1, lagging: 1, ahead: 1))
        #expect(progress.ratePercent == "66.7%")
        #expect(ScheduleProgress().ratePercent == "100.0%")
        #expect((progress + progress).due == 6)
    }
}

extension NoticeScheduleTests {
    @Test("A change is announced inside the send window, and only while it is still true of the task")
    func announcementsHoldWhileTrue() {
        let issued = task(issued: "2026-03-02 20:00", deadline: "2026-03-16 18:00")
        let window = SendWindow.officeHours
        let handed = NoticeSchedule.announcement(of: .issued, for: issued, at: at("2026-03-02 20:00"), timeline: timeline, window: window)
        // Handed over in the evening: told the next morning, remembering when.
        #expect(handed.key == "T7.issued.a1" && local(handed.dueAt) == "2026-03-03 08:30" && handed.fellDueAt == at("2026-03-02 20:00"))
        #expect(NoticeSchedule.isLive(handed, for: issued))
        // Acknowledged before it went out: the assignee needs no 交办 any more.
        var acknowledged = issued
        acknowledged.state = .acknowledged
        #expect(!NoticeSchedule.isLive(handed, for: acknowledged))
        // A return is told while the task stays returned at that deadline; an extension after it supersedes it.
        let returned = task(issued: "2026-03-02 09:00", deadline: "2026-03-20 18:00", state: .returned, deadlineVersion: 2)
        let back = NoticeSchedule.announcement(of: .returned, for: returned, at: at("2026-03-05 10:00"), timeline: timeline, window: nil)
        #expect(back.key == "T7.returned.d2" && NoticeSchedule.isLive(back, for: returned))
        var extended = returned
        extended.deadlineVersion = 3
        #expect(!NoticeSchedule.isLive(back, for: extended))
        #expect(
            NoticeSchedule.isLive(
                NoticeSchedule.announcement(of: .extended, for: extended, at: at("2026-03-06 10:00"), timeline: timeline, window: nil),
                for: extended))
        // The person a task was taken from is told, whatever the new assignee has done since.
        var moved = task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00", state: .acknowledged, assignment: 2)
        let away = NoticeSchedule.announcement(
            of: .reassigned(from: "li-si"), for: moved, at: at("2026-03-04 10:00"), timeline: timeline, window: nil)
        #expect(away.key == "T7.reassigned.a2.li-si" && NoticeSchedule.reassignedFrom(away) == "li-si")
        #expect(NoticeSchedule.isLive(away, for: moved))
        moved.assignmentVersion = 3
        #expect(!NoticeSchedule.isLive(away, for: moved))
        // Accepted stays told; no announcement is planned from the deadline, so none is replanned away.
        let verified = task(issued: "2026-03-02 09:00", deadline: "2026-03-16 18:00", state: .verified)
        #expect(
            NoticeSchedule.isLive(
                NoticeSchedule.announcement(of: .verified, for: verified, at: at("2026-03-10 10:00"), timeline: timeline, window: nil),
                for: verified))
        #expect(planned(issued).allSatisfy { NoticeKind.planned.contains($0.kind) })
    }
}

@Suite("The send window")
struct SendWindowTests {
    let timeline: Timeline

    init() throws { timeline = try Fixtures.timeline() }

    func at(_ text: String) -> Date { timeline.instant(try! LocalDateTime.parse(text)) }

    @Test(
        "Inside office hours an instant stays; before them it waits for the opening; after them, on a weekend or a holiday, for the next working day's",
        arguments: [
            ("2026-03-02 08:29", "2026-03-02 08:30"), ("2026-03-02 08:30", "2026-03-02 08:30"), ("2026-03-02 12:00", "2026-03-02 12:00"),
            ("2026-03-02 17:30", "2026-03-02 17:30"), ("2026-03-02 17:31", "2026-03-03 08:30"), ("2026-03-06 18:00", "2026-03-09 08:30"),
            ("2026-03-07 10:00", "2026-03-09 08:30"), ("2026-02-13 18:00", "2026-02-14 08:30"),  // Saturday 14 February is worked (调休)
            ("2026-02-14 18:00", "2026-02-24 08:30"),  // the Spring Festival holiday, 15–23 February
        ])
    func earliest(_ instant: String, _ expected: String) {
        #expect(timeline.local(SendWindow.officeHours.earliest(atOrAfter: at(instant), timeline: timeline)).description == expected)
    }

    @Test("A window is two times, the opening first")
    func parse() throws {
        #expect(try SendWindow.parse("9:00 - 17:00").description == "09:00-17:00")
        #expect(throws: ParseFailure.self) { try SendWindow.parse("17:00-09:00") }
        #expect(throws: ParseFailure.self) { try SendWindow.parse("09:00") }
    }
}

@Suite("Dates in prose")
struct DatesInProseTests {
    @Test(
        "A notice writes a date with its day of the week, the way an office does, and no year",
        arguments: [
            ("2026-03-05 18:00", "3月5日（星期四）18:00", "Thursday 5 March 18:00"),
            ("2026-02-14 09:30", "2月14日（星期六）09:30", "Saturday 14 February 09:30"),
            ("2026-12-27 08:30", "12月27日（星期日）08:30", "Sunday 27 December 08:30"),
        ])
    func prose(_ local: String, _ chinese: String, _ english: String) throws {
        let moment = try LocalDateTime.parse(local)
        #expect(moment.prose(in: .zh) == chinese)
        #expect(moment.prose(in: .en) == english)
    }
}
