import Foundation
import ZhengdunCore
import ZhengdunService

/// The text the commands print for people.
struct Render {
    let zone: TimeZone
    var language: Language = .current

    /// A time in a table or a listing (`3月5日 18:00`; docs/style.md), with its year when the
    /// column it stands in spans years.
    func time(_ date: Date, withYear: Bool = false) -> String {
        zone.localDateTime(date).tabular(in: language, withYear: withYear)
    }

    /// A time in a sentence of facts (`3月5日（星期四）18:00`), with its year when the facts span years.
    func prose(_ date: Date, withYear: Bool = false) -> String {
        let local = zone.localDateTime(date)
        return language == .zh ? (withYear ? local.proseWithYear(in: language) : local.prose(in: language)) : local.description
    }

    /// Whether a column of these instants needs its years.
    func spanYears(_ dates: [Date]) -> Bool { LocalDate.spanYears(dates.map { zone.localDateTime($0).date }) }

    /// A plan's state as a person reads it: in Chinese a phase by its title and any other state
    /// by its word (草稿), never by its key; in English as before, the title with the key.
    func planState(_ state: String, title: String) -> String {
        language == .zh ? PlanState(name: state).named { _ in title }.text(in: language) : title
    }

    /// A task's state: `issued 已下发` in English, `已下发` in Chinese.
    static func state(_ state: TaskState) -> String {
        say(.taskStateBoth(state: "\(state.rawValue)", chinese: "\(state.chineseName)"))
    }

    func people(_ people: [PersonView]) -> String {
        var table = TextTable(say(.headerPerson, .headerName, .headerEmail, .headerUnixUser))
        for person in people { table.add([person.id.rawValue, person.name, person.email, person.unixUser ?? ""]) }
        return table.render()
    }

