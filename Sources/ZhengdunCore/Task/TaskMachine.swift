import Foundation

/// A file handed in with a submission, stored by content so it cannot change afterwards.
public struct Evidence: Sendable, Hashable, Codable {
    public var sha256: String
    public var name: String
    public var bytes: Int

    public init(sha256: String, name: String, bytes: Int) {
        self.sha256 = sha256
        self.name = name
        self.bytes = bytes
    }
}

/// What can be asked of a task.
public enum TaskCommand: Sendable, Hashable {
    /// 签收.
    case acknowledge(note: String?)
    /// 办结: report the work done; `missingReason` says why items of the evidence the task asks
    /// for are not handed in.
    case submit(note: String, evidence: [Evidence], missingReason: String? = nil)
    /// 验收销号.
    case verify(note: String?)
    /// 退回整改: back to work with a new deadline.
    case returnForRework(reason: String, deadline: Date)
    case reassign(to: PersonID, reason: String?)
    /// 延期: a later deadline; the old one stays on record.
    case extend(to: Date, reason: String)
    case cancel(reason: String)

    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case acknowledge, submit, verify
        case returnForRework = "return"
        case reassign, extend, cancel

        var verb: Message {
            switch self {
            case .acknowledge: return .verbAcknowledge
            case .submit: return .verbSubmit
            case .verify: return .verbVerify
            case .returnForRework: return .verbReturn
            case .reassign: return .verbReassign
            case .extend: return .verbExtend
            case .cancel: return .verbCancel
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .acknowledge: return .acknowledge
        case .submit: return .submit
        case .verify: return .verify
        case .returnForRework: return .returnForRework
        case .reassign: return .reassign
        case .extend: return .extend
        case .cancel: return .cancel
        }
    }
}

/// The part of a task its state machine decides on and moves: its state, who holds it, its
/// deadline, and when each step happened. The task's row holds exactly this, so that a
/// transition is written back whole.
public struct TaskFacts: Sendable, Hashable {
    public var state: TaskState
    public var assignee: PersonID
    /// The role whose holder verifies or returns the task.
    public var verifier: RoleKey
    public var deadline: Date
    /// Bumped whenever the deadline moves, so reminders for an old deadline fall away.
    public var deadlineVersion: Int
    /// Who submitted it last, so that nobody verifies their own work.
    public var submittedBy: PersonID?
    public var steps: TaskSteps

    public init(
        state: TaskState, assignee: PersonID, verifier: RoleKey, deadline: Date, deadlineVersion: Int = 1,
        submittedBy: PersonID? = nil, steps: TaskSteps? = nil
    ) {
        self.state = state
        self.assignee = assignee
        self.verifier = verifier
        self.deadline = deadline
        self.deadlineVersion = deadlineVersion
        self.submittedBy = submittedBy
        self.steps = steps ?? TaskSteps(issuedAt: deadline)
    }
}

/// When each of a task's steps happened, and the note it last carried: what `task show` and the
/// ledger print, and what the notice schedule reckons from (a reassignment's new assignee gets
/// a new acknowledgement reminder; a moved deadline, new deadline reminders).
public struct TaskSteps: Sendable, Hashable {
    /// When the current deadline was set (issue, return or extension).
    public var deadlineSetAt: Date
    /// When the current assignee received it.
    public var assignedAt: Date
    /// Raised by each reassignment, so the new assignee's acknowledgement reminder is new.
    public var assignmentVersion: Int
    public var acknowledgedAt: Date?
    public var submittedAt: Date?
    public var verifiedAt: Date?
    /// When it was verified or cancelled.
    public var closedAt: Date?
    public var lastNote: String?

    /// A task's steps as it is issued.
    public init(issuedAt: Date) {
        deadlineSetAt = issuedAt
        assignedAt = issuedAt
        assignmentVersion = 1
    }

    public init(
        deadlineSetAt: Date, assignedAt: Date, assignmentVersion: Int, acknowledgedAt: Date?, submittedAt: Date?,
        verifiedAt: Date?, closedAt: Date?, lastNote: String?
    ) {
        self.deadlineSetAt = deadlineSetAt
        self.assignedAt = assignedAt
        self.assignmentVersion = assignmentVersion
        self.acknowledgedAt = acknowledgedAt
        self.submittedAt = submittedAt
        self.verifiedAt = verifiedAt
        self.closedAt = closedAt
        self.lastNote = lastNote
    }

