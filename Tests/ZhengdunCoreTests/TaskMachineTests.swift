import Foundation
import Testing

@testable import ZhengdunCore

@Suite("Task state machine")
struct TaskMachineTests {
    let timeline: Timeline
    let now: Date
    let deadline: Date
    let permissions = Permissions([
        .extend: ["office_director"], .reassign: ["org_office", "office_director"], .cancel: ["office_director"],
    ])

    let secretary = Actor(person: "li-si", roles: ["secretary"])
    let resident = Actor(person: "wang-wu", roles: ["resident_cadre"])
    let director = Actor(person: "zhao-liu", roles: ["office_director"])
    let office = Actor(person: "qian-qi", roles: ["org_office"])

    init() throws {
        timeline = try Fixtures.timeline()
        now = timeline.instant(date("2026-03-01"), time("10:00"))
        deadline = timeline.instant(date("2026-03-04"), time("18:00"))
    }

    func task(_ state: TaskState, submittedBy: PersonID? = "li-si") -> TaskFacts {
        TaskFacts(
            state: state, assignee: "li-si", verifier: "resident_cadre", deadline: deadline, deadlineVersion: 1,
            submittedBy: state == .submitted ? submittedBy : nil)
    }

    func decide(
        _ command: TaskCommand, _ facts: TaskFacts, by actor: Actor, dependencies: [String] = []
    ) -> Result<TaskTransition, TaskRefusal> {
        TaskMachine.decide(
            command, on: facts,
            in: TaskDecisionContext(
                actor: actor, permissions: permissions, now: now, timeline: timeline,
                unverifiedDependencies: dependencies))
    }

    /// A well-formed command of each kind and the actor entitled to give it.
    func entitled(_ kind: TaskCommand.Kind) -> (TaskCommand, Actor) {
        let later = deadline.addingTimeInterval(7 * 86_400)
        switch kind {
        case .acknowledge: return (.acknowledge(note: nil), secretary)
        case .submit: return (.submit(note: "已召开座谈会 3 次", evidence: []), secretary)
        case .verify: return (.verify(note: "合格"), resident)
        case .returnForRework: return (.returnForRework(reason: "材料不全", deadline: later), resident)
        case .reassign: return (.reassign(to: "sun-ba", reason: "人事调整"), office)
        case .extend: return (.extend(to: later, reason: "春节假期"), director)
        case .cancel: return (.cancel(reason: "与其他任务重复"), director)
        }
    }

    /// The expected table, written out here independently of the machine's own.
    static let expected: [TaskCommand.Kind: [TaskState: TaskState]] = [
        .acknowledge: [.issued: .acknowledged],
        .submit: [.acknowledged: .submitted, .returned: .submitted],
        .verify: [.submitted: .verified],
        .returnForRework: [.submitted: .returned],
        .reassign: [.issued: .issued, .acknowledged: .issued, .returned: .issued],
        .extend: [.issued: .issued, .acknowledged: .acknowledged, .returned: .returned],
        .cancel: [.issued: .cancelled, .acknowledged: .cancelled, .submitted: .cancelled, .returned: .cancelled],
    ]

    static let pairs = TaskState.allCases.flatMap { state in TaskCommand.Kind.allCases.map { (state, $0) } }

