/// What zhengdun takes as text from people and files, in one place: how long each kind of text
/// may be, which characters it may hold, how ids are written, how a refusal quotes a value.
///
/// Everything a person types (a name, a village, a note, a reason, a finding, an evidence file's
/// name) and every text a workflow or configuration file writes goes through one of these
/// limits. No control character may end a line or a mail header or drive a terminal where the
/// text is shown; no bidi control or invisible character may make a text display as something
/// else than it is (an evidence name that reads `reportexe.pdf`).
public struct TypedText: Sendable, Hashable {
    /// One line (a name, a title), or lines (a note, a description) that may hold line feeds
    /// and tabs; CRLF becomes LF.
    public enum Shape: Sendable, Hashable {
        case line, lines
    }

    public var shape: Shape
    /// The most Unicode scalars the text may hold, after trimming.
    public var maximum: Int

    public init(_ shape: Shape, maximum: Int) {
        self.shape = shape
        self.maximum = maximum
    }

    // MARK: The limits

    /// A person's name (姓名).
    public static let name = TypedText(.line, maximum: 64)
    /// A village (村) or a branch (党支部) name.
    public static let place = TypedText(.line, maximum: 100)
    /// A task's or an inspection order's title, a workflow title.
    public static let title = TypedText(.line, maximum: 200)
    /// The name an evidence file is kept under.
    public static let fileName = TypedText(.line, maximum: 255)
    /// A note, a reason, a finding, a problem found (说明、理由、督查发现、问题).
    public static let note = TypedText(.lines, maximum: 4_000)
    /// A description written in a workflow file.
    public static let description = TypedText(.lines, maximum: 4_000)
    /// Any other one-line value of a workflow, calendar or configuration file: a key, a rule,
    /// a role, a path, a command word.
    public static let fileValue = TypedText(.line, maximum: 4_096)

    /// The digits a plan or task number may have.
    public static let maximumSerialDigits = 15
    /// How much of a refused value a refusal quotes.
    public static let excerptLength = 80

    // MARK: Checking

    /// The text trimmed (and CRLF made LF for lines), or why it cannot be taken. `what` names
    /// the text in the refusal. Blank text is returned empty: whether it may be is the caller's.
    public func checked(_ text: String, _ what: Message) throws(ParseFailure) -> String {
        var text = text
        if shape == .lines, text.utf8.contains(0x0D) { text = text.replacing("\r\n", with: "\n") }
        let trimmed = Self.trimmed(text, newlines: shape == .lines)
        var count = 0
        for scalar in trimmed.unicodeScalars {
            count += 1
            if Self.isRefused(scalar, shape: shape) {
                throw ParseFailure(
                    Message.inputRefusedCharacter(what: what, kind: Self.kind(of: scalar), code: Self.codePoint(scalar), position: count))
            }
        }
        guard count <= maximum else {
            throw ParseFailure(Message.inputTooLong(what: what, count: count, maximum: maximum))
        }
        return trimmed
    }

    /// True for a character no typed text may hold: control characters (save line feed and tab
    /// in lines), format characters (bidi controls, zero-width spaces and joiners, the byte order
    /// mark, soft hyphens), line and paragraph separators, and the invisible fillers. Variation
    /// selectors stay: they pick the glyph of a rare character in a name.
    public static func isRefused(_ scalar: Unicode.Scalar, shape: Shape) -> Bool {
        let value = scalar.value
        if value < 0x20 { return !(shape == .lines && (value == 0x0A || value == 0x09)) }
        if value < 0x7F { return false }
        if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate: return true
        default: break
        }
        if scalar.properties.isDefaultIgnorableCodePoint { return true }
        return value == 0xFFFD || scalar.properties.isNoncharacterCodePoint
    }

    /// `U+202E`.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "U+" + hex
    }

    private static func kind(of scalar: Unicode.Scalar) -> Message {
        if scalar.value == 0xFFFD { return .inputKindReplacement }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return .inputKindControl
        default: break
        }
        if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            || [0x200E, 0x200F, 0x061C].contains(scalar.value)
        {
            return .inputKindBidi
        }
        return .inputKindInvisible
    }

    private static func trimmed(_ text: String, newlines: Bool) -> String {
        func blank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\u{3000}" || (newlines && (scalar == "\n" || scalar == "\t"))
                || (scalar.properties.isWhitespace && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !blank($0) })!
        return String(scalars[first...last])
    }

    // MARK: Quoting

    /// At most the first `excerptLength` characters of a refused value, with every character a
    /// typed text may not hold written as its code point, and `…` when cut: a refusal names
    /// what it refuses without echoing a megabyte or a terminal escape back.
    public static func excerpt(_ text: String) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == excerptLength { return result + "…" }
            count += 1
            if isRefused(scalar, shape: .line) { result += "<" + codePoint(scalar) + ">" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// The first line of a text, at most `count` characters, with an ellipsis when cut: what a
    /// title or a column shows of a longer text (a problem's 具体表现).
    public static func firstLine(_ text: String, atMost count: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.count > count ? String(line.prefix(count)) + "…" : line
    }

    // MARK: Numbers

    /// The number of `P12`/`T12` or `12`: ASCII digits, no sign, no leading zero, no spaces,
    /// greater than zero; nil for anything else (`T+1`, `T01`, `T 1`, `١٢`).
    public static func serial(_ text: String, prefix: Character) -> Int64? {
        var digits = Substring(text)
        if let first = digits.first, first == prefix || String(first) == prefix.lowercased() { digits = digits.dropFirst() }
        let bytes = Array(digits.utf8)
        guard let first = bytes.first, first != UInt8(ascii: "0"), bytes.count <= maximumSerialDigits,
            bytes.allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        return bytes.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
    }
}