    /// The steps once `event` has happened at `now`.
    mutating func record(_ event: TaskEvent, at now: Date) {
        switch event {
        case .acknowledged(let note):
            acknowledgedAt = now
            lastNote = note ?? lastNote
        case .submitted(let note, _, _, _):
            submittedAt = now
            lastNote = note
        case .verified(let note):
            verifiedAt = now
            closedAt = now
            lastNote = note ?? lastNote
        case .returned(let reason, _, _):
            deadlineSetAt = now
            lastNote = reason
        case .reassigned(_, _, let reason):
            acknowledgedAt = nil
            assignedAt = now
            assignmentVersion += 1
            lastNote = reason ?? lastNote
        case .extended(_, _, let reason):
            deadlineSetAt = now
            lastNote = reason
        case .cancelled(let reason):
            closedAt = now
            lastNote = reason
        }
    }
}

/// What happened to a task; one event is recorded per accepted command.
public enum TaskEvent: Sendable, Hashable, Encodable {
    case acknowledged(note: String?)
    /// `missing` names the items of the evidence asked for that were not handed in, with
    /// `missingReason` saying why.
    case submitted(note: String, evidence: [Evidence], missing: [String] = [], missingReason: String? = nil)
    case verified(note: String?)
    case returned(reason: String, previousDeadline: Date, deadline: Date)
    case reassigned(from: PersonID, to: PersonID, reason: String?)
    case extended(previousDeadline: Date, deadline: Date, reason: String)
    case cancelled(reason: String)

    enum CodingKeys: String, CodingKey {
        case note, evidence, reason, previousDeadline = "previous_deadline", deadline, from, to
        case missing, missingReason = "missing_reason"
    }

    /// The details as one flat object; the event's kind is recorded beside it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .acknowledged(let note), .verified(let note):
            try container.encodeIfPresent(note, forKey: .note)
        case .submitted(let note, let evidence, let missing, let missingReason):
            try container.encode(note, forKey: .note)
            try container.encode(evidence, forKey: .evidence)
            if !missing.isEmpty {
                try container.encode(missing, forKey: .missing)
                try container.encodeIfPresent(missingReason, forKey: .missingReason)
            }
        case .returned(let reason, let previous, let deadline), .extended(let previous, let deadline, let reason):
            try container.encode(reason, forKey: .reason)
            try container.encode(previous, forKey: .previousDeadline)
            try container.encode(deadline, forKey: .deadline)
        case .reassigned(let from, let to, let reason):
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encodeIfPresent(reason, forKey: .reason)
        case .cancelled(let reason):
            try container.encode(reason, forKey: .reason)
        }
    }
}

/// The task after an accepted command and the event that records it.
public struct TaskTransition: Sendable, Hashable {
    public var before: TaskFacts
    public var after: TaskFacts
    public var event: TaskEvent
}

/// Why a task command was refused, in the words of the domain.
public enum TaskRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case wrongState(TaskCommand.Kind, TaskState)
    case onlyAssignee(TaskCommand.Kind, assignee: PersonID)
    case onlyVerifier(TaskCommand.Kind, verifier: RoleKey)
    case notPermitted(TaskCommand.Kind, allowed: [RoleKey])
    case ownWork
    case dependenciesNotVerified([String])
    /// Items of the evidence the task asks for are not handed in, and no reason says why.
    case evidenceMissing([String])
    /// The task builds the problem list, which holds no item yet.
    case problemListEmpty
    /// A campaign's task waits for every village to begin a phase; these have not.
    case villagesBehind(phase: Message, villages: [String])
    case textRequired(TaskCommand.Kind, what: Message)
    case deadlineNotLater(current: LocalDateTime, proposed: LocalDateTime)
    case deadlineInPast(proposed: LocalDateTime)
    case alreadyAssigned(PersonID)

    public var description: String { message.description }

    public var message: Message { message(in: nil) }

    /// The refusal said with the roles of `workflow` by their titles (in Chinese); without one,
    /// by their keys.
    public func message(in workflow: Workflow?) -> Message {
        switch self {
        case .wrongState(let command, let state):
            return Self.stateRefusal(command, state)
        case .onlyAssignee(let command, let assignee):
            return Message.onlyAssignee(assignee: "\(assignee)", verb: command.verb)
        case .onlyVerifier(let command, let verifier):
            return Message.onlyVerifier(role: .role(verifier, title: workflow?.role(verifier)?.title), verb: command.verb)
        case .notPermitted(let command, let allowed):
            return Message.onlyRolesMayTask(roles: .roles(allowed, in: workflow), verb: command.verb)
        case .ownWork:
            return Message.ownWork
        case .dependenciesNotVerified(let names):
            return Message.dependenciesNotVerified(tasks: .list(names.map { .text($0) }))
        case .evidenceMissing(let items):
            return Message.evidenceMissing(items: .list(items.map { .text($0) }))
        case .problemListEmpty:
            return Message.problemListEmpty
        case .villagesBehind(let phase, let villages):
            return Message.villagesBehind(phase: phase, villages: .list(villages.map { .text($0) }))
        case .textRequired(let command, let what):
            return Message.textRequired(what: what, verb: command.verb)
        case .deadlineNotLater(let current, let proposed):
            return Message.deadlineNotLater(proposed: proposed, current: current)
        case .deadlineInPast(let proposed):
            return Message.deadlineInPast(proposed: proposed)
        case .alreadyAssigned(let person):
            return Message.alreadyAssigned(person: "\(person)")
        }
    }

    private static func stateRefusal(_ command: TaskCommand.Kind, _ state: TaskState) -> Message {
        switch (state, command) {
        case (.verified, _): return Message.taskAlreadyVerified
        case (.cancelled, _): return Message.taskCancelled
        case (.issued, .submit): return Message.taskMustBeAcknowledged
        case (.submitted, .extend), (.submitted, .reassign): return Message.taskSubmittedVerifyFirst
        case (.submitted, _): return Message.taskAlreadySubmitted
        case (.returned, .acknowledge): return Message.taskReturnedSubmitAgain
        case (_, .verify), (_, .returnForRework): return Message.taskNotSubmitted(state: state.word)
        default: return Message.taskAlreadyInState(state: state.word)
        }
    }
}

