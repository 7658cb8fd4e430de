import Testing

@testable import ZhengdunCore

@Suite("Plan state machine")
struct PlanMachineTests {
    let workflow: Workflow
    let director = Actor(person: "zhao-liu", roles: ["office_director"])
    let office = Actor(person: "qian-qi", roles: ["org_office"])
    let secretary = Actor(person: "li-si", roles: ["secretary"])

    init() throws {
        workflow = try Fixtures.shippedWorkflow()
    }

    func items(_ phase: PhaseKey, _ state: TaskState) -> [GateItem] {
        workflow.phase(phase)!.tasks.map { GateItem(name: $0.key.rawValue, required: $0.required, state: state) }
    }

    static let states: [PlanState] = [
        .draft, .inPhase("survey"), .inPhase("rectification"), .inPhase("consolidation"), .accepted, .cancelled,
    ]
    static let commands: [PlanCommand] = [.advance, .overrideGate(reason: "上级要求提前转段"), .cancel(reason: "村级建制调整")]

    /// Where each allowed pair leads when the gate is met (advance) or not met (override).
    static func expected(_ state: PlanState, _ command: PlanCommand) -> PlanState? {
        switch (state, command) {
        case (.draft, .advance): return .inPhase("survey")
        case (.inPhase("survey"), .advance), (.inPhase("survey"), .overrideGate): return .inPhase("rectification")
        case (.inPhase("rectification"), .advance), (.inPhase("rectification"), .overrideGate): return .inPhase("consolidation")
        case (.inPhase("consolidation"), .advance), (.inPhase("consolidation"), .overrideGate): return .accepted
        case (.draft, .cancel), (.inPhase, .cancel): return .cancelled
        default: return nil
        }
    }

    @Test("Every (state, command) pair", arguments: states, commands)
    func everyPair(_ state: PlanState, _ command: PlanCommand) {
        var tasks: [GateItem] = []
        if case .inPhase(let phase) = state {
            // A met gate for advance, an unmet one for override.
            tasks = items(phase, command == .advance ? .verified : .acknowledged)
        }
        let result = PlanMachine.decide(command, state: state, tasks: tasks, workflow: workflow, actor: director)
        if let target = Self.expected(state, command) {
            guard case .success(let transition) = result else {
                Issue.record("\(command) from \(state) refused: \(result)")
                return
            }
            #expect(transition.to == target)
            if case .inPhase(let next) = target, command != .cancel(reason: "村级建制调整") {
                #expect(transition.issuing?.key == next)
            } else {
                #expect(transition.issuing == nil)
            }
        } else {
            guard case .failure(let refusal) = result else {
                Issue.record("\(command) from \(state) accepted")
                return
            }
            switch state {
            case .accepted, .cancelled: #expect(refusal == .finished(state, command: command.name))
            default: #expect(refusal == .nothingToOverride(.draft))
            }
        }
    }

    @Test("A gate with an unverified required task refuses to advance and names the task")
    func gateNotMet() {
        var tasks = items("survey", .verified)
        tasks[3].state = .submitted
        let result = PlanMachine.decide(.advance, state: .inPhase("survey"), tasks: tasks, workflow: workflow, actor: director)
        #expect(result == .failure(.gateNotMet(phase: "survey", unmet: ["hear-opinions"])))
        if case .failure(let refusal) = result {
            #expect(refusal.description == "the gate of phase 'survey' is not met: 1 required task is not verified (hear-opinions)")
        }
    }

    @Test("Optional and cancelled tasks do not hold the gate")
    func optionalAndCancelledPass() throws {
        var tasks = items("rectification", .verified)
        tasks.append(GateItem(name: "task 98 (optional)", required: false, state: .acknowledged))
        tasks[0].state = .cancelled
        tasks.append(GateItem(name: "task 99 (order)", required: true, state: .verified))
        let transition = try PlanMachine.decide(
            .advance, state: .inPhase("rectification"), tasks: tasks, workflow: workflow, actor: director
        ).get()
        #expect(transition.event == .phaseAdvanced(from: "rectification", to: "consolidation"))
    }

