import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Replies written by Python's `email` package, an independent writer: the forms real clients
/// send (charsets, transfer encodings, HTML-only bodies, quoting, Chinese file names).
enum Reply {
    /// Writes a message from a JSON description; its bytes.
    static let composer = #"""
        import sys, json, base64
        from email.mime.multipart import MIMEMultipart
        from email.mime.text import MIMEText
        from email.mime.base import MIMEBase
        from email.header import Header
        from email import encoders, utils, charset as cs
        spec = json.loads(sys.argv[1])
        def body(text, subtype):
            charset = cs.Charset(spec.get("charset", "utf-8"))
            charset.body_encoding = cs.QP if spec.get("cte") == "quoted-printable" else cs.BASE64
            return MIMEText(text, subtype, charset)
        main = body(spec["html"], "html") if "html" in spec else body(spec["text"], "plain")
        if spec.get("attachments"):
            message = MIMEMultipart("mixed")
            message.attach(main)
            for item in spec["attachments"]:
                part = MIMEBase(*item["type"].split("/"))
                part.set_payload(base64.b64decode(item["data"]))
                encoders.encode_base64(part)
                if item["style"] == "2231":
                    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", item["name"]))
                else:
                    encoded = Header(item["name"], "utf-8").encode()
                    part.add_header("Content-Disposition", "attachment", filename=encoded)
                    part.set_param("name", encoded)
                message.attach(part)
        else:
            message = main
        message["From"] = utils.formataddr((str(Header(spec.get("name", "李四"), "utf-8")), spec["from"]))
        message["To"] = spec["to"]
        message["Subject"] = Header(spec.get("subject", "回复：【交办】"), "utf-8").encode()
        message["Date"] = utils.formatdate(localtime=True)
        message["Message-ID"] = "<" + spec["id"] + ">"
        for name, value in spec.get("headers", {}).items():
            message[name] = value
        sys.stdout.write(base64.b64encode(message.as_bytes()).decode())
        """#

    struct Attachment {
        var name: String
        var type: String
        var data: Data
        /// `2231` (`filename*=utf-8''…`) or `2047` (`filename="=?utf-8?b?…?="`, as many clients write it).
        var style: String
    }

    static func compose(
        from: String, to: String, id: String, text: String? = nil, html: String? = nil, charset: String = "utf-8",
        transferEncoding: String = "base64", subject: String? = nil, attachments: [Attachment] = [], headers: [String: String] = [:]
    ) throws -> Data {
        var spec: [String: Any] = ["from": from, "to": to, "id": id, "charset": charset, "cte": transferEncoding, "headers": headers]
        if let text { spec["text"] = text }
        if let html { spec["html"] = html }
        if let subject { spec["subject"] = subject }
        spec["attachments"] = attachments.map {
            ["name": $0.name, "type": $0.type, "data": $0.data.base64EncodedString(), "style": $0.style]
        }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
        return Data(base64Encoded: try Python.run(composer, [json]))!
    }

    /// The reply addresses in a notice's text, in order.
    static func addresses(in text: String) -> [String] {
        text.matches(of: /zzb\+[a-z2-7]+@town\.example\.cn/).map { String($0.output) }
    }
}

@Suite("Replies by mail: mail-in acts on a reply as its token says, answers it, and refuses what it must", .serialized, .tags(.endToEnd))
struct MailInTests {
    /// A campaign mailing into a maildir with replies configured, launched on Monday 2 March
    /// 2026 with its first pass run: the 交办 notices are in the maildir.
    static func launched() throws -> Campaign {
        var campaign = try Campaign()
        try campaign.mailToMaildir("  reply_to: zzb@town.example.cn")
        try campaign.launchPlan()
        try campaign.run(["run-due"])
        return campaign
    }

    static func mailIn(_ campaign: Campaign, _ message: Data) throws -> CLI.Outcome {
        try CLI.run(["mail-in"], environment: campaign.environment, input: message)
    }

    static func state(_ campaign: Campaign, _ task: String) throws -> String {
        (try campaign.json(["task", "show", task]) as! [String: Any])["state"] as! String
    }

    static func outboxCount(_ campaign: Campaign) throws -> Int {
        (try campaign.json(["outbox", "list"]) as! [[String: Any]]).count
    }

    @Test(
        "Replies from real clients' forms acknowledge and report tasks: GB18030, Big5, HTML-only, Outlook and QQ quoting, two Chinese-named files as evidence",
        needs(Python.has("email"), "python3 (Debian: python3) to write the replies"))
    func repliesAct() throws {
        var campaign = try Self.launched()
        let mail = try maildirMessages(campaign.maildirPath)
        let digest = try #require(mail.first { $0["to"]!.contains("li-si@") }, "the secretary's 交办")
        // A digest of two tasks says where each one's reply goes.
        let addresses = Reply.addresses(in: digest["body"]!)
        #expect(addresses.count == 2, "\(digest["body"]!)")
        #expect(digest["reply_to"] == "", "a reply to a digest of two tasks could mean either")
        let events = try campaign.eventCount()

        // GB18030 in base64, quoted Gmail-style under a Chinese attribution.
        let acknowledge = try Reply.compose(
            from: "li-si@town.example.cn", to: addresses[0], id: "ack-t3@phone.example.cn",
            text: "签收\n\n在 2026年3月2日 星期一 09:00，镇组织办 <zzb@town.example.cn> 写道：\n> 现将下列整顿任务交由您承办\n",
            charset: "gb18030")
        let acknowledged = try Self.mailIn(campaign, acknowledge)
        #expect(acknowledged.status == 0, "\(acknowledged.stderr)")
        #expect(try Self.state(campaign, "T3") == "acknowledged")
        let log = try campaign.run(["log", "P1", "--json"]).stdout
        #expect(log.contains("mail:li-si@town.example.cn"), "the event names the reply's sender as its caller")
        #expect(try campaign.eventCount() == events + 1)

        // The next morning the secretary's one open acknowledgement is a message of its own,
        // with its reply address in Reply-To.
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-03 09:00"
        try campaign.run(["run-due"])
        let morning = try maildirMessages(campaign.maildirPath).filter { $0["to"]!.contains("li-si@") }
        let confirmation = try #require(morning.first { $0["subject"]!.contains("回复已办理") })
        #expect(confirmation["body"]!.contains("T3"), "\(confirmation["body"]!)")
        #expect(confirmation["in_reply_to"] == "<ack-t3@phone.example.cn>" && confirmation["auto"] == "auto-replied")
        let reminder = try #require(morning.first { $0["subject"]!.contains("T7") && $0["reply_to"] != "" })
        let t7 = reminder["reply_to"]!
        #expect(t7.hasPrefix("zzb+") && t7.hasSuffix("@town.example.cn") && t7.split(separator: "@")[0].utf8.count <= 64)

        // Big5 in quoted-printable, quoted as QQ Mail quotes.
        let big5 = try Reply.compose(
            from: "li-si@town.example.cn", to: t7, id: "ack-t7@qq.example.com",
            text: "收到\n\n------------------ 原始郵件 ------------------\n發件人: \"鎮組織辦\"<zzb@town.example.cn>\n",
            charset: "big5", transferEncoding: "quoted-printable")
        #expect(try Self.mailIn(campaign, big5).status == 0)
        #expect(try Self.state(campaign, "T7") == "acknowledged")

        // HTML only, quoted as Outlook quotes, with two files named in Chinese, one in each
        // encoding clients use.
        let minutes = Data("党员学习签到表：李四、王五……".utf8) + Data((0..<3000).map { UInt8($0 % 251) })
        let photo = Data((0..<20_000).map { UInt8(($0 * 7) % 256) })
        let submit = try Reply.compose(
            from: "li-si@town.example.cn", to: addresses[0], id: "submit-t3@outlook.example.com",
            html: """
                <html><body><div>办结：已组织村“两委”班子和党员学习整顿方案。<br>签到表见附件。</div>
                <div id="divRplyFwdMsg"><hr><b>发件人:</b> 镇组织办 &lt;zzb@town.example.cn&gt;<br><b>发送时间:</b> 2026年3月2日 9:00<br>
                <b>主题:</b> 【交办】T3 统一思想，提高认识</div><div>现将下列整顿任务交由您承办</div></body></html>
                """,
            attachments: [
                .init(name: "整改情况说明.docx", type: "application/octet-stream", data: minutes, style: "2231"),
                .init(name: "签到表.jpg", type: "image/jpeg", data: photo, style: "2047"),
            ])
        let submitted = try Self.mailIn(campaign, submit)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let task = try campaign.json(["task", "show", "T3"]) as! [String: Any]
        #expect(task["state"] as? String == "submitted")
        let evidence = try #require(task["evidence"] as? [[String: Any]])
        #expect(
            Set(evidence.map { "\($0["name"]!) \($0["sha256"]!)" }) == [
                "整改情况说明.docx \(try sha256sum(minutes))", "签到表.jpg \(try sha256sum(photo))",
            ])
        // The note is the new text of the reply, up to the quoted notice.
        let submission = try campaign.run(["log", "P1", "--json"]).stdout
        #expect(submission.contains("已组织村“两委”班子和党员学习整顿方案。"), "\(submission)")
        #expect(!submission.contains("现将下列整顿任务交由您承办"), "the quoted notice is not part of the note")

        // The same message delivered twice acts once.
        let before = try campaign.eventCount()
        let again = try Self.mailIn(campaign, submit)
        #expect(again.status == 0)
        #expect(try campaign.eventCount() == before)
    }

    @Test(
        "Refused, each with the event count unchanged and a refusal mailed: a stranger's From, a token changed by one character, another person's reply, a stale deadline, a verified task, words not understood",
        needs(Python.has("email"), "python3 (Debian: python3) to write the replies"))
    func repliesRefused() throws {
        var campaign = try Self.launched()
        let digest = try #require(try maildirMessages(campaign.maildirPath).first { $0["to"]!.contains("li-si@") })
        let addresses = Reply.addresses(in: digest["body"]!)
        let (t3, t7) = (addresses[0], addresses[1])

        func refused(_ message: Data, saying words: String, to person: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let events = try campaign.eventCount()
            let queued = try Self.outboxCount(campaign)
            let outcome = try Self.mailIn(campaign, message)
            #expect(outcome.status == 0, "a refusal is handled: \(outcome.stderr)", sourceLocation: sourceLocation)
            #expect(try campaign.eventCount() == events, "nothing done", sourceLocation: sourceLocation)
            let outbox = try campaign.json(["outbox", "list"]) as! [[String: Any]]
            #expect(outbox.count == queued + 1, "one refusal queued", sourceLocation: sourceLocation)
            let answer = try #require(outbox.max { ($0["id"] as! Int) < ($1["id"] as! Int) })
            #expect(answer["address"] as? String == "\(person)@town.example.cn", sourceLocation: sourceLocation)
            #expect((answer["subject"] as! String).hasPrefix("【回复未能办理】"), sourceLocation: sourceLocation)
            let id = answer["id"] as! Int
            let text = String(
                decoding: try Python.run(
                    """
                    import sys, sqlite3, email
                    from email import policy
                    row = sqlite3.connect(sys.argv[1]).execute('SELECT message FROM outbox WHERE id = ?', (int(sys.argv[2]),)).fetchone()
                    print(email.message_from_bytes(row[0], policy=policy.default).get_body(('plain',)).get_content())
                    """, [campaign.database, "\(id)"]), as: UTF8.self)
            #expect(text.contains(words), "\(text)", sourceLocation: sourceLocation)
        }

        var serial = 0
        func reply(from: String = "li-si@town.example.cn", to: String, _ text: String) throws -> Data {
            serial += 1
            return try Reply.compose(from: from, to: to, id: "refused-\(serial)@example.cn", text: text)
        }

        // A sender who is not the person the token was written for: the person is told.
        try refused(try reply(from: "someone@elsewhere.example.com", to: t3, "签收"), saying: "someone@elsewhere.example.com", to: "li-si")
        try refused(try reply(from: "wang-wu@town.example.cn", to: t3, "签收"), saying: "wang-wu@town.example.cn", to: "li-si")
        // One character of the token changed.
        var altered = Array(t3)
        altered[6] = altered[6] == "a" ? "b" : "a"
        try refused(try reply(to: String(altered), "签收"), saying: "不是有效的通知回复地址", to: "li-si")
        // Words it does not know: the answer lists the ones it does.
        try refused(try reply(to: t3, "好的，知道了"), saying: "签收（或“收到”“确认”）", to: "li-si")
        #expect(try Self.state(campaign, "T3") == "issued")

        // A token written before the deadline moved.
        try campaign.run(["task", "extend", "T7", "--by", "3wd", "--reason", "村里换届"], as: "zhao-liu")
        try refused(try reply(to: t7, "签收"), saying: "已过时", to: "li-si")
        #expect(try Self.state(campaign, "T7") == "issued")

        // A task already verified.
        try campaign.run(["task", "ack", "T3"], as: "li-si")
        try campaign.run(["task", "submit", "T3", "--note", "已学习"], as: "li-si")
        let verifier = (try campaign.json(["task", "show", "T3"]) as! [String: Any])["verifier_role"] as! String
        try campaign.run(["task", "verify", "T3"], as: Campaign.person(for: verifier))
        #expect(try Self.state(campaign, "T3") == "verified")
        try refused(try reply(to: t3, "办结：再报一次"), saying: "T3", to: "li-si")
    }

    @Test(
        "Automatic mail changes nothing: an auto-reply is left alone, a bounce marks the message it reports and shows in outbox list and doctor; what is not mail exits 65 and is kept",
        needs(Python.has("email"), "python3 (Debian: python3) to write the replies"))
    func automaticMail() throws {
        let campaign = try Self.launched()
        let mail = try maildirMessages(campaign.maildirPath)
        let digest = try #require(mail.first { $0["to"]!.contains("li-si@") })
        let t3 = Reply.addresses(in: digest["body"]!)[0]
        let events = try campaign.eventCount()
        let queued = try Self.outboxCount(campaign)

        let away = try Reply.compose(
            from: "li-si@town.example.cn", to: t3, id: "away@example.cn", text: "签收\n我正在休假，3月9日返回。", subject: "自动回复：【交办】",
            headers: ["Auto-Submitted": "auto-replied"])
        #expect(try Self.mailIn(campaign, away).status == 0)

        // A delivery status notification as Postfix writes it, about the secretary's 交办.
        let bounce = """
            From: MAILER-DAEMON@mx.town.example.cn (Mail Delivery System)
            To: zzb@town.example.cn
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <bounce-1@mx.town.example.cn>
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