/// Everything outside the task that a decision depends on.
public struct TaskDecisionContext: Sendable {
    public var actor: Actor
    public var permissions: Permissions
    public var now: Date
    public var timeline: Timeline
    /// The tasks it depends on that are not yet verified, by name; only a submission looks at them.
    public var unverifiedDependencies: [String]
    /// The items of the evidence the task asks for that no file handed in (before or with a
    /// submission) answers; only a submission looks at them.
    public var missingEvidence: [String]
    /// Whether the task builds the plan's problem list and the list holds no item.
    public var problemListEmpty: Bool
    /// For a campaign's task that waits for the villages (`waits_for_villages`): the phase, and
    /// the villages that have not begun it.
    public var villagesBehind: (phase: Message, villages: [String])?

    public init(
        actor: Actor, permissions: Permissions, now: Date, timeline: Timeline, unverifiedDependencies: [String] = [],
        missingEvidence: [String] = [], problemListEmpty: Bool = false, villagesBehind: (phase: Message, villages: [String])? = nil
    ) {
        self.problemListEmpty = problemListEmpty
        self.villagesBehind = villagesBehind
        self.actor = actor
        self.permissions = permissions
        self.now = now
        self.timeline = timeline
        self.unverifiedDependencies = unverifiedDependencies
        self.missingEvidence = missingEvidence
    }
}

/// The task's state machine: pure, deciding every (state, command) pair.
public enum TaskMachine {
    /// The states from which each command may be given.
    public static let allowedStates: [TaskCommand.Kind: Set<TaskState>] = [
        .acknowledge: [.issued],
        .submit: [.acknowledged, .returned],
        .verify: [.submitted],
        .returnForRework: [.submitted],
        .reassign: [.issued, .acknowledged, .returned],
        .extend: [.issued, .acknowledged, .returned],
        .cancel: [.issued, .acknowledged, .submitted, .returned],
    ]

