// zhengdun-fuzz: the readers of files people write, fed mutated inputs in process.
//
//   zhengdun-fuzz TARGET [--count N] [--from I] [--seed S]    N inputs (default 1,000,000) from index I
//   zhengdun-fuzz TARGET --replay I [--out FILE]              input I alone, written to FILE
//   zhengdun-fuzz --list                                      the targets
//
// TARGET is one of `FuzzTargets.all` (workflow, configuration, calendar, mail-in). Input I of a run is
// made from the seed files by a mutation chosen by SplitMix64 seeded with S and I, so any input
// can be made again alone. The run stops with exit 1 at the first broken promise (a refusal
// without a position inside the input, a refusal line over 4 KiB); a crash names the input
// that caused it before the process dies; an input still being read after 10 s is reported as a
// hang (exit 3). At the end: inputs, accepted, refused, time, inputs per second, and the
// slowest input with its time.
import Foundation
import Synchronization
import ZhengdunCore

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The input being read, for the crash handler and the hang watchdog.
let currentIndex = Atomic<UInt64>(0)
/// When the input being read started (monotonic nanoseconds); 0 between inputs.
let currentStart = Atomic<UInt64>(0)
let hangSeconds: UInt64 = 10

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func fail(_ text: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data((text + "\n").utf8))
    exit(code)
}

/// A line on standard output, written at once (print would hold it in a buffer when the
/// output is a file, and a long run would show nothing until its end).
func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func option(_ name: String) -> String? {
    guard let index = CommandLine.arguments.firstIndex(of: name), index + 1 < CommandLine.arguments.count else { return nil }
    return CommandLine.arguments[index + 1]
}

func number(_ text: String) -> UInt64? { UInt64(text.replacingOccurrences(of: "_", with: "")) }

/// Writes `fuzz: crashed on input N` with write(2) alone, then lets the signal kill the process.
func installCrashReport() {
    let handler: @convention(c) (Int32) -> Void = { signal in
        var buffer = [UInt8](repeating: 0, count: 64)
        let prefix = Array("\nfuzz: crashed on input ".utf8)
        var length = 0
        for byte in prefix { buffer[length] = byte; length += 1 }
        var value = currentIndex.load(ordering: .relaxed)
        var digits: [UInt8] = []
        repeat { digits.append(UInt8(0x30 + value % 10)); value /= 10 } while value > 0
        for digit in digits.reversed() { buffer[length] = digit; length += 1 }
        buffer[length] = 0x0A
        length += 1
        _ = buffer.withUnsafeBytes { write(2, $0.baseAddress, length) }
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
    }
    for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] { _ = Glibc.signal(signal, handler) }
}

/// A thread that ends the run when one input has been read for more than `hangSeconds`.
func startWatchdog() {
    let thread = Thread {
        while true {
            sleep(1)
            let started = currentStart.load(ordering: .relaxed)
            if started != 0, now() > started, now() - started > hangSeconds * 1_000_000_000 {
                fail("fuzz: input \(currentIndex.load(ordering: .relaxed)) still being read after \(hangSeconds) s (hang)", code: 3)
            }
        }
    }
    thread.start()
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--list" || arguments.isEmpty {
    report(FuzzTargets.all.map(\.name).joined(separator: "\n"))
    exit(arguments.isEmpty ? 2 : 0)
}
guard let target = FuzzTargets.named(arguments.first!) else { fail("fuzz: no target \(arguments.first!); --list names them", code: 2) }
let seed = option("--seed").flatMap(number) ?? 2026_12_03
let mutator = Mutator(seeds: try target.seeds(repository: repository))

if let replay = option("--replay").flatMap(number) {
    let input = mutator.input(replay, seed: seed)
    if let out = option("--out") { _ = FileManager.default.createFile(atPath: out, contents: Data(input)) }
    let verdict = target.run(input)
    report(
        "input \(replay): \(input.count) bytes, \(verdict.accepted ? "accepted" : "refused"), longest refusal line \(verdict.longestLine) bytes"
    )
    for problem in verdict.problems { report("  problem: \(problem)") }
    exit(verdict.problems.isEmpty ? 0 : 1)
}

let count = option("--count").flatMap(number) ?? 1_000_000
let first = option("--from").flatMap(number) ?? 0
installCrashReport()
startWatchdog()

var accepted = 0
var refused = 0
var slowest: (index: UInt64, nanoseconds: UInt64, bytes: Int) = (0, 0, 0)
var longestLine = 0
var totalBytes = 0
let began = now()
report("fuzz \(target.name): \(mutator.seeds.count) seeds, seed \(seed), inputs \(first)..<\(first + count)")
for index in first..<(first + count) {
    let input = mutator.input(index, seed: seed)
    totalBytes += input.count
    currentIndex.store(index, ordering: .relaxed)
    let start = now()
    currentStart.store(start, ordering: .relaxed)
    let verdict = target.run(input)
    let took = now() - start
    currentStart.store(0, ordering: .relaxed)
    if took > slowest.nanoseconds { slowest = (index, took, input.count) }
    if verdict.accepted { accepted += 1 } else { refused += 1 }
    longestLine = max(longestLine, verdict.longestLine)
    if !verdict.problems.isEmpty {
        fail(
            "fuzz: input \(index) (replay with --replay \(index) --seed \(seed) --out FILE):\n  "
                + verdict.problems.joined(separator: "\n  "))
    }
    if (index - first + 1) % 100_000 == 0 {
        let seconds = Double(now() - began) / 1e9
        report(String(format: "  %llu inputs, %.0f s, %.0f/s", index - first + 1, seconds, Double(index - first + 1) / seconds))
    }
}
let seconds = Double(now() - began) / 1e9
report(
    String(
        format: "fuzz %@: %llu inputs (%llu..<%llu, seed %llu), %d accepted, %d refused with a position, 0 crashes, 0 hangs",
        target.name, count, first, first + count, seed, accepted, refused))
report(
    String(
        format: "  %.1f s, %.0f inputs/s, %.1f MB read; slowest input %llu (%d bytes): %.1f ms; longest refusal line %d bytes",
        seconds, Double(count) / seconds, Double(totalBytes) / 1e6, slowest.index, slowest.bytes, Double(slowest.nanoseconds) / 1e6,
        longestLine))
