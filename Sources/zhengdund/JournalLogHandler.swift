import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One line per event on standard error, prefixed with its syslog priority (`<6>` for info),
/// which journald reads as the level: `<4>pass failed: … key=value`. The threshold is shared by
/// every logger of the process, so that a reload can change it.
struct JournalLogHandler: LogHandler {
    static let threshold = Mutex<Logger.Level>(.info)

    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    var logLevel: Logger.Level {
        get { Self.threshold.withLock { $0 } }
        set { Self.threshold.withLock { $0 = newValue } }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:]) { $1 }
        var line = "<\(Self.priority(event.level))>\(event.message)"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        // One write per event, so lines from several threads never interleave; a standard error
        // nobody reads any more loses the line, never the daemon.
        let bytes = Array((line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }
}
