import Foundation
import Testing

@testable import ZhengdunMail

/// Runs `script` with Python, an independent reader, on `message` saved to a file (`sys.argv[1]`,
/// then `arguments`); the JSON it prints.
func python(_ script: String, reading message: Data, _ arguments: [String] = []) throws -> [String: Any] {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-mail-\(UUID().uuidString).eml")
    try message.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, file.path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try JSONSerialization.jsonObject(with: output) as! [String: Any]
}

/// Parses a message with Python's `email` package (policy=default) and returns the headers
/// asked for and the body.
func parsedByPython(_ message: Data, headers: [String]) throws -> [String: Any] {
    try python(
        """
        import email, email.policy, json, sys
        message = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
        out = {name: str(message[name]) for name in sys.argv[2:] if message[name] is not None}
        out['_keys'] = [key for key in message.keys()]
        out['_body'] = message.get_content()
        out['_defects'] = [str(d) for d in message.defects]
        print(json.dumps(out, ensure_ascii=False))
        """, reading: message, headers)
}

@Suite("Messages as RFC 5322 with MIME")
struct MailMessageTests {
    let date = Date(timeIntervalSince1970: 1_772_618_400)  // 2026-03-04 18:00 Beijing time

    func message(subject: String, text: String, name: String = "李四") throws -> MailMessage {
        MailMessage(
            from: try MailAddress.parse("镇组织办 <zzb@town.example.cn>"), to: [try MailAddress(name: name, address: "lisi@town.example.cn")],
            subject: subject, text: text, date: date, messageID: "T12.reminder.3wd.d1.li-si@zhengdun")
    }

    @Test("Chinese subject, names and body round-trip exactly through an independent parser")
    func roundTrip() throws {
        let subject = "【督办·第三级】T12 听取党员和群众意见 已逾期（XX村），请立即办理并报送办结情况，逾期将予通报"
        let body = "李四同志：\n\n您承办的任务已超过办结时限 7 个工作日。\n  任务：T12 听取党员和群众意见\n"
        let parsed = try parsedByPython(
            try message(subject: subject, text: body).rendered(), headers: ["Subject", "From", "To", "Date", "Message-ID"])
        #expect(parsed["Subject"] as? String == subject)
        #expect(parsed["From"] as? String == "镇组织办 <zzb@town.example.cn>")
        #expect(parsed["To"] as? String == "李四 <lisi@town.example.cn>")
        #expect(parsed["Date"] as? String == "Wed, 04 Mar 2026 18:00:00 +0800")
        #expect(parsed["Message-ID"] as? String == "<T12.reminder.3wd.d1.li-si@zhengdun>")
        #expect((parsed["_body"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == body)
        #expect((parsed["_defects"] as? [String])?.isEmpty == true)
    }

