import Foundation
import Testing

@Suite("Notices posted to 企业微信 and 钉钉 groups through the outbox", .serialized, .tags(.endToEnd))
struct ChatGroupTests {
    static let dingTalkToken = "dt0ken5ecretvalue"
    static let dingTalkSecret = "SECd1ngta1k5ecret"
    static let weComKey = "wk3y5ecretvalue"

    @Test(
        "A 延期 routed to two groups: the 钉钉 robot answers a rate-limit errcode, 429, 500, then takes it, signed; the 企业微信 robot answers 500 until the post is dead; no secret in any output",
        needsPython)
    func retriedThenSentOrDead() throws {
        let leaders = try RobotServer(
            robot: "dingtalk", secret: Self.dingTalkSecret,
            steps: [.robot(errcode: 130_101, errmsg: "send too fast"), .status(429), .status(500), .robot(errcode: 0, errmsg: "ok")])
        defer { leaders.stop() }
        let office = try RobotServer(robot: "wecom", steps: [.status(500)])
        defer { office.stop() }
        // A 钉钉 robot configured with another secret than its own refuses the signature: no
        // later try can succeed.
        let misconfigured = try RobotServer(robot: "dingtalk", secret: "SECtherightone", steps: [.robot(errcode: 0, errmsg: "ok")])
        defer { misconfigured.stop() }
        var campaign = try Campaign()
        try campaign.mailToMaildir(
            """
              retry: {attempts: 4, first: 1m, max: 1h}
            chat:
              groups:
                leaders: {robot: dingtalk, webhook: "\(leaders.url(robot: "dingtalk", credential: Self.dingTalkToken))", secret: "\(Self.dingTalkSecret)"}
                office: {robot: wecom, webhook: "\(office.url(robot: "wecom", credential: Self.weComKey))"}
                team: {robot: dingtalk, webhook: "\(misconfigured.url(robot: "dingtalk", credential: Self.dingTalkToken))", secret: "\(Self.dingTalkSecret)"}
              routes:
                - {notices: [extended], to: leaders}
                - {notices: [extended], to: team}
                - {notices: [extended, escalation], from_level: 2, to: office}
            """)
        try campaign.launchPlan()
        try campaign.run(["run-due"])
        #expect(try leaders.requests().isEmpty && office.requests().isEmpty, "no 交办 is routed to a group")

        try campaign.run(["task", "extend", "T3", "--by", "3wd", "--reason", "村“两委”换届，顺延三个工作日"], as: "zhao-liu")
        var outputs: [String] = []
        // How long each failed try was told to wait, in seconds.
        var waits: [Double] = []
        var zoned = Calendar(identifier: .gregorian)
        zoned.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        // A run every ten minutes: each finds the posts whose next try is due.
        for minute in stride(from: 0, through: 50, by: 10) {
            campaign.environment["ZHENGDUN_NOW"] = String(format: "2026-03-02 09:%02d", minute)
            let now = zoned.date(from: DateComponents(year: 2026, month: 3, day: 2, hour: 9, minute: minute))!
            let run = try CLI.run(["run-due"], environment: campaign.environment)
            outputs += [run.stdout, run.stderr]
            let row = try sqlite(campaign.database, "SELECT state, attempts, next_attempt_at FROM outbox WHERE address = 'chat:leaders'")
                .split(separator: " ")
            if row.count == 3, row[0] == "queued", let next = Double(row[2]), waits.count < Int(row[1])! {
                waits.append(next / 1000 - now.timeIntervalSince1970)
            }
        }
        // Each failed try waited longer than the one before it (1, 2, 4 minutes, give or take a fifth).
        #expect(waits.count == 3, "\(waits)")
        #expect(zip(waits.dropFirst(), waits).allSatisfy { $0 > $1 } && waits.allSatisfy { $0 >= 48 && $0 <= 288 }, "\(waits)")
        #expect(try sqlite(campaign.database, "SELECT state, attempts FROM outbox WHERE address = 'chat:leaders'") == "sent 4")
        #expect(try sqlite(campaign.database, "SELECT state, attempts FROM outbox WHERE address = 'chat:office'") == "dead 4")
        #expect(try sqlite(campaign.database, "SELECT state, attempts FROM outbox WHERE address = 'chat:team'") == "dead 1")
        #expect(try sqlite(campaign.database, "SELECT last_error FROM outbox WHERE address = 'chat:team'").contains("310000"))

        // The robot checked the documented JSON and the signature before it answered 0: the
        // last request was taken; each was the same markdown post.
        let requests = try leaders.requests()
        #expect(requests.count == 4)
        for request in requests {
            let text = try #require(request["body"] as? String)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(body["msgtype"] as? String == "markdown")
            let markdown = try #require(body["markdown"] as? [String: Any])
            #expect((markdown["title"] as? String)?.contains("T3") == true, "\(markdown)")
            #expect((markdown["text"] as? String)?.contains("村“两委”换届，顺延三个工作日") == true, "\(markdown)")
            #expect((markdown["text"] as? String)?.contains("回复本邮件") == false, "a group is not asked to reply")
        }
        #expect(try office.requests().count == 4)

        // The credentials stay in the configuration file.
        let list = try campaign.run(["outbox", "list"]).stdout + campaign.run(["outbox", "list", "--json"]).stdout
        let doctor = try CLI.run(["doctor"], environment: campaign.environment).stdout
        #expect(doctor.contains("group leaders: dingtalk robot at http://127.0.0.1:\(leaders.port)/robot/send?access_token=…"), "\(doctor)")
        for text in outputs + [list, doctor] {
            for secret in [Self.dingTalkToken, Self.dingTalkSecret, Self.weComKey] {
                #expect(!text.contains(secret), "\(secret) in \(text)")
            }
        }
        #expect(list.contains("chat:office") && list.contains("HTTP 500"), "\(list)")
    }

    @Test("doctor fails a group whose webhook is not the robot's address, without quoting its credential", needsPython)
    func doctorChecksTheForm() throws {
        var campaign = try Campaign()
        try campaign.mailToMaildir(
            """
            chat:
              groups:
                leaders: {robot: dingtalk, webhook: "https://oapi.dingtalk.com/robot/send?key=\(Self.dingTalkToken)"}
            """)
        let doctor = try CLI.run(["doctor"], environment: campaign.environment)
        #expect(doctor.status == 1)
        let line = try #require(doctor.stdout.split(separator: "\n").first { $0.contains("group leaders") })
        #expect(line.hasPrefix("fail"), "\(line)")
        #expect(!doctor.stdout.contains(Self.dingTalkToken))
    }
}
