import ZhengdunCore

/// `workflow show` for people: roles, then each phase with its gate and its tasks.
enum WorkflowText {
    static func render(_ workflow: Workflow, schedule: BaselineSchedule?) -> String {
        var out: [String] = []
        out.append(say(.workflowTitleLine, ["title": "\(workflow.title)", "key": "\(workflow.key)", "version": "\(workflow.version)"]))
        out.append(
            say(
                .workflowOverview,
                [
                    "calendar": workflow.calendar.map { .text($0) } ?? .said(.calendarNone), "roles": .number(workflow.roles.count),
                    "phases": .number(workflow.phases.count), "tasks": .number(workflow.tasks.count),
                ]))
        if let schedule, let end = schedule.end {
            out.append(say(.baselineLine, ["start": "\(schedule.start)", "end": "\(end.date)"]))
        }
        out.append("")
        out.append(say(.sectionRoles))
        var roles = TextTable([], indent: 2)
        for role in workflow.roles { roles.add([role.key.rawValue, role.title]) }
        out.append(roles.render())

        for (index, phase) in workflow.phases.enumerated() {
            out.append("")
            let window = schedule?.phases.first { $0.phase == phase.key }
            let dates = window.map { "  \($0.start.date) → \($0.end.date)" } ?? ""
            out.append(
                say(
                    .phaseLine,
                    [
                        "number": .number(index + 1), "key": "\(phase.key)", "title": "\(phase.title)", "length": "\(phase.length)",
                        "dates": "\(dates)",
                    ]))
            out.append(
                "  "
                    + say(
                        .gateLine, ["rule": "\(phase.gate.require.rawValue)", "roles": .alternatives(phase.gate.signedBy.map(\.rawValue))]))
            var header = say(.headerTask, .headerTitle, .headerResponsible, .headerVerifier, .headerDeadline)
            if window != nil { header.append(say(.headerDue)) }
            header += say(.headerRequired, .headerDependsOn)
            var table = TextTable(header, indent: 2)
            for task in phase.tasks {
                let responsible = ([task.responsible] + task.assisting).map(\.rawValue)
                var row = [
                    task.key.rawValue, task.title,
                    responsible[0] + (responsible.count > 1 ? " (+" + responsible.dropFirst().joined(separator: ", ") + ")" : ""),
                    task.verifier.rawValue, task.deadline.description,
                ]
                if let window {
                    row.append(window.tasks.first { $0.task == task.key }.map(\.due.description) ?? "")
                }
                row += [say(task.required ? .yes : .no), task.dependsOn.map(\.rawValue).joined(separator: ", ")]
                table.add(row)
            }
            out.append(table.render())
        }

        out.append("")
        out.append(say(.sectionReminders))
        if let ack = workflow.reminders.acknowledge {
            out.append("  " + say(.reminderAcknowledge, ["after": "\(ack.after)", "to": names(ack.to)]))
        }
        for reminder in workflow.reminders.beforeDeadline {
            out.append("  " + say(.reminderBefore, ["before": "\(reminder.before)", "to": names(reminder.to)]))
        }
        out.append(say(.sectionEscalation))
        for level in workflow.escalation {
            out.append(
                "  "
                    + (level.reach.map {
                        say(.escalationReach, ["level": .number(level.level), "after": "\(level.after)", "reach": .number($0)])
                    }
                        ?? say(.escalationLevel, ["level": .number(level.level), "after": "\(level.after)", "to": names(level.to)]))
                    + (level.circular ? say(.onCircular) : ""))
        }
        out.append(say(.sectionReports))
        if let progress = workflow.reports.progress {
            out.append(
                "  "
                    + say(
                        .reportProgress,
                        ["day": progress.every.word, "time": "\(progress.at)", "to": .list(progress.to.map { .text($0.rawValue) })]))
        }
        if let circular = workflow.reports.circular {
            out.append("  " + say(.reportCircular, ["to": .list(circular.to.map { .text($0.rawValue) })]))
        }
        return out.joined(separator: "\n")
    }

    private static func names(_ recipients: [Recipient]) -> MessageValue {
        .list(recipients.map { .text($0.description) })
    }
}