    @Test("An inspection's order of rectification holds the gate like any required task")
    func inspectionOrderHoldsGate() {
        let tasks = items("rectification", .verified) + [GateItem(name: "task 99 (责令整改)", required: true, state: .issued)]
        let result = PlanMachine.decide(.advance, state: .inPhase("rectification"), tasks: tasks, workflow: workflow, actor: director)
        #expect(result == .failure(.gateNotMet(phase: "rectification", unmet: ["task 99 (责令整改)"])))
    }

    @Test("Launching is for the org office or the office director; signing a gate for the office director")
    func authorisation() {
        let launched = PlanMachine.decide(.advance, state: .draft, tasks: [], workflow: workflow, actor: office)
        #expect((try? launched.get())?.event == .launched(phase: "survey"))
        #expect(
            PlanMachine.decide(.advance, state: .draft, tasks: [], workflow: workflow, actor: secretary)
                == .failure(.notPermitted(command: .planCommandLaunch, allowed: ["org_office", "office_director"])))
        let signed = PlanMachine.decide(
            .advance, state: .inPhase("survey"), tasks: items("survey", .verified), workflow: workflow, actor: office)
        #expect(
            signed
                == .failure(
                    .notPermitted(
                        command: .planCommandSignGate(phase: .phase("survey", in: workflow)), allowed: ["office_director"])))
        if case .failure(let refusal) = signed {
            #expect(refusal.description == "only office_director may sign the gate of phase 'survey' of this plan")
        }
        #expect(
            PlanMachine.decide(.cancel(reason: "x"), state: .draft, tasks: [], workflow: workflow, actor: office)
                == .failure(.notPermitted(command: .planCommandCancel, allowed: ["office_director"])))
    }

    @Test("An override needs the office director, a reason, and a gate that is really shut; it records what was skipped")
    func override() throws {
        let unmet = items("survey", .acknowledged)
        #expect(
            PlanMachine.decide(.overrideGate(reason: "x"), state: .inPhase("survey"), tasks: unmet, workflow: workflow, actor: office)
                == .failure(.notPermitted(command: .planCommandOverride, allowed: ["office_director"])))
        #expect(
            PlanMachine.decide(.overrideGate(reason: " "), state: .inPhase("survey"), tasks: unmet, workflow: workflow, actor: director)
                == .failure(.reasonRequired(command: .planCommandOverride)))
        #expect(
            PlanMachine.decide(
                .overrideGate(reason: "x"), state: .inPhase("survey"), tasks: items("survey", .verified), workflow: workflow,
                actor: director)
                == .failure(.gateAlreadyMet(phase: "survey")))
        let transition = try PlanMachine.decide(
            .overrideGate(reason: "县委要求"), state: .inPhase("survey"), tasks: unmet, workflow: workflow, actor: director
        ).get()
        guard case .gateOverridden(let from, let to, let reason, let skipped) = transition.event else {
            Issue.record("not an override: \(transition.event)")
            return
        }
        #expect(from == "survey" && to == .inPhase("rectification") && reason == "县委要求")
        #expect(skipped == workflow.phase("survey")!.requiredTasks.map(\.key.rawValue))
    }

    @Test("Passing the last gate accepts the plan (验收通过) and issues nothing")
    func acceptance() throws {
        let transition = try PlanMachine.decide(
            .advance, state: .inPhase("consolidation"), tasks: items("consolidation", .verified), workflow: workflow, actor: director
        ).get()
        #expect(transition.event == .accepted(from: "consolidation"))
        #expect(transition.to == .accepted)
        #expect(transition.issuing == nil)
    }

    @Test("Plan states are stored by name and read back")
    func stateNames() {
        for state in Self.states { #expect(PlanState(name: state.name) == state) }
    }
}

@Suite("A plan's state in prose")
struct PlanStateNameTests {
    @Test("A phase by its title, a finished plan by its word in the reader's language, never by its key")
    func named() {
        let titles: [PhaseKey: String] = [PhaseKey("survey"): "摸底准备阶段"]
        #expect(PlanState(name: "survey").named { titles[$0] }.text(in: .zh) == "摸底准备阶段")
        #expect(PlanState.accepted.named { titles[$0] }.text(in: .zh) == "验收通过")
        #expect(!PlanState.accepted.named { titles[$0] }.text(in: .zh).contains("accepted"))
        #expect(PlanState.cancelled.named { titles[$0] }.text(in: .en) != "cancelled 已撤销")
    }
}
