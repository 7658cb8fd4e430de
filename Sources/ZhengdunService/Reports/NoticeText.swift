import Foundation
import ZhengdunCore
import ZhengdunStore

/// What each notice says, in Chinese with the commands to answer it.
struct NoticeText {
    struct Message {
        var subject: String
        var body: String
    }

    let zone: TimeZone

    func time(_ date: Date) -> String { zone.localDateTime(date).description }

    static let levelNames = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    static func levelName(_ level: Int) -> String {
        level < levelNames.count ? "第\(levelNames[level])级" : "第\(level)级"
    }

    func task(_ due: DueNotice, task: TaskRow, plan: PlanContext, assignee: PersonRow?, at now: Date) -> Message {
        let notice = due.notice
        let label = task.label
        let name = assignee?.name ?? task.assigneeID.rawValue
        let phase = plan.workflow.phase(task.phase)?.title ?? task.phase.rawValue
        var subject: String
        var lines: [String]
        switch notice.kind {
        case .acknowledgeReminder:
            subject = "【签收提醒】\(label) \(task.title)（\(plan.row.village)）"
            lines = ["\(name)同志：", "", "您有一项整顿任务尚未签收，请及时签收。"]
        case .deadlineReminder:
            let left = notice.offset.map { Self.span($0) } ?? ""
            subject = "【催办】\(label) \(task.title) \(left)后到期（\(plan.row.village)）"
            lines = ["\(name)同志：", "", "您的整顿任务将于 \(time(task.deadline)) 到期，请抓紧办理并按时报送办结情况。"]
        case .escalation:
            let level = notice.level ?? 1
            let late = plan.timeline.workingDaysLate(deadline: task.deadline, at: now).value
            subject = "【督办·\(Self.levelName(level))】\(label) \(task.title) 已逾期（\(plan.row.village)）"
            lines = ["关于 \(plan.row.branch) 整顿任务逾期的督办通知（\(Self.levelName(level))）：", "",
                     "责任人 \(name) 承办的任务已超过办结时限\(late > 0 ? " \(late) 个工作日" : "")，请责任人立即办理，相关同志督促落实。"]
            if plan.workflow.escalation.contains(where: { $0.level == level && $0.circular }) {
                lines.append("本任务已达通报级别，将列入通报。")
            }
        case .progressReport, .circular:
            subject = ""
            lines = []
        }
        if due.late { subject = "【补发】" + subject }
        lines += [
            "",
            "  任务：\(label) \(task.title)",
            "  方案：P\(plan.id.rawValue) \(plan.row.village)（\(phase)）",
            "  责任人：\(name)（\(task.assigneeID)）",
            "  办结时限：\(time(task.deadline))" + (task.deadlineVersion > 1 ? "（原定 \(time(task.originalDeadline))）" : ""),
            "  当前状态：\(task.state.chineseName)",
        ]
        if let description = task.description { lines.append("  任务要求：\(description)") }
        if !due.folded.isEmpty {
            let earlier = due.folded.map { folded -> String in
                switch folded.kind {
                case .escalation: return "督办\(Self.levelName(folded.level ?? 1))（\(time(folded.dueAt))）"
                case .deadlineReminder: return "催办（\(time(folded.dueAt))）"
                case .acknowledgeReminder: return "签收提醒（\(time(folded.dueAt))）"
                case .progressReport, .circular: return folded.key
                }
            }
            lines += ["", "系统停机期间未能发出的通知，一并在此告知：\(earlier.joined(separator: "、"))。"]
        }
        if due.late { lines += ["", "本通知原定于 \(time(notice.dueAt)) 发出，因系统未运行，现予补发。"] }
        switch task.state {
        case .issued: lines += ["", "签收：zhengdun task ack \(label)"]
        case .acknowledged, .returned: lines += ["", "办结后报送：zhengdun task submit \(label) --note \"办理情况\" --evidence 文件"]
        default: break
        }
        lines += ["", "（本通知由 zhengdun 自动发出，编号 \(notice.key)）"]
        return Message(subject: subject, body: lines.joined(separator: "\n"))
    }

    func circular(_ report: CircularReport, plan: PlanContext) -> Message {
        Message(subject: "【通报】\(plan.row.branch)整顿工作逾期情况", body: ReportText(zone: zone, format: .text).circular(report))
    }

    func progress(_ report: ProgressReport, dueAt: Date, late: Bool) -> Message {
        let week = zone.localDateTime(dueAt).date
        var body = ReportText(zone: zone, format: .text).progress(report)
        if late { body += "\n\n本周报原定于 \(time(dueAt)) 发出，因系统未运行，现予补发。" }
        return Message(subject: (late ? "【补发】" : "") + "【整顿工作进展周报】\(week)", body: body)
    }

    static func span(_ span: CalendarSpan) -> String {
        switch span.unit {
        case .workingDays: return "\(span.amount)个工作日"
        case .days: return "\(span.amount)天"
        case .hours: return "\(span.amount)小时"
        case .minutes: return "\(span.amount)分钟"
        }
    }
}
