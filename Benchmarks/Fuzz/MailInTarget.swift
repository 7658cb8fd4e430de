import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunService
import ZhengdunStore

/// `mail-in` (`Service.receive(mail:)`, what the command hands the bytes of standard input to),
/// on a real database of its own with a plan launched and its notices sent, seeded with replies
/// as real clients write them (`Benchmarks/Fuzz/mail`), their reply address and the Message-ID
/// they answer made this database's. The contract is the mail server's: every input ends in
/// exit 0 (handled: acted, refused and answered, ignored, a bounce, kept) or 65 (not mail);
/// 75 is for a database or daemon that is unavailable, which this one never is, so an error
/// thrown here is a broken promise.
struct MailInTarget: FuzzTarget {
    let name = "mail-in"

    func seeds(repository: URL) throws -> [[UInt8]] {
        let harness = try MailInHarness.shared.get()
        return try files(in: repository.appendingPathComponent("Benchmarks/Fuzz/mail"), ending: ".eml").map { url in
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
                .replacingOccurrences(of: "zzb+TOKEN@town.example.cn", with: harness.replyAddress)
                .replacingOccurrences(of: "NOTICE-ID", with: harness.noticeID)
            return Array(text.utf8)
        }
    }

    func run(_ input: [UInt8]) -> Verdict {
        do {
            let outcome = try MailInHarness.shared.get().service.receive(mail: input)
            var verdict = Verdict(accepted: outcome.kind != .notMail)
            for language in [Language.zh, Language.en] {
                verdict.longestLine = max(verdict.longestLine, outcome.line.text(in: language).utf8.count)
            }
            if verdict.longestLine > FuzzLimits.longestRefusalLine { verdict.problems.append("a line of \(verdict.longestLine) bytes") }
            return verdict
        } catch {
            return Verdict(accepted: false, problems: ["exit 75 on a database that was free: \(error)"])
        }
    }
}

/// The database the target works on: plan P1 for XX村 launched on Monday 2 March 2026 at 09:00
/// and its 交办 delivered into a maildir, from which the secretary's reply address and the
/// Message-ID of the notice are read.
struct MailInHarness: Sendable {
    let service: Service
    let replyAddress: String
    let noticeID: String

    static let shared = Result { try MailInHarness() }

    init() throws {
        // ZHENGDUN_FUZZ_FOLDER keeps the database where a script can point the real binary at it
        // (Benchmarks/fuzz-mail-in.sh).
        let folder =
            ProcessInfo.processInfo.environment["ZHENGDUN_FUZZ_FOLDER"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-fuzz-mail-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let maildir = folder.appendingPathComponent("maildir").path
        var configuration = Configuration.defaults
        configuration.mail.transport = .maildir
        configuration.mail.maildir = maildir
        configuration.mail.from = "镇组织办 <zzb@town.example.cn>"
        configuration.mail.replyTo = "zzb@town.example.cn"
        let file = try WorkflowFile.load(repository.appendingPathComponent("workflows/village-branch-rectification.yaml").path)
        let timeline = Timeline(calendar: file.calendar, zone: configuration.zone)
        let clock = ManualClock(timeline.instant(try LocalDateTime.parse("2026-03-02 09:00")))
        service = Service(store: try Store(path: folder.appendingPathComponent("z.db").path), clock: clock, configuration: configuration)
        let admin = Acting(caller: Caller(unixUser: "root", uid: 0, isAdministrator: true))
        let roles = [
            ("secretary", "li-si"), ("resident_cadre", "wang-wu"), ("org_office", "qian-qi"), ("office_director", "zhao-liu"),
            ("group_leader", "sun-ba"), ("work_team", "zhou-jiu"),
        ]
        for (_, person) in roles {
            _ = try service.addPerson(id: person, name: person, email: "\(person)@town.example.cn", unixUser: nil, by: admin)
        }
        _ = try service.createPlan(
            PlanDraft(
                village: "XX村", start: try LocalDate.parse("2026-03-02"), assignments: roles.map { (RoleKey($0.0), PersonID($0.1)) }),
            workflow: file, by: admin)
        _ = try service.advance(PlanID(1), overrideReason: nil, by: Acting(caller: admin.caller, asPerson: PersonID("qian-qi")))
        _ = try service.runDue()
        _ = try service.deliver(using: MaildirTransport(folder: maildir))
        let new = URL(fileURLWithPath: maildir).appendingPathComponent("new")
        for name in try FileManager.default.contentsOfDirectory(atPath: new.path) {
            // Read back as mail-in reads a reply: the body is base64.
            let notice = try IncomingMail.parse(Array(try Data(contentsOf: new.appendingPathComponent(name))))
            guard notice.recipients.contains("li-si@town.example.cn"), let id = notice.messageID,
                let address = notice.text.firstMatch(of: /zzb\+[a-z2-7]+@town\.example\.cn/)
            else { continue }
            replyAddress = String(address.output)
            noticeID = id
            return
        }
        throw MailInHarnessError()
    }
}

struct MailInHarnessError: Error, CustomStringConvertible {
    var description: String { "the secretary's 交办 with a reply address was not delivered" }
}
