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

    public init(zone: TimeZone, format: ReportFormat) {
        self.zone = zone
        self.format = format
    }

    func time(_ date: Date) -> String { zone.localDateTime(date).description }

    public func progress(_ report: ProgressReport) -> String {
        var lines = [heading("整顿工作进展周报 Progress report", level: 1), "截至 As of \(time(report.at))", ""]
        if report.plans.isEmpty { lines.append("没有正在整顿的方案。No plan is running.") }
        for plan in report.plans {
            lines.append(
                heading("P\(plan.plan) \(plan.village)（\(plan.branch)）  \(plan.signal.chineseName) \(plan.signal.rawValue)", level: 2))
            var facts = "阶段 Phase：\(plan.stateTitle)"
            if let started = plan.phaseStartedAt { facts += "，\(time(started)) 开始" }
            if let due = plan.phaseDueAt { facts += "，计划 \(time(due)) 结束" }
            lines.append(item(facts))
            let counts = TaskState.allCases.compactMap { state in plan.tasks[state.rawValue].map { "\(state.chineseName) \($0)" } }
            lines.append(item("任务 Tasks：" + (counts.isEmpty ? "无" : counts.joined(separator: "，"))))
            if plan.overdue.isEmpty {
                lines.append(item("逾期 Overdue：无"))
            } else {
                lines.append(item("逾期 Overdue（\(plan.overdue.count)）："))
                lines += plan.overdue.map { overdueLine($0) }
            }
            lines.append("")
        }
        lines.append("信号灯 Signal：\(report.rule)")
        return lines.joined(separator: "\n")
    }

    public func circular(_ report: CircularReport) -> String {
        var lines = [heading("通报 Circular", level: 1), "截至 As of \(time(report.at))", ""]
        let named = report.plans.filter { !$0.late.isEmpty || !$0.orders.isEmpty }
        if named.isEmpty { lines.append("没有需要通报的情况。Nothing to report.") }
        for plan in named {
            lines.append(heading("P\(plan.plan) \(plan.village)（\(plan.branch)）", level: 2))
            if !plan.late.isEmpty {
                lines.append("以下任务严重逾期，予以通报 The following are seriously late:")
                lines += plan.late.map { overdueLine($0) }
            }
            if !plan.orders.isEmpty {
                lines.append("督查责令整改 Rectification ordered by inspection:")
                for order in plan.orders {
                    lines.append(
                        item(
                            "T\(order.task) \(order.title)：\(order.assigneeName)（\(order.assignee)），时限 \(time(order.deadline))，\(order.state.chineseName)；发现问题：\(order.finding)"
                        ))
                }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    func overdueLine(_ task: OverdueTask) -> String {
        item(
            "T\(task.task) \(task.title)：\(task.assigneeName)（\(task.assignee)），时限 \(time(task.deadline))，逾期 \(task.workingDaysLate) 个工作日，督办第 \(task.level) 级"
        )
    }

    private func heading(_ text: String, level: Int) -> String {
        format == .md ? String(repeating: "#", count: level) + " " + text : (level == 1 ? text : "【\(text)】")
    }

    private func item(_ text: String) -> String {
        format == .md ? "- " + text.replacingOccurrences(of: "*", with: "\\*") : "  " + text
    }
}
