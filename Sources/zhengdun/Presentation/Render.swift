import Foundation
import ZhengdunCore
import ZhengdunService

/// The text the commands print for people.
struct Render {
    let zone: TimeZone

    func time(_ date: Date) -> String { zone.localDateTime(date).description }

    func people(_ people: [PersonView]) -> String {
        var table = TextTable(["person", "name", "email", "unix user"])
        for person in people { table.add([person.id.rawValue, person.name, person.email, person.unixUser ?? ""]) }
        return table.render()
    }

    func plans(_ plans: [PlanSummary]) -> String {
        var table = TextTable(["plan", "village", "state", "start", "verified", "overdue"])
        for plan in plans {
            let total = plan.tasks.values.reduce(0, +)
            table.add(["P\(plan.id)", plan.village, plan.stateTitle, plan.start.description,
                       "\(plan.tasks[TaskState.verified.rawValue] ?? 0)/\(total)", plan.overdue == 0 ? "" : String(plan.overdue)])
        }
        return table.render()
    }

    func plan(_ plan: PlanView) -> String {
        var lines: [String] = []
        lines.append("P\(plan.id)  \(plan.village) · \(plan.branch)")
        var facts = TextTable([], indent: 0)
        facts.add(["workflow", "\(plan.workflow.key) v\(plan.workflow.version) (\(plan.workflow.title)), from \(plan.workflow.source)"])
        facts.add(["state", "\(plan.stateTitle) (\(plan.state))"])
        facts.add(["start", plan.start.description + (plan.phases.last.map { " (planned end \(zone.localDateTime($0.plannedEnd).date))" } ?? "")])
        facts.add(["profile", profile(plan.profile)])
        facts.add(["goals", plan.goals.map(\.title).joined(separator: "；")])
        lines.append(facts.render())
        if !plan.problems.isEmpty {
            lines.append("Problems (后进原因)")
            for problem in plan.problems { lines.append("  \(problem.title)：\(problem.detail)") }
        }
        lines.append("Roles")
        var roles = TextTable([], indent: 2)
        for binding in plan.bindings { roles.add([binding.role.rawValue, binding.roleTitle, binding.person.rawValue, binding.name]) }
        lines.append(roles.render())
        lines.append("Phases")
        var phases = TextTable([], indent: 2)
        for phase in plan.phases {
            let actual = phase.startedAt.map { "started \(time($0))" + (phase.endedAt.map { ", ended \(time($0))" } ?? "") } ?? "not started"
            phases.add([phase.key.rawValue, phase.title,
                        "planned \(zone.localDateTime(phase.plannedStart).date) → \(zone.localDateTime(phase.plannedEnd).date)",
                        actual, phase.tasks == 0 ? "" : "\(phase.verified)/\(phase.tasks) verified"])
        }
        lines.append(phases.render())
        if !plan.inspections.isEmpty {
            lines.append("Inspections (督查)")
            for inspection in plan.inspections {
                lines.append("  #\(inspection.id)  \(time(inspection.at))  \(inspection.inspector)  \(inspection.finding)"
                             + (inspection.orderedTask.map { "  → T\($0)" } ?? ""))
            }
        }
        if !plan.tasks.isEmpty {
            lines.append("Tasks")
            lines.append(tasks(plan.tasks, indent: 2))
        }
        return lines.joined(separator: "\n")
    }

    func profile(_ profile: VillageProfile) -> String {
        var parts: [String] = []
        if let households = profile.households { parts.append("\(households) households") }
        if let population = profile.population { parts.append("\(population) people") }
        if let members = profile.partyMembers { parts.append("\(members) Party members") }
        if let income = profile.perCapitaIncomeYuan {
            parts.append("per-capita income \(income) yuan" + (profile.incomeYear.map { " (\($0))" } ?? ""))
        }
        return parts.isEmpty ? "not recorded" : parts.joined(separator: ", ")
    }