    public static func decide(
        _ command: TaskCommand, on task: TaskFacts, in context: TaskDecisionContext
    ) -> Result<TaskTransition, TaskRefusal> {
        let kind = command.kind
        guard allowedStates[kind, default: []].contains(task.state) else { return .failure(.wrongState(kind, task.state)) }
        let actor = context.actor
        var after = task
        let event: TaskEvent
        switch command {
        case .acknowledge(let note):
            guard actor.person == task.assignee else { return .failure(.onlyAssignee(kind, assignee: task.assignee)) }
            after.state = .acknowledged
            event = .acknowledged(note: note)

        case .submit(let note, let evidence, let missingReason):
            guard actor.person == task.assignee else { return .failure(.onlyAssignee(kind, assignee: task.assignee)) }
            guard !isBlank(note) else { return .failure(.textRequired(kind, what: .whatNoteOnWork)) }
            guard context.unverifiedDependencies.isEmpty else { return .failure(.dependenciesNotVerified(context.unverifiedDependencies)) }
            guard !context.problemListEmpty else { return .failure(.problemListEmpty) }
            if let behind = context.villagesBehind, !behind.villages.isEmpty {
                return .failure(.villagesBehind(phase: behind.phase, villages: behind.villages))
            }
            let missing = context.missingEvidence
            guard missing.isEmpty || !isBlank(missingReason ?? "") else { return .failure(.evidenceMissing(missing)) }
            after.state = .submitted
            after.submittedBy = actor.person
            event = .submitted(note: note, evidence: evidence, missing: missing, missingReason: missing.isEmpty ? nil : missingReason)

        case .verify(let note):
            guard actor.roles.contains(task.verifier) else { return .failure(.onlyVerifier(kind, verifier: task.verifier)) }
            guard task.submittedBy != actor.person else { return .failure(.ownWork) }
            after.state = .verified
            event = .verified(note: note)

        case .returnForRework(let reason, let deadline):
            guard actor.roles.contains(task.verifier) else { return .failure(.onlyVerifier(kind, verifier: task.verifier)) }
            guard !isBlank(reason) else { return .failure(.textRequired(kind, what: .whatReason)) }
            guard deadline > context.now else { return .failure(.deadlineInPast(proposed: context.timeline.local(deadline))) }
            after.state = .returned
            after.deadline = deadline
            after.deadlineVersion += 1
            event = .returned(reason: reason, previousDeadline: task.deadline, deadline: deadline)

        case .reassign(let person, let reason):
            let allowed = context.permissions.roles(for: .reassign)
            guard actor.holdsAny(of: allowed) else { return .failure(.notPermitted(kind, allowed: allowed)) }
            guard person != task.assignee else { return .failure(.alreadyAssigned(person)) }
            after.state = .issued
            after.assignee = person
            event = .reassigned(from: task.assignee, to: person, reason: reason)

        case .extend(let deadline, let reason):
            let allowed = context.permissions.roles(for: .extend)
            guard actor.holdsAny(of: allowed) else { return .failure(.notPermitted(kind, allowed: allowed)) }
            guard !isBlank(reason) else { return .failure(.textRequired(kind, what: .whatReason)) }
            guard deadline > task.deadline else {
                return .failure(
                    .deadlineNotLater(current: context.timeline.local(task.deadline), proposed: context.timeline.local(deadline)))
            }
            guard deadline > context.now else { return .failure(.deadlineInPast(proposed: context.timeline.local(deadline))) }
            after.deadline = deadline
            after.deadlineVersion += 1
            event = .extended(previousDeadline: task.deadline, deadline: deadline, reason: reason)

        case .cancel(let reason):
            let allowed = context.permissions.roles(for: .cancel)
            guard actor.holdsAny(of: allowed) else { return .failure(.notPermitted(kind, allowed: allowed)) }
            guard !isBlank(reason) else { return .failure(.textRequired(kind, what: .whatReason)) }
            after.state = .cancelled
            event = .cancelled(reason: reason)
        }
        after.steps.record(event, at: context.now)
        return .success(TaskTransition(before: task, after: after, event: event))
    }

    /// A task's part in the cancellation of its plan (随方案撤销): every open task is cancelled
    /// at `now` with the reason given; a verified or already cancelled task stays as it is (nil).
    /// The plan's reason is recorded in the event; the task keeps the last note its people
    /// wrote, which `task show` goes on printing.
    ///
    /// Not a `TaskCommand`: nobody gives it to the task. The plan machine has already decided
    /// who may cancel the plan, so no actor or permission is asked for here.
    public static func planCancelled(_ task: TaskFacts, reason: String, at now: Date) -> TaskTransition? {
        guard task.state.isOpen else { return nil }
        var after = task
        after.state = .cancelled
        after.steps.closedAt = now
        return TaskTransition(before: task, after: after, event: .cancelled(reason: reason))
    }

    /// A verified task sent back to work by a finding of the look back (回头看发现反弹): it is
    /// returned with the finding as the reason and a new deadline, as a verifier returns a
    /// submission. Nil for a task that is not verified or a deadline not after `now`.
    ///
    /// Not a `TaskCommand`: the inspection that made the finding was authorised as such.
    public static func reopened(_ task: TaskFacts, reason: String, deadline: Date, at now: Date) -> TaskTransition? {
        guard task.state == .verified, deadline > now, !isBlank(reason) else { return nil }
        var after = task
        after.state = .returned
        after.deadline = deadline
        after.deadlineVersion += 1
        after.steps.closedAt = nil
        let event = TaskEvent.returned(reason: reason, previousDeadline: task.deadline, deadline: deadline)
        after.steps.record(event, at: now)
        return TaskTransition(before: task, after: after, event: event)
    }

    private static func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }
}
