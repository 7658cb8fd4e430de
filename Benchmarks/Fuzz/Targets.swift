import Foundation
import ZhengdunCore

/// One reader the harness feeds: the files its mutations start from, and what it makes of one
/// input. A target checks its own contract and returns what broke it; a crash or a hang is
/// caught by the harness around it.
///
/// To add a target (the socket frame reader, say): write a type that conforms, seeded from
/// frames a real client sends, whose `run` hands the bytes to the pure reader and returns a
/// problem for every refusal that does not say where in the input it stopped; then add it to
/// `FuzzTargets.all`.
protocol FuzzTarget: Sendable {
    var name: String { get }
    /// The inputs mutations start from.
    func seeds(repository: URL) throws -> [[UInt8]]
    /// Reads one input; nil when the reader kept its contract, else what went wrong.
    func run(_ input: [UInt8]) -> Verdict
}

/// What one input came to.
struct Verdict {
    var accepted: Bool
    /// Broken promises: a refusal without a position, a position outside the input, a refusal
    /// that quotes too much.
    var problems: [String] = []
    /// The longest line of the refusal, said in Chinese or English, in bytes.
    var longestLine = 0
}

enum FuzzTargets {
    static let all: [any FuzzTarget] = [WorkflowTarget(), ConfigurationTarget(), CalendarTarget(), MailInTarget()]

    static func named(_ name: String) -> (any FuzzTarget)? { all.first { $0.name == name } }
}

/// Refused files must say where: every diagnostic at the file's name, a line and column inside
/// the input, and no line of the refusal longer than a person can read.
func fileVerdict(_ input: [UInt8], file: String, _ load: () throws(InvalidSource) -> Void) -> Verdict {
    do {
        try load()
        return Verdict(accepted: true)
    } catch {
        var verdict = Verdict(accepted: false)
        // YAML breaks lines at LF, CR, NEL, LS and PS: an upper bound of its line count.
        var lines = 1
        for index in input.indices {
            let byte = input[index]
            if byte == 0x0A || byte == 0x0D || byte == 0x85 || ((byte == 0xA8 || byte == 0xA9) && index >= 2 && input[index - 2] == 0xE2) {
                lines += 1
            }
        }
        if error.diagnostics.isEmpty { verdict.problems.append("refused without a diagnostic") }
        for diagnostic in error.diagnostics where diagnostic.severity == .error {
            let at = diagnostic.location
            if at.file != file || at.line < 1 || at.column < 1 || at.line > lines {
                verdict.problems.append("position \(at) outside the input of \(lines) lines: \(diagnostic)")
            }
        }
        for language in [Language.zh, Language.en] {
            for line in error.text(in: language).split(separator: "\n") {
                verdict.longestLine = max(verdict.longestLine, line.utf8.count)
            }
        }
        if verdict.longestLine > FuzzLimits.longestRefusalLine {
            verdict.problems.append("a refusal line of \(verdict.longestLine) bytes")
        }
        return verdict
    }
}

enum FuzzLimits {
    /// A refusal line longer than this quotes too much of the input.
    static let longestRefusalLine = 4_096
}

func files(in folder: URL, ending suffix: String) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(suffix) }.sorted().map { folder.appendingPathComponent($0) }
}

func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

/// The workflow loader (`Workflow.load(bytes:)`), seeded with the shipped workflow and every
/// workflow fixture of the tests.
struct WorkflowTarget: FuzzTarget {
    let name = "workflow"
    static let file = "fuzz.yaml"

    func seeds(repository: URL) throws -> [[UInt8]] {
        let fixtures = repository.appendingPathComponent("Tests/ZhengdunCoreTests/Fixtures/workflows")
        let urls =
            [repository.appendingPathComponent("workflows/village-branch-rectification.yaml")]
            + files(in: fixtures, ending: ".yaml") + files(in: fixtures.appendingPathComponent("broken"), ending: ".yaml")
        return try urls.map(bytes)
    }

    func run(_ input: [UInt8]) -> Verdict {
        fileVerdict(input, file: Self.file) { () throws(InvalidSource) in
            _ = try Workflow.load(bytes: input, file: Self.file, calendars: ["cn"])
        }
    }
}

/// The configuration loader (`Configuration.load(bytes:)`), seeded with the documented example
/// and small files that reach every key.
struct ConfigurationTarget: FuzzTarget {
    let name = "configuration"
    static let file = "zhengdun.yaml"

    func seeds(repository: URL) throws -> [[UInt8]] {
        let written = [
            "database: /var/lib/zhengdun/zhengdun.db\nsocket: /run/zhengdun/zhengdun.sock\nsocket_mode: \"0660\"\nsocket_group: zhengdun-users\n",
            "timezone: Asia/Shanghai\nlog_level: debug\nadmin_group: zhengdun-admin\nworkflows: /etc/zhengdun/workflows\n",
            "mail:\n  transport: maildir\n  maildir: /var/lib/zhengdun/maildir\n  language: en\n",
            "mail:\n  from: \"镇组织办 <zzb@town.example.cn>\"\n  sendmail: [/usr/sbin/sendmail, -t, -oi]\n  retry: {attempts: 3, first: 1m, max: 1h}\n",
            "mail: {transport: sendmail, sendmail: [\"/usr/bin/msmtp\", \"-C\", \"/etc/msmtprc\"], retry: {attempts: 100, first: 1d, max: 2d}}\n",
        ].map { Array($0.utf8) }
        return [try bytes(repository.appendingPathComponent("deploy/zhengdun.yaml"))] + written
    }

    func run(_ input: [UInt8]) -> Verdict {
        fileVerdict(input, file: Self.file) { () throws(InvalidSource) in
            _ = try Configuration.load(bytes: input, file: Self.file)
        }
    }
}

/// The working-day calendar loader, seeded with the shipped calendar and the calendar fixtures.
struct CalendarTarget: FuzzTarget {
    let name = "calendar"
    static let file = "cn.yaml"

    func seeds(repository: URL) throws -> [[UInt8]] {
        let fixtures = repository.appendingPathComponent("Tests/ZhengdunCoreTests/Fixtures/calendars")
        let urls =
            [repository.appendingPathComponent("workflows/calendars/cn.yaml")]
            + files(in: fixtures, ending: ".yaml") + files(in: fixtures.appendingPathComponent("broken"), ending: ".yaml")
        return try urls.map(bytes)
    }

    func run(_ input: [UInt8]) -> Verdict {
        fileVerdict(input, file: Self.file) { () throws(InvalidSource) in
            guard case .success(let text) = UTF8Text.decode(input, file: Self.file) else {
                if case .failure(let diagnostic) = UTF8Text.decode(input, file: Self.file) { throw InvalidSource([diagnostic]) }
                return
            }
            _ = try WorkingCalendar.load(text, file: Self.file)
        }
    }
}
