/// Telling machine-made mail from a person's reply. A secretary's reply counts as an action, so
/// an out-of-office or a bounce taken for one would close a task nobody did: every sign a
/// machine leaves is read, and bounces first, since Postfix marks its bounces
/// `Auto-Submitted: auto-replied` too.
///
/// Not read as signs: `X-Auto-Response-Suppress`, which Outlook sets on ordinary mail a person
/// sends, and `Precedence: list`, which a list adds to a person's message. `Precedence: bulk`
/// and `junk` are read, because autoresponders set them and no person's reply carries them.
extension IncomingMail {
    func classify(entity: Entity, walker: MIMEWalker) -> AutomaticMail? {
        let contentType = MIMEParameters(entity.header("content-type")?.text)
        let returnPath = entity.header("return-path")?.text.stripping(" \t")
        let nullSender = returnPath == "<>"
        if contentType.value == "multipart/report" {
            if contentType["report-type"]?.lowercased() == "delivery-status" || !walker.deliveryStatusGroups.isEmpty {
                return .deliveryStatus(reportedStatus(walker: walker, entity: entity))
            }
            return .autoReply  // a read receipt or another report
        }
        if looksLikeBounce(entity: entity) {
            return .deliveryStatus(
                DeliveryStatus(
                    originalMessageID: walker.originalMessageID ?? embeddedMessageID(walker.bytes, entity.body),
                    failedRecipients: entity.header("x-failed-recipients").map { HeaderSyntax.addresses($0.text) } ?? [],
                    permanent: !Self.delayWords.contains { subject.lowercased().contains($0) }))
        }
        if let autoSubmitted = entity.header("auto-submitted")?.text,
            autoSubmitted.split(separator: ";").first?.stripping(" \t").lowercased() != "no"
        {
            return .autoReply
        }
        if entity.header("x-autoreply") != nil || entity.header("x-autorespond") != nil || nullSender {
            return .autoReply
        }
        if let precedence = entity.header("precedence")?.text.stripping(" \t").lowercased(),
            ["auto_reply", "bulk", "junk"].contains(precedence)
        {
            return .autoReply
        }
        let start = subject.stripping(" \t\u{3000}").lowercased()
        if Self.autoReplySubjects.contains(where: { start.hasPrefix($0) }) { return .autoReply }
        return nil
    }

    /// How auto-replies begin their subjects in Chinese and English clients (lowercased).
    static let autoReplySubjects = [
        "自动回复", "自動回覆", "自动答复", "自動答覆", "自動回復", "auto reply", "auto-reply", "autoreply", "automatic reply", "auto response",
        "out of office", "out of the office", "休假", "auto:",
    ]

    /// Subjects of bounces sent without a delivery-status report (lowercased).
    static let bounceSubjects = [
        "undelivered mail returned to sender", "delivery status notification", "undeliverable", "mail delivery failed",
        "returned mail", "delivery failure", "failure notice", "mail delivery failure", "退信", "系统退信", "系統退信", "投递失败", "邮件投递失败",
    ]

    static let delayWords = ["delay", "延迟", "延遲", "warning", "暂时", "暫時"]

    private func looksLikeBounce(entity: Entity) -> Bool {
        if entity.header("x-failed-recipients") != nil { return true }
        let local = from.map { $0[..<($0.lastIndex(of: "@") ?? $0.endIndex)].lowercased() }
        if local == "mailer-daemon" || local == "postmaster" { return true }
        let subject = self.subject.stripping(" \t\u{3000}").lowercased()
        return Self.bounceSubjects.contains { subject.hasPrefix($0) } || subject.contains("系统退信") || subject.contains("退信通知")
    }

    /// What a multipart/report with a message/delivery-status part says (RFC 3464): every
    /// recipient whose Action is failed or delayed; permanent when one failed with a 5.x.x.
    private func reportedStatus(walker: MIMEWalker, entity: Entity) -> DeliveryStatus {
        var failed: [String] = []
        var seen = Set<String>()
        var permanent = false
        var anyStatus = false
        for group in walker.deliveryStatusGroups {
            func field(_ name: String) -> String? { group.first { $0.name == name }?.value }
            guard let recipientField = field("final-recipient") ?? field("original-recipient") else { continue }
            let action = field("action")?.lowercased() ?? ""
            let status = field("status")?.stripping(" \t") ?? ""
            let failedForGood = status.hasPrefix("5") || (status.isEmpty && action == "failed")
            guard action == "failed" || action == "delayed" || (action.isEmpty && (status.hasPrefix("5") || status.hasPrefix("4"))) else {
                continue
            }
            anyStatus = true
            if failedForGood && action != "delayed" { permanent = true }
            // `rfc822; li-si@town.example.cn`: the address after the address type.
            let address = recipientField.split(separator: ";", maxSplits: 1).last.map(String.init) ?? recipientField
            if let address = HeaderSyntax.addresses(address).first, seen.insert(address).inserted { failed.append(address) }
        }
        if !anyStatus { permanent = !Self.delayWords.contains { subject.lowercased().contains($0) } }
        return DeliveryStatus(
            originalMessageID: walker.originalMessageID ?? embeddedMessageID(walker.bytes, entity.body), failedRecipients: failed,
            permanent: permanent)
    }

    /// The id of the first `Message-ID:` line in a bounce's body, where bounces without a
    /// report quote the original's headers.
    private func embeddedMessageID(_ bytes: [UInt8], _ body: Range<Int>) -> String? {
        let key = Array("message-id:".utf8)
        var lineStart = body.lowerBound
        // A few tries: a body of nothing but empty Message-ID lines is no bounce worth reading.
        var tries = 0
        while lineStart < body.upperBound && tries < 10 {
            var lineEnd = lineStart
            while lineEnd < body.upperBound && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var index = lineStart
            while index < lineEnd && (bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == UInt8(ascii: ">")) { index += 1 }
            if lineEnd - index >= key.count, bytes[index..<index + key.count].map({ $0 | 0x20 }).elementsEqual(key.map { $0 | 0x20 }) {
                tries += 1
                // The id may be folded onto the next line.
                let next = min(lineEnd + 1 + 200, body.upperBound)
                let text = String(decoding: bytes[(index + key.count)..<max(index + key.count, next)], as: UTF8.self)
                if let id = HeaderSyntax.messageIDs(String(text.prefix { $0 != ">" }) + ">").first { return id }
            }
            lineStart = lineEnd + 1
        }
        return nil
    }
}
