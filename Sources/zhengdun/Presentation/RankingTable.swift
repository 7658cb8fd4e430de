import Foundation
import ZhengdunCore
import ZhengdunService
import ZhengdunSheets

/// `report ranking` as tables: the villages compared and scored, then the people answerable,
/// each score beside its inputs, and the formula under them. Text, CSV, Markdown, a workbook
/// of two sheets and an HTML page for printing.
struct RankingTable {
    let zone: TimeZone

    var render: Render { Render(zone: zone) }

    static var villageHeader: [String] {
        [
            say(en: "Rank", zh: "名次"), say(en: "Plan", zh: "方案"), say(en: "Village", zh: "村"), say(en: "Stage", zh: "所处阶段"),
            say(en: "Due", zh: "应完成"), say(en: "Done", zh: "已完成"), say(en: "On time", zh: "按时完成"), say(en: "Lagging", zh: "滞后"),
            say(en: "Schedule rate", zh: "序时完成率"), say(en: "On-time rate", zh: "按时完成率"),
            say(en: "Working days late", zh: "逾期工作日"), say(en: "Returns", zh: "退回整改"), say(en: "Escalation levels", zh: "督办级次"),
            say(en: "Problems overdue", zh: "逾期未销号问题"), say(en: "Indicators met", zh: "指标达标"), say(en: "Score", zh: "得分"),
        ]
    }

    static var personHeader: [String] {
        [
            say(en: "Rank", zh: "名次"), say(en: "Name", zh: "姓名"), say(en: "Post", zh: "职务"), say(en: "Village", zh: "村"),
            say(en: "Village score", zh: "村得分"), say(en: "Accountability", zh: "问责情况"), say(en: "Deducted", zh: "问责扣分"),
            say(en: "Score", zh: "得分"),
        ]
    }

