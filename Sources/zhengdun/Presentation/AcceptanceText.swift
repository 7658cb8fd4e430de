import Foundation
import ZhengdunCore
import ZhengdunService

/// The acceptance report (验收报告) as an office writes it: the village's situation, each goal
/// with its indicators one by one (对照整顿目标逐项说明), how the task list and the problem list
/// were worked through, and the conclusion. As text for the terminal and mail, and as an HTML
/// page laid out for A4, which headless Chromium prints to PDF.
struct AcceptanceText {
    let zone: TimeZone
    let language: Language

    init(zone: TimeZone, language: Language = .current) {
        self.zone = zone
        self.language = language
    }

    private func say(_ message: Message) -> String { message.text(in: language) }
    private func say(en: String, zh: String) -> String { language == .zh ? zh : en }

    var chineseNumbers: [String] { ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] }

    /// `（一）` … for the goals, as a document numbers its second level.
    func second(_ index: Int) -> String {
        language == .zh ? "（\(index < 10 ? chineseNumbers[index] : String(index + 1))）" : "(\(index + 1)) "
    }

    func title(_ report: AcceptanceReport) -> String {
        say(en: "Acceptance report: the rectification of \(report.branch)", zh: "\(report.branch)整顿工作验收报告")
    }

    /// The document's sections: each a heading and its paragraphs.
    func sections(_ report: AcceptanceReport) -> [(heading: String, paragraphs: [String])] {
        let profile = report.profile
        var situation: [String] = []
        if let households = profile.households, let population = profile.population {
            var line = say(
                en: "\(report.village) has \(households) households, \(population) people",
                zh: "\(report.village)现有居民\(households)户，\(population)人")
            if let members = profile.partyMembers { line += say(en: ", \(members) Party members", zh: "，其中党员\(members)人") }
            if let income = profile.perCapitaIncomeYuan, let year = profile.incomeYear {
                line += say(en: "; income per head in \(year): \(income) yuan", zh: "，\(year)年人均收入\(income)元")
            }
            situation.append(line + say(en: ".", zh: "。"))
        }
        let started = report.start.documentDate(in: language)
        situation.append(
            report.acceptedAt.map { accepted in
                say(
                    en:
                        "The rectification began on \(started) and was accepted on \(zone.localDateTime(accepted).date.documentDate(in: language)).",
                    zh: "整顿工作自\(started)开始，于\(zone.localDateTime(accepted).date.documentDate(in: language))验收通过。")
            }
                ?? say(
                    en: "The rectification began on \(started); it is now in: \(report.stateTitle).",
                    zh: "整顿工作自\(started)开始，现处于\(report.stateTitle)。"))

        var goals: [String] = []
        for (index, goal) in report.goals.enumerated() {
            goals.append("\(second(index))\(goal.title)")
            if goal.indicators.isEmpty {
                goals.append(say(en: "No indicator is set for this goal.", zh: "本目标未设量化指标。"))
            }
            for (number, line) in goal.indicators.enumerated() {
                goals.append("\(number + 1). " + indicatorLine(line))
            }
        }

        let tasks = report.tasks
        let problems = report.problems
        var lists = [
            say(
                en:
                    "Task list: \(tasks.total) tasks, \(tasks.done) verified and closed, \(tasks.cancelled) cancelled, \(tasks.open) not finished.",
                zh: "任务清单共\(tasks.total)项，已验收销号\(tasks.done)项，撤销\(tasks.cancelled)项，未办结\(tasks.open)项。"),
            say(
                en:
                    "Problem list: \(problems.total) problems, \(problems.done) closed, \(problems.carried) carried over into the long-term work, \(problems.open) open.",
                zh: "问题清单共\(problems.total)个问题，已销号\(problems.done)个，转入长效\(problems.carried)个，未销号\(problems.open)个。"),
        ]
        lists += report.carried.map { say(en: "Carried over: \($0)", zh: "转入长效：\($0)") }

        var conclusion: [String] = []
        if report.unmet.isEmpty {
            conclusion.append(say(en: "Every binding indicator of the goals is met.", zh: "整顿目标的约束性指标全部达标。"))
        } else {
            conclusion.append(
                say(
                    en: "Binding indicators not met: \(report.unmet.joined(separator: "; ")).",
                    zh: "以下约束性指标未达标：\(report.unmet.joined(separator: "；"))。"))
        }
        for override in report.overrides {
            let when = zone.localDateTime(override.at).date.documentDate(in: language)
            conclusion.append(
                say(
                    en:
                        "On \(when) \(override.by) passed the gate of \(override.phase) although it was not met (\(override.unmet.joined(separator: "; "))): \(override.reason)",
                    zh:
                        "\(when)，\(override.by)在\(override.phase)未达到条件（\(override.unmet.joined(separator: "；"))）的情况下说明理由转段：\(override.reason)"
                ))
        }
        if report.state == "accepted" {
            conclusion.append(say(en: "The branch is accepted as turned around (验收通过).", zh: "经检查验收，同意验收通过。"))
        }
        return [
            (say(en: "1. The village", zh: "一、基本情况"), situation),
            (say(en: "2. The goals, one by one", zh: "二、对照整顿目标逐项说明"), goals),
            (say(en: "3. The task list and the problem list", zh: "三、任务清单和问题清单完成情况"), lists),
            (say(en: "4. Conclusion", zh: "四、验收意见"), conclusion),
        ]
    }

    /// One indicator: its value (before and now), the survey's counts, the target, the verdict
    /// and the evidence.
    func indicatorLine(_ line: AcceptanceReport.IndicatorLine) -> String {
        let indicator = line.indicator
        let unit = indicator.judge == .yesNo ? "" : indicator.unit
        var text = indicator.title + say(en: ": ", zh: "：")
        if let value = line.value {
            let now = say(indicator.says(value)) + unit
            if let baseline = line.baseline {
                text += say(
                    en: "\(say(indicator.says(baseline)))\(unit) before, \(now) now",
                    zh: "整顿前\(say(indicator.says(baseline)))\(unit)，现\(now)")
            } else {
                text += now
            }
        } else {
            text +=
                line.baseline.map { say(en: "\(say(indicator.says($0)))\(unit) before; ", zh: "整顿前\(say(indicator.says($0)))\(unit)；") }
                ?? ""
            text += say(en: "not yet recorded", zh: "尚未填报")
        }
        if let survey = line.survey {
            text += say(
                en:
                    " (\(survey.issued) forms handed out, \(survey.returned) returned: \(survey.satisfied) satisfied, \(survey.basicallySatisfied) basically satisfied, \(survey.dissatisfied) dissatisfied)",
                zh:
                    "（发放测评表\(survey.issued)份，回收\(survey.returned)份，其中满意\(survey.satisfied)份、基本满意\(survey.basicallySatisfied)份、不满意\(survey.dissatisfied)份）"
            )
        }
        text += say(en: ". Target: ", zh: "。目标：") + say(indicator.requirement) + say(en: ". ", zh: "。")
        switch line.met {
        case true?: text += say(en: "Met", zh: "达标")
        case false?: text += say(en: "Not met", zh: "未达标")
        case nil: text += say(en: "Not yet judged", zh: "待评定")
        }
        text += indicator.blocking ? "" : say(en: " (for reference)", zh: "（参考指标）")
        text += say(en: ".", zh: "。")
        if !line.evidence.isEmpty {
            text +=
                say(en: " Evidence: ", zh: "佐证材料：") + line.evidence.map(\.name).joined(separator: say(en: ", ", zh: "、"))
                + say(en: ".", zh: "。")
        }
        return text
    }

    func text(_ report: AcceptanceReport) -> String {
        var lines = [title(report), ""]
        for section in sections(report) {
            lines.append(section.heading)
            // A paragraph is indented two characters: full-width in Chinese.
            lines += section.paragraphs.map { (language == .zh ? "\u{3000}\u{3000}" : "  ") + $0 }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// A page for A4 in the manner of an official document (仿宋 body, 小标宋 title where
    /// installed); every text escaped.
    func html(_ report: AcceptanceReport) -> String {
        var body = "<h1>\(htmlEscaped(title(report)))</h1>\n"
        for section in sections(report) {
            body += "<h2>\(htmlEscaped(section.heading))</h2>\n"
            body += section.paragraphs.map { "<p>\(htmlEscaped($0))</p>\n" }.joined()
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <title>\(htmlEscaped(title(report)))</title>
            <style>
            @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
            body { font-family: "FangSong", "FangSong_GB2312", "仿宋", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif; font-size: 16pt; line-height: 1.75; }
            h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC", serif; font-size: 22pt; text-align: center; font-weight: normal; margin: 0 0 1em; }
            h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; font-size: 16pt; font-weight: normal; margin: 0.6em 0 0; }
            p { text-indent: 2em; margin: 0; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }
}
