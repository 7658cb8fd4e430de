import Foundation
import ZhengdunCore
import ZhengdunService

/// The text the commands print for people.
struct Render {
    let zone: TimeZone

    func time(_ date: Date) -> String { zone.localDateTime(date).description }

    /// A task's state: `issued 已下发` in English, `已下发` in Chinese.
    static func state(_ state: TaskState) -> String {
        say(.taskStateBoth, ["state": "\(state.rawValue)", "chinese": "\(state.chineseName)"])
    }

    func people(_ people: [PersonView]) -> String {
        var table = TextTable(say(.headerPerson, .headerName, .headerEmail, .headerUnixUser))
        for person in people { table.add([person.id.rawValue, person.name, person.email, person.unixUser ?? ""]) }
        return table.render()
    }

    func plans(_ plans: [PlanSummary]) -> String {
        var table = TextTable(say(.headerPlan, .headerVillage, .headerState, .headerStart, .headerVerified, .headerOverdue))
        for plan in plans {
            let total = plan.tasks.values.reduce(0, +)
            table.add([
                "P\(plan.id)", plan.village, plan.stateTitle, plan.start.description,
                "\(plan.tasks[TaskState.verified.rawValue] ?? 0)/\(total)", plan.overdue == 0 ? "" : String(plan.overdue),
            ])
        }
        return table.render()
    }

    func plan(_ plan: PlanView) -> String {
        var lines: [String] = []
        lines.append("P\(plan.id)  \(plan.village) · \(plan.branch)")
        var facts = TextTable([], indent: 0)
        facts.add([
            say(.labelWorkflow),
            say(
                .workflowFact,
                [
                    "key": "\(plan.workflow.key)", "version": "\(plan.workflow.version)",
                    "title": "\(plan.workflow.title)", "source": "\(plan.workflow.source)",
                ]),
        ])
        facts.add([say(.labelState), say(.stateFact, ["title": "\(plan.stateTitle)", "state": "\(plan.state)"])])
        facts.add([
            say(.labelStart),
            plan.phases.last.map { say(.startFact, ["start": "\(plan.start)", "end": "\(zone.localDateTime($0.plannedEnd).date)"]) }
                ?? plan.start.description,
        ])
        facts.add([say(.labelProfile), profile(plan.profile)])
        facts.add([say(.labelGoals), plan.goals.map(\.title).joined(separator: "；")])
        lines.append(facts.render())
        if !plan.problems.isEmpty {
            lines.append(say(.sectionProblems))
            for problem in plan.problems { lines.append("  \(problem.title)：\(problem.detail)") }
        }
        lines.append(say(.sectionRoles))
        var roles = TextTable([], indent: 2)
        for binding in plan.bindings { roles.add([binding.role.rawValue, binding.roleTitle, binding.person.rawValue, binding.name]) }
        lines.append(roles.render())
        lines.append(say(.sectionPhases))
        var phases = TextTable([], indent: 2)
        for phase in plan.phases {
            let actual =
                phase.startedAt.map { start in
                    phase.endedAt.map { say(.phaseStartedEnded, ["start": "\(time(start))", "end": "\(time($0))"]) }
                        ?? say(.phaseStarted, ["start": "\(time(start))"])
                } ?? say(.phaseNotStarted)
            phases.add([
                phase.key.rawValue, phase.title,
                say(
                    .phasePlanned,
                    ["start": "\(zone.localDateTime(phase.plannedStart).date)", "end": "\(zone.localDateTime(phase.plannedEnd).date)"]),
                actual,
                phase.tasks == 0 ? "" : say(.phaseVerifiedCount, ["verified": .number(phase.verified), "total": .number(phase.tasks)]),
            ])
        }
        lines.append(phases.render())
        if !plan.inspections.isEmpty {
            lines.append(say(.sectionInspections))
            for inspection in plan.inspections {
                lines.append(
                    "  #\(inspection.id)  \(time(inspection.at))  \(inspection.inspector)  \(inspection.finding)"
                        + (inspection.orderedTask.map { "  → T\($0)" } ?? ""))
            }
        }
        if !plan.tasks.isEmpty {
            lines.append(say(.sectionTasks))
            lines.append(tasks(plan.tasks, indent: 2))
        }
        return lines.joined(separator: "\n")
    }

    func profile(_ profile: VillageProfile) -> String {
        var parts: [MessageValue] = []
        if let households = profile.households { parts.append(.said(.profileHouseholds, ["count": .number(households)])) }
        if let population = profile.population { parts.append(.said(.profilePeople, ["count": .number(population)])) }
        if let members = profile.partyMembers { parts.append(.said(.profileMembers, ["count": .number(members)])) }
        if let income = profile.perCapitaIncomeYuan {
            parts.append(
                profile.incomeYear.map { .said(.profileIncomeYear, ["yuan": .number(income), "year": "\($0)"]) }
                    ?? .said(.profileIncome, ["yuan": .number(income)]))
        }
        return parts.isEmpty ? say(.profileNotRecorded) : Message(.verbatim, ["text": .list(parts)]).text(in: .current)
    }