    @Test("The Date header keeps each zone's offset at each instant, however instants and zones alternate")
    func dateHeaderOffsets() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        let summer = Date(timeIntervalSince1970: 1_783_000_000)  // 2026-07-02 13:46:40 UTC
        let cases: [(Date, TimeZone, String)] = [
            (date, shanghai, "Wed, 04 Mar 2026 18:00:00 +0800"), (date, berlin, "Wed, 04 Mar 2026 11:00:00 +0100"),
            (date, berlin, "Wed, 04 Mar 2026 11:00:00 +0100"), (summer, berlin, "Thu, 02 Jul 2026 15:46:40 +0200"),
            (date, berlin, "Wed, 04 Mar 2026 11:00:00 +0100"), (summer, shanghai, "Thu, 02 Jul 2026 21:46:40 +0800"),
            (date, shanghai, "Wed, 04 Mar 2026 18:00:00 +0800"),
        ]
        for (instant, zone, expected) in cases {
            #expect(MailMessage.rfc5322Date(instant, zone: zone) == expected, "\(zone.identifier)")
        }
    }

    @Test(
        "Subjects of one- to four-byte characters at every length, and every kind of line ending, come back exactly",
        arguments: [0, 1, 11, 12, 13, 35, 36, 37, 60, 61, 80])
    func everyWidth(_ length: Int) throws {
        // Characters of one, two, three and four UTF-8 bytes, so that words end at every offset.
        let characters: [Character] = ["a", "é", "整", "𠀋", "顿", " ", "1", "🏮"]
        let subject = String((0..<length).map { characters[($0 * 7 + length) % characters.count] })
        let body = "第一行\r\n第二行\r第三行\n\n第五行\r\r末行\r"
        let rendered = try message(subject: subject, text: body).rendered()
        let parsed = try parsedByPython(rendered, headers: ["Subject"])
        // The parser folds surrounding white space of an unencoded subject; ours never has any that matters.
        #expect((parsed["Subject"] as? String) == subject.trimmingCharacters(in: .whitespaces) || (parsed["Subject"] as? String) == subject)
        // Every line ending went as CRLF: the parser hands back exactly one per line.
        #expect(parsed["_body"] as? String == "第一行\r\n第二行\r\n第三行\r\n\r\n第五行\r\n\r\n末行\r\n")
        #expect((parsed["_defects"] as? [String])?.isEmpty == true)
        for line in String(decoding: rendered, as: UTF8.self).components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
    }

    @Test("Every header line stays under 78 characters, and the body lines under 78 too")
    func lineLengths() throws {
        let rendered = try message(subject: String(repeating: "整顿工作逾期情况通报", count: 8), text: String(repeating: "长", count: 500)).rendered()
        let lines = String(decoding: rendered, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(!String(decoding: rendered, as: UTF8.self).contains("\n\n"))  // every line ends in CRLF
    }

    @Test("A name or subject carrying CR LF cannot add a header, and a note with a lone dot cannot end the body")
    func headerInjection() throws {
        #expect(throws: MailError.self) { try MailAddress(name: "李四\r\nBcc: x@example.org", address: "lisi@town.example.cn") }
        let note = "已完成。\r\n.\r\n后续：另有补充\r\nBcc: y@example.org"
        let rendered = try message(subject: "办结\r\nBcc: x@example.org", text: note).rendered()
        let parsed = try parsedByPython(rendered, headers: ["Subject", "Bcc"])
        #expect(parsed["Bcc"] == nil)
        #expect(
            (parsed["_keys"] as? [String]) == [
                "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
            ])
        #expect(parsed["Subject"] as? String == "办结  Bcc: x@example.org")
        #expect(
            (parsed["_body"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == note.replacingOccurrences(of: "\r\n", with: "\n"))
        // No line of the message on the wire is a lone dot.
        #expect(!String(decoding: rendered, as: UTF8.self).components(separatedBy: "\r\n").contains("."))
    }

    @Test("A report goes as text with an HTML alternative, both read back whole")
    func htmlAlternative() throws {
        var report = try message(subject: "【整顿工作进展周报】2026-03-09", text: "整顿工作进展周报\n  P1 XX村  红灯\n")
        report.html = "<html><body><h1>整顿工作进展周报</h1><p>P1 XX村 &lt;红灯&gt;</p></body></html>"
        let parsed = try python(
            """
            import email, email.policy, json, sys
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            print(json.dumps({'type': m.get_content_type(), 'parts': [[p.get_content_type(), p.get_content()] for p in m.iter_parts()],
                              'text': m.get_body(('plain',)).get_content(), 'html': m.get_body(('html',)).get_content(),
                              'defects': [str(d) for d in m.defects]}, ensure_ascii=False))
            """, reading: report.rendered())
        #expect(parsed["type"] as? String == "multipart/alternative")
        #expect((parsed["parts"] as? [[String]])?.map { $0[0] } == ["text/plain", "text/html"])
        #expect((parsed["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == report.text)
        #expect((parsed["html"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == report.html)
        #expect((parsed["defects"] as? [String])?.isEmpty == true)
    }

    /// What Python's `email` reads from a message with attachments: its structure, the body's
    /// text and HTML, each attachment's name, type and bytes (base64), and the names a reader
    /// of the legacy API (compat32, which knows no RFC 2231) sees.
    func attachmentsByPython(_ message: Data) throws -> [String: Any] {
        try python(
            """
            import base64, email, email.policy, json, sys
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            legacy = email.message_from_binary_file(open(sys.argv[1], 'rb'))
            text, html = m.get_body(('plain',)), m.get_body(('html',))
            print(json.dumps({'types': [p.get_content_type() for p in m.walk()], 'defects': [str(d) for d in m.defects],
                              'text': text.get_content() if text else None, 'html': html.get_content() if html else None,
                              'attachments': [[a.get_filename(), a.get_content_type(), base64.b64encode(a.get_payload(decode=True)).decode()]
                                              for a in m.iter_attachments()],
                              'legacy': [p.get_filename() for p in legacy.walk() if p.get_content_disposition() == 'attachment']},
                             ensure_ascii=False))
            """, reading: message)
    }

    @Test(
        "A report with its page attached: the body stays text with an HTML alternative, and the file comes back byte for byte under its Chinese name"
    )
    func attachment() throws {
        var report = try message(subject: "【整顿工作进展周报】2026-03-09", text: "整顿工作进展周报\n  P1 XX村  红灯\n")
        report.html = "<p>整顿工作进展周报</p>"
        // Bare LF, CRLF and a lone CR all stay as they are: the file is not text to the mail.
        let page = Array("<!DOCTYPE html>\n<p>甘特图 &amp; 红灯</p>\r\n--=_mixed_x\r<p>.</p>\n".utf8)
        report.attachments = [
            MailAttachment(
                filename: "整顿工作进展报告-2026-03-09.html", fallbackFilename: "progress-report-2026-03-09.html",
                mediaType: "text/html", charset: "UTF-8", content: page)
        ]
        let rendered = report.rendered()
        let parsed = try attachmentsByPython(rendered)
        #expect(parsed["types"] as? [String] == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/html"])
        #expect((parsed["defects"] as? [String])?.isEmpty == true)
        #expect((parsed["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == report.text)
        #expect((parsed["html"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == report.html)
        let attachments = parsed["attachments"] as! [[String]]
        #expect(attachments.count == 1)
        #expect(attachments.first?[0] == "整顿工作进展报告-2026-03-09.html")
        #expect(attachments.first?[1] == "text/html")
        #expect(attachments.first.flatMap { Data(base64Encoded: $0[2]) } == Data(page))
        #expect(parsed["legacy"] as? [String] == ["progress-report-2026-03-09.html"])
        let lines = String(decoding: rendered, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
    }

    @Test("A long Chinese file name goes in RFC 2231 continuations under 78 characters a line; text alone and two files mix too")
    func longFilename() throws {
        var notice = try message(subject: "附件", text: "见附件。\n")
        let long = String(repeating: "整顿工作进展报告", count: 6) + ".html"
        notice.attachments = [
            MailAttachment(
                filename: long, fallbackFilename: "整顿 report \"1\"\r\nBcc: x@y.cn.html", mediaType: "text/html", charset: "UTF-8",
                content: Array("<p>一</p>".utf8)),
            MailAttachment(
                filename: "data.bin", fallbackFilename: "data.bin", mediaType: "application/octet-stream", content: [0, 255, 13, 10, 0x2D]),
        ]
        let rendered = notice.rendered()
        let text = String(decoding: rendered, as: UTF8.self)
        #expect(text.contains("filename*1*="))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let parsed = try attachmentsByPython(rendered)
        #expect(parsed["types"] as? [String] == ["multipart/mixed", "text/plain", "text/html", "application/octet-stream"])
        #expect((parsed["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == notice.text)
        let attachments = parsed["attachments"] as! [[String]]
        #expect(attachments.map { $0[0] } == [long, "data.bin"])
        #expect(attachments.last.flatMap { Data(base64Encoded: $0[2]) } == Data([0, 255, 13, 10, 0x2D]))
        // The plain name keeps only what is safe inside quotes: no header can ride in on it.
        #expect(parsed["legacy"] as? [String] == ["___report__1___Bcc__x_y.cn.html", "data.bin"])
    }

    @Test(
        "Addresses are checked",
        arguments: ["lisi", "li si@town.cn", "lisi@town", "<lisi@town.cn>", "lisi@town.cn\r\nBcc: x@y.cn", "@town.cn"])
    func badAddress(_ address: String) {
        #expect(throws: MailError.self) { try MailAddress(address: address) }
    }

    @Test("Base64 agrees with the standard's examples")
    func base64() {
        #expect(
            ["", "f", "fo", "foo", "foob", "fooba", "foobar"].map { Base64.encode(Array($0.utf8)) }
                == ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"])
    }

    @Test("Base64 in lines agrees with Foundation's at every length around a line's end, for every byte value")
    func base64Lines() {
        let bytes = (0..<400).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
        for count in [0, 1, 2, 3, 56, 57, 58, 59, 113, 114, 115, 171, 256, 400] {
            let input = Array(bytes.prefix(count))
            let expected = Data(input).base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ])
            #expect(String(decoding: Base64.lines(input), as: UTF8.self) == (count == 0 ? "" : expected + "\r\n"), "\(count) bytes")
        }
    }

    @Test(
        "Line ends become CR LF, whether the text has carriage returns or only line feeds",
        arguments: ["", "\n", "\n\n", "一", "一\n", "\n一", "一\n二\n\n三", "一\r二\r\n三\n", "\r", "\r\n\r\n", "末\r"])
    func lineEnds(_ text: String) {
        let expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        #expect(MailMessage.crlf(text) == Array(expected.utf8))
    }
}