    func plans(_ plans: [PlanSummary]) -> String {
        var table = TextTable(say(.headerPlan, .headerVillage, .headerState, .headerStart, .headerVerified, .headerOverdue))
        let withYear = LocalDate.spanYears(plans.map(\.start))
        for plan in plans {
            let total = plan.tasks.values.reduce(0, +)
            table.add([
                "P\(plan.id)", plan.village, planState(plan.state, title: plan.stateTitle),
                plan.start.tabular(in: language, withYear: withYear),
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
                .workflowFact(
                    key: "\(plan.workflow.key)", version: "\(plan.workflow.version)", title: "\(plan.workflow.title)",
                    source: "\(plan.workflow.source)")),
        ])
        facts.add([
            say(.labelState),
            language == .zh
                ? planState(plan.state, title: plan.stateTitle)
                : say(.stateFact(title: "\(plan.stateTitle)", state: "\(plan.state)")),
        ])
        // A plan's own dates are a record's: written with their year (2026年3月2日).
        facts.add([
            say(.labelStart),
            plan.phases.last.map {
                say(
                    .startFact(
                        start: "\(plan.start.written(in: language))", end: "\(zone.localDateTime($0.plannedEnd).date.written(in: language))"
                    ))
            } ?? plan.start.written(in: language),
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
        // Chinese names a role by its title only; the key is the workflow file's (and --assign's).
        for binding in plan.bindings {
            roles.add((language == .zh ? [] : [binding.role.rawValue]) + [binding.roleTitle, binding.person.rawValue, binding.name])
        }
        lines.append(roles.render())
        lines.append(say(.sectionPhases))
        var phases = TextTable([], indent: 2)
        let phaseYears = spanYears(
            plan.phases.flatMap { [$0.plannedStart, $0.plannedEnd] + [$0.startedAt, $0.endedAt].compactMap { $0 } })
        for phase in plan.phases {
            let actual =
                phase.startedAt.map { start in
                    phase.endedAt.map {
                        say(
                            .phaseStartedEnded(start: "\(time(start, withYear: phaseYears))", end: "\(time($0, withYear: phaseYears))"))
                    }
                        ?? say(.phaseStarted(start: "\(time(start, withYear: phaseYears))"))
                } ?? say(.phaseNotStarted)
            let planned = [phase.plannedStart, phase.plannedEnd].map {
                zone.localDateTime($0).date.tabular(in: language, withYear: phaseYears)
            }
            phases.add(
                (language == .zh ? [] : [phase.key.rawValue]) + [
                    phase.title,
                    say(.phasePlanned(start: "\(planned[0])", end: "\(planned[1])")),
                    actual,
                    phase.tasks == 0 ? "" : say(.phaseVerifiedCount(verified: phase.verified, total: phase.tasks)),
                ])
        }
        lines.append(phases.render())
        if !plan.inspections.isEmpty {
            lines.append(say(.sectionInspections))
            let withYear = spanYears(plan.inspections.map(\.at))
            for inspection in plan.inspections {
                lines.append(
                    "  #\(inspection.id)  \(time(inspection.at, withYear: withYear))  \(inspection.inspector)  \(inspection.finding)"
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
        var parts: [Message] = []
        if let households = profile.households { parts.append(.profileHouseholds(count: households)) }
        if let population = profile.population { parts.append(.profilePeople(count: population)) }
        if let members = profile.partyMembers { parts.append(.profileMembers(count: members)) }
        if let income = profile.perCapitaIncomeYuan {
            parts.append(
                profile.incomeYear.map { .profileIncomeYear(yuan: income, year: "\($0)") }
                    ?? .profileIncome(yuan: income))
        }
        return parts.isEmpty ? say(.profileNotRecorded) : Message.list(parts).text(in: .current)
    }

    func tasks(_ tasks: [TaskSummary], indent: Int = 0) -> String {
        var table = TextTable(
            say(.headerTask, .headerPlan, .headerPhase, .headerTitle, .headerAssignee, .headerState, .headerDeadline, .headerLate),
            indent: indent)
        let withYear = spanYears(tasks.map(\.deadline))
        for task in tasks {
            table.add([
                "T\(task.id)", "P\(task.plan)", language == .zh ? task.phaseTitle ?? task.phase.rawValue : task.phase.rawValue,
                task.required ? task.title : say(.optionalTask(title: "\(task.title)")),
                "\(task.assigneeName) (\(task.assignee))", Self.state(task.state), time(task.deadline, withYear: withYear),
                task.workingDaysLate.map { say(.lateWorkingDays(count: $0)) } ?? (task.overdue ? say(.lateDue) : ""),
            ])
        }
        return table.render()
    }

    func task(_ task: TaskView) -> String {
        let summary = task.summary
        let zh = language == .zh
        // The task's dates are facts in a sentence each: 3月5日（星期四）18:00, the year only
        // when they span years.
        let dates =
            [summary.deadline, task.originalDeadline, task.issuedAt]
            + [task.acknowledgedAt, task.submittedAt, task.verifiedAt].compactMap { $0 }
        let withYear = spanYears(dates)
        func when(_ date: Date) -> String { prose(date, withYear: withYear) }
        var facts = TextTable([], indent: 0)
        // In Chinese the workflow's task key is left to JSON: the id and the title name the task.
        let label = "T\(summary.id)" + (zh ? "" : summary.key.map { " (\($0))" } ?? "")
        let origin =
            task.inspection.map { say(.taskOrderedBy(task: "\(label)", inspection: "\($0)")) }
            ?? task.problem.map { say(.taskPutsRightProblem(task: "\(label)", plan: "\(summary.plan)", problem: "\($0)")) }
        facts.add([say(.labelTask), origin ?? label])
        facts.add([say(.labelTitle), summary.title])
        if let description = task.description { facts.add([say(.labelDescription), description]) }
        let phase = zh ? summary.phaseTitle ?? summary.phase.rawValue : summary.phase.rawValue
        facts.add([
            say(.labelPlan), say(.taskPlanFact(plan: "\(summary.plan)", village: "\(summary.village)", phase: "\(phase)")),
        ])
        if let measure = task.measure { facts.add([say(.labelMeasure), zh ? task.measureTitle ?? measure.rawValue : measure.rawValue]) }
        func role(_ key: RoleKey, _ title: String?) -> String { Message.role(key, title: title).text(in: language) }
        facts.add([
            say(.labelAssignee),
            say(
                .assigneeFact(
                    name: "\(summary.assigneeName)", person: "\(summary.assignee)",
                    role: "\(role(task.responsibleRole, task.responsibleRoleTitle))")),
        ])
        facts.add([say(.labelVerifier), role(task.verifierRole, task.verifierRoleTitle)])
        let state = Self.state(summary.state)
        facts.add([say(.labelState), summary.required ? state : say(.stateOptional(state: "\(state)"))])
        let rule = (try? DeadlineRule.parse(task.deadlineRule)).map { $0.prose(in: language) } ?? task.deadlineRule
        var deadline = say(.deadlineWithRule(deadline: "\(when(summary.deadline))", rule: "\(rule)"))
        if task.deadlineVersion > 1 {
            deadline = say(.deadlineOriginally(deadline: "\(deadline)", original: "\(when(task.originalDeadline))"))
        }
        if let late = summary.workingDaysLate { deadline = say(.deadlineLate(deadline: "\(deadline)", count: late)) }
        facts.add([say(.labelDeadline), deadline])
        facts.add([say(.labelIssued), when(task.issuedAt)])
        if let at = task.acknowledgedAt { facts.add([say(.labelAcknowledged), when(at)]) }
        if let at = task.submittedAt {
            // In Chinese the assignee is named as above, by name.
            let submitter = task.submittedBy.map { zh && $0 == summary.assignee ? summary.assigneeName : $0.rawValue }
            facts.add([say(.labelSubmitted), submitter.map { say(.submittedBy(time: "\(when(at))", person: $0)) } ?? when(at)])
        }
        if let at = task.verifiedAt { facts.add([say(.labelVerified), when(at)]) }
        if !task.dependsOn.isEmpty { facts.add([say(.labelDependsOn), task.dependsOn.map { "T\($0)" }.joined(separator: ", ")]) }
        if let note = task.lastNote { facts.add([say(.labelLastNote), note]) }
        for file in task.evidence {
            facts.add([
                say(.labelEvidence),
                say(.evidenceFact(name: "\(file.name)", bytes: file.bytes, sha256: "\(file.sha256)")),
            ])
        }
        // What the workflow asks for against what was handed in: the verifier sees the gap.
        if !task.evidenceAsked.isEmpty {
            let sep = say(en: ", ", zh: "、")
            let asked = task.evidenceAsked.map { item in task.evidenceMissing.contains(item) ? item : item + "✓" }.joined(separator: sep)
            facts.add([say(en: "evidence asked", zh: "应交材料"), asked])
            if task.submittedAt != nil, !task.evidenceMissing.isEmpty {
                let why = task.missingReason.map { say(en: " (\($0))", zh: "（缺项说明：\($0)）") } ?? ""
                facts.add([say(en: "missing", zh: "缺交材料"), task.evidenceMissing.joined(separator: sep) + why])
            }
        }
        return facts.render()
    }

    func log(_ events: [EventView], plan: PlanView? = nil) -> String {
        var table = TextTable(say(.headerEvent, .headerTime, .headerKind, .headerTask, .headerBy, .headerDetails))
        let withYear = spanYears(events.map(\.at))
        let details = EventDetails(render: self, plan: plan)
        for event in events {
            let actedBy = event.caller == "unix:\(event.actor?.rawValue ?? "")" ? "" : details.caller(event.caller)
            var by = (event.actor.map { details.person($0.rawValue) } ?? "-") + (actedBy.isEmpty || language == .zh ? "" : " ") + actedBy
            // Work the scheduler issued on its own (an occurrence, the look back) has no person behind it.
            if event.actor == nil && event.caller == "scheduler" { by = say(.logByScheduler) }
            table.add([
                "#\(event.id)", time(event.at, withYear: withYear), details.kind(event.kind), event.task.map { "T\($0)" } ?? "", by,
                String(details.summary(event).replacingOccurrences(of: "\n", with: " ").prefix(120)),
            ])
        }
        return table.render()
    }

    func notice(_ notice: PassReport.Sent) -> String {
        "\(time(notice.dueAt))  \(notice.subject) → \(notice.recipients.map(\.rawValue).joined(separator: language == .zh ? "、" : ", "))"
            + (notice.late ? "  " + say(.noticeLate) : "")
            + (notice.folded.isEmpty ? "" : "  " + say(.noticeFolded(count: notice.folded.count)))
    }

    func outbox(_ entries: [OutboxEntry]) -> String {
        var table = TextTable(say(.headerMessage, .headerState, .headerTo, .headerSubject, .headerTries, .headerWhen, .headerError))
        for entry in entries {
            let when =
                entry.sentAt.map { say(.outboxSent(time: "\(time($0))")) } ?? entry.nextAttemptAt.map {
                    say(.outboxNext(time: "\(time($0))"))
                } ?? ""
            table.add([
                "\(entry.id)", entry.bouncedAt == nil ? Self.outboxState(entry.state) : say(.outboxBounced), entry.address, entry.subject,
                "\(entry.attempts)", when, entry.bounce ?? entry.lastError ?? "",
            ])
        }
        return table.render()
    }
}

extension Render {
    /// A plan state in a sentence: in Chinese a phase by its title (摸底准备阶段), in English by
    /// its key (survey); the other states by their word (草稿, draft).
    static func state(_ state: String, title: String?) -> Message {
        let state = PlanState(name: state)
        return Language.current == .zh ? state.named { _ in title } : state.word
    }

    /// An outbox state (`queued`, `sent`, `dead`) in the reader's language.
    static func outboxState(_ state: String) -> String {
        switch state {
        case "queued": return say(.outboxQueued)
        case "sent": return say(.outboxStateSent)
        case "dead": return say(.outboxDead)
        default: return state
        }
    }
}

/// A mail template language (`zh-CN`, `en`) as the reader names it: 中文, 英文; English keeps
/// the tag.
func templateLanguage(_ tag: String) -> Message {
    let lowered = tag.lowercased()
    let chinese = lowered.hasPrefix("zh") ? "中文" : lowered.hasPrefix("en") ? "英文" : tag
    return .perLanguage(en: tag, zh: chinese)
}

/// Table headers in the reader's language.
func say(_ keys: Message...) -> [String] {
    keys.map { say($0) }
}
