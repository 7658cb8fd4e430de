import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService
import ZhengdunStore

/// `--db`: which database to work on directly.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", discussion: "Default: $ZHENGDUN_DB, else $XDG_DATA_HOME/zhengdun/zhengdun.db (~/.local/share/zhengdun/zhengdun.db).", valueName: "path"))
    var db: String?

    var path: String {
        let environment = ProcessInfo.processInfo.environment
        if let db { return db }
        if let db = environment["ZHENGDUN_DB"], !db.isEmpty { return db }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/share")
        return data.appendingPathComponent("zhengdun/zhengdun.db")
    }

    /// The service on the local database, creating its folder the first time.
    func service() throws -> Service {
        let path = self.path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Refusal("cannot create the database folder \(folder)")
            }
        }
        return Service(store: try Store(path: path), clock: try Clocks.current(), zone: try Zones.deployment())
    }

    func caller() -> Caller { Caller.local(databasePath: path) }
}

/// `--as`: an administrator acting as a person.
struct ActingOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this person (administrators only); the event records both.", valueName: "person"))
    var asPerson: String?

    func acting(_ database: DatabaseOptions) -> Acting {
        Acting(caller: database.caller(), asPerson: asPerson.map { PersonID($0) })
    }
}

/// The clock commands read: the machine's, or the instant in `ZHENGDUN_NOW` (`YYYY-MM-DD HH:MM`,
/// local time) for trials and tests on a local database.
enum Clocks {
    static func current() throws -> any WallClock {
        guard let text = ProcessInfo.processInfo.environment["ZHENGDUN_NOW"], !text.isEmpty else { return SystemClock() }
        do {
            let local = try LocalDateTime.parse(text)
            return ManualClock(Timeline(calendar: .mondayToFriday, zone: try Zones.deployment()).instant(local))
        } catch let failure as ParseFailure {
            throw Refusal("ZHENGDUN_NOW: \(failure.message)")
        }
    }
}

/// The deployment's timezone.
enum Zones {
    static func deployment() throws -> TimeZone {
        let name = ProcessInfo.processInfo.environment["ZHENGDUN_TIMEZONE"].flatMap { $0.isEmpty ? nil : $0 } ?? Timeline.defaultZoneIdentifier
        guard let zone = TimeZone(identifier: name) else { throw Refusal("unknown timezone '\(name)'") }
        return zone
    }
}

/// Reading what people type for ids, dates and rules, with one-line refusals.
enum Parse {
    /// `P12` or `12`.
    static func plan(_ text: String) throws -> PlanID {
        PlanID(try number(text, prefix: "P", what: "plan"))
    }

    /// `T12` or `12`.
    static func task(_ text: String) throws -> TaskID {
        TaskID(try number(text, prefix: "T", what: "task"))
    }

    private static func number(_ text: String, prefix: Character, what: String) throws -> Int64 {
        let digits = text.first.map { $0.uppercased() == String(prefix) } == true ? String(text.dropFirst()) : text
        guard let value = Int64(digits), value > 0 else { throw Refusal("'\(text)' is not a \(what) number; write \(prefix)12 or 12") }
        return value
    }

    static func date(_ text: String, _ option: String) throws -> LocalDate {
        do { return try LocalDate.parse(text) } catch let failure as ParseFailure { throw Refusal("\(option): \(failure.message)") }
    }

    static func rule(_ text: String, _ option: String) throws -> DeadlineRule {
        do { return try DeadlineRule.parse(text) } catch let failure as ParseFailure { throw Refusal("\(option): \(failure.message)") }
    }

    static func span(_ text: String, _ option: String) throws -> CalendarSpan {
        do { return try CalendarSpan.parse(text) } catch let failure as ParseFailure { throw Refusal("\(option): \(failure.message)") }
    }

    /// `KEY=VALUE`.
    static func pair(_ text: String, _ option: String) throws -> (String, String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
            throw Refusal("\(option) \(text): expected KEY=VALUE")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }
}
