import ZhengdunCore

/// `workflow show` for people: roles, then each phase with its gate and its tasks.
enum WorkflowText {
    static func render(_ workflow: Workflow, schedule: BaselineSchedule?) -> String {
        var out: [String] = []
        out.append("\(workflow.title)  (\(workflow.key), version \(workflow.version))")
        out.append("calendar \(workflow.calendar ?? "none (Monday to Friday)") · \(workflow.roles.count) roles · \(workflow.phases.count) phases · \(workflow.tasks.count) tasks")
        if let schedule, let end = schedule.end {
            out.append("baseline \(schedule.start) → \(end.date)")
        }
        out.append("")
        out.append("Roles")
        var roles = TextTable([], indent: 2)
        for role in workflow.roles { roles.add([role.key.rawValue, role.title]) }
        out.append(roles.render())

        for (index, phase) in workflow.phases.enumerated() {
            out.append("")
            let window = schedule?.phases.first { $0.phase == phase.key }
            let dates = window.map { "  \($0.start.date) → \($0.end.date)" } ?? ""
            out.append("Phase \(index + 1)  \(phase.key)  \(phase.title)  \(phase.length)\(dates)")
            out.append("  gate: \(phase.gate.require.rawValue), signed by \(phase.gate.signedBy.map(\.rawValue).joined(separator: " or "))")
            var header = ["task", "title", "responsible", "verifier", "deadline"]
            if window != nil { header.append("due") }
            header += ["required", "depends on"]
            var table = TextTable(header, indent: 2)
            for task in phase.tasks {
                let responsible = ([task.responsible] + task.assisting).map(\.rawValue)
                var row = [task.key.rawValue, task.title,
                           responsible[0] + (responsible.count > 1 ? " (+" + responsible.dropFirst().joined(separator: ", ") + ")" : ""),
                           task.verifier.rawValue, task.deadline.description]
                if let window {
                    row.append(window.tasks.first { $0.task == task.key }.map(\.due.description) ?? "")
                }
                row += [task.required ? "yes" : "no", task.dependsOn.map(\.rawValue).joined(separator: ", ")]
                table.add(row)
            }
            out.append(table.render())
        }

        out.append("")
        out.append("Reminders (催办)")
        if let ack = workflow.reminders.acknowledge {
            out.append("  acknowledge: \(ack.after) after issue → \(names(ack.to))")
        }
        for reminder in workflow.reminders.beforeDeadline {
            out.append("  \(reminder.before) before the deadline → \(names(reminder.to))")
        }
        out.append("Escalation (督办)")
        for level in workflow.escalation {
            out.append("  level \(level.level): \(level.after) after the deadline → \(names(level.to))\(level.circular ? ", on the circular (通报)" : "")")
        }
        out.append("Reports")
        if let progress = workflow.reports.progress {
            out.append("  progress: every \(progress.every.rawValue) at \(progress.at) → \(progress.to.map(\.rawValue).joined(separator: ", "))")
        }
        if let circular = workflow.reports.circular {
            out.append("  circular (通报) → \(circular.to.map(\.rawValue).joined(separator: ", "))")
        }
        return out.joined(separator: "\n")
    }

    private static func names(_ recipients: [Recipient]) -> String {
        recipients.map(\.description).joined(separator: ", ")
    }
}
