/// The words a person wrote in a reply, without what they quoted and without their signature.
/// Every client quotes the notice under the reply, each in its own way (`>` lines, an
/// attribution line ending in `写道：`, a `-----原始邮件-----` rule, an Outlook or QQ邮箱 header
/// block in full-width colons): the reply is what comes before the first of them. A person who
/// writes under the quote is rare among these clients and is not looked for.
public enum ReplyText {
    public static func newText(_ text: String) -> String {
        let original = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        var lines = original.map { normalized($0) }
        // Markers are looked for in normalized lines; the person's words are kept as written.
        let end = firstQuoteMarker(lines) ?? lines.count
        lines = original[..<end].map { String($0) }
        // The signature: from a `-- ` line on, and the lines phones add at the end.
        if let separator = lines.lastIndex(where: { $0 == "-- " || $0 == "--" }) { lines = Array(lines[..<separator]) }
        while let last = lines.last {
            let trimmed = last.stripping(" \t\u{3000}\u{A0}")
            if trimmed.isEmpty || signatureLines.contains(where: { trimmed.hasPrefix($0) }) {
                lines.removeLast()
            } else {
                break
            }
        }
        return lines.map { line in
            var line = Substring(line)
            while line.last == " " || line.last == "\t" { line = line.dropLast() }
            return String(line)
        }.joined(separator: "\n").stripping(" \t\n\u{3000}\u{A0}")
    }

    /// What phones and mail apps add under what a person wrote.
    static let signatureLines = [
        "发自我的", "發自我的", "Sent from my", "Sent from Mail for", "来自网易邮箱大师", "來自網易郵箱大師", "发自网易邮箱", "来自QQ邮箱", "发送自 ", "Get Outlook for",
        "获取 Outlook", "从我的",
    ]

    /// Full-width and non-breaking spaces as plain ones, full-width colons as `:`, so that one
    /// pattern serves Chinese and Western clients.
    private static func normalized(_ line: Substring) -> String {
        if line.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return String(line) }
        var scalars = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            switch scalar {
            case "\u{3000}", "\u{A0}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{200B}": scalars.append(" ")
            case "：": scalars.append(":")
            case "\r": continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The line where the quote begins, nil when nothing is quoted.
    static func firstQuoteMarker(_ lines: [String]) -> Int? {
        for (index, line) in lines.enumerated() {
            let trimmed = line.stripping(" \t")
            if trimmed.hasPrefix(">") { return attributionStart(before: index, lines) ?? index }
            if isRule(trimmed) { return index }
            if isAttribution(trimmed, next: nextNonBlank(after: index, lines).map { lines[$0] }) {
                // Gmail wraps a long attribution: `On Tue, … 李四 <a@b>` / `wrote:`.
                if index > 0, !trimmed.hasPrefix("On "), lines[index - 1].stripping(" \t").hasPrefix("On ") { return index - 1 }
                return index
            }
            if isUnderline(trimmed), let next = nextNonBlank(after: index, lines), isHeaderBlock(at: next, lines) { return index }
            if isHeaderBlock(at: index, lines) { return index }
        }
        return nil
    }

    private static func nextNonBlank(after index: Int, _ lines: [String]) -> Int? {
        var next = index + 1
        // A few lines on at most, so that a text of many blank lines is still read once.
        while next < lines.count && next <= index + 10 {
            if !lines[next].stripping(" \t").isEmpty { return next }
            next += 1
        }
        return nil
    }

    /// The attribution line just above the first `>` line (perhaps with a blank line between),
    /// which belongs to the quote.
    private static func attributionStart(before index: Int, _ lines: [String]) -> Int? {
        var previous = index - 1
        while previous >= 0 && lines[previous].stripping(" \t").isEmpty { previous -= 1 }
        guard previous >= 0 else { return nil }
        let line = lines[previous].stripping(" \t")
        guard attributionEndings.contains(where: { line.hasSuffix($0) }) else { return nil }
        if previous > 0, !line.hasPrefix("On "), lines[previous - 1].stripping(" \t").hasPrefix("On ") { return previous - 1 }
        return previous
    }

    static let attributionEndings = ["写道:", "寫道:", "wrote:", "writes:", "写道", "寫道"]

    /// `On Tue, Mar 3, 2026 at 10:00 AM 李四 <a@b> wrote:`, `在 2026年3月3日 星期二 10:00，李四 <a@b> 写道：`,
    /// `2026年3月3日 上午10:00，李四 <a@b> 写道：`, `在 2026-03-03 10:00:00，"zzb"<zzb@…> 写道：`. A sentence
    /// of the reply that happens to end in `写道：` is told apart by what an attribution has: a
    /// date or an address, or `>` lines right under it.
    private static func isAttribution(_ line: String, next: String?) -> Bool {
        guard attributionEndings.contains(where: { line.hasSuffix($0) }) else { return false }
        let afterZai = line.hasPrefix("在") ? line.dropFirst().first : nil
        if line.hasPrefix("On ") || afterZai == " " || afterZai?.isNumber == true || line.contains("@") || line.first?.isNumber == true {
            return true
        }
        if attributionEndings.contains(line) { return true }  // `wrote:` alone: the second line of a wrapped one
        return next?.stripping(" \t").hasPrefix(">") == true
    }

    /// `-----原始邮件-----`, `-----Original Message-----`, `------------------ 原始邮件 ------------------`,
    /// `-------- 原始邮件 --------`, `---- 回复的原邮件 ----`, and forwarded-message rules.
    private static func isRule(_ line: String) -> Bool {
        guard line.hasPrefix("--") else { return false }
        let words = line.stripping("- \t*").lowercased()
        return ruleWords.contains(words.split(separator: " ").joined(separator: " "))
    }

    static let ruleWords: Set<String> = [
        "原始邮件", "原始郵件", "original message", "original", "回复的原邮件", "回復的原郵件", "原邮件", "转发邮件", "轉寄郵件", "forwarded message",
        "邮件原文", "原文",
    ]

    /// Outlook's `________________________________` above its header block.
    private static func isUnderline(_ line: String) -> Bool {
        line.count >= 10 && line.allSatisfy { $0 == "_" }
    }

    /// An Outlook, Foxmail or QQ邮箱 header block: a From line, then within the next few lines
    /// a date line and a To or Subject line.
    private static func isHeaderBlock(at index: Int, _ lines: [String]) -> Bool {
        guard fieldName(lines[index], in: fromNames) else { return false }
        var sawDate = false
        var sawTo = false
        for line in lines.dropFirst(index + 1).prefix(6) {
            if fieldName(line, in: dateNames) { sawDate = true }
            if fieldName(line, in: toNames) { sawTo = true }
        }
        return sawDate && sawTo
    }

    static let fromNames = ["from", "发件人", "發件人", "寄件者", "寄件人"]
    static let dateNames = ["sent", "date", "发送时间", "發送時間", "日期", "时间", "時間", "寄件日期", "发送日期"]
    static let toNames = ["to", "收件人", "subject", "主题", "主旨", "cc", "抄送"]

    /// Whether `line` is `Name: …` for one of `names` (colons already made half-width; Outlook's
    /// HTML bolds the name, which reaches the text as `*From:*`).
    private static func fieldName(_ line: String, in names: [String]) -> Bool {
        let trimmed = line.stripping(" \t*")
        guard let colon = trimmed.firstIndex(of: ":") else { return false }
        let name = trimmed[..<colon].stripping(" \t*").lowercased()
        return names.contains(name)
    }
}
