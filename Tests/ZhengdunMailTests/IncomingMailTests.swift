import Foundation
import TestSupport
import Testing

@testable import ZhengdunMail

/// Whether python3 with its `email` package is there to write messages independently.
private let pythonWriterAvailable: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import email, email.policy, email.mime.multipart"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

private let pythonWriterNeeded: String = "python3 (Debian package python3) writes these messages with its email package"

/// The bytes of the message `script` writes to standard output with Python's `email` package, an
/// independent writer of MIME.
private func composedByPython(_ script: String) throws -> [UInt8] {
    try #require(pythonWriterAvailable, Comment(rawValue: pythonWriterNeeded))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let prelude = """
        import sys, email, email.policy
        from email.mime.text import MIMEText
        from email.mime.multipart import MIMEMultipart
        from email.mime.base import MIMEBase
        from email.message import Message
        from email.header import Header
        from email.charset import Charset, BASE64, QP
        from email import encoders

        """
    process.arguments = ["python3", "-c", prelude + script]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "python3 failed writing the message")
    return [UInt8](output)
}

private func parse(_ text: String) throws -> IncomingMail { try IncomingMail.parse(Array(text.utf8)) }

/// Bytes the Python tests attach, so that both sides know them.
private let docxBytes: [UInt8] = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
private let jpegBytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 13 ^ $0 >> 3) } + [0xFF, 0xD9]
private let pythonBytes = """
    docx = bytes((i * 7 + 3) % 256 for i in range(1000))
    jpeg = bytes([0xFF, 0xD8, 0xFF, 0xE0]) + bytes(((i * 13) ^ (i >> 3)) % 256 for i in range(3000)) + bytes([0xFF, 0xD9])

    """

@Suite("Incoming mail written by Python's email package", needs(pythonWriterAvailable, Comment(rawValue: pythonWriterNeeded)))
struct IncomingMailPythonTests {
    @Test("A GB18030 text/plain reply in base64, with a GB18030 subject and a quoted notice")
    func gb18030Base64() throws {
        let mail = try IncomingMail.parse(
            try composedByPython(
                """
                cs = Charset('gb18030'); cs.body_encoding = BASE64
                m = MIMEText('已于3月3日召开党员大会，听取意见12条，整改已完成。\\n\\n在 2026年3月3日 星期二 10:00，镇组织办 <zzb@town.example.cn> 写道：\\n> 请报送T12办理情况。\\n', 'plain', cs)
                m['From'] = Header('李四', 'gb18030').encode() + ' <LiSi@Village.Example.CN>'
                m['To'] = 'zzb+T12@town.example.cn'
                m['Subject'] = Header('回复：【督办】T12 听取党员和群众意见', 'gb18030')
                m['Message-ID'] = '<reply-1@village.example.cn>'
                m['In-Reply-To'] = '<T12.reminder.3wd.d1.li-si@zhengdun>'
                m['Date'] = 'Tue, 03 Mar 2026 11:00:00 +0800'
                sys.stdout.buffer.write(m.as_bytes())
                """))
        #expect(mail.subject == "回复：【督办】T12 听取党员和群众意见")
        #expect(mail.from == "LiSi@village.example.cn")
        #expect(mail.header("from")?.hasPrefix("李四") == true)
        #expect(mail.recipients == ["zzb+T12@town.example.cn"])
        #expect(mail.messageID == "reply-1@village.example.cn")
        #expect(mail.inReplyTo == ["T12.reminder.3wd.d1.li-si@zhengdun"])
        #expect(mail.text.contains("听取意见12条"))
        #expect(ReplyText.newText(mail.text) == "已于3月3日召开党员大会，听取意见12条，整改已完成。")
        #expect(mail.automatic == nil)
        #expect(mail.attachments.isEmpty)
    }

    @Test("A Big5 quoted-printable reply")
    func big5QuotedPrintable() throws {
        let mail = try IncomingMail.parse(
            try composedByPython(
                """
                cs = Charset('big5'); cs.body_encoding = QP; cs.header_encoding = QP
                m = MIMEText('已辦結，會議紀錄見附件。\\n\\n-----原始郵件-----\\n寄件者: 鎮組織辦\\n', 'plain', cs)
                m['From'] = 'chen@village.example.tw'
                m['Subject'] = Header('回覆：辦理情況', cs)
                m['Date'] = 'Tue, 03 Mar 2026 11:00:00 +0800'
                sys.stdout.buffer.write(m.as_bytes(policy=email.policy.compat32.clone(linesep='\\r\\n')))
                """))
        #expect(mail.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(mail.subject == "回覆：辦理情況")
        #expect(ReplyText.newText(mail.text) == "已辦結，會議紀錄見附件。")
    }

    @Test("An HTML-only reply quoting in QQ邮箱's way")
    func qqHTML() throws {
        let html = """
            <html><head><meta charset="utf-8"><style>p{color:red}</style></head><body>
            <div>已完成&nbsp;整改，共&lt;3&gt;项。</div><div><br></div>
            <div style="font-size: 12px;font-family: Arial Narrow;padding:2px 0 2px 0;">------------------&nbsp;原始邮件&nbsp;------------------</div>
            <div style="font-size: 12px;background:#efefef;padding:8px;"><div><b>发件人:</b>&nbsp;"镇组织办"&lt;zzb@town.example.cn&gt;;</div>
            <div><b>发送时间:</b>&nbsp;2026年3月3日(星期二) 上午10:00</div><div><b>收件人:</b>&nbsp;"李四"&lt;lisi@village.example.cn&gt;;</div>
            <div><b>主题:</b>&nbsp;T12</div></div><blockquote id="isReplyContent">请报送&#20013;&#x6587;。</blockquote></body></html>
            """
        let mail = try IncomingMail.parse(
            try composedByPython(
                """
                m = MIMEText(sys.argv[1], 'html', 'utf-8')
                m['From'] = '"李四" <lisi@qq.com>'
                m['Subject'] = '回复：T12'
                m['Date'] = 'Tue, 03 Mar 2026 11:00:00 +0800'
                sys.stdout.buffer.write(m.as_bytes())
                """.replacingOccurrences(of: "sys.argv[1]", with: "'''\(html)'''")))
        #expect(!mail.text.contains("color"))
        #expect(mail.text.contains("> 请报送中文。"))
        #expect(ReplyText.newText(mail.text) == "已完成 整改，共<3>项。")
    }

    @Test("An Outlook reply with its header block under a rule")
    func outlookQuote() throws {
        let mail = try IncomingMail.parse(
            try composedByPython(
                """
                m = MIMEMultipart('alternative')
                m.attach(MIMEText('收到，马上办理。\\n\\n________________________________\\n发件人: 镇组织办 <zzb@town.example.cn>\\n发送时间: 2026年3月3日 10:00\\n收件人: 李四 <lisi@village.example.cn>\\n主题: T12\\n\\n请报送。\\n', 'plain', 'utf-8'))
                m.attach(MIMEText('<p>收到，马上办理。</p><div id="divRplyFwdMsg"><b>发件人:</b> 镇组织办</div>', 'html', 'utf-8'))
                m['From'] = 'Li Si <lisi@village.example.cn>'
                m['Subject'] = 'RE: T12'
                m['Date'] = 'Tue, 03 Mar 2026 11:00:00 +0800'
                m['X-Auto-Response-Suppress'] = 'All'
                m['References'] = '<a@x> <T12@zhengdun>'
                m['In-Reply-To'] = '<T12@zhengdun>'
                sys.stdout.buffer.write(m.as_bytes(policy=email.policy.default))
                """))
        #expect(mail.text.hasPrefix("收到，马上办理。\n\n____"))  // the plain alternative, not the HTML
        #expect(ReplyText.newText(mail.text) == "收到，马上办理。")
        #expect(mail.inReplyTo == ["T12@zhengdun", "a@x"])
        #expect(mail.automatic == nil)  // Outlook's X-Auto-Response-Suppress is on a person's mail too
    }

    @Test("Two attachments with Chinese names, RFC 2231 and RFC 2047, come back byte for byte")
    func attachments() throws {
        let mail = try IncomingMail.parse(
            try composedByPython(
                pythonBytes + """
                    m = MIMEMultipart('mixed')
                    m.attach(MIMEText('附件是整改说明和签到表。', 'plain', 'utf-8'))
                    doc = MIMEBase('application', 'vnd.openxmlformats-officedocument.wordprocessingml.document')
                    doc.set_payload(docx); encoders.encode_base64(doc)
                    doc.add_header('Content-Disposition', 'attachment', filename=('utf-8', '', '整改情况说明.docx'))
                    m.attach(doc)
                    jpg = MIMEBase('image', 'jpeg')
                    jpg.set_payload(jpeg); encoders.encode_base64(jpg)
                    name = Header('签到表.jpg', 'gbk').encode()
                    jpg['Content-Disposition'] = 'attachment; filename="%s"' % name
                    jpg.set_param('name', name)
                    m.attach(jpg)
                    m['From'] = 'lisi@village.example.cn'
                    m['Subject'] = 'Re: T12'
                    m['Date'] = 'Tue, 03 Mar 2026 11:00:00 +0800'
                    sys.stdout.buffer.write(m.as_bytes(policy=email.policy.compat32))
                    """))
        #expect(mail.text == "附件是整改说明和签到表。")
        try #require(mail.attachments.count == 2)
        #expect(mail.attachments[0].name == "整改情况说明.docx")
        #expect(mail.attachments[0].contentType == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(mail.attachments[0].data == docxBytes)
        #expect(mail.attachments[0].isInline == false)
        #expect(mail.attachments[1].name == "签到表.jpg")
        #expect(mail.attachments[1].contentType == "image/jpeg")
        #expect(mail.attachments[1].data == jpegBytes)
    }

    @Test("A bounce as Postfix writes it: the original's id and the failed recipient")
    func postfixBounce() throws {
        let mail = try IncomingMail.parse(
            try composedByPython(
                """
                m = MIMEMultipart('report', report_type='delivery-status')
                m['Return-Path'] = '<>'
                m['From'] = 'MAILER-DAEMON@mail.town.example.cn (Mail Delivery System)'
                m['Subject'] = 'Undelivered Mail Returned to Sender'
                m['To'] = 'zzb@town.example.cn'
                m['Auto-Submitted'] = 'auto-replied'
                m['Date'] = 'Tue, 03 Mar 2026 10:00:05 +0800 (CST)'
                m['Message-Id'] = '<20260303020005.1A2B3C@mail.town.example.cn>'
                note = MIMEText("This is the mail system at host mail.town.example.cn.\\n\\nI'm sorry to have to inform you that your message could not\\nbe delivered to one or more recipients.\\n", 'plain', 'us-ascii')
                note['Content-Description'] = 'Notification'
                m.attach(note)
                status = MIMEBase('message', 'delivery-status')
                permessage = Message(); permessage['Reporting-MTA'] = 'dns; mail.town.example.cn'; permessage['X-Postfix-Queue-ID'] = '1A2B3C'
                recipient = Message()
                recipient['Final-Recipient'] = 'rfc822; wangwu@village.example.cn'
                recipient['Original-Recipient'] = 'rfc822;wangwu@village.example.cn'
                recipient['Action'] = 'failed'
                recipient['Status'] = '5.1.1'
                recipient['Diagnostic-Code'] = 'smtp; 550 5.1.1 <wangwu@village.example.cn>: Recipient address rejected: User unknown'
                status.set_payload([permessage, recipient])
                status['Content-Description'] = 'Delivery report'
                m.attach(status)
                headers = MIMEBase('text', 'rfc822-headers')
                headers.set_payload('From: zzb@town.example.cn\\nTo: wangwu@village.example.cn\\nSubject: T12\\nMessage-ID: <T12.reminder.3wd.d1.wang-wu@zhengdun>\\n')
                headers['Content-Description'] = 'Undelivered Message Headers'
                m.attach(headers)
                sys.stdout.buffer.write(m.as_bytes(policy=email.policy.compat32))
                """))
        #expect(
            mail.automatic
                == .deliveryStatus(
                    DeliveryStatus(
                        originalMessageID: "T12.reminder.3wd.d1.wang-wu@zhengdun", failedRecipients: ["wangwu@village.example.cn"],
                        permanent: true)))
        #expect(mail.attachments.isEmpty)
    }

    @Test("An auto-reply marked Auto-Submitted: auto-replied")
    func autoReply() throws {
        let mail = try IncomingMail.parse(
            try composedByPython(
                """
                m = MIMEText('我正在休假，3月10日返回。', 'plain', 'utf-8')
                m['From'] = 'lisi@village.example.cn'
                m['Subject'] = 'Re: T12'
                m['Auto-Submitted'] = 'auto-replied'
                m['Date'] = 'Tue, 03 Mar 2026 11:00:00 +0800'
                sys.stdout.buffer.write(m.as_bytes())
                """))
        #expect(mail.automatic == .autoReply)
    }
}

@Suite("Incoming mail")
struct IncomingMailTests {
    // MARK: Not mail

    @Test("Empty input, no header section, no known header, binary junk and oversize are refused")
    func notMail() {
        let cases: [[UInt8]] = [
            [],
            Array("Hello, this is just text.\nFrom: a@b.cn\n".utf8),
            Array("\nFrom: a@b.cn\n\nbody".utf8),
            Array("X-Thing: 1\nContent-Type: text/plain\n\nbody".utf8),
            [0x00, 0x01, 0xFF, 0xFE, 0x3A, 0x20, 0x0A, 0x0A, 0x89, 0x50],
            Array(" folded: first\nFrom: a@b.cn\n\n".utf8),
        ]
        for bytes in cases {
            #expect(throws: IncomingMailError.self) { try IncomingMail.parse(bytes) }
        }
        var random = SplitMix(seed: 7)
        for _ in 0..<100 {
            let junk = (0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(throws: IncomingMailError.self) { try IncomingMail.parse(junk) }
        }
        do {
            _ = try IncomingMail.parse([UInt8](repeating: 0x41, count: IncomingMail.maximumSize + 1))
            Issue.record("an oversize message was read")
        } catch {
            #expect(error.description == "the message is 33554433 bytes, more than the 33554432 read")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("Lenient: LF ends, no blank line, an mbox From line, folding, raw UTF-8 and GBK headers")
    func lenientHeaders() throws {
        let mbox = try parse("From lisi@village.example.cn Tue Mar  3 11:00:00 2026\nSubject: a\n long\n\tsubject\nFrom: b@c.cn")
        #expect(mbox.subject == "a long\tsubject")
        #expect(mbox.from == "b@c.cn")
        #expect(mbox.text == "")
        let utf8 = try parse("From: 李四 <lisi@village.example.cn>\r\nSubject: 回复：办结\r\n\r\n好的\r\n")
        #expect(utf8.subject == "回复：办结")
        #expect(utf8.text == "好的\n")
        // GBK for 回复 办结 as a Chinese Windows client writes a raw header.
        let gbk: [UInt8] =
            Array("Subject: ".utf8) + [0xBB, 0xD8, 0xB8, 0xB4, 0x20, 0xB0, 0xEC, 0xBD, 0xE1] + Array("\nFrom: a@b.cn\n\nx".utf8)
        #expect(try IncomingMail.parse(gbk).subject == "回复 办结")
    }

    @Test("Addresses, recipients and ids")
    func addresses() throws {
        let mail = try parse(
            """
            Delivered-To: zzb+T12@town.example.cn
            From: "Li, Si (李四)" <Li.Si@Village.EXAMPLE.cn>
            To: 镇组织办 <zzb+T12@Town.example.cn>, undisclosed-recipients:;
            Cc: wang@x.cn (王五), "Zhao" <zhao@y.cn>
            X-Original-To: zzb+t12@town.example.cn
            Message-ID: <abc@def>
            In-Reply-To: <one@zhengdun>
            References: <zero@zhengdun>
             <one@zhengdun>
            Subject: =?UTF-8?B?5Zue5aSN?=

            ok
            """)
        #expect(mail.from == "Li.Si@village.example.cn")
        #expect(mail.recipients == ["zzb+T12@town.example.cn", "wang@x.cn", "zhao@y.cn"])
        #expect(mail.messageID == "abc@def")
        #expect(mail.inReplyTo == ["one@zhengdun", "zero@zhengdun"])
        #expect(mail.subject == "回复")
        #expect(mail.header("SUBJECT") == "回复")
        #expect(try parse("From: not an address\nSubject: x\n\n").from == nil)
    }

    // MARK: Charsets and encoded-words

    @Test(
        "Each charset through iconv, invalid bytes as U+FFFD",
        arguments: [
            ("gb2312", [0xD6, 0xD0, 0xCE, 0xC4] as [UInt8], "中文"),
            ("GBK", [0x95, 0x4C], "昄"),  // a GBK character outside GB2312
            ("gb18030", [0x81, 0x30, 0x81, 0x30], "\u{80}"),
            ("big5", [0xA4, 0xA4, 0xA4, 0xE5], "中文"),
            ("big5-hkscs", [0x88, 0x40], "㇀"),  // an HKSCS character outside Big5
            ("iso-8859-1", [0x63, 0x61, 0x66, 0xE9], "café"),
            ("windows-1252", [0x80, 0x93, 0x94], "€“”"),
            ("us-ascii", [0x61, 0x62], "ab"),
            ("utf-8", [0xE4, 0xB8, 0xAD, 0xFF], "中\u{FFFD}"),
            ("x-unknown", [0xE4, 0xB8, 0xAD], "中"),
            ("x-unknown", [0xD6, 0xD0], "中"),
            ("gbk", [0xD6, 0xD0, 0xFF, 0xCE, 0xC4], "中\u{FFFD}文"),
        ])
    func charsets(label: String, bytes: [UInt8], text: String) {
        #expect(Charset.decode(bytes, label: label) == text)
    }

    @Test("RFC 2047 words: B and Q, adjacent words joined, a character split between two words")
    func encodedWords() {
        #expect(EncodedWord.decode("=?GB2312?B?1tDOxA==?=") == "中文")
        #expect(EncodedWord.decode("=?big5?Q?=A4=A4=A4=E5?= x") == "中文 x")
        #expect(EncodedWord.decode("=?iso-8859-1?q?caf=E9_au_lait?=") == "café au lait")
        #expect(EncodedWord.decode("=?UTF-8?B?5Lit?= \r\n =?UTF-8?B?5paH?=") == "中文")
        // 中 is E4 B8 AD in UTF-8: split after its first byte.
        #expect(EncodedWord.decode("=?utf-8?B?5A==?= =?utf-8?B?uK0=?=") == "中")
        #expect(EncodedWord.decode("=?gbk?B?1g==?==?gbk?B?0A==?=") == "中")
        #expect(EncodedWord.decode("Re: =?utf-8?B?5Lit?= and =?utf-8?B?5paH?=") == "Re: 中 and 文")
        #expect(EncodedWord.decode("=?utf-8?B?not closed") == "=?utf-8?B?not closed")
        #expect(EncodedWord.decode("=?utf-8*zh?B?5Lit?=") == "中")
    }

    @Test("Base64 and quoted-printable, leniently")
    func transferEncodings() {
        #expect(TransferEncoding.base64(Array("5L\r\n it!*5paH".utf8)[...]) == Array("中文".utf8))
        #expect(TransferEncoding.base64(Array("YWJj\nZA".utf8)[...]) == Array("abcd".utf8))
        #expect(TransferEncoding.base64(Array("YQ==YWI=".utf8)[...]) == Array("aab".utf8))
        #expect(
            TransferEncoding.quotedPrintable(Array("a=3D=3db=\r\nc= \nd=ZZ=4".utf8)[...], underscoreIsSpace: false)
                == Array("a==bcd=ZZ=4".utf8))
    }

    // MARK: MIME parameters and attachments

    @Test("RFC 2231 continuations in GBK, RFC 2047 names, path and control characters stripped")
    func parameters() {
        let continued = MIMEParameters("attachment; filename*0*=gbk''%D5%FB%B8%C4; filename*1*=%C7%E9%BF%F6.docx; size=3")
        #expect(continued.value == "attachment")
        #expect(continued["filename"] == "整改情况.docx")
        #expect(continued["size"] == "3")
        #expect(MIMEParameters("attachment; filename*=UTF-8''%E9%80%9A.docx")["filename"] == "通.docx")
        #expect(MIMEParameters("Attachment; FILENAME*0=\"a b\"; filename*1=\".txt\"")["filename"] == "a b.txt")
        #expect(MIMEParameters("image/png; name=\"=?UTF-8?B?5Lit?=.png\"")["name"] == "中.png")
        #expect(MIMEParameters("text/plain; charset=\"gb2312\"; format=flowed")["charset"] == "gb2312")
        #expect(MIMEWalker.safeName("../../etc/passwd", number: 1, mediaType: "x/y") == "passwd")
        #expect(MIMEWalker.safeName("C:\\Users\\李四\\签到表.jpg", number: 1, mediaType: "x/y") == "签到表.jpg")
        #expect(MIMEWalker.safeName("a\u{0}b\u{1B}\r\n.txt", number: 1, mediaType: "x/y") == "ab.txt")
        #expect(MIMEWalker.safeName("..", number: 2, mediaType: "image/png") == "attachment-2.png")
    }

    @Test("Multipart: preamble and epilogue, trailing white space, nested boundaries, no closing delimiter")
    func multipart() throws {
        let mail = try parse(
            """
            From: a@b.cn
            Subject: x
            Content-Type: multipart/mixed; boundary="outer"

            preamble, not text
            --outer\t
            Content-Type: multipart/related; boundary="outer-inner"

            --outer-inner
            Content-Type: multipart/alternative; boundary=alt

            --alt
            Content-Type: text/plain; charset=gb2312
            Content-Transfer-Encoding: base64

            1tDOxA==
            --alt
            Content-Type: text/html

            <p>HTML</p>
            --alt--
            --outer-inner
            Content-Type: image/png
            Content-ID: <img1>
            Content-Transfer-Encoding: base64

            iVBORw==
            --outer-inner--
            --outer
            Content-Type: text/plain; name="../记录.txt"
            Content-Disposition: attachment

            line
            --outer
            Content-Type: message/rfc822

            From: quoted@x.cn
            Subject: old
            Content-Type: image/gif; name=old.gif

            GIF
            --outer
            Content-Type: application/pdf
            Content-Disposition: inline; filename="a.pdf"
            Content-Transfer-Encoding: quoted-printable

            %PDF=0D=0A
            """)
        #expect(mail.text == "中文")
        #expect(mail.attachments.map(\.name) == ["attachment-1.png", "记录.txt", "a.pdf"])
        #expect(mail.attachments.map(\.isInline) == [true, false, true])
        #expect(mail.attachments.first?.data == [0x89, 0x50, 0x4E, 0x47])
        #expect(mail.attachments.last?.data == Array("%PDF\r\n".utf8))
        #expect(mail.attachments.dropFirst().first?.data == Array("line".utf8))
    }

    @Test("Nesting deeper than ten levels is ignored, and parts beyond 200")
    func limits() throws {
        var deep = "From: a@b.cn\nSubject: deep\nContent-Type: multipart/mixed; boundary=b0\n\n"
        for level in 1...40 { deep += "--b\(level - 1)\nContent-Type: multipart/mixed; boundary=b\(level)\n\n" }
        deep += "--b40\nContent-Type: text/plain\n\ntoo deep\n"
        let deepMail = try parse(deep)
        #expect(deepMail.text == "")

        var shallow = "From: a@b.cn\nSubject: deep\nContent-Type: multipart/mixed; boundary=b0\n\n"
        for level in 1...9 { shallow += "--b\(level - 1)\nContent-Type: multipart/mixed; boundary=b\(level)\n\n" }
        shallow += "--b9\nContent-Type: text/plain\n\ndeep enough\n"
        #expect(try parse(shallow).text == "deep enough\n")  // no closing delimiter: all to the end

        var many = "From: a@b.cn\nSubject: many\nContent-Type: multipart/mixed; boundary=b\n\n"
        for index in 0..<1000 { many += "--b\nContent-Type: image/png\n\n\(index)\n" }
        #expect(try parse(many).attachments.count == MIMEWalker.maximumParts)
    }

    @Test("Hostile headers and HTML are read in linear time")
    func linearTime() throws {
        let clock = ContinuousClock()
        let words = String(repeating: "=?x?q?a", count: 200_000)
        let html = String(repeating: "<a x=\"", count: 100_000) + String(repeating: "<b><!-- &#x", count: 100_000)
        let elapsed = try clock.measure {
            let mail = try parse("From: a@b.cn\nSubject: \(words)\nContent-Type: text/html\n\n\(html)")
            #expect(mail.subject.hasPrefix("=?x?q?a"))
        }
        #expect(elapsed < .seconds(10))

        // Shapes that were once read in quadratic time: nested quotes, many failed recipients,
        // many empty Message-ID lines in a bounce, many parameters, many headers.
        let shapes = [
            "From: a@b.cn\nContent-Type: text/html\n\n" + String(repeating: "<blockquote>x<br>", count: 20_000),
            "From: a@b.cn\nContent-Type: multipart/report; report-type=delivery-status; boundary=r\n\n--r\n"
                + "Content-Type: message/delivery-status\n\n"
                + (0..<20_000).map { "Final-Recipient: rfc822; a\($0)@b.cn\nAction: failed\n\n" }.joined(),
            "From: postmaster@a.cn\nSubject: 退信\n\n" + String(repeating: "Message-ID:\n", count: 50_000),
            "From: a@b.cn\nContent-Type: text/plain; " + String(repeating: "name*0*=a;", count: 50_000) + "\n\nx",
            "From: a@b.cn\n" + String(repeating: "X-A: b\n", count: 50_000) + "\nx",
        ]
        for shape in shapes {
            #expect(try clock.measure { _ = try parse(shape) } < .seconds(3))
        }
    }

    // MARK: HTML

    @Test("HTML reduced to text: head, style and script dropped, breaks, entities, blockquotes")
    func htmlText() {
        let text = HTMLText.reduce(
            """
            <html><head><title>t</title><style>.a{}</style></head><body><script>alert(1)</script>
            <p>第一段&nbsp;&amp;&quot;&#39;&#x4e2d;&#20013;</p><p>第二段<br>换行</p>
            <ul><li>一</li><li>二</li></ul><table><tr><td>甲</td><td>乙</td></tr></table>


            <div>后</div><blockquote>引用<br>两行</blockquote><div class="gmail_quote">On x wrote:</div><p>after</p>
            """)
        #expect(
            text == """
                第一段 &"'中中
                第二段
                换行
                一
                二
                甲 乙
                后
                > 引用
                > 两行
                > On x wrote:
                > after
                """)
        #expect(HTMLText.reduce("a < b &unknown; c &") == "a < b &unknown; c &")
    }

    // MARK: Automatic mail

    @Test(
        "Signs of automatic mail",
        arguments: [
            ("Auto-Submitted: auto-generated\nSubject: x", true),
            ("Auto-Submitted: no\nSubject: x", false),
            ("X-Autoreply: yes\nSubject: x", true),
            ("X-Autorespond: yes\nSubject: x", true),
            ("Precedence: auto_reply\nSubject: x", true),
            ("Precedence: bulk\nSubject: x", true),
            ("Precedence: list\nSubject: x", false),
            ("X-Auto-Response-Suppress: All\nSubject: x", false),
            ("Subject: 自动回复：我正在休假", true),
            ("Subject: 自動回覆: x", true),
            ("Subject: Automatic reply: T12", true),
            ("Subject: Out of Office: T12", true),
            ("Subject: Auto: T12", true),
            ("Subject: 休假通知", true),
            ("Subject: 回复：自动回复的设置", false),
            ("Return-Path: <>\nSubject: x", true),
        ])
    func automatic(headers: String, automatic: Bool) throws {
        let mail = try parse("From: lisi@village.example.cn\n\(headers)\n\nbody\n")
        #expect((mail.automatic != nil) == automatic)
    }

    @Test("Bounces without a report: mailer-daemon, 系统退信, with the original's id from the body")
    func plainBounces() throws {
        let qq = try parse(
            """
            From: PostMaster <PostMaster@qq.com>
            Subject: 系统退信
            Message-ID: <bounce@qq.com>

            很抱歉您的邮件没能成功发送。
            ----- 原邮件头 -----
            Message-ID:
             <T12.reminder@zhengdun>
            """)
        #expect(
            qq.automatic
                == .deliveryStatus(DeliveryStatus(originalMessageID: "T12.reminder@zhengdun", failedRecipients: [], permanent: true)))
        let delayed = try parse(
            """
            From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
            Subject: Delivery Status Notification (Delay)
            X-Failed-Recipients: wang@x.cn

            Delayed.
            """)
        #expect(
            delayed.automatic == .deliveryStatus(DeliveryStatus(originalMessageID: nil, failedRecipients: ["wang@x.cn"], permanent: false)))
        let report = try parse(
            """
            From: MAILER-DAEMON@a.cn
            Subject: Delayed Mail (still being retried)
            Content-Type: multipart/report; report-type=delivery-status; boundary=r

            --r
            Content-Type: message/delivery-status

            Reporting-MTA: dns; a.cn

            Final-Recipient: rfc822; <li@b.cn>
            Action: delayed
            Status: 4.4.1
            --r
            Content-Type: message/rfc822

            Message-ID: <orig@zhengdun>
            Subject: T12

            text
            --r--
            """)
        #expect(
            report.automatic
                == .deliveryStatus(DeliveryStatus(originalMessageID: "orig@zhengdun", failedRecipients: ["li@b.cn"], permanent: false)))
    }

    // MARK: Fuzz

    @Test("2,000 mutated messages: no trap, bounded time")
    func fuzz() throws {
        let seeds: [[UInt8]] = [
            Array(
                """
                From: "李四" <lisi@village.example.cn>\r
                Subject: =?GBK?B?u9i4tA==?= =?utf-8?Q?=E4=B8=AD?=\r
                Content-Type: multipart/mixed; boundary="b1"\r
                \r
                --b1\r
                Content-Type: multipart/alternative; boundary=b2\r
                \r
                --b2\r
                Content-Type: text/plain; charset=gb2312\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                =D6=D0=CE=C4=\r
                \r
                --b2\r
                Content-Type: text/html; charset=utf-8\r
                \r
                <div>x&#x4e2d;</div><blockquote>q</blockquote>\r
                --b2--\r
                --b1\r
                Content-Disposition: attachment; filename*0*=gbk''%D5%FB; filename*1*=%B8%C4.doc\r
                Content-Transfer-Encoding: base64\r
                \r
                AAECAwQF\r
                --b1--\r

                """.utf8),
            Array(
                """
                From: MAILER-DAEMON@a.cn
                Content-Type: multipart/report; report-type=delivery-status; boundary=r

                --r
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; li@b.cn
                Action: failed
                Status: 5.1.1
                --r
                Content-Type: text/rfc822-headers

                Message-ID: <orig@zhengdun>
                --r--
                """.utf8),
        ]
        var random = SplitMix(seed: 20_260_303)
        let clock = ContinuousClock()
        var slowest = Duration.zero
        for _ in 0..<2000 {
            var bytes = seeds[Int(random.next() % UInt64(seeds.count))]
            for _ in 0...(random.next() % 4) { mutate(&bytes, &random) }
            let elapsed = clock.measure {
                if let mail = try? IncomingMail.parse(bytes) {
                    _ = ReplyText.newText(mail.text)
                }
            }
            slowest = max(slowest, elapsed)
        }
        #expect(slowest < .seconds(1))
    }

    private func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix) {
        guard !bytes.isEmpty else { return }
        let position = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 6 {
        case 0: bytes[position] ^= UInt8(truncatingIfNeeded: random.next() | 1)
        case 1: bytes.removeSubrange(position...)
        case 2:
            // A boundary line where there was none, or one repeated.
            bytes.insert(
                contentsOf: Array(["\r\n--b1\r\n", "\n--b2--\n", "\n--r\n", "=?gbk?B?", "<blockquote>"][Int(random.next() % 5)].utf8),
                at: position)
        case 3:
            let end = min(bytes.count, position + Int(random.next() % 200))
            bytes.insert(contentsOf: bytes[position..<end], at: position)
        case 4: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
        default: bytes.removeSubrange(position..<min(bytes.count, position + Int(random.next() % 40)))
        }
    }
}

@Suite("The words of a reply without its quote")
struct ReplyTextTests {
    @Test(
        "Each client's quote style",
        arguments: [
            // `>` lines under an attribution
            "已按要求完成。\n\n张三 <zs@town.example.cn> 于2026年3月3日周二 10:00写道：\n> 请于本周五前报送。\n> 谢谢",
            "已按要求完成。\n\n> 请于本周五前报送。",
            // Gmail, wrapped across two lines
            "已按要求完成。\n\nOn Tue, Mar 3, 2026 at 10:00 AM 镇组织办 <zzb@town.example.cn>\nwrote:\n\n> 请报送。",
            "已按要求完成。\n\nOn Tue, Mar 3, 2026 at 10:00 AM 镇组织办 <zzb@town.example.cn> wrote:\n\n> 请报送。",
            // Apple Mail in Chinese, without `>` lines
            "已按要求完成。\n\n在 2026年3月3日 星期二 10:00，镇组织办 <zzb@town.example.cn> 写道：\n\n请报送。",
            "已按要求完成。\n\n2026年3月3日 上午10:00，镇组织办 <zzb@town.example.cn> 写道：\n\n请报送。",
            // rules
            "已按要求完成。\n\n-----原始邮件-----\n发件人：镇组织办\n请报送。",
            "已按要求完成。\n-----Original Message-----\nFrom: zzb\n请报送。",
            "已按要求完成。\n\n------------------ 原始邮件 ------------------\n发件人: \"镇组织办\"<zzb@town.example.cn>;\n发送时间: 2026年3月3日(星期二) 上午10:00\n收件人: \"李四\"<lisi@qq.com>;\n主题: T12\n\n请报送。",
            "已按要求完成。\n\n-------- 原始邮件 --------\n发件人：镇组织办\n请报送。",
            "已按要求完成。\n\n---- 回复的原邮件 ----\n| 发件人 | 镇组织办 |\n请报送。",
            "已按要求完成。\n\n------------------\u{A0}原始邮件\u{A0}------------------\n请报送。",
            // Outlook header blocks
            "已按要求完成。\n\n________________________________\nFrom: 镇组织办 <zzb@town.example.cn>\nSent: Tuesday, March 3, 2026 10:00 AM\nTo: 李四 <lisi@village.example.cn>\nSubject: T12\n\n请报送。",
            "已按要求完成。\n\n发件人: 镇组织办 <zzb@town.example.cn>\n发送时间: 2026年3月3日 10:00\n收件人: 李四\n主题: T12\n\n请报送。",
            "已按要求完成。\n\n*From:* 镇组织办\n*Sent:* Tuesday\n*To:* 李四\n\n请报送。",
            // Foxmail
            "已按要求完成。\n\nFrom: \"镇组织办\"<zzb@town.example.cn>\nDate: 2026-03-03 10:00\nTo: \"李四\"<lisi@village.example.cn>\nSubject: T12\n请报送。",
            "已按要求完成。\n\n发件人：\u{3000}镇组织办\n发送时间：\u{3000}2026-03-03 10:00\n收件人：\u{3000}李四\n主题：\u{3000}T12\n请报送。",
            // 网易
            "已按要求完成。\n\n在 2026-03-03 10:00:00，\"zzb\"<zzb@town.example.cn> 写道：\n请报送。",
            // signatures
            "已按要求完成。\n\n-- \n李四\nXX村党支部书记\n\n> 请报送。",
            "已按要求完成。\n\n发自我的iPhone\n\n------------------ 原始邮件 ------------------\n请报送。",
            "已按要求完成。\n\nSent from my iPhone",
            "已按要求完成。\n发自我的华为手机",
            "  已按要求完成。\r\n来自网易邮箱大师\r\n",
        ])
    func quoteStyles(sample: String) {
        #expect(ReplyText.newText(sample) == "已按要求完成。")
    }

    @Test("A reply with no quote is kept whole; a sentence ending in 写道： is no attribution")
    func unquoted() {
        #expect(ReplyText.newText("第一行\n\n第二行  \n") == "第一行\n\n第二行")
        #expect(ReplyText.newText("报告中写道：\n全村已完成整改。") == "报告中写道：\n全村已完成整改。")
        #expect(ReplyText.newText("From: the village we report:\n all done") == "From: the village we report:\n all done")
    }

    @Test("Only a quote: nothing is new")
    func onlyQuote() {
        #expect(ReplyText.newText("> 请报送。\n> 谢谢") == "")
        #expect(ReplyText.newText("-----原始邮件-----\n请报送。") == "")
    }
}
