import Foundation
import Testing
import ZhengdunCore

@testable import ZhengdunService

@Suite("Mail templates")
struct TemplateTests {
    static let folder = Walk.repository.appendingPathComponent("workflows/templates").path

    func texts(_ language: String) throws -> [String: String] {
        try NoticeTemplates.texts(in: Self.folder, language: language)
    }

    @Test("The shipped templates in both languages load and check", arguments: NoticeTemplates.languages)
    func shipped(_ language: String) throws {
        let templates = try NoticeTemplates(language: language, texts: try texts(language), folder: Self.folder)
        #expect(templates.language == language)
    }

    @Test("A template naming an unknown field, or one that does not parse, is refused at its line and column when loaded")
    func refused() throws {
        var texts = try texts("en")
        texts["reminder"] = "[Reminder] {{task.title}}\n\nDear {{nmae}},\n{{#missed}}{{what}}{{/missed}}\n"
        texts["circular"] = "[Circular]\n\n{{#plans}}{{village}}\n"
        texts["progress"] = "\n\nno subject\n"
        // The progress page is no notice: it depends on the report alone, so it has no key.
        texts["progress-report.html"] =
            "\n<p>{{key}}</p>{{#plans}}{{#chart}}{{#phases}}{{#tasks}}{{colour}}{{/tasks}}{{/phases}}{{/chart}}{{/plans}}\n"
        texts.removeValue(forKey: "acknowledge")
        do {
            _ = try NoticeTemplates(language: "en", texts: texts, folder: "t")
            Issue.record("broken templates accepted")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.contains("t/en/acknowledge.mustache:1:1: the template is missing"))
            #expect(lines.contains { $0.hasPrefix("t/en/reminder.mustache:3:6: unknown field 'nmae'") })
            #expect(lines.contains { $0.hasPrefix("t/en/reminder.mustache:4:12: unknown field 'what'") })
            #expect(lines.contains("t/en/circular.mustache:3:1: section 'plans' is never closed"))
            #expect(lines.contains("t/en/progress.mustache:1:1: the first line is the subject and must not be empty"))
            #expect(lines.contains("t/en/progress-report.html.mustache:1:1: the first line is the file's name and must not be empty"))
            #expect(lines.contains { $0.hasPrefix("t/en/progress-report.html.mustache:2:4: unknown field 'key'") })
            #expect(lines.contains { $0.hasPrefix("t/en/progress-report.html.mustache:2:56: unknown field 'colour'") })
        }
    }

    @Test("Templates saved with CR LF line endings read as those saved with LF: same subjects, bodies and diagnostics")
    func crlfTemplates() throws {
        let lf = try texts("en")
        let crlf = lf.mapValues { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        #expect(crlf["reminder"]!.contains("\r\n"))
        let values: TemplateObject = [
            "key": "T3.acknowledge.a1", "late": false, "due_at": "2026-03-03 09:00", "now": "2026-03-03 10:00", "name": "Li Si",
            "task": [
                "label": "T3", "title": "Study the plan", "description": "Read it", "deadline": "2026-03-09 18:00", "original_deadline": "",
                "extended": false, "state": "issued", "phase": "Survey", "rule": "5wd", "issued": true, "acknowledged": false,
            ],
            "plan": ["label": "P1", "village": "XX", "branch": "XX branch"], "days_left": "", "level": "0", "level_name": "",
            "days_late": "0",
            "circular": false, "missed": [],
        ]
        let fromLF = try NoticeTemplates(language: "en", texts: lf, folder: "t").render("acknowledge", values)
        let fromCRLF = try NoticeTemplates(language: "en", texts: crlf, folder: "t").render("acknowledge", values)
        #expect(fromCRLF.subject == fromLF.subject)
        #expect(!fromCRLF.subject.contains("\r"))
        #expect(fromCRLF.body == fromLF.body)
        #expect(!fromCRLF.body.contains("\r"))

        var broken = crlf
        broken["reminder"] = "[Reminder] {{task.title}}\r\n\r\nDear {{nmae}},\r\n"
        broken["progress"] = "\r\n\r\nno subject\r\n"
        do {
            _ = try NoticeTemplates(language: "en", texts: broken, folder: "t")
            Issue.record("broken templates accepted")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.contains { $0.hasPrefix("t/en/reminder.mustache:3:6: unknown field 'nmae'") })
            #expect(lines.contains("t/en/progress.mustache:1:1: the first line is the subject and must not be empty"))
        }
    }

    /// The diagnostics of `text` parsed and checked against `fields`.
    func problems(_ text: String, _ fields: [String: TemplateField]) -> [String] {
        var diagnostics: [Diagnostic] = []
        let template = MailTemplate(text, file: "t", escapesHTML: false, diagnostics: &diagnostics)
        var check = TemplateCheck(fields: fields)
        check.check(template.nodes)
        return (diagnostics + check.diagnostics).map(\.description)
    }

    @Test("Names resolve as Mustache resolves them: inside a section first, then outwards; dotted names inside their object")
    func scopes() {
        #expect(
            problems(
                "{{#plans}}{{village}} {{week}} {{#overdue}}{{label}} {{signal}} {{key}}{{/overdue}}{{/plans}}{{^plans}}{{rule}}{{/plans}}",
                TemplateFields.progress) == [])
        #expect(
            problems(
                "{{task.title}} {{task.owner}} {{plan.village}} {{{name}}} {{&name}} {{! a comment }} {{> partial}}",
                TemplateFields.taskNotice) == [
                    "t:1:86: '{{>…}}' is not supported in zhengdun's mail templates; use sections and names only",
                    "t:1:16: unknown field 'task.owner'",
                ])
        #expect(
            problems("{{#plans}}\n{{/plan}}\n{{/plans}}\n{{task..title}}{{", TemplateFields.progress) == [
                "t:4:16: a tag opened here is never closed", "t:2:1: '{{/plan}}' closes '{{#plans}}' (line 1)",
                "t:3:1: '{{/plans}}' closes no section", "t:4:1: an empty tag",
            ])
    }

    @Test("Rendering follows Mustache: sections over flags, texts, objects and lists; inverted sections; standalone tags take their line")
    func renderingRules() {
        var diagnostics: [Diagnostic] = []
        let text = MailTemplate(
            """
            Hello {{name}}{{#late}} (late){{/late}}
              {{#items}}
            - {{label}}: {{title}} of {{name}}{{^done}}, open{{/done}}
              {{/items}}
            {{^items}}
            nothing
            {{/items}}
            {{! a comment on its own line }}
            {{#note}}Note: {{.}}{{/note}}{{^note}}no note{{/note}}
            {{#plan}}{{plan.village}}/{{village}}{{/plan}}
            """, file: "t", escapesHTML: false, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        let values: TemplateObject = [
            "name": "Li <Si>", "late": true, "note": "", "plan": ["village": "XX"],
            "items": [["label": "T1", "title": "A & B", "done": true], ["label": "T2", "title": "C", "done": false]],
        ]
        #expect(text.render(values) == "Hello Li <Si> (late)\n- T1: A & B of Li <Si>\n- T2: C of Li <Si>, open\nno note\nXX/XX")
        var empty = values
        empty["items"] = []
        empty["note"] = "call back"
        empty["late"] = false
        #expect(text.render(empty) == "Hello Li <Si>\nnothing\nNote: call back\nXX/XX")
        // The first line alone stops at the first line break written, inside a section or a
        // value as well as in the template's text.
        let firstLine = { (values: TemplateObject) in String(decoding: text.renderBytes(values, firstLineOnly: true), as: UTF8.self) }
        #expect(firstLine(values) == "Hello Li <Si> (late)\n")
        var broken = values
        broken["name"] = "Li\nSi"
        #expect(firstLine(broken) == "Hello Li\nSi")
        let inSection = MailTemplate("{{#items}}{{label}}\n{{/items}}rest", file: "t", escapesHTML: false, diagnostics: &diagnostics)
        #expect(String(decoding: inSection.renderBytes(values, firstLineOnly: true), as: UTF8.self) == "T1\n")
        let html = MailTemplate(
            "<p title=\"{{name}}\">{{name}} {{{name}}} {{&name}}</p>", file: "t", escapesHTML: true, diagnostics: &diagnostics)
        #expect(
            html.render(["name": "<a href='x'>\"&\"</a>"])
                == "<p title=\"&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\">&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt; <a href='x'>\"&\"</a> <a href='x'>\"&\"</a></p>"
        )
    }

    @Test("Rendering is plain text: nothing is escaped, and the first line becomes the subject")
    func rendering() throws {
        let templates = try NoticeTemplates(language: "en", texts: try texts("en"), folder: Self.folder)
        let rendered = templates.render(
            "acknowledge",
            [
                "key": "T3.acknowledge.a1", "late": true, "due_at": "2026-03-03 09:00", "now": "2026-03-03 10:00", "name": "Li <Si> & Co",
                "task": [
                    "label": "T3", "title": "Study the plan", "description": "", "deadline": "2026-03-09 18:00", "original_deadline": "",
                    "extended": false, "state": "issued", "phase": "Survey", "rule": "5wd", "issued": true, "acknowledged": false,
                ],
                "plan": ["label": "P1", "village": "XX", "branch": "XX branch"], "days_left": "", "level": "0", "level_name": "",
                "days_late": "0",
                "circular": false, "missed": [], "command_line": true, "contact": "",
            ])
        #expect(rendered.subject == "[late] [Please acknowledge] T3 Study the plan (XX)")
        #expect(rendered.body.hasPrefix("Dear Li <Si> & Co,\n"))
        #expect(rendered.body.contains("This notice was due at 2026-03-03 09:00 and is sent late"))
        #expect(rendered.body.contains("Acknowledge: zhengdun task ack T3"))
        #expect(!rendered.body.contains("When done, report"))
    }

    @Test(
        "The subject is the first line without the blanks around it; the body starts after the blank lines below it and ends in one line break",
        arguments: [
            (" \t【签收提醒】{{name}}\t \n\n\n正文 {{name}}\n第二行\n\n\n", "【签收提醒】李四", "正文 李四\n第二行\n"),
            ("{{name}}", "李四", ""), ("主题\t\n\n\n", "主题", ""), ("主题\n正文\n", "主题", "正文\n"), (" 主题 一 \n \n正文", "主题 一", " \n正文"),
        ])
    func subjectAndBody(_ text: String, subject: String, body: String) throws {
        var written = try texts("en")
        written["acknowledge"] = text
        let templates = try NoticeTemplates(language: "en", texts: written, folder: "t")
        let rendered = templates.render("acknowledge", ["name": "李四"])
        #expect(rendered.subject == subject)
        #expect(rendered.body == body)
        // The subject alone, rendered no further than its line, is the same.
        #expect(templates.subject("acknowledge", ["name": "李四"]) == subject)
    }

    @Test("An empty text counts as false in a section, at any depth: an accepted plan's line names no phase dates")
    func emptyTextIsFalse() throws {
        let templates = try NoticeTemplates(language: "en", texts: try texts("en"), folder: Self.folder)
        func phaseLine(started: String, due: String) -> String? {
            let rendered = templates.render(
                "progress",
                [
                    "key": "progress.2026-03-09", "late": false, "due_at": "", "now": "2026-03-09 09:00", "week": "2026-03-09", "rule": "",
                    "plans": [
                        [
                            "label": "P1", "village": "XX", "branch": "XX branch", "signal": "green", "state_title": "Survey",
                            "phase_started": .text(started), "phase_due": .text(due), "counts": [], "overdue": [],
                        ]
                    ],
                ])
            return rendered.body.split(separator: "\n").first { $0.contains("Phase:") }.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(phaseLine(started: "", due: "") == "Phase: Survey")
        #expect(phaseLine(started: "2026-03-02 09:00", due: "") == "Phase: Survey, started 2026-03-02 09:00")
        #expect(
            phaseLine(started: "2026-03-02 09:00", due: "2026-03-30 18:00")
                == "Phase: Survey, started 2026-03-02 09:00, planned to end 2026-03-30 18:00")
    }
}
