/// What can be asked of a plan.
public enum PlanCommand: Sendable, Hashable {
    /// Launch a draft, or pass the current phase's gate.
    case advance
    /// Pass the current phase's gate although it is not met, with a written reason.
    case overrideGate(reason: String)
    case cancel(reason: String)

    /// What the command does, in the reader's language, for a refusal.
    public var name: Message {
        switch self {
        case .advance: return .planCommandAdvance
        case .overrideGate: return .planCommandOverride
        case .cancel: return .planCommandCancel
        }
    }
}

/// What happened to a plan; one event is recorded per accepted command.
public enum PlanEvent: Sendable, Hashable, Encodable {
    /// The survey phase started and its tasks were issued.
    case launched(phase: PhaseKey)
    case phaseAdvanced(from: PhaseKey, to: PhaseKey)
    /// The last gate passed: 验收通过.
    case accepted(from: PhaseKey)
    /// A gate passed by override; `unmet` names what was not done.
    case gateOverridden(from: PhaseKey, to: PlanState, reason: String, unmet: [String])
    case cancelled(from: PlanState, reason: String)
    /// The consolidation period ended and the look back (回头看) began; its tasks were issued.
    case lookBackBegun(phase: PhaseKey)
    /// A finding of the look back put the plan back under watch (反弹).
    case rebounded(from: PhaseKey, finding: String)
    /// The look back's gate passed: signed off (销号).
    case signedOff(from: PlanState)

    enum CodingKeys: String, CodingKey {
        case from, to, reason, unmet
    }

    /// The details as one flat object; the event's kind is recorded beside it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .launched(let phase):
            try container.encode(PlanState.draft, forKey: .from)
            try container.encode(PlanState.inPhase(phase), forKey: .to)
        case .phaseAdvanced(let from, let to):
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
        case .accepted(let from):
            try container.encode(from, forKey: .from)
            try container.encode(PlanState.accepted, forKey: .to)
        case .gateOverridden(let from, let to, let reason, let unmet):
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(reason, forKey: .reason)
            try container.encode(unmet, forKey: .unmet)
        case .cancelled(let from, let reason):
            try container.encode(from, forKey: .from)
            try container.encode(PlanState.cancelled, forKey: .to)
            try container.encode(reason, forKey: .reason)
        case .lookBackBegun(let phase):
            try container.encode(PlanState.accepted, forKey: .from)
            try container.encode(PlanState.inPhase(phase), forKey: .to)
        case .rebounded(let from, let finding):
            try container.encode(from, forKey: .from)
            try container.encode(PlanState.rebound, forKey: .to)
            try container.encode(finding, forKey: .reason)
        case .signedOff(let from):
            try container.encode(from, forKey: .from)
            try container.encode(PlanState.closed, forKey: .to)
        }
    }
}

/// The state a plan moves to, the event to record, and the phase whose tasks to issue.
public struct PlanTransition: Sendable, Hashable {
    public var from: PlanState
    public var to: PlanState
    public var event: PlanEvent
    /// The phase that starts now; its tasks are issued in the same transaction.
    public var issuing: Phase?
}

/// A task of the current phase as its gate sees it.
public struct GateItem: Sendable, Hashable {
    /// How the task is named in a refusal, e.g. `task 12 (hear-opinions)`.
    public var name: String
    public var required: Bool
    public var state: TaskState

    public init(name: String, required: Bool, state: TaskState) {
        self.name = name
        self.required = required
        self.state = state
    }
}

/// A blocking indicator of the goals as an acceptance gate sees it: how it is named in a
/// refusal (`群众满意率 79%，应不低于80%`) and whether it is met.
public struct IndicatorCheck: Sendable, Hashable {
    public var name: String
    public var met: Bool

    public init(name: String, met: Bool) {
        self.name = name
        self.met = met
    }
}

