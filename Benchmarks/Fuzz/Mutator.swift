/// A deterministic source of randomness: SplitMix64, so that input number N of a run is the same
/// on every machine and can be made again alone (`--replay N`).
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<bound.
    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Makes hostile inputs out of good ones: byte flips, insertions of control, bidi and invalid
/// UTF-8 bytes, truncation, splicing of two seeds, deep nesting, huge numbers, YAML anchors and
/// aliases, long values, escapes in quoted scalars.
struct Mutator {
    let seeds: [[UInt8]]

    /// The input number `index` of a run seeded with `seed`.
    func input(_ index: UInt64, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
        // Half the inputs start from the first two seeds, the good files, so that mutations reach
        // the checks behind the syntax.
        var bytes = random.chance(50) ? seeds[random.below(min(2, seeds.count))] : random.pick(seeds)
        let rounds = 1 + random.below(random.chance(20) ? 12 : 2)
        for _ in 0..<rounds { mutate(&bytes, &random) }
        return bytes
    }

    static let strategies = [
        "bit flip", "interesting byte", "hostile sequence", "delete", "duplicate", "truncate", "splice",
        "line", "value", "nesting", "aliases", "long value", "quoted escape",
    ]

    private func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        switch random.below(Self.strategies.count) {
        case 0:
            guard !bytes.isEmpty else { return }
            bytes[random.below(bytes.count)] ^= 1 << UInt8(random.below(8))
        case 1:
            guard !bytes.isEmpty else { return }
            bytes[random.below(bytes.count)] = random.pick(Self.interestingBytes)
        case 2:
            bytes.insert(contentsOf: random.pick(Self.hostile), at: random.below(bytes.count + 1))
        case 3:
            guard !bytes.isEmpty else { return }
            let start = random.below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(64)))
        case 4:
            guard !bytes.isEmpty else { return }
            let start = random.below(bytes.count)
            let piece = bytes[start..<min(bytes.count, start + 1 + random.below(256))]
            bytes.insert(contentsOf: Array(piece), at: random.below(bytes.count + 1))
        case 5:
            bytes.removeSubrange(random.below(bytes.count + 1)...)
        case 6:
            let other = random.pick(seeds)
            let cut = lineStart(in: bytes, near: random.below(bytes.count + 1))
            let from = lineStart(in: other, near: random.below(other.count + 1))
            bytes = Array(bytes[..<cut]) + Array(other[from...])
        case 7:
            lineOperation(&bytes, &random)
        case 8:
            replaceValue(&bytes, with: random.pick(Self.values), &random)
        case 9:
            let depth = 20 + random.below(600)
            let nested: [UInt8]
            switch random.below(3) {
            case 0: nested = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
            case 1:
                nested =
                    Array(String(repeating: "{a: ", count: depth).utf8) + [UInt8(ascii: "1")]
                    + Array(repeating: UInt8(ascii: "}"), count: depth)
            default: nested = Array((0..<depth).map { String(repeating: " ", count: $0) + "- " }.joined(separator: "\n").utf8) + [0x78]
            }
            replaceValue(&bytes, with: nested, &random)
        case 10:
            let width = 2 + random.below(9)
            var laughs = "&a0 [x"
            var lines = ["a0: &a0 [lol]"]
            for level in 1...(3 + random.below(9)) {
                lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ") + "]")
                laughs = "*a\(level)"
            }
            if random.chance(50) {
                replaceValue(&bytes, with: Array(laughs.utf8), &random)
                bytes = Array((lines.joined(separator: "\n") + "\n").utf8) + bytes
            } else {
                replaceValue(
                    &bytes,
                    with: Array(
                        random.pick(["&x {a: *x}", "*nowhere", "&a [*a]", "<<: *a", "!!binary AAAA", "!custom x", "? [a, b]\n: c"]).utf8),
                    &random)
            }
        case 11:
            // Most long values are long for a field; one in fifty is long for a file.
            let length = random.chance(2) ? random.pick([70_000, 200_000]) : random.pick([300, 1_000, 5_000])
            let unit = random.pick(["x", "整顿", "\u{202E}", "\u{1B}", "a\n", "\u{FFFD}"])
            replaceValue(&bytes, with: Array(("\"" + String(repeating: unit, count: length / unit.utf8.count) + "\"").utf8), &random)
        default:
            replaceValue(&bytes, with: Array(("\"" + random.pick(Self.escapes) + "\"").utf8), &random)
        }
    }

    private func lineStart(in bytes: [UInt8], near index: Int) -> Int {
        var index = min(index, bytes.count)
        while index > 0 && bytes[index - 1] != 0x0A { index -= 1 }
        return index
    }

    private func lineOperation(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return }
        let a = random.below(lines.count)
        let b = random.below(lines.count)
        switch random.below(4) {
        case 0: lines.swapAt(a, b)
        case 1: lines.insert(lines[a], at: b)
        case 2: lines[a] = Array(repeating: 0x20, count: random.below(9)) + lines[a].drop { $0 == 0x20 }
        default: lines.remove(at: a)
        }
        bytes = Array(lines.joined(separator: [0x0A]))
    }

    /// Puts `value` after the `: ` or `- ` of a random line, or at the end.
    private func replaceValue(_ bytes: inout [UInt8], with value: [UInt8], _ random: inout SplitMix64) {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count > 1 else { bytes += value; return }
        let chosen = random.below(lines.count)
        var offset = 0
        for line in lines.prefix(chosen) { offset += line.count + 1 }
        let line = Array(lines[chosen])
        var valueStart: Int?
        for index in 0..<max(0, line.count - 1) where (line[index] == 0x3A || line[index] == 0x2D) && line[index + 1] == 0x20 {
            valueStart = index + 2
            break
        }
        let start = offset + (valueStart ?? line.count)
        bytes.replaceSubrange(start..<(offset + line.count), with: (valueStart == nil ? [0x20] : []) + value)
    }

    static let interestingBytes: [UInt8] = [
        0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x80, 0x85, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFE, 0xFF,
        0x22, 0x27, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x25, 0x40, 0x60, 0x3A, 0x2D, 0x3F, 0x2C, 0x20,
    ]

    static let hostile: [[UInt8]] = [
        [0x00], [0x1B, 0x5B, 0x32, 0x4A], Array("\u{1B}]52;c;aGVsbG8=\u{07}".utf8), [0x0D], [0x0D, 0x0A], [0x85],
        Array("\u{202E}".utf8), Array("\u{2066}".utf8), Array("\u{200B}".utf8), Array("\u{200D}".utf8), Array("\u{FEFF}".utf8),
        Array("\u{2028}".utf8), Array("\u{3164}".utf8), Array("\u{E0041}".utf8), Array("\u{FFFD}".utf8),
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE0, 0x80, 0xAF], Array("\t".utf8), Array("%YAML 1.1\n---\n".utf8), Array("---\n".utf8),
        Array("...\n".utf8), Array("\n  ".utf8), Array("#".utf8),
    ]

    static let values: [[UInt8]] = [
        "99999999999999999999", "9223372036854775808", "-1", "0", "1e309", "0x10", ".inf", ".nan", "~", "null", "''", "\"\"",
        "9999-12-31", "10000-01-01", "0000-00-00", "2026-02-30", "100000wd", "100001d", "99999999999wd", "0wd", "1wd@25:00",
        "1wd@9999:99", "2099-12-31 18:00", "36h@12:00", "-5d", "+3d", "３wd", "١٠wd", "1.5wd", "true", "yes", "no", "on",
        "0777", "0o777", "07777", "\"/tmp/\\0\"", "\"\\e[31m\"", "[]", "{}", "[a, [b, [c]]]", "|\n  x\n  y", ">-\n  z",
        "*a", "&a x", "!!str x", "!!int 1", "! x", "'it''s'", "\"\\u202Etxt.exe\"", "monday", "Monday", "sunday", "23:59",
        "24:00", "00:00", "0:0", "zh-CN", "en", "fr", "maildir", "sendmail", "[/bin/sh, -c, \"rm -rf /\"]", "[relative]",
        "Asia/Shanghai", "Mars/Olympus", "../../etc/passwd", "secretary", "assignee", "verifier", "draft",
    ].map { Array($0.utf8) }

    static let escapes = [
        "\\0", "\\e", "\\x1b[2J", "\\u202E", "\\u200B", "\\N", "\\L", "\\P", "\\_", "\\r\\n", "\\t", "\\a", "\\x00title",
        "\\U0010FFFF", "\\uD800", "\\uFFFE", "\\x7f", "\\x9b", "\\e]52;c;AAAA\\a", "a\\\nb",
    ]
}
