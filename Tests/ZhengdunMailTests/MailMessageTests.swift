import Foundation
import Testing
@testable import ZhengdunMail

/// Parses a message with Python's `email` package (policy=default), an independent reader, and
/// returns the headers asked for and the body, as JSON.
func parsedByPython(_ message: Data, headers: [String]) throws -> [String: Any] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-mail-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("message.eml")
    try message.write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", """
        import email, email.policy, json, sys
        message = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
        out = {name: str(message[name]) for name in sys.argv[2:] if message[name] is not None}
        out['_keys'] = [key for key in message.keys()]
        out['_body'] = message.get_content()
        out['_defects'] = [str(d) for d in message.defects]
        print(json.dumps(out, ensure_ascii=False))
        """, file.path] + headers
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try JSONSerialization.jsonObject(with: output) as! [String: Any]
}

@Suite("Messages as RFC 5322 with MIME")
struct MailMessageTests {
    let date = Date(timeIntervalSince1970: 1_772_618_400)  // 2026-03-04 18:00 Beijing time

    func message(subject: String, text: String, name: String = "李四") throws -> MailMessage {
        MailMessage(from: try MailAddress.parse("镇组织办 <zzb@town.example.cn>"), to: [try MailAddress(name: name, address: "lisi@town.example.cn")],
                    subject: subject, text: text, date: date, messageID: "T12.reminder.3wd.d1.li-si@zhengdun")
    }

    @Test("Chinese subject, names and body round-trip exactly through an independent parser")
    func roundTrip() throws {
        let subject = "【督办·第三级】T12 听取党员和群众意见 已逾期（XX村），请立即办理并报送办结情况，逾期将予通报"
        let body = "李四同志：\n\n您承办的任务已超过办结时限 7 个工作日。\n  任务：T12 听取党员和群众意见\n"
        let parsed = try parsedByPython(try message(subject: subject, text: body).rendered(), headers: ["Subject", "From", "To", "Date", "Message-ID"])
        #expect(parsed["Subject"] as? String == subject)
        #expect(parsed["From"] as? String == "镇组织办 <zzb@town.example.cn>")
        #expect(parsed["To"] as? String == "李四 <lisi@town.example.cn>")
        #expect(parsed["Date"] as? String == "Wed, 04 Mar 2026 18:00:00 +0800")
        #expect(parsed["Message-ID"] as? String == "<T12.reminder.3wd.d1.li-si@zhengdun>")
        #expect((parsed["_body"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == body)
        #expect((parsed["_defects"] as? [String])?.isEmpty == true)
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
        #expect((parsed["_keys"] as? [String]) == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"])
        #expect(parsed["Subject"] as? String == "办结  Bcc: x@example.org")
        #expect((parsed["_body"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == note.replacingOccurrences(of: "\r\n", with: "\n"))
        // No line of the message on the wire is a lone dot.
        #expect(!String(decoding: rendered, as: UTF8.self).components(separatedBy: "\r\n").contains("."))
    }

    @Test("A report goes as text with an HTML alternative, both read back whole")
    func htmlAlternative() throws {
        var report = try message(subject: "【整顿工作进展周报】2026-03-09", text: "整顿工作进展周报\n  P1 XX村  红灯\n")
        report.html = "<html><body><h1>整顿工作进展周报</h1><p>P1 XX村 &lt;红灯&gt;</p></body></html>"
        let rendered = report.rendered()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-mail-\(UUID().uuidString).eml")
        try rendered.write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import email, email.policy, json, sys
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            print(json.dumps({'type': m.get_content_type(), 'parts': [[p.get_content_type(), p.get_content()] for p in m.iter_parts()],
                              'text': m.get_body(('plain',)).get_content(), 'html': m.get_body(('html',)).get_content(),
                              'defects': [str(d) for d in m.defects]}, ensure_ascii=False))
            """, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let parsed = try JSONSerialization.jsonObject(with: pipe.fileHandleForReading.readDataToEndOfFile()) as! [String: Any]
        process.waitUntilExit()
        #expect(parsed["type"] as? String == "multipart/alternative")
        #expect((parsed["parts"] as? [[String]])?.map { $0[0] } == ["text/plain", "text/html"])
        #expect((parsed["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == report.text)
        #expect((parsed["html"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == report.html)
        #expect((parsed["defects"] as? [String])?.isEmpty == true)
    }

    @Test("Addresses are checked", arguments: ["lisi", "li si@town.cn", "lisi@town", "<lisi@town.cn>", "lisi@town.cn\r\nBcc: x@y.cn", "@town.cn"])
    func badAddress(_ address: String) {
        #expect(throws: MailError.self) { try MailAddress(address: address) }
    }

    @Test("Base64 agrees with the standard's examples")
    func base64() {
        #expect(["", "f", "fo", "foo", "foob", "fooba", "foobar"].map { Base64.encode(Array($0.utf8)) }
                == ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"])
    }
}
