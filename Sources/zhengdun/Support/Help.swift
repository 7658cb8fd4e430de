import ZhengdunCore

/// Help texts that several commands give for the same option.
enum Help {
    static var campaign: String { say(en: "The campaign (C1 or 1).", zh: "整顿工作（C1 或 1）。") }

    static var plan: String { say(en: "The plan (P1 or 1).", zh: "方案（P1 或 1）。") }

    static var outcomeAsJSON: String { say(en: "Print the outcome as JSON.", zh: "以 JSON 输出结果。") }

    static var onlyPlan: String { say(en: "Only this plan (P1 or 1).", zh: "只看此方案（P1 或 1）。") }
    static var onlyCampaign: String {
        say(en: "Only this campaign's plans (C1 or 1).", zh: "只看此项整顿工作的各方案（C1 或 1）。")
    }

    static var overdueOnly: String {
        say(en: "Only tasks past their deadline and still waiting on their assignee.", zh: "只看已过时限、仍在等待责任人的任务。")
    }

    static var listAsJSON: String { say(en: "Print the list as JSON.", zh: "以 JSON 输出列表。") }

    static var planAsJSON: String { say(en: "Print the plan as JSON.", zh: "以 JSON 输出方案。") }

    static var task: String { say(en: "The task (T12 or 12).", zh: "任务（T12 或 12）。") }

    static var taskAsJSON: String { say(en: "Print the task as JSON.", zh: "以 JSON 输出任务。") }

    static var note: String { say(en: "A note.", zh: "说明。") }

    static var why: String { say(en: "Why.", zh: "原因。") }

    static var workflowFile: String { say(en: "The workflow file (YAML).", zh: "工作流文件（YAML）。") }

    static var circularsAsJSON: String { say(en: "Print as JSON.", zh: "以 JSON 格式输出。") }
}
