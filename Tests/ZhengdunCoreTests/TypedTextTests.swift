import Foundation
import Testing

@testable import ZhengdunCore

@Suite("Input limits: typed text, serial numbers, dates, UTF-8 positions")
struct TypedTextTests {
    @Test(
        "Control, bidi and invisible characters are refused in a line, naming the code point and where it stands",
        arguments: [
            ("报告\u{202E}fdp.exe", "U+202E", 3), ("a\u{1B}]52;c;x\u{07}", "U+001B", 2), ("a\u{0}b", "U+0000", 2),
            ("a\u{200B}b", "U+200B", 2), ("\u{FEFF}x", "U+FEFF", 1), ("x\u{2028}y", "U+2028", 2), ("x\u{3164}", "U+3164", 2),
            ("x\u{E0041}", "U+E0041", 2), ("x\u{85}", "U+0085", 2), ("a\tb", "U+0009", 2), ("李\u{FFFD}四", "U+FFFD", 2),
        ])
    func refusedInALine(_ text: String, _ code: String, _ position: Int) {
        #expect(throws: ParseFailure.self) { try TypedText.name.checked(text, "the name") }
        do {
            _ = try TypedText.title.checked(text, "the title")
        } catch {
            #expect(error.description.contains(code), "\(error)")
            #expect(error.description.contains("at character \(position)"), "\(error)")
        }
    }

    @Test("A note keeps its line feeds and tabs, CRLF becomes LF, and a lone CR or ESC is still refused")
    func notes() throws {
        #expect(try TypedText.note.checked("第一行\r\n\t第二行\n", "the note") == "第一行\n\t第二行")
        #expect(throws: ParseFailure.self) { try TypedText.note.checked("a\rb", "the note") }
        #expect(throws: ParseFailure.self) { try TypedText.note.checked("a\u{1B}[2Jb", "the note") }
    }

    @Test("Names with rare characters and their variation selectors, and emoji-free Chinese text, pass unchanged")
    func ordinaryText() throws {
        #expect(try TypedText.name.checked(" 𠮷\u{E0100}野 ", "the name") == "𠮷\u{E0100}野")
        #expect(try TypedText.place.checked("XX村　", "the village") == "XX村")
    }

    @Test("Every kind of text has a length: one character more than its limit is refused")
    func lengths() throws {
        for limit in [TypedText.name, .place, .title, .fileName, .note, .description] {
            _ = try limit.checked(String(repeating: "整", count: limit.maximum), "x")
            #expect(throws: ParseFailure.self) { try limit.checked(String(repeating: "整", count: limit.maximum + 1), "x") }
        }
    }

    @Test(
        "Plan and task numbers are ASCII digits after an optional letter, nothing else",
        arguments: [
            ("T12", Int64(12)), ("t12", 12), ("12", 12), ("T+1", nil), ("T01", nil), ("T 1", nil), ("T-3", nil), ("T", nil),
            ("T١٢", nil), ("T1e3", nil), ("T9999999999999999", nil), ("", nil), ("P1", nil),
        ] as [(String, Int64?)])
    func serials(_ text: String, _ expected: Int64?) {
        #expect(TypedText.serial(text, prefix: "T") == expected)
    }

    @Test("A refusal quotes a value by its first 80 characters, control characters as their code points")
    func excerpts() {
        let quoted = TypedText.excerpt(String(repeating: "x", count: 100_000))
        #expect(quoted == String(repeating: "x", count: 80) + "…")
        #expect(TypedText.excerpt("a\u{1B}[31m") == "a<U+001B>[31m")
        let failure = ParseFailure(.notADate(text: Quoted(String(repeating: "9", count: 100_000))))
        #expect(failure.description.utf8.count < 200)
    }

    @Test(
        "Bytes that are not UTF-8 are named at the line and column of the first bad one",
        arguments: [
            ([0x61, 0xFF], 1, 2, 1), ([0x61, 0x0A, 0xE6, 0x95, 0xB4, 0xC0, 0x80], 2, 2, 5), ([0x0A, 0x0A, 0xED, 0xA0, 0x80], 3, 1, 2),
            ([0xE6, 0x95], 1, 1, 0),
        ] as [([UInt8], Int, Int, Int)])
    func badBytes(_ bytes: [UInt8], _ line: Int, _ column: Int, _ offset: Int) {
        guard case .failure(let bad) = UTF8Text.firstBadByte(bytes) else { Issue.record("accepted"); return }
        #expect(bad.line == line)
        #expect(bad.column == column)
        #expect(bad.offset == offset)
    }

