/// What a person asks for in a reply to a notice, read from the first line of what they wrote
/// (the quoted notice already taken off): 签收 to acknowledge, 办结 with the account of the work
/// to report it done.
public enum ReplyCommand: Sendable, Equatable {
    /// 签收 / 收到 / 确认, with whatever follows on the line as the note.
    case acknowledge(note: String?)
    /// 办结 / 已完成 / 报送: the text after the word, and the lines after it, as the note; a line
    /// of its own starting 缺项说明 (or 缺项理由, 缺项原因) says why evidence asked for is missing.
    case submit(note: String, missingReason: String? = nil)
    /// A reporting word with nothing after it: the account of the work is missing.
    case submitWithoutNote
    /// Nothing we understand; the first line, for the answer that explains the words.
    case unknown(firstLine: String)

    /// The words that acknowledge, Chinese first (the office's words), then English.
    public static let acknowledgeWords = ["签收", "收到", "确认", "acknowledged", "acknowledge", "received", "ack"]
    /// The words that report work done.
    public static let submitWords = ["办结", "已完成", "报送", "完成", "submitted", "submit", "done"]
    /// The words that begin a line saying why evidence asked for is missing.
    public static let missingWords = ["缺项说明", "缺项理由", "缺项原因", "missing"]

    /// Reads the new text of a reply.
    public static func read(_ text: String) -> ReplyCommand {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while let first = lines.first, first.trimmed(leading: Self.filler).isEmpty { lines.removeFirst() }
        guard let first = lines.first else { return .unknown(firstLine: "") }
        let line = first.trimmed(leading: Self.filler)
        let rest = lines.dropFirst().joined(separator: "\n")
        if let after = Self.after(Self.acknowledgeWords, in: line) {
            let note = (after + (rest.isEmpty ? "" : "\n" + rest)).trimmed(leading: Self.filler)
            return .acknowledge(note: note.isEmpty ? nil : note)
        }
        if let after = Self.after(Self.submitWords, in: line) {
            var others: [String] = []
            var reason: String?
            for line in lines.dropFirst() {
                if reason == nil, let why = Self.after(Self.missingWords, in: line.trimmed(leading: Self.filler)) {
                    reason = why.trimmed(leading: Self.filler)
                } else {
                    others.append(line)
                }
            }
            let rest = others.joined(separator: "\n")
            let note = (after + (rest.isEmpty ? "" : "\n" + rest)).trimmed(leading: Self.filler)
            return note.isEmpty ? .submitWithoutNote : .submit(note: note, missingReason: reason.flatMap { $0.isEmpty ? nil : $0 })
        }
        return .unknown(firstLine: line)
    }

    /// What follows one of `words` at the start of `line` and the punctuation after it; nil when
    /// the line does not start with one as a word of its own (`收到` yes, `收到了吗` no is not
    /// worth the guess: any text after the word counts, but an English word must end there).
    private static func after(_ words: [String], in line: String) -> String? {
        let lowered = line.lowercased()
        for word in words where lowered.hasPrefix(word) {
            let rest = line.dropFirst(word.count)
            if word.first!.isASCII, let next = rest.first, next.isLetter { continue }
            return String(rest.drop { Self.separators.contains($0) })
        }
        return nil
    }

    /// What may stand around the word: spaces (full-width too), quotes people copy from the
    /// notice's “签收”, and the punctuation after it.
    private static let separators: Set<Character> = [
        " ", "\u{3000}", "\t", ":", "：", ",", "，", "。", ".", "、", "!", "！", "”", "\"", "'", "’", "-", "—",
    ]
    private static let filler: Set<Character> = separators.union(["“", "‘", "\u{FEFF}", "\u{00A0}"])
}

extension String {
    /// The text without `leading` characters and line breaks before it, nor white space after.
    fileprivate func trimmed(leading: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, leading.contains(first) || first.isNewline { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
