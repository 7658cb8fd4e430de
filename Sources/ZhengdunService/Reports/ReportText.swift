import Foundation
import ZhengdunCore

/// Reports written for people: plain text for mail and terminals, Markdown for documents, an
/// HTML page with charts (the progress report, from its template), or the data as JSON.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, md, html, json
}

public struct ReportText {
    public let zone: TimeZone
    public let format: ReportFormat
    /// The one language the report is written in.
    public let language: Language

    public init(zone: TimeZone, format: ReportFormat, language: Language = .zh) {
        self.zone = zone
        self.format = format
        self.language = language
    }

    /// The report's words: each written once, in both languages, side by side.
    private func say(_ chinese: String, _ english: String) -> String { language == .zh ? chinese : english }

    func time(_ date: Date) -> String { zone.localDateTime(date).prose(in: language) }

    private func signal(_ signal: PlanSignal) -> String {
        switch signal {
        case .green: return say("绿灯", "green")
        case .yellow: return say("黄灯", "yellow")
        case .red: return say("红灯", "red")
        }
    }

    private func state(_ state: TaskState) -> String { state.word.text(in: language) }

    public func progress(_ report: ProgressReport) -> String {
        var lines = [heading(say("整顿工作进展周报", "Progress report"), level: 1), say("截至", "As of") + " " + time(report.at), ""]
        if report.plans.isEmpty { lines.append(say("没有正在整顿的方案。", "No plan is running.")) }
        for campaign in report.campaigns where campaign.plans.count > 1 {
            lines.append(heading("C\(campaign.campaign) \(campaign.title)  \(signal(campaign.signal))", level: 2))
            lines.append(item(say("共\(campaign.plans.count)个方案，", "\(campaign.plans.count) plans, ") + schedule(campaign.progress)))
            lines.append("")
        }
        for plan in report.plans {
            lines.append(heading("P\(plan.plan) \(plan.village)（\(plan.branch)）  \(signal(plan.signal))", level: 2))
            lines.append(item(schedule(plan.progress)))
            var facts = say("阶段：", "Phase: ") + plan.stateName(in: language)
            if let started = plan.phaseStartedAt { facts += say("，\(time(started)) 开始", ", began \(time(started))") }
            if let due = plan.phaseDueAt { facts += say("，计划 \(time(due)) 结束", ", planned to end \(time(due))") }
            lines.append(item(facts))
            let counts = TaskState.allCases.compactMap { state in plan.tasks[state.rawValue].map { "\(self.state(state)) \($0)" } }
            lines.append(item(say("任务：", "Tasks: ") + (counts.isEmpty ? say("无", "none") : counts.joined(separator: say("，", ", ")))))
            for duty in plan.duties {
                let last = duty.last.map { say("，最近一次 \(time($0))", ", last \(time($0))") } ?? ""
                lines.append(
                    item(
                        say(
                            "\(duty.title)（\(duty.roleTitle)，常态职责）：\(duty.inspections)次\(last)",
                            "\(duty.title) (\(duty.roleTitle), standing duty): \(duty.inspections) \(duty.inspections == 1 ? "time" : "times")\(last)"
                        )))
            }
            if plan.overdue.isEmpty {
                lines.append(item(say("逾期：无", "Overdue: none")))
            } else {
                lines.append(item(say("逾期（\(plan.overdue.count)项）：", "Overdue (\(plan.overdue.count)):")))
                lines += plan.overdue.map { overdueLine($0) }
            }
            lines.append("")
        }
        lines.append(say("信号灯：", "Signal: ") + report.rule.text(in: language) + say("。", "."))
        return lines.joined(separator: "\n")
    }

    /// 序时进度 in a line: `应完成12项，已完成9项（按时7项），滞后3项，完成率75.0%`.
    private func schedule(_ progress: ScheduleProgress) -> String {
        say(
            "序时进度：应完成\(progress.due)项，已完成\(progress.done)项（按时\(progress.onTime)项），滞后\(progress.lagging)项，完成率\(progress.ratePercent)",
            "against the schedule: \(progress.due) due by now, \(progress.done) done (\(progress.onTime) on time), \(progress.lagging) lagging, \(progress.ratePercent) done"
        )
    }

    public func circular(_ report: CircularReport) -> String {
        var lines = [heading(say("通报", "Circular"), level: 1), say("截至", "As of") + " " + time(report.at), ""]
        let named = report.plans.filter { !$0.late.isEmpty || !$0.orders.isEmpty }
        if named.isEmpty { lines.append(say("没有需要通报的情况。", "Nothing to report.")) }
        for plan in named {
            lines.append(heading("P\(plan.plan) \(plan.village)（\(plan.branch)）", level: 2))
            if !plan.late.isEmpty {
                lines.append(say("以下任务严重逾期，予以通报：", "The following tasks are seriously late:"))
                lines += plan.late.map { overdueLine($0) }
            }
            if !plan.orders.isEmpty {
                lines.append(say("督查中责令整改的事项：", "Rectification ordered by inspection:"))
                for order in plan.orders {
                    lines.append(
                        item(
                            say(
                                "T\(order.task) \(order.title)：责任人\(order.assigneeName)，办结时限\(time(order.deadline))，\(state(order.state))；发现问题：\(order.finding)",
                                "T\(order.task) \(order.title): \(order.assigneeName), due \(time(order.deadline)), \(state(order.state)); found: \(order.finding)"
                            )))
                }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    func overdueLine(_ task: OverdueTask) -> String {
        item(
            say(
                "T\(task.task) \(task.title)：责任人\(task.assigneeName)，办结时限\(time(task.deadline))，逾期 \(task.workingDaysLate) 个工作日，已督办至第\(NoticeText.levelName(task.level))级",
                "T\(task.task) \(task.title): \(task.assigneeName), due \(time(task.deadline)), \(task.workingDaysLate) working days late, escalated to level \(task.level)"
            ))
    }

    private func heading(_ text: String, level: Int) -> String {
        format == .md ? String(repeating: "#", count: level) + " " + text : (level == 1 ? text : "【\(text)】")
    }

    private func item(_ text: String) -> String {
        format == .md ? "- " + text.replacingOccurrences(of: "*", with: "\\*") : "  " + text
    }
}
