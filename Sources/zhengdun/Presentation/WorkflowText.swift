import ZhengdunCore

/// `workflow show` for people: roles, then each phase with its gate and its tasks.
enum WorkflowText {
    static func render(_ workflow: Workflow, schedule: BaselineSchedule?) -> String {
        let language = Language.current
        let zh = language == .zh
        func role(_ key: RoleKey) -> Message { .role(key, title: workflow.role(key)?.title) }
        func roleNames(_ keys: [RoleKey]) -> String { keys.map { role($0).text(in: language) }.joined(separator: zh ? "、" : ", ") }
        func recipients(_ recipients: [Recipient]) -> Message {
            .list(
                recipients.map { recipient in
                    switch recipient {
                    case .assignee: return .perLanguage(en: recipient.description, zh: say(.recipientAssignee))
                    case .verifier: return .perLanguage(en: recipient.description, zh: say(.recipientVerifier))
                    case .role(let key): return role(key)
                    }
                })
        }
        func date(_ date: LocalDate) -> String { date.tabular(in: language, withYear: true) }
        var out: [String] = []
        out.append(say(.workflowTitleLine(title: "\(workflow.title)", key: "\(workflow.key)", version: "\(workflow.version)")))
        out.append(
            say(
                .workflowOverview(
                    calendar: workflow.calendar.map { .text($0) } ?? .calendarNone, roles: workflow.roles.count,
                    phases: workflow.phases.count, tasks: workflow.tasks.count)))
        if let schedule, let end = schedule.end {
            out.append(say(.baselineLine(start: "\(date(schedule.start))", end: "\(date(end.date))")))
        }
        out.append("")
        out.append(say(.sectionRoles))
        var roles = TextTable([], indent: 2)
        // Chinese names a role by its title; beside it, how a plan binds a person to it.
        for role in workflow.roles {
            let hint: Message =
                role.scope == .campaign ? .townshipRoleAssignHint(key: "\(role.key)") : .roleAssignHint(key: "\(role.key)")
            roles.add(zh ? [role.title, say(hint)] : [role.key.rawValue, role.title])
        }
        out.append(roles.render())

        for (index, phase) in workflow.allPhases.enumerated() {
            out.append("")
            let window = schedule?.phases.first { $0.phase == phase.key }
            let dates = window.map { "  \(date($0.start.date)) → \(date($0.end.date))" } ?? ""
            out.append(
                say(
                    .phaseLine(
                        number: index + 1, key: "\(phase.key)", title: "\(phase.title)", length: "\(phase.length.prose(in: language))",
                        dates: "\(dates)")))
            if let lookBack = workflow.lookBack, lookBack.phase.key == phase.key {
                out.append("  " + say(.lookBackLine(after: lookBack.after.prose)))
            }
            // What else the gate waits for: the problem list worked through, the goals' indicators met.
            var rule = zh ? say(phase.gate.require.words) : phase.gate.require.rawValue
            if workflow.problemList?.phase == phase.key { rule += say(en: ", every problem closed or carried over", zh: "，问题清单每项销号或转入长效") }
            if phase.gate.indicatorsMet { rule += say(en: ", indicators: met", zh: "，整顿目标约束性指标全部达标") }
            out.append("  " + say(.gateLine(rule: .text(rule), roles: .roles(phase.gate.signedBy, in: workflow))))
            var header = (zh ? [] : say(.headerTask)) + say(.headerTitle, .headerResponsible, .headerVerifier, .headerDeadline)
            if window != nil { header.append(say(.headerDue)) }
            header += say(.headerRequired, .headerDependsOn)
            var table = TextTable(header, indent: 2)
            for task in phase.tasks {
                // Chinese names tasks by title and roles by title; the keys are the file's.
                let responsible =
                    role(task.responsible).text(in: language)
                    + (task.assisting.isEmpty ? "" : zh ? "（协助：\(roleNames(task.assisting))）" : " (+" + roleNames(task.assisting) + ")")
                var row =
                    (zh ? [] : [task.key.rawValue]) + [
                        task.title + (task.scope == .campaign ? say(.townshipTask) : ""), responsible,
                        role(task.verifier).text(in: language),
                        task.recurrence.map { $0.rule.text(in: language) } ?? task.deadline.prose(in: language),
                    ]
                if let window {
                    row.append(window.tasks.first { $0.task == task.key }.map { $0.due.tabular(in: language, withYear: true) } ?? "")
                }
                var dependencies = task.dependsOn.map { key in zh ? workflow.task(key)?.task.title ?? key.rawValue : key.rawValue }
                if let phase = task.waitsForVillages {
                    dependencies.append(say(.waitsForVillages(phase: zh ? workflow.phase(phase)?.title ?? phase.rawValue : phase.rawValue)))
                }
                row += [say(task.required ? .yes : .no), dependencies.joined(separator: zh ? "、" : ", ")]
                table.add(row)
            }
            out.append(table.render())
        }

        if !workflow.duties.isEmpty {
            out.append("")
            out.append(say(.sectionDuties))
            for duty in workflow.duties {
                let phases =
                    duty.phases.isEmpty
                    ? [say(en: "every phase", zh: "各阶段")]
                    : duty.phases.map { key in zh ? workflow.phase(key)?.title ?? key.rawValue : key.rawValue }
                out.append("  " + say(.dutyLine(title: "\(duty.title)", role: role(duty.role), phases: .list(phases.map { .text($0) }))))
            }
        }

        if !workflow.indicators.isEmpty {
            out.append("")
            out.append(say(en: "Goals and their indicators", zh: "整顿目标与验收指标"))
            // Chinese names indicators by title (which `indicator set` takes too); the keys are the file's.
            var table = TextTable(
                [say(en: "Goal", zh: "整顿目标"), say(en: "Indicator", zh: "指标")] + (zh ? [] : ["Key"]) + [say(en: "Target", zh: "目标")],
                indent: 2)
            for goal in workflow.goals {
                for (index, indicator) in goal.indicators.enumerated() {
                    let source: String
                    switch indicator.source {
                    case .recorded: source = ""
                    case .survey: source = say(en: " (from the survey)", zh: "（据群众满意度测评）")
                    case .problemsClosed: source = say(en: " (problems closed)", zh: "（据问题清单销号数）")
                    }
                    table.add(
                        [index == 0 ? goal.title : "", indicator.title + source] + (zh ? [] : [indicator.key])
                            + [say(indicator.requirement) + (indicator.blocking ? "" : say(en: " (reference)", zh: "（参考）"))])
                }
            }
            out.append(table.render())
        }

        out.append("")
        out.append(say(.sectionReminders))
        if let ack = workflow.reminders.acknowledge {
            out.append("  " + say(.reminderAcknowledge(after: "\(ack.after.prose(in: language))", to: recipients(ack.to))))
        }
        for reminder in workflow.reminders.beforeDeadline {
            out.append("  " + say(.reminderBefore(before: "\(reminder.before.prose(in: language))", to: recipients(reminder.to))))
        }
        out.append(say(.sectionEscalation))
        for level in workflow.escalation {
            let after = Message.perLanguage(
                en: "\(level.after)",
                zh: level.after.amount == 0
                    ? Message.atTheDeadline.chinese : Message.pastTheDeadline(after: level.after.prose(in: .zh)).chinese)
            let line: Message =
                if let reach = level.reach {
                    .escalationReach(level: level.level, after: after, reach: reach)
                } else {
                    .escalationLevel(level: level.level, after: after, to: recipients(level.to))
                }
            out.append("  " + say(line) + (level.circular ? say(.onCircular) : ""))
        }
        out.append(say(.sectionReports))
        if let progress = workflow.reports.progress {
            out.append(
                "  "
                    + say(
                        .reportProgress(day: progress.every.word, time: "\(progress.at)", to: recipients(progress.to.map { .role($0) }))))
        }
        if let circular = workflow.reports.circular {
            out.append("  " + say(.reportCircular(to: recipients(circular.to.map { .role($0) }))))
        }
        return out.joined(separator: "\n")
    }
}

extension Gate.Requirement {
    /// The gate's condition in words, for Chinese (English shows the workflow's own key).
    var words: Message {
        switch self {
        case .requiredTasksVerified: return .gateRequiredTasksVerified
        case .allTasksVerified: return .gateAllTasksVerified
        }
    }
}
