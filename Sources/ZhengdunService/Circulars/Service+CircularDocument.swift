import Foundation
import ZhengdunCore
import ZhengdunStore

extension Service {
    /// The document a circular numbered `serial` of `year` says about `covered`, as of `now`, in
    /// `language`, addressed (主送) as `addressees` says; nil when there is nothing to name (no
    /// task late enough, no order open).
    func circularDocument(
        covering covered: [PlanContext], report: CircularReport, addressees: String, year: Int, serial: Int, at now: Date,
        language: Language, _ tx: StoreTransaction
    ) throws -> CircularDocument? {
        let english = language == .en
        func say(_ chinese: String, _ other: String) -> String { english ? other : chinese }
        func time(_ date: Date) -> String { zone.localDateTime(date).prose(in: language) }
        var items: [String] = []
        var lateCount = 0
        var orderCount = 0
        for (plan, named) in zip(covered, report.plans) {
            let tasks = try tx.tasks(ids: (named.late.map(\.task) + named.orders.map(\.task)).map(TaskID.init))
            // Who answers, by the title of the role in which they answer for the task.
            func who(_ task: TaskID, _ name: String) -> String {
                let title = tasks[task].flatMap { plan.workflow.role(Self.answeringRole(of: $0, in: plan))?.title } ?? ""
                return english
                    ? "\(name) (\(title.contains("镇") ? title : [title, plan.row.village].filter { !$0.isEmpty }.joined(separator: ", ")))"
                    : "\(Self.villageTitle(title, village: plan.row.village))\(name)同志"
            }
            for task in named.late {
                lateCount += 1
                items.append(
                    say(
                        "\(who(TaskID(task.task), task.assigneeName))负责的“\(task.title)”任务（T\(task.task)），办结时限为\(time(task.deadline))，至今未办结，已逾期\(task.workingDaysLate)个工作日，经\(NoticeText.levelName(task.level))级督办仍未办结。",
                        "\(who(TaskID(task.task), task.assigneeName)) has not finished the task “\(task.title)” (T\(task.task)), due \(time(task.deadline)): \(task.workingDaysLate) working days late, escalated to level \(task.level) and still not done."
                    ))
            }
            let inspections = Dictionary(uniqueKeysWithValues: try tx.inspections(of: plan.id).map { ($0.id!, $0) })
            for order in named.orders {
                orderCount += 1
                // A document dates the inspection by its day; the hour is for notices.
                let inspected = inspections[order.inspection].map { zone.localDateTime($0.at).date.monthAndDay(in: language) } ?? ""
                let state =
                    order.state == .submitted
                    ? say("目前已报送，待验收销号。", "It has been reported done and awaits verification.")
                    : now > order.deadline
                        ? say("至今未整改到位，已超过整改时限。", "It has not been put right, and its deadline has passed.")
                        : say("目前正在整改。", "It is being put right.")
                items.append(
                    say(
                        "\(inspected)督查发现，\(plan.row.branch)\(order.finding.hasSuffix("。") ? order.finding : order.finding + "。")已责令\(who(TaskID(order.task), order.assigneeName))于\(time(order.deadline))前整改到位（T\(order.task)）。\(state)",
                        "The inspection of \(inspected) found at \(plan.row.branch): \(order.finding.last.map { ".!?。".contains($0) } == true ? order.finding : order.finding + ".") \(who(TaskID(order.task), order.assigneeName)) was ordered to put it right by \(time(order.deadline)) (T\(order.task) “\(order.title)”). \(state)"
                    ))
            }
        }
        guard !items.isEmpty else { return nil }
        let branches = covered.map(\.row.branch)
        let subject =
            branches.count == 1
            ? branches[0] : say("\(branches[0])等\(branches.count)个村党组织", "\(branches[0]) and \(branches.count - 1) more")
        let matter =
            orderCount == 0
            ? say("整顿任务逾期未办结情况", "tasks overdue in the rectification of")
            : lateCount == 0
                ? say("整顿工作督查发现问题", "problems found by inspection in the rectification of")
                : say("整顿工作有关情况", "the rectification of")
        let title = say("关于\(subject)\(matter)的通报", "Circular on \(matter) \(subject)")
        let cited =
            covered.count == 1
            ? say("《关于\(covered[0].row.branch)整顿转化工作方案》（以下简称《方案》）", "the plan for the rectification of \(covered[0].row.branch)")
            : say("各村党支部整顿转化工作方案（以下简称《方案》）", "the rectification plans of the branches")
        let date = zone.localDateTime(now).date
        var found: [String] = []
        if lateCount > 0 {
            found.append(
                say(
                    "\(lateCount)项任务逾期经逐级督办仍未办结",
                    lateCount == 1
                        ? "1 task is overdue and has climbed the escalation ladder"
                        : "\(lateCount) tasks are overdue and have climbed the escalation ladder"))
        }
        if orderCount > 0 {
            found.append(
                say(
                    "\(orderCount)项督查责令整改事项尚未验收销号",
                    orderCount == 1
                        ? "1 rectification ordered by inspection is not yet verified"
                        : "\(orderCount) rectifications ordered by inspection are not yet verified"))
        }
        let opening = say(
            "根据\(cited)“任务到人、责任到人，限时整顿”和“对工作不扎实、效果不明显的，责令整改并进行通报”的要求，现将截至\(date.monthAndDay(in: language))\(subject)整顿工作中\(found.joined(separator: "，"))的情况通报如下：",
            "Under \(cited), which hands every task to a person with a deadline and orders a circular where work is not done in earnest, as of \(date.monthAndDay(in: language)) \(found.joined(separator: ", and ")). They are:"
        )
        let requirements = [
            say(
                "被通报的责任人要深刻反思，立即整改，于3个工作日内向镇组织办书面说明逾期原因和整改措施，并在限定时间内办结。",
                "Those named are to put it right at once and explain in writing to the town organisation office, within 3 working days, why it is late and what they will do."
            ),
            say(
                "各驻村干部要切实履行督促职责，加强对村干部的协调和管理；帮助解决问题无明显效果的，按照《方案》追究责任。",
                "Resident cadres are to see that the village cadres do the work; where their help has no clear effect they answer for it under the plan."
            ),
            say(
                "各村党支部要引以为戒，对照任务清单逐项自查，确保整顿工作按时序推进。",
                "Every branch is to check its own tasks against the list, so that the rectification keeps to its schedule."),
            say(
                "镇组织办将持续跟踪督办，对整改不力的，将再次通报并严肃追究责任。",
                "The town organisation office will keep following up; where the rectification falls short it will issue another circular and hold those responsible to account."
            ),
        ]
        let style = configuration.circular
        return CircularDocument(
            language: english ? "en" : "zh-CN", number: style.documentNumber(year: year, serial: serial), year: year, serial: serial,
            title: title, addressees: addressees, opening: opening,
            items: items, requirements: requirements, issuer: style.issuer,
            date: date.documentDate(in: language),
            plans: covered.map(\.id.rawValue))
    }

    /// A role's title as a document says it before a name: a village role with its village
    /// (`XX村党支部书记`), a township role as it is, its title naming the township already
    /// (`镇工作组`, `领导小组办公室主任（镇党委组织委员）`).
    static func villageTitle(_ title: String, village: String) -> String {
        title.contains("镇") ? title : village + title
    }
}