    @Test("A workflow or configuration that is not UTF-8 is refused at file:line:column")
    func filesNotUTF8() {
        #expect(throws: InvalidSource.self) {
            try Configuration.load(bytes: Array("mail:\n  maildir: /var/\u{FF}".utf8.dropLast(2)) + [0xFF], file: "c.yaml")
        }
        do {
            _ = try Workflow.load(bytes: Array("workflow: x\ntitle: 整".utf8) + [0xFE], file: "w.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.description == "w.yaml:2:9: not UTF-8 text: byte 0xFE at offset 22")
        }
    }

    @Test(
        "A configuration path or command word holding NUL or another control character is refused at its line and column",
        arguments: [
            ("mail:\n  transport: maildir\n  maildir: \"\\0\"\n", "c.yaml:3:12: maildir holds a control character (U+0000) at character 1"),
            ("database: \"/var/lib/z\\tx.db\"\n", "c.yaml:1:11: database holds a control character (U+0009) at character 11"),
            (
                "mail:\n  sendmail: [/usr/sbin/sendmail, \"-t\\e[2J\"]\n",
                "c.yaml:2:34: a word of the sendmail command holds a control character (U+001B) at character 3"
            ),
            ("socket: \"/run/\\u202Ez.sock\"\n", "c.yaml:1:9: socket holds a bidirectional control (U+202E) at character 6"),
        ])
    func configurationControls(_ text: String, _ message: String) {
        do {
            _ = try Configuration.load(text, file: "c.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test(
        "A workflow title holding ESC, OSC 52, CR, LF or NUL is refused at its line and column",
        arguments: [
            "\"整顿\\e[2J\"", "\"整顿\\e]52;c;aGk=\\a\"", "\"整顿\\r\"", "\"整顿\\n伪造\"", "\"整顿\\0\"", "\"\\u202E顿整\"",
        ])
    func workflowTitles(_ title: String) throws {
        let minimal = try Fixtures.text(Fixtures.folder.appendingPathComponent("workflows/minimal.yaml"))
        let lines = minimal.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.hasPrefix("title:") })
        var changed = lines
        changed[index] = "title: " + title[...]
        do {
            _ = try Workflow.load(changed.joined(separator: "\n"), file: "w.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.description.hasPrefix("w.yaml:\(index + 1):8: title holds"), "\(error)")
        }
    }

    @Test("Dates outside 2000–2099 are refused where they enter; a workflow may not plan phases longer than twenty years")
    func dates() throws {
        #expect(throws: ParseFailure.self) { try DateRange.check(try LocalDate.parse("9999-12-31")) }
        #expect(throws: ParseFailure.self) { try DateRange.check(try LocalDate.parse("1999-12-31")) }
        #expect(try DateRange.check(try LocalDate.parse("2099-12-31")).year == 2099)
        let minimal = try Fixtures.text(Fixtures.folder.appendingPathComponent("workflows/minimal.yaml"))
        let long = minimal.replacingOccurrences(of: #"length: \d+wd"#, with: "length: 100000wd", options: .regularExpression)
        #expect(long != minimal)
        do {
            _ = try Workflow.load(long, file: "w.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("more than 20 years"), "\(error)")
        }
    }

    @Test(
        "An error at the end of a file is placed where an editor finds the end, not on a line after the last (found by zhengdun-fuzz)",
        arguments: [
            ("a: [b,\n c", 2, 3), ("a: [b,\n c\n", 3, 1), ("roles:\n  x: {title: X}\nphases: [", 3, 10),
        ])
    func endOfFile(_ text: String, _ line: Int, _ column: Int) {
        guard case .failure(let diagnostic) = YAMLParser.parse(text, file: "f.yaml") else { Issue.record("parsed"); return }
        #expect(diagnostic.location.line == line, "\(diagnostic)")
        #expect(diagnostic.location.column <= column + 1, "\(diagnostic)")
    }

    @Test(
        "A refusal of a workflow value quotes at most 80 characters of it (found by zhengdun-fuzz: an unknown role 4,000 characters long)")
    func longValuesInDiagnostics() throws {
        let minimal = try Fixtures.text(Fixtures.folder.appendingPathComponent("workflows/minimal.yaml"))
        let long = minimal.replacingOccurrences(of: "responsible: secretary", with: "responsible: " + String(repeating: "整顿", count: 2_000))
        do {
            _ = try Workflow.load(long, file: "w.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("unknown role"), "\(error)")
            #expect(error.description.utf8.count < 600, "\(error.description.utf8.count) bytes")
        }
    }
}