    func tasks(_ tasks: [TaskSummary], indent: Int = 0) -> String {
        var table = TextTable(
            say(.headerTask, .headerPlan, .headerPhase, .headerTitle, .headerAssignee, .headerState, .headerDeadline, .headerLate),
            indent: indent)
        for task in tasks {
            table.add([
                "T\(task.id)", "P\(task.plan)", task.phase.rawValue,
                task.required ? task.title : say(.optionalTask, ["title": "\(task.title)"]),
                "\(task.assigneeName) (\(task.assignee))", Self.state(task.state), time(task.deadline),
                task.workingDaysLate.map { say(.lateWorkingDays, ["count": .number($0)]) } ?? (task.overdue ? say(.lateDue) : ""),
            ])
        }
        return table.render()
    }

    func task(_ task: TaskView) -> String {
        let summary = task.summary
        var facts = TextTable([], indent: 0)
        let label = "T\(summary.id)" + (summary.key.map { " (\($0))" } ?? "")
        facts.add([say(.labelTask), task.inspection.map { say(.taskOrderedBy, ["task": "\(label)", "inspection": "\($0)"]) } ?? label])
        facts.add([say(.labelTitle), summary.title])
        if let description = task.description { facts.add([say(.labelDescription), description]) }
        facts.add([
            say(.labelPlan), say(.taskPlanFact, ["plan": "\(summary.plan)", "village": "\(summary.village)", "phase": "\(summary.phase)"]),
        ])
        if let measure = task.measure { facts.add([say(.labelMeasure), measure.rawValue]) }
        facts.add([
            say(.labelAssignee),
            say(.assigneeFact, ["name": "\(summary.assigneeName)", "person": "\(summary.assignee)", "role": "\(task.responsibleRole)"]),
        ])
        facts.add([say(.labelVerifier), task.verifierRole.rawValue])
        let state = Self.state(summary.state)
        facts.add([say(.labelState), summary.required ? state : say(.stateOptional, ["state": "\(state)"])])
        var deadline = "\(time(summary.deadline)) (\(task.deadlineRule))"
        if task.deadlineVersion > 1 {
            deadline = say(.deadlineOriginally, ["deadline": "\(deadline)", "original": "\(time(task.originalDeadline))"])
        }
        if let late = summary.workingDaysLate { deadline = say(.deadlineLate, ["deadline": "\(deadline)", "count": .number(late)]) }
        facts.add([say(.labelDeadline), deadline])
        facts.add([say(.labelIssued), time(task.issuedAt)])
        if let at = task.acknowledgedAt { facts.add([say(.labelAcknowledged), time(at)]) }
        if let at = task.submittedAt {
            facts.add([
                say(.labelSubmitted), task.submittedBy.map { say(.submittedBy, ["time": "\(time(at))", "person": "\($0)"]) } ?? time(at),
            ])
        }
        if let at = task.verifiedAt { facts.add([say(.labelVerified), time(at)]) }
        if !task.dependsOn.isEmpty { facts.add([say(.labelDependsOn), task.dependsOn.map { "T\($0)" }.joined(separator: ", ")]) }
        if let note = task.lastNote { facts.add([say(.labelLastNote), note]) }
        for file in task.evidence {
            facts.add([
                say(.labelEvidence),
                say(.evidenceFact, ["name": "\(file.name)", "bytes": .number(file.bytes), "sha256": "\(file.sha256)"]),
            ])
        }
        return facts.render()
    }

    func log(_ events: [EventView]) -> String {
        var table = TextTable(say(.headerEvent, .headerTime, .headerKind, .headerTask, .headerBy, .headerDetails))
        for event in events {
            let by = (event.actor?.rawValue ?? "-") + (event.caller == "unix:\(event.actor?.rawValue ?? "")" ? "" : " [\(event.caller)]")
            table.add([
                "#\(event.id)", time(event.at), event.kind, event.task.map { "T\($0)" } ?? "", by,
                String(event.details.summary.replacingOccurrences(of: "\n", with: " ").prefix(120)),
            ])
        }
        return table.render()
    }

    func notice(_ notice: PassReport.Sent) -> String {
        "\(time(notice.dueAt))  \(notice.subject) → \(notice.recipients.map(\.rawValue).joined(separator: ", "))"
            + (notice.late ? "  " + say(.noticeLate) : "")
            + (notice.folded.isEmpty ? "" : "  " + say(.noticeFolded, ["count": .number(notice.folded.count)]))
    }

    func outbox(_ entries: [OutboxEntry]) -> String {
        var table = TextTable(say(.headerMessage, .headerState, .headerTo, .headerSubject, .headerTries, .headerWhen, .headerError))
        for entry in entries {
            let when =
                entry.sentAt.map { say(.outboxSent, ["time": "\(time($0))"]) } ?? entry.nextAttemptAt.map {
                    say(.outboxNext, ["time": "\(time($0))"])
                } ?? ""
            table.add(["\(entry.id)", entry.state, entry.address, entry.subject, "\(entry.attempts)", when, entry.lastError ?? ""])
        }
        return table.render()
    }
}

/// Table headers in the reader's language.
func say(_ keys: MessageKey...) -> [String] {
    keys.map { say($0) }
}