/// Why a plan command was refused, in the words of the domain.
public enum PlanRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case finished(PlanState, command: Message)
    case notPermitted(command: Message, allowed: [RoleKey])
    case gateNotMet(phase: PhaseKey, unmet: [String])
    /// Every task is done, but the goals' blocking indicators named are not met.
    case indicatorsNotMet(phase: PhaseKey, unmet: [String])
    case gateAlreadyMet(phase: PhaseKey)
    case nothingToOverride(PlanState)
    case reasonRequired(command: Message)
    case unknownPhase(PhaseKey)

    public var description: String { message.description }

    public var message: Message { message(in: nil) }

    /// The refusal said with the roles and phases of `workflow` by their titles (in Chinese);
    /// without one, by their keys.
    public func message(in workflow: Workflow?) -> Message {
        switch self {
        case .finished(let state, let command):
            let word: Message = state == .accepted ? .planAlreadyAccepted : state == .closed ? .planClosed : .planIsCancelled
            return Message.planFinished(state: word, command: command)
        case .notPermitted(let command, let allowed):
            return Message.onlyRolesMayPlan(roles: .roles(allowed, in: workflow), command: command)
        case .gateNotMet(let phase, let unmet):
            let shown: Message = .list(unmet.prefix(10).map { .text($0) })
            return .gateNotMet(
                phase: .phase(phase, in: workflow), count: unmet.count,
                tasks: unmet.count > 10 ? .andMore(list: shown, count: unmet.count - 10) : shown)
        case .indicatorsNotMet(let phase, let unmet):
            return .indicatorsNotMet(phase: .phase(phase, in: workflow), count: unmet.count, indicators: .list(unmet.map { .text($0) }))
        case .gateAlreadyMet(let phase):
            return Message.gateAlreadyMet(phase: .phase(phase, in: workflow))
        case .nothingToOverride(let state):
            return Message.nothingToOverride(state: state.word)
        case .reasonRequired(let command):
            return Message.reasonRequired(command: command)
        case .unknownPhase(let phase):
            return Message.unknownPhase(phase: "\(phase)")
        }
    }
}

/// The plan's state machine: pure, deciding every (state, command) pair.
public enum PlanMachine {
    /// `workflow` is the plan's own snapshot; `tasks` are the tasks of the current phase;
    /// `indicators` the goals' blocking indicators, which a gate with `indicators: met` waits for.
    public static func decide(
        _ command: PlanCommand, state: PlanState, tasks: [GateItem], indicators: [IndicatorCheck] = [], workflow: Workflow,
        actor: Actor
    ) -> Result<PlanTransition, PlanRefusal> {
        switch (state, command) {
        case (.accepted, _), (.closed, _), (.cancelled, _):
            return .failure(.finished(state, command: command.name))

        case (.rebound, .advance), (.rebound, .overrideGate):
            // Under watch again, the plan is signed off through its look back's gate.
            guard let lookBack = workflow.lookBack else { return .failure(.unknownPhase("")) }
            return decide(
                command, state: .inPhase(lookBack.phase.key), tasks: tasks, indicators: indicators, workflow: workflow, actor: actor
            ).map {
                var transition = $0
                transition.from = .rebound
                if case .signedOff = transition.event { transition.event = .signedOff(from: .rebound) }
                return transition
            }

        case (.draft, .advance):
            let allowed = workflow.permissions.roles(for: .launch)
            guard actor.holdsAny(of: allowed) else { return .failure(.notPermitted(command: .planCommandLaunch, allowed: allowed)) }
            guard let first = workflow.phases.first else { return .failure(.unknownPhase("")) }
            return .success(PlanTransition(from: state, to: .inPhase(first.key), event: .launched(phase: first.key), issuing: first))

        case (.draft, .overrideGate):
            return .failure(.nothingToOverride(state))

        case (.inPhase(let key), .advance):
            guard let phase = workflow.phase(key) else { return .failure(.unknownPhase(key)) }
            guard actor.holdsAny(of: phase.gate.signedBy) else {
                return .failure(
                    .notPermitted(command: .planCommandSignGate(phase: .phase(key, in: workflow)), allowed: phase.gate.signedBy))
            }
            let unmet = unmetItems(tasks, gate: phase.gate)
            guard unmet.isEmpty else { return .failure(.gateNotMet(phase: key, unmet: unmet)) }
            let unmetIndicators = phase.gate.indicatorsMet ? indicators.filter { !$0.met }.map(\.name) : []
            guard unmetIndicators.isEmpty else { return .failure(.indicatorsNotMet(phase: key, unmet: unmetIndicators)) }
            return .success(passing(phase, workflow: workflow, override: nil))

        case (.inPhase(let key), .overrideGate(let reason)):
            guard let phase = workflow.phase(key) else { return .failure(.unknownPhase(key)) }
            let allowed = workflow.permissions.roles(for: .overrideGate)
            guard actor.holdsAny(of: allowed) else {
                return .failure(.notPermitted(command: .planCommandOverride, allowed: allowed))
            }
            guard !reason.allSatisfy(\.isWhitespace) else { return .failure(.reasonRequired(command: .planCommandOverride)) }
            let unmet =
                unmetItems(tasks, gate: phase.gate) + (phase.gate.indicatorsMet ? indicators.filter { !$0.met }.map(\.name) : [])
            guard !unmet.isEmpty else { return .failure(.gateAlreadyMet(phase: key)) }
            return .success(passing(phase, workflow: workflow, override: (reason, unmet)))

        case (.draft, .cancel(let reason)), (.inPhase, .cancel(let reason)), (.rebound, .cancel(let reason)):
            let allowed = workflow.permissions.roles(for: .cancel)
            guard actor.holdsAny(of: allowed) else { return .failure(.notPermitted(command: .planCommandCancel, allowed: allowed)) }
            guard !reason.allSatisfy(\.isWhitespace) else { return .failure(.reasonRequired(command: .planCommandCancel)) }
            return .success(PlanTransition(from: state, to: .cancelled, event: .cancelled(from: state, reason: reason), issuing: nil))
        }
    }

