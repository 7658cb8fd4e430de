import ZhengdunCore

/// Replies by mail (`mail-in`): what is said to the person who replied, and the one line for the
/// mail server's log; the reply-key file.
extension Message {
    public static func cannotReadReplyKeys(path: String, problem: Message) -> Message {
        Message(
            en: "cannot read the reply keys \(path): \(problem)",
            zh: "无法读取回复凭证密钥文件 \(path)：\(problem)")
    }

    public static func cannotWriteReplyKeys(path: String, problem: Message) -> Message {
        Message(
            en: "cannot write the reply keys \(path): \(problem)",
            zh: "无法写入回复凭证密钥文件 \(path)：\(problem)")
    }

    public static func replyKeysRotated(path: String, key: Int, kept: Int) -> Message {
        Message(
            en: "\(path): key \(key) signs reply addresses from now on; \(kept, one: "older key", other: "older keys") still accepted",
            zh: "\(path)：自即日起以第 \(key) 号密钥签发回复地址；仍接受较早的密钥 \(kept) 个")
    }

    // MARK: What mail-in did, one line for the mail server's log

    public static func mailInActed(task: String, state: Message) -> Message {
        Message(en: "reply handled: task \(task) is now \(state)", zh: "回复已办理：任务 \(task) 现为\(state)")
    }

    public static func mailInRefused(reason: Message) -> Message {
        Message(en: "reply refused, the sender is told: \(reason)", zh: "回复未予办理，已告知发件人：\(reason)")
    }

    public static let mailInDuplicate = Message(
        en: "this message was handled before; nothing done again", zh: "此邮件此前已处理，不再重复办理")

    public static let mailInAutomatic = Message(
        en: "an automatic reply; nothing done", zh: "自动回复邮件，不予办理")

    public static func mailInBounce(message: String) -> Message {
        Message(en: "a bounce of outbox message \(message), marked", zh: "退信，已标记发件箱邮件 \(message)")
    }

    public static let mailInBounceUnknown = Message(
        en: "a delivery report on no message of ours; nothing done", zh: "退信报告所指邮件不在发件箱中，不予处理")

    public static func mailInKept(file: String, reason: Message) -> Message {
        Message(en: "kept in \(file): \(reason)", zh: "已留存于 \(file)：\(reason)")
    }

    public static func mailInNotMail(problem: String) -> Message {
        Message(en: "not a mail message: \(problem)", zh: "不是邮件：\(problem)")
    }

    public static let mailInNotConfigured = Message(
        en: "no mail.reply_to is configured: replies cannot be matched to notices",
        zh: "未配置 mail.reply_to，无法将回复对应到通知")

    public static let mailInTokenInvalid = Message(
        en: "the token in its reply address does not check out", zh: "回复地址中的凭证无效")

    public static let mailInNoToken = Message(
        en: "it is not addressed to a notice's reply address", zh: "收件地址不是通知的回复地址")

    public static func mailInNobodyToAnswer(reason: Message) -> Message {
        Message(
            en: "\(reason), and its sender is nobody in the database to answer",
            zh: "\(reason)，且发件人不是系统中登记的人员，无从答复")
    }

    // MARK: Why a reply was not acted on, said to the person

    public static let replyTokenInvalid = Message(
        en: "the address you replied to is not a valid reply address of a notice (it may have been changed on the way)",
        zh: "您回复的地址不是有效的通知回复地址（可能在传递中被改动）")

    public static let replyNotToToken = Message(
        en:
            "your mail was not sent to a notice's reply address: reply to the notice itself, or, for one item of a notice listing several, write to the address given under that item",
        zh: "您的邮件没有发往通知的回复地址：请直接回复通知邮件；汇总通知中的某一项，请发往该项下所列的地址")

    public static func replyStale(task: String) -> Message {
        Message(
            en:
                "the notice you replied to is out of date: task \(task) has changed since (a new deadline or another person); please reply to the latest notice",
            zh: "您回复的通知已过时：任务 \(task) 此后已有变更（时限调整或改派），请回复最新的通知")
    }

    public static func replyFromAnotherAddress(sender: String, task: String) -> Message {
        Message(
            en: "a reply about task \(task) came from \(sender), which is not your address; nothing was done",
            zh: "有一封关于任务 \(task) 的回复来自 \(sender)，不是您登记的邮箱，未予办理")
    }

    public static func replyActionNotAllowed(task: String, action: Message) -> Message {
        Message(
            en: "task \(task) cannot be \(action) by replying to this notice",
            zh: "不能通过回复此通知对任务 \(task) 进行\(action)")
    }

    public static let actionAcknowledge = Message(en: "acknowledged", zh: "签收")
    public static let actionSubmit = Message(en: "reported done", zh: "办结报送")

    public static func replyWordsUnknown(line: Quoted) -> Message {
        Message(
            en: "the reply's first line, '\(line)', is not a word we understand",
            zh: "回复的第一行“\(line)”不是可以办理的用语")
    }

    public static let replySubmitWithoutNote = Message(
        en: "'done' must be followed by what was done, for instance: done: the branch committee met on 5 March",
        zh: "“办结”后须写明办理情况，例如：办结：已于3月5日召开支委会")

    public static let replyWordsHelp = Message(
        en: """
            Write one of these on the first line of your reply:
              ack — to acknowledge the task (also: acknowledged, received);
              done: what was done — to report it done, with the evidence attached (also: submitted).
            """,
        zh: """
            请在回复的第一行写明：
              签收（或“收到”“确认”）——签收任务；
              办结：办理情况（或“已完成”“报送”）——报送办结情况，并附佐证材料。
            """)

    // MARK: The answers mailed

    public static func replyAnswerGreeting(name: String) -> Message {
        Message(en: "Dear \(name),", zh: "\(name)同志：")
    }

    public static func replyConfirmedSubject(task: String, title: String, action: Message) -> Message {
        Message(en: "[Done] \(task) \(title): \(action)", zh: "【回复已办理】\(task) \(title)：已\(action)")
    }

    public static func replyConfirmed(task: String, title: String, action: Message, state: Message, received: LocalDateTime) -> Message {
        Message(
            en: "Your reply of \(received) was received: task \(task) \(title) is \(action). It now stands as \(state).",
            zh: "您\(received)的回复已收到，任务 \(task) \(title) 已\(action)，当前状态：\(state)。")
    }

    public static func replyEvidenceStored(count: Int) -> Message {
        Message(
            en: "\(count, one: "The attached file was", other: "The \(count) attached files were") kept as evidence.",
            zh: "所附 \(count) 个文件已作为佐证材料存档。")
    }

    public static func replyRefusedSubject(subject: String) -> Message {
        Message(en: "[Not done] \(subject)", zh: "【回复未能办理】\(subject)")
    }

    public static func replyRefused(received: LocalDateTime, reason: Message) -> Message {
        Message(
            en: "Your reply of \(received) could not be acted on: \(reason).",
            zh: "您\(received)的回复未能办理：\(reason)。")
    }

    public static let replyClosing = Message(
        en: "(Sent by zhengdun in answer to your reply)", zh: "（本邮件由 zhengdun 自动回复）")
}

extension Message {
    public static func cannotKeepMail(folder: String, problem: String) -> Message {
        Message(
            en: "cannot keep the message in \(folder): \(problem)",
            zh: "无法将邮件留存于 \(folder)：\(problem)")
    }
}