            --B1
            Content-Type: text/plain

            I'm sorry to have to inform you that your message could not be delivered.

            --B1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.town.example.cn

            Final-Recipient: rfc822; li-si@town.example.cn
            Action: failed
            Status: 5.1.1

            --B1
            Content-Type: text/rfc822-headers

            From: zzb@town.example.cn
            To: li-si@town.example.cn
            Message-ID: <\(digest["id"]!)>

            --B1--

            """
        #expect(try Self.mailIn(campaign, Data(bounce.utf8)).status == 0)
        #expect(try campaign.eventCount() == events)
        #expect(try Self.outboxCount(campaign) == queued, "no answer to automatic mail")
        let marked = (try campaign.json(["outbox", "list"]) as! [[String: Any]]).filter { $0["bounced_at"] != nil }
        #expect(marked.count == 1 && (marked.first?["address"] as? String) == "li-si@town.example.cn")
        #expect(try campaign.run(["outbox", "list"]).stdout.contains("bounced"))

        // A stranger writing to the office's address, and a stranger with a forged token: no one
        // to answer, so kept for people to read, and nothing queued.
        let stranger = try Reply.compose(from: "someone@elsewhere.example.com", to: "zzb@town.example.cn", id: "s1@example.com", text: "你好")
        let strangerOut = try Self.mailIn(campaign, stranger)
        #expect(strangerOut.status == 0 && strangerOut.stdout.contains("kept in"), "\(strangerOut.stdout)")
        let forged = try Reply.compose(
            from: "someone@elsewhere.example.com", to: "zzb+aaaaaaaaaaaaaaaaaaaaaaaaaaaa@town.example.cn", id: "s2@example.com", text: "签收")
        let forgedOut = try Self.mailIn(campaign, forged)
        #expect(forgedOut.status == 0 && forgedOut.stdout.contains("does not check out"), "\(forgedOut.stdout)")
        #expect(try Self.outboxCount(campaign) == queued)
        let junk = try Self.mailIn(campaign, Data("\u{1}\u{2}binary, not a message".utf8))
        #expect(junk.status == 65, "\(junk.stderr)")
        // Larger than mail-in reads: refused to the mail server, which returns it to its sender.
        let huge = try Self.mailIn(campaign, Data(count: (32 << 20) + 1))
        #expect(huge.status == 65)
        #expect(huge.stderr == "zhengdun mail-in: the message is larger than 32 MiB, the most mail-in reads\n")
        let doctor = try CLI.run(["doctor"], environment: campaign.environment)
        #expect(doctor.stdout.contains("1 message was bounced"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("3 incoming messages could not be handled"), "\(doctor.stdout)")
    }

    @Test(
        "After reply-keys rotate, a notice sent before still acts for mail.reply_key_grace, and new notices are signed with the new key; after the grace the old token is refused",
        needs(Python.has("email"), "python3 (Debian: python3) to write the replies"))
    func keyRotation() throws {
        var campaign = try Self.launched()
        let digest = try #require(try maildirMessages(campaign.maildirPath).first { $0["to"]!.contains("li-si@") })
        let (t3, t7) = (Reply.addresses(in: digest["body"]!)[0], Reply.addresses(in: digest["body"]!)[1])
        let keys = campaign.database + ".reply-keys"
        #expect(try String(contentsOfFile: keys, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: keys)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "the keys are their owner's alone")
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-02 10:00"
        let rotated = try campaign.run(["reply-keys", "rotate"])
        #expect(rotated.stdout.contains("key 2"), "\(rotated.stdout)")
        #expect(try campaign.run(["reply-keys", "list"]).stdout.split(separator: "\n").count == 2)
        // Tokens written before the rotation still act within the grace (60 days).
        campaign.environment["ZHENGDUN_NOW"] = "2026-03-03 10:00"
        let early = try Reply.compose(from: "li-si@town.example.cn", to: t3, id: "rotation-1@example.cn", text: "签收")
        #expect(try Self.mailIn(campaign, early).status == 0)
        #expect(try Self.state(campaign, "T3") == "acknowledged")
        // The reminder about T7 that goes out now is signed with key 2 (the token's second byte).
        try campaign.run(["run-due"])
        let reminder = try #require(
            try maildirMessages(campaign.maildirPath).first { $0["subject"]!.contains("T7") && $0["reply_to"] != "" })
        let token = reminder["reply_to"]!.dropFirst("zzb+".count).prefix { $0 != "@" }
        let key = try pythonJSON(
            "import sys, base64; t = sys.argv[1].upper(); print([base64.b32decode(t + '=' * (-len(t) % 8))[1]])", String(token))
        #expect((key as? [Int])?.first == 2, "\(token)")
        // After the grace, tokens of the old key are refused, and the person is told.
        campaign.environment["ZHENGDUN_NOW"] = "2026-05-06 10:00"
        let events = try campaign.eventCount()
        let late = try Reply.compose(from: "li-si@town.example.cn", to: t7, id: "rotation-2@example.cn", text: "签收")
        #expect(try Self.mailIn(campaign, late).status == 0)
        #expect(try campaign.eventCount() == events)
        #expect(try Self.state(campaign, "T7") == "issued")
        #expect(try sqlite(campaign.database, "SELECT outcome FROM mail_in WHERE message_id = 'rotation-2@example.cn'") == "refused")
    }

    @Test(
        "With the database locked, mail-in exits 75 and does nothing; delivered again once it is free, the reply acts",
        needs(Python.has("email"), "python3 (Debian: python3) to write the replies"))
    func lockedDatabase() throws {
        let campaign = try Self.launched()
        let digest = try #require(try maildirMessages(campaign.maildirPath).first { $0["to"]!.contains("li-si@") })
        let reply = try Reply.compose(
            from: "li-si@town.example.cn", to: Reply.addresses(in: digest["body"]!)[0], id: "locked@example.cn", text: "签收")
        let events = try campaign.eventCount()
        // Another process holds the write lock longer than a command waits for it.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: Python.path)
        holder.arguments = [
            "-c",
            "import sys, sqlite3, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); time.sleep(14); c.execute('COMMIT')",
            campaign.database,
        ]
        let held = Pipe()
        holder.standardOutput = held
        try holder.run()
        _ = held.fileHandleForReading.availableData
        let locked = try Self.mailIn(campaign, reply)
        holder.waitUntilExit()
        #expect(locked.status == 75, "\(locked.stderr)")
        #expect(try campaign.eventCount() == events)
        let retried = try Self.mailIn(campaign, reply)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(try Self.state(campaign, "T3") == "acknowledged")
    }

    @Test(
        "Through the daemon: a reply piped into mail-in acts over the socket, and the daemon mails the confirmation",
        needs(Python.has("email"), "python3 (Debian: python3) to write the replies"))
    func throughTheDaemon() throws {
        // As deployed: the socket is its group's, and the mail server runs mail-in as an account
        // in that group, linked to no person (as root, the test makes one).
        let asMailServer = getuid() == 0
        if asMailServer {
            try Accounts.ensureGroup("zdt-users")
            try Accounts.ensureUser("zdt-mail", groups: ["zdt-users"])
        }
        let daemon = try DaemonUnderTest(settings: asMailServer ? "socket_group: zdt-users" : "")
        try (try String(contentsOfFile: daemon.configuration, encoding: .utf8) + "\n  reply_to: zzb@town.example.cn\n").write(
            toFile: daemon.configuration, atomically: true, encoding: .utf8)
        try daemon.launchCampaign()
        try daemon.start()
        try waitFor("the 交办 mailed", timeout: 60) {
            try maildirMessages(daemon.maildir).contains { !Reply.addresses(in: $0["body"]!).isEmpty }
        }
        let notice = try maildirMessages(daemon.maildir).first { $0["to"]!.contains("li-si@") }!
        let reply = try Reply.compose(
            from: "li-si@town.example.cn", to: Reply.addresses(in: notice["body"]!)[0], id: "daemon@example.cn", text: "签收")
        let outcome: CLI.Outcome
        if asMailServer {
            let binary = daemon.folder.url.appendingPathComponent("zhengdun").path
            try FileManager.default.copyItem(atPath: CLI.binary.path, toPath: binary)
            let command = ["/usr/bin/setpriv", "--reuid=zdt-mail", "--regid=zdt-mail", "--init-groups", binary, "mail-in"]
            outcome = try CLI.run(command, environment: daemon.environment, executable: URL(fileURLWithPath: command[0]), input: reply)
            // Anything else that account asks is refused: it is linked to no one.
            let list = try CLI.run(
                Array(command.dropLast()) + ["task", "list"], environment: daemon.environment, executable: URL(fileURLWithPath: command[0]))
            #expect(list.status == 1)
        } else {
            outcome = try CLI.run(["mail-in"], environment: daemon.environment, input: reply)
        }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try sqlite(daemon.database, "SELECT count(*) FROM event WHERE caller = 'mail:li-si@town.example.cn'") == "1")
        try waitFor("the confirmation mailed", timeout: 60) {
            try maildirMessages(daemon.maildir).contains { $0["subject"]!.contains("回复已办理") }
        }
        daemon.signal(SIGTERM)
        #expect(try daemon.waitForExit() == 0)
    }
}

/// The real mail server: Debian's Exim, run with a configuration of the test's own (`-C`) that
/// routes the reply address to `zhengdun mail-in` through a pipe transport, as
/// `deploy/mail-in.md` documents it.
@Suite("Replies through a real mail server", .serialized, .tags(.endToEnd))
struct MailServerTests {
    static let exim = "/usr/sbin/exim4"

    @Test(
        "Exim takes a reply for zzb+token@town.example.cn and pipes it into zhengdun mail-in, which acknowledges the task",
        needs(FileManager.default.isExecutableFile(atPath: exim), "exim4 (Debian: exim4-daemon-light) to deliver a reply"),
        needs(Python.has("email"), "python3 (Debian: python3) to write the reply"))
    func eximDeliversAReply() throws {
        let campaign = try MailInTests.launched()
        let digest = try #require(try maildirMessages(campaign.maildirPath).first { $0["to"]!.contains("li-si@") })
        let address = Reply.addresses(in: digest["body"]!)[0]
        let reply = try Reply.compose(
            from: "li-si@town.example.cn", to: address, id: "exim@phone.example.cn", text: "签收", charset: "gb18030")
        let folder = campaign.folder.url.path
        // Exim run by root with -C gives up root and runs as its own user; it runs no pipe as
        // root in any case. Run by another user, it runs as that user.
        let user = getuid() == 0 ? "Debian-exim" : String(cString: getpwuid(getuid())!.pointee.pw_name)
        let configuration = try campaign.folder.write(
            "exim.conf",
            """
            primary_hostname = mx.town.example.cn
            domainlist local_domains = town.example.cn
            spool_directory = \(folder)/exim/spool
            log_file_path = \(folder)/exim/%slog
            keep_environment =
            begin routers
            zhengdun_replies:
              driver = accept
              domains = +local_domains
              local_parts = zzb
              local_part_suffix = +*
              transport = zhengdun_mail_in
            begin transports
            zhengdun_mail_in:
              driver = pipe
              command = \(CLI.binary.path) mail-in
              environment = <; ZHENGDUN_DB=\(campaign.database); ZHENGDUN_CONFIG=\(campaign.environment["ZHENGDUN_CONFIG"]!); ZHENGDUN_NOW=2026-03-02 10:00; LANG=C.UTF-8
              user = \(user)
              temp_errors = 73:75
              return_fail_output
              log_output
            """)
        // Exim reads only a configuration no one else may change; the database is the pipe's.
        chmod(configuration, 0o644)
        try FileManager.default.createDirectory(atPath: folder + "/exim/spool", withIntermediateDirectories: true)
        for path in [folder, folder + "/exim", folder + "/exim/spool"]
            + (try FileManager.default.subpathsOfDirectory(atPath: folder)).map({ folder + "/" + $0 })
        where path != configuration {
            var info = stat()
            stat(path, &info)
            chmod(path, info.st_mode & S_IFMT == S_IFDIR ? 0o777 : 0o666)
        }
        let delivered = try CLI.run(
            [Self.exim, "-C", configuration, "-odi", "-f", "li-si@town.example.cn", address], executable: URL(fileURLWithPath: Self.exim),
            input: reply)
        let log = (try? String(contentsOfFile: folder + "/exim/mainlog", encoding: .utf8)) ?? ""
        #expect(delivered.status == 0, "\(delivered.stderr)")
        #expect(log.contains("reply handled: task T3 is now acknowledged"), "\(log)")
        #expect(log.contains("=> zzb <\(address)> R=zhengdun_replies T=zhengdun_mail_in"), "\(log)")
        #expect(try MailInTests.state(campaign, "T3") == "acknowledged")
    }
}

/// The SHA-256 of `data` as coreutils' sha256sum computes it.
func sha256sum(_ data: Data) throws -> String {
    let outcome = try CLI.run(["/usr/bin/sha256sum"], executable: URL(fileURLWithPath: "/usr/bin/sha256sum"), input: data)
    return String(outcome.stdout.prefix(64))
}
