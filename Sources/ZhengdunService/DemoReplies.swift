import Foundation
import ZhengdunCore
import ZhengdunMail

/// The branch secretary of the demo, who never logs in: he acts by answering the notices in his
/// mailbox, as a village cadre does on a phone. His replies go through `mail-in`'s path whole:
/// the reply address read from the notice, a message written as a phone's mail client writes
/// it, the token checked, the answer mailed back.
struct MailboxReplies {
    let service: Service
    let maildir: String
    let zone: TimeZone

    /// The address a reply about `task` goes to, read from the newest notice to `email` that
    /// gives one for the task as it stands (its deadline version).
    func address(for task: TaskID, deadlineVersion: Int, to email: String) -> (address: String, notice: IncomingMail)? {
        let new = maildir + "/new"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: new)) ?? []).sorted().reversed()
        for name in names {
            guard let bytes = FileManager.default.contents(atPath: new + "/" + name),
                let notice = try? IncomingMail.parse(Array(bytes)), notice.recipients.contains(email)
            else { continue }
            let addresses = [notice.header("Reply-To") ?? ""] + notice.text.matches(of: /zzb\+[a-z2-7]+@[a-z.]+/).map { String($0.output) }
            for address in addresses {
                guard let plus = address.firstIndex(of: "+"), let at = address.firstIndex(of: "@"), plus < at,
                    let read = ReplyToken.read(address[address.index(after: plus)..<at]),
                    read.token.task == task, read.token.deadlineVersion == deadlineVersion
                else { continue }
                return (address, notice)
            }
        }
        return nil
    }

    /// Answers the notice about `task` with `words` first (签收, 办结：…) and the files attached;
    /// whether the reply was acted on.
    func reply(
        about task: TaskID, deadlineVersion: Int, from person: (name: String, email: String), words: String,
        files: [MailAttachment] = [], number: Int
    ) throws -> Bool {
        guard let (address, notice) = address(for: task, deadlineVersion: deadlineVersion, to: person.email) else { return false }
        let now = service.clock.now()
        let quoted = notice.text.split(separator: "\n", omittingEmptySubsequences: false).prefix(6).map { "> " + $0 }
        let message = MailMessage(
            from: try MailAddress(name: person.name, address: person.email), to: [try MailAddress(address: address)],
            subject: "回复：" + notice.subject,
            text: words + "\n\n发自我的手机\n\n在 \(zone.localDateTime(now).date.prose(in: .zh))，镇组织办 <zzb@town.example.cn> 写道：\n"
                + quoted.joined(separator: "\n"),
            date: now, messageID: "demo-reply-\(number)@phone.town.example.cn",
            headers: notice.messageID.map { [("In-Reply-To", "<\($0)>")] } ?? [], attachments: files)
        return try service.receive(mail: Array(message.rendered(zone: zone))).kind == .acted
    }
}