    func tasks(_ tasks: [TaskSummary], indent: Int = 0) -> String {
        var table = TextTable(["task", "plan", "phase", "title", "assignee", "state", "deadline", "late"], indent: indent)
        for task in tasks {
            table.add(["T\(task.id)", "P\(task.plan)", task.phase.rawValue, task.title + (task.required ? "" : " (optional)"),
                       "\(task.assigneeName) (\(task.assignee))", "\(task.state.rawValue) \(task.state.chineseName)", time(task.deadline),
                       task.workingDaysLate.map { "\($0)wd" } ?? (task.overdue ? "due" : "")])
        }
        return table.render()
    }

    func task(_ task: TaskView) -> String {
        let summary = task.summary
        var facts = TextTable([], indent: 0)
        facts.add(["task", "T\(summary.id)" + (summary.key.map { " (\($0))" } ?? "") + (task.inspection.map { " ordered by inspection #\($0)" } ?? "")])
        facts.add(["title", summary.title])
        if let description = task.description { facts.add(["description", description]) }
        facts.add(["plan", "P\(summary.plan) \(summary.village), phase \(summary.phase)"])
        if let measure = task.measure { facts.add(["measure", measure.rawValue]) }
        facts.add(["assignee", "\(summary.assigneeName) (\(summary.assignee)), as \(task.responsibleRole)"])
        facts.add(["verifier", task.verifierRole.rawValue])
        facts.add(["state", "\(summary.state.rawValue) \(summary.state.chineseName)" + (summary.required ? "" : ", optional")])
        var deadline = "\(time(summary.deadline)) (\(task.deadlineRule))"
        if task.deadlineVersion > 1 { deadline += ", originally \(time(task.originalDeadline))" }
        if let late = summary.workingDaysLate { deadline += ", \(late) working days late" }
        facts.add(["deadline", deadline])
        facts.add(["issued", time(task.issuedAt)])
        if let at = task.acknowledgedAt { facts.add(["acknowledged", time(at)]) }
        if let at = task.submittedAt { facts.add(["submitted", time(at) + (task.submittedBy.map { " by \($0)" } ?? "")]) }
        if let at = task.verifiedAt { facts.add(["verified", time(at)]) }
        if !task.dependsOn.isEmpty { facts.add(["depends on", task.dependsOn.map { "T\($0)" }.joined(separator: ", ")]) }
        if let note = task.lastNote { facts.add(["last note", note]) }
        for file in task.evidence { facts.add(["evidence", "\(file.name)  \(file.bytes) bytes  sha256 \(file.sha256)"]) }
        return facts.render()
    }

    func log(_ events: [EventView]) -> String {
        var table = TextTable(["event", "time", "kind", "task", "by", "details"])
        for event in events {
            let by = (event.actor?.rawValue ?? "-") + (event.caller == "unix:\(event.actor?.rawValue ?? "")" ? "" : " [\(event.caller)]")
            table.add(["#\(event.id)", time(event.at), event.kind, event.task.map { "T\($0)" } ?? "", by,
                       String(event.details.summary.replacingOccurrences(of: "\n", with: " ").prefix(120))])
        }
        return table.render()
    }

    func notice(_ notice: PassReport.Sent) -> String {
        "\(time(notice.dueAt))  \(notice.subject) → \(notice.recipients.map(\.rawValue).joined(separator: ", "))"
            + (notice.late ? "  [late]" : "") + (notice.folded.isEmpty ? "" : "  (also stands for \(notice.folded.count) missed)")
    }

    func outbox(_ entries: [OutboxEntry]) -> String {
        var table = TextTable(["message", "state", "to", "subject", "tries", "when", "error"])
        for entry in entries {
            let when = entry.sentAt.map { "sent \(time($0))" } ?? entry.nextAttemptAt.map { "next \(time($0))" } ?? ""
            table.add(["\(entry.id)", entry.state, entry.address, entry.subject, "\(entry.attempts)", when, entry.lastError ?? ""])
        }
        return table.render()
    }
}