    @Test("Every (state, command) pair: allowed ones reach the expected state, the others are refused for the state", arguments: pairs)
    func everyPair(_ state: TaskState, _ kind: TaskCommand.Kind) {
        let (command, actor) = entitled(kind)
        let result = decide(command, task(state), by: actor)
        if let target = Self.expected[kind]?[state] {
            guard case .success(let transition) = result else {
                Issue.record("\(kind) from \(state) refused: \(result)")
                return
            }
            #expect(transition.before.state == state)
            #expect(transition.after.state == target)
        } else {
            #expect(result == .failure(.wrongState(kind, state)))
            if case .failure(let refusal) = result { #expect(!refusal.description.isEmpty) }
        }
    }

    @Test(
        "Cancelling the plan cancels a task in every open state with the plan's reason and leaves a closed one as it is",
        arguments: TaskState.allCases)
    func planCancelledFromEveryState(_ state: TaskState) {
        let before = task(state)
        let transition = TaskMachine.planCancelled(before, reason: "plan P1 cancelled", at: now)
        switch state {
        case .issued, .acknowledged, .submitted, .returned:
            var after = before
            after.state = .cancelled
            after.steps.closedAt = now
            #expect(transition == TaskTransition(before: before, after: after, event: .cancelled(reason: "plan P1 cancelled")))
        case .verified, .cancelled:
            #expect(transition == nil)
        }
    }

    @Test("Only the assignee acknowledges and submits")
    func onlyAssignee() {
        #expect(decide(.acknowledge(note: nil), task(.issued), by: director) == .failure(.onlyAssignee(.acknowledge, assignee: "li-si")))
        #expect(
            decide(.submit(note: "done", evidence: []), task(.acknowledged), by: resident)
                == .failure(.onlyAssignee(.submit, assignee: "li-si")))
        #expect(
            TaskRefusal.onlyAssignee(.acknowledge, assignee: "li-si").description == "only the assignee (li-si) may acknowledge this task")
    }

    @Test("Only the verifying role verifies or returns, and never the one who submitted")
    func onlyVerifier() {
        let later = deadline.addingTimeInterval(86_400)
        #expect(decide(.verify(note: nil), task(.submitted), by: director) == .failure(.onlyVerifier(.verify, verifier: "resident_cadre")))
        #expect(
            decide(.returnForRework(reason: "x", deadline: later), task(.submitted), by: secretary)
                == .failure(.onlyVerifier(.returnForRework, verifier: "resident_cadre")))
        let both = Actor(person: "li-si", roles: ["secretary", "resident_cadre"])
        #expect(decide(.verify(note: nil), task(.submitted), by: both) == .failure(.ownWork))
    }

    @Test("Only the office director extends; the new deadline must be later and still ahead; the old one is kept in the event")
    func extending() throws {
        let later = deadline.addingTimeInterval(3 * 86_400)
        #expect(
            decide(.extend(to: later, reason: "x"), task(.acknowledged), by: office)
                == .failure(.notPermitted(.extend, allowed: ["office_director"])))
        #expect(
            TaskRefusal.notPermitted(.extend, allowed: ["office_director"]).description
                == "only office_director may extend the deadline of a task")
        let earlier = deadline.addingTimeInterval(-3600)
        #expect(
            decide(.extend(to: earlier, reason: "x"), task(.acknowledged), by: director)
                == .failure(.deadlineNotLater(current: timeline.local(deadline), proposed: timeline.local(earlier))))
        #expect(
            decide(.extend(to: later, reason: "  "), task(.acknowledged), by: director)
                == .failure(.textRequired(.extend, what: .whatReason)))
        let transition = try decide(.extend(to: later, reason: "春节"), task(.acknowledged), by: director).get()
        #expect(transition.after.deadline == later)
        #expect(transition.after.deadlineVersion == 2)
        #expect(transition.event == .extended(previousDeadline: deadline, deadline: later, reason: "春节"))
    }

    @Test("A task past its deadline can only be extended to a time still ahead")
    func extensionMustBeAhead() {
        var late = task(.acknowledged)
        late.deadline = now.addingTimeInterval(-86_400)
        let stillPast = now.addingTimeInterval(-3600)
        #expect(
            decide(.extend(to: stillPast, reason: "x"), late, by: director)
                == .failure(.deadlineInPast(proposed: timeline.local(stillPast))))
    }

    @Test("Returning needs a reason and a deadline ahead, and moves the deadline version on")
    func returning() throws {
        let later = deadline.addingTimeInterval(86_400)
        #expect(
            decide(.returnForRework(reason: "", deadline: later), task(.submitted), by: resident)
                == .failure(.textRequired(.returnForRework, what: .whatReason)))
        let past = now.addingTimeInterval(-60)
        #expect(
            decide(.returnForRework(reason: "x", deadline: past), task(.submitted), by: resident)
                == .failure(.deadlineInPast(proposed: timeline.local(past))))
        let transition = try decide(.returnForRework(reason: "补充材料", deadline: later), task(.submitted), by: resident).get()
        #expect(transition.after.state == .returned)
        #expect(transition.after.deadlineVersion == 2)
        #expect(transition.event == .returned(reason: "补充材料", previousDeadline: deadline, deadline: later))
    }

    @Test("Submitting needs a note, and waits for the tasks it depends on to be verified")
    func submitting() throws {
        #expect(
            decide(.submit(note: " ", evidence: []), task(.acknowledged), by: secretary)
                == .failure(.textRequired(.submit, what: .whatNoteOnWork)))
        #expect(
            decide(.submit(note: "ok", evidence: []), task(.acknowledged), by: secretary, dependencies: ["task 3 (hear-opinions)"])
                == .failure(.dependenciesNotVerified(["task 3 (hear-opinions)"])))
        let evidence = [Evidence(sha256: String(repeating: "a", count: 64), name: "会议记录.pdf", bytes: 1024)]
        let transition = try decide(.submit(note: "ok", evidence: evidence), task(.returned), by: secretary).get()
        #expect(transition.after.submittedBy == "li-si")
        #expect(transition.event == .submitted(note: "ok", evidence: evidence))
    }

    @Test("Reassigning gives the task to another person, who must acknowledge it afresh")
    func reassigning() throws {
        #expect(decide(.reassign(to: "li-si", reason: nil), task(.acknowledged), by: office) == .failure(.alreadyAssigned("li-si")))
        #expect(
            decide(.reassign(to: "sun-ba", reason: nil), task(.acknowledged), by: secretary)
                == .failure(.notPermitted(.reassign, allowed: ["org_office", "office_director"])))
        let transition = try decide(.reassign(to: "sun-ba", reason: nil), task(.acknowledged), by: office).get()
        #expect(transition.after.assignee == "sun-ba")
        #expect(transition.after.state == .issued)
        #expect(transition.event == .reassigned(from: "li-si", to: "sun-ba", reason: nil))
    }

    @Test("Refusals speak the domain's words")
    func refusalWording() {
        #expect(TaskRefusal.wrongState(.verify, .verified).description == "the task is already verified")
        #expect(TaskRefusal.wrongState(.submit, .issued).description == "the task must be acknowledged (签收) before it is submitted")
        #expect(TaskRefusal.wrongState(.acknowledge, .acknowledged).description == "the task is already acknowledged")
        #expect(TaskRefusal.wrongState(.extend, .cancelled).description == "the task is cancelled")
    }

    @Test(
        "Each step records when it happened and the note it carried; a reassignment asks for a new acknowledgement; the plan's cancellation keeps the people's last note"
    )
    func stepsAreRecorded() throws {
        var facts = task(.issued)
        facts.steps.lastNote = "已收到"
        let acknowledged = try decide(.acknowledge(note: nil), facts, by: secretary).get().after
        #expect(acknowledged.steps.acknowledgedAt == now)
        #expect(acknowledged.steps.lastNote == "已收到")

        let reassigned = try decide(.reassign(to: "sun-ba", reason: "人事调整"), acknowledged, by: office).get().after
        #expect(reassigned.steps.acknowledgedAt == nil)
        #expect(reassigned.steps.assignedAt == now)
        #expect(reassigned.steps.assignmentVersion == 2)
        #expect(reassigned.steps.lastNote == "人事调整")

        let later = deadline.addingTimeInterval(7 * 86_400)
        let extended = try decide(.extend(to: later, reason: "春节假期"), reassigned, by: director).get().after
        #expect(extended.steps.deadlineSetAt == now)
        #expect(extended.deadline == later)

        let submitted = try decide(.submit(note: "已召开", evidence: []), task(.acknowledged), by: secretary).get().after
        #expect(submitted.steps.submittedAt == now)
        let verified = try decide(.verify(note: nil), submitted, by: resident).get().after
        #expect(verified.steps.verifiedAt == now && verified.steps.closedAt == now)
        #expect(verified.steps.lastNote == "已召开")

        let cancelled = try #require(TaskMachine.planCancelled(submitted, reason: "plan P1 cancelled", at: now)).after
        #expect(cancelled.steps.closedAt == now)
        #expect(cancelled.steps.lastNote == "已召开")
    }
}