    /// The tasks that keep the gate shut: not yet verified nor cancelled, and required unless
    /// the gate asks for all tasks.
    public static func unmetItems(_ tasks: [GateItem], gate: Gate) -> [String] {
        tasks.filter { item in
            (gate.require == .allTasksVerified || item.required) && item.state != .verified && item.state != .cancelled
        }.map(\.name)
    }

    /// The consolidation period is over: an accepted plan begins its look back, whose tasks
    /// are issued. Nil when the plan is not accepted or the workflow has no look back.
    public static func lookBackBegins(state: PlanState, workflow: Workflow) -> PlanTransition? {
        guard state == .accepted, let lookBack = workflow.lookBack else { return nil }
        return PlanTransition(
            from: state, to: .inPhase(lookBack.phase.key), event: .lookBackBegun(phase: lookBack.phase.key), issuing: lookBack.phase)
    }

    /// A finding of the look back reopened a problem or ordered rectification: the plan is
    /// back under watch (反弹). Nil outside the look back, or when it already rebounded.
    public static func rebound(state: PlanState, workflow: Workflow, finding: String) -> PlanTransition? {
        guard case .inPhase(let key) = state, workflow.isLookBack(key) else { return nil }
        return PlanTransition(from: state, to: .rebound, event: .rebounded(from: key, finding: finding), issuing: nil)
    }

    private static func passing(_ phase: Phase, workflow: Workflow, override: (reason: String, unmet: [String])?) -> PlanTransition {
        let next = workflow.phase(after: phase.key)
        let to: PlanState = workflow.isLookBack(phase.key) ? .closed : next.map { .inPhase($0.key) } ?? .accepted
        let event: PlanEvent
        if let override {
            event = .gateOverridden(from: phase.key, to: to, reason: override.reason, unmet: override.unmet)
        } else if to == .closed {
            event = .signedOff(from: .inPhase(phase.key))
        } else if let next {
            event = .phaseAdvanced(from: phase.key, to: next.key)
        } else {
            event = .accepted(from: phase.key)
        }
        return PlanTransition(from: .inPhase(phase.key), to: to, event: event, issuing: next)
    }
}