    static func percent(_ rate: Double) -> String {
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    func villageCells(_ village: Ranking.Village) -> [String] {
        let inputs = village.inputs
        return [
            "\(village.rank)", "P\(village.plan)", village.village, say(village.state), "\(inputs.progress.due)", "\(inputs.progress.done)",
            "\(inputs.progress.onTime)", "\(inputs.progress.lagging)", inputs.progress.ratePercent, Self.percent(village.onTimeRate),
            "\(inputs.workingDaysLate)", "\(inputs.returns)", "\(inputs.escalations)", "\(inputs.overdueProblems)",
            "\(village.indicatorsMet)/\(village.indicators)", Assessment.points(village.score),
        ]
    }

    func records(_ person: Ranking.Person) -> String {
        person.accountability.map { record in
            let at = render.prose(record.at)
            return say(
                en: "\(record.kindTitle) (\(at), \(record.reason), −\(Assessment.points(record.deduction)))",
                zh: "\(record.kindTitle)（\(at)，\(record.reason)，扣\(Assessment.points(record.deduction))分）")
        }.joined(separator: say(en: "; ", zh: "；"))
    }

    func personCells(_ person: Ranking.Person) -> [String] {
        [
            "\(person.rank)", person.name, person.roleTitle, "P\(person.plan) \(person.village)", Assessment.points(person.villageScore),
            records(person), Assessment.points(person.deduction), Assessment.points(person.score),
        ]
    }

    var title: String { say(en: "Ranking and assessment", zh: "整顿工作考核排名") }

    func heading(_ ranking: Ranking) -> String {
        let campaign = ranking.campaign.map { "C\($0) \(ranking.title ?? "")" } ?? say(en: "all campaigns", zh: "全部整顿工作")
        return say(en: "\(campaign), as of \(render.prose(ranking.at))", zh: "\(campaign)，截至\(render.prose(ranking.at))")
    }

    func formula(_ ranking: Ranking) -> String {
        say(en: "Scores: ", zh: "计分办法：") + say(ranking.formula) + say(en: ".", zh: "。")
    }

    func text(_ ranking: Ranking) -> String {
        var villages = TextTable(Self.villageHeader)
        for village in ranking.villages { villages.add(villageCells(village)) }
        var people = TextTable(Self.personHeader)
        for person in ranking.people { people.add(personCells(person)) }
        return [
            title, heading(ranking), "", say(en: "Villages", zh: "各村排名"), villages.render(), "", say(en: "People answerable", zh: "责任人考核"),
            people.render(), "", formula(ranking),
        ].joined(separator: "\n")
    }

    func markdown(_ ranking: Ranking) -> String {
        [
            "# \(title)", "", heading(ranking), "", "## " + say(en: "Villages", zh: "各村排名"), "",
            LedgerTable.markdownRows(cells: [Self.villageHeader] + ranking.villages.map(villageCells)), "",
            "## " + say(en: "People answerable", zh: "责任人考核"), "",
            LedgerTable.markdownRows(cells: [Self.personHeader] + ranking.people.map(personCells)), "", formula(ranking), "",
        ].joined(separator: "\n")
    }

    /// Both tables in one file, a blank line between them, with the byte order mark the ledger's CSV has.
    func csv(_ ranking: Ranking) -> String {
        let villages = LedgerTable.csv(cells: [Self.villageHeader] + ranking.villages.map(villageCells))
        let people = LedgerTable.csv(cells: [Self.personHeader] + ranking.people.map(personCells))
        // One byte order mark, at the start of the file.
        return villages + "\r\n" + people.dropFirst()
    }

    func workbook(_ ranking: Ranking) -> Workbook {
        func row(_ cells: [String], numeric: Set<Int>) -> [Workbook.Cell] {
            cells.enumerated().map { index, text in
                if numeric.contains(index), let value = Double(text) { return .number(value) }
                return text.isEmpty ? .empty : .text(text)
            }
        }
        return Workbook(sheets: [
            Workbook.Sheet(
                name: say(en: "Villages", zh: "各村排名"), header: Self.villageHeader,
                rows: ranking.villages.map { row(villageCells($0), numeric: [0, 4, 5, 6, 7, 10, 11, 12, 13, 15]) }),
            Workbook.Sheet(
                name: say(en: "People answerable", zh: "责任人考核"), header: Self.personHeader,
                rows: ranking.people.map { row(personCells($0), numeric: [0, 4, 6, 7]) }),
        ])
    }

    /// A page for printing on A4 landscape, every text escaped.
    func html(_ ranking: Ranking) -> String {
        func table(_ header: [String], _ rows: [[String]]) -> String {
            "<table>\n<tr>" + header.map { "<th>\(htmlEscaped($0))</th>" }.joined() + "</tr>\n"
                + rows.map { "<tr>" + $0.map { "<td>\(htmlEscaped($0))</td>" }.joined() + "</tr>\n" }.joined() + "</table>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(Language.current == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <title>\(htmlEscaped(title))</title>
            <style>
            @page { size: A4 landscape; margin: 20mm 15mm; }
            body { font-family: "FangSong", "仿宋", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif; font-size: 11pt; }
            h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC", serif; font-size: 20pt; text-align: center; font-weight: normal; }
            h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; font-size: 14pt; font-weight: normal; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
            th, td { border: 1px solid #444; padding: 2px 4px; text-align: center; }
            p.heading { text-align: center; }
            </style>
            </head>
            <body>
            <h1>\(htmlEscaped(title))</h1>
            <p class="heading">\(htmlEscaped(heading(ranking)))</p>
            <h2>\(htmlEscaped(say(en: "Villages", zh: "各村排名")))</h2>
            \(table(Self.villageHeader, ranking.villages.map(villageCells)))<h2>\(htmlEscaped(say(en: "People answerable", zh: "责任人考核")))</h2>
            \(table(Self.personHeader, ranking.people.map(personCells)))<p>\(htmlEscaped(formula(ranking)))</p>
            </body>
            </html>

            """
    }
}
