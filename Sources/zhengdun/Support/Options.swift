import ArgumentParser
import Foundation
import ZhengdunCore
import ZhengdunService

/// `--db` and `--config`: which database to work on directly, and the configuration file.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            say(en: "The database file.", zh: "数据库文件。"),
            discussion: say(
                en:
                    "Default: $ZHENGDUN_DB, else the configuration's database, else $XDG_DATA_HOME/zhengdun/zhengdun.db (~/.local/share/zhengdun/zhengdun.db).",
                zh: "默认：$ZHENGDUN_DB，否则为配置中的数据库，再否则为 $XDG_DATA_HOME/zhengdun/zhengdun.db（~/.local/share/zhengdun/zhengdun.db）。"),
            valueName: "path"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(en: "The configuration file.", zh: "配置文件。"),
            discussion: say(
                en: "Default: $ZHENGDUN_CONFIG, else /etc/zhengdun/zhengdun.yaml when present, else built-in defaults.",
                zh: "默认：$ZHENGDUN_CONFIG，否则在存在时为 /etc/zhengdun/zhengdun.yaml，再否则用内置默认值。"), valueName: "path"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(en: "The daemon's socket.", zh: "守护进程的套接字。"),
            discussion: say(
                en:
                    "Default: $ZHENGDUN_SOCKET, else the configured socket (/run/zhengdun/zhengdun.sock) when it exists and neither --db nor $ZHENGDUN_DB is given; without one the database is used directly.",
                zh: "默认：$ZHENGDUN_SOCKET，否则在其存在且未给出 --db 或 $ZHENGDUN_DB 时为配置的套接字（/run/zhengdun/zhengdun.sock）；没有套接字时直接使用数据库。"),
            valueName: "path"))
    var socket: String?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            say(
                en:
                    "Change the database directly even while the daemon serves it (administrators, for maintenance); run-due still never runs beside the daemon.",
                zh: "即使守护进程正在运行，也直接修改数据库（仅限管理员维护时使用）；到期调度（zhengdun run-due）仍不会与守护进程同时运行。")))
    var force = false

    /// Where requests go.
    enum Route {
        case socket(String)
        case local
    }

    func route(_ configuration: Configuration) throws -> Route {
        let environment = ProcessInfo.processInfo.environment
        let socket = self.socket ?? environment["ZHENGDUN_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        if let socket {
            if db != nil { throw Refusal(.socketAndDatabase) }
            return .socket(socket)
        }
        if db != nil || environment["ZHENGDUN_DB"].map({ !$0.isEmpty }) == true { return .local }
        if FileManager.default.fileExists(atPath: configuration.socketPath) { return .socket(configuration.socketPath) }
        return .local
    }

    /// The configuration file in force, if any.
    var configurationPath: String? {
        config ?? ProcessInfo.processInfo.environment["ZHENGDUN_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (FileManager.default.fileExists(atPath: Configuration.systemPath) ? Configuration.systemPath : nil)
    }

    /// The configuration file in force, read and checked.
    func configuration() throws -> Configuration {
        guard let path = configurationPath else { return .defaults }
        let loaded = try Configuration.load(try TextFile.read(path), file: path)
        Warnings.print(loaded.warnings.map { $0.text(in: .current) })
        return loaded.value
    }

    func path(_ configuration: Configuration) -> String {
        let environment = ProcessInfo.processInfo.environment
        if let db { return db }
        if let db = environment["ZHENGDUN_DB"], !db.isEmpty { return db }
        if let db = configuration.database { return db }
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/share")
        return data.appendingPathComponent("zhengdun/zhengdun.db")
    }

    /// The database file as this process works on it, when there is no daemon in between.
    func local(_ configuration: Configuration) -> LocalDatabase {
        LocalDatabase(path: path(configuration), configuration: configuration, force: force)
    }
}

/// `--as`: an administrator acting as a person.
struct ActingOptions: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            say(en: "Act as this person (administrators only); the event records both.", zh: "以此人的身份操作（仅限管理员）；事件同时记下两者。"),
            valueName: "person"))
    var asPerson: String?

    var person: PersonID? { asPerson.map { PersonID($0) } }
}

/// Where the command line's requests go: the daemon's socket when there is one, else the local
/// database, with the same answers either way.
enum Gateway {
    /// Sends `request` and returns the answer, with the timezone to show it in.
    static func perform<Request: ServiceRequest>(_ request: Request, _ options: DatabaseOptions) throws -> (Request.Answer, TimeZone) {
        let configuration = try options.configuration()
        switch try options.route(configuration) {
        case .socket(let path):
            return (try SocketClient.perform(request, socket: path), configuration.zone)
        case .local:
            return (try options.local(configuration).perform(request, clock: try Clocks.current(configuration.zone)), configuration.zone)
        }
    }

    /// Sends a request that carries the evidence files at `paths`: checked against the limit
    /// before a byte is read, streamed into the socket, or read whole for a local database.
    static func perform<Request: ServiceRequest>(
        evidence paths: [String], _ options: DatabaseOptions, _ request: ([EvidenceFile]) -> Request
    ) throws -> (Request.Answer, TimeZone) {
        let sources = try paths.map { try EvidenceSource(path: $0) }
        try EvidenceSource.check(sources)
        let configuration = try options.configuration()
        switch try options.route(configuration) {
        case .socket(let socket):
            // Each file goes into the request as it is read, never whole in memory.
            return (
                try SocketClient.perform(request(sources.map(\.placeholder)), socket: socket, streaming: sources), configuration.zone
            )
        case .local:
            let local = try options.local(configuration)
            return (
                try local.perform(request(try sources.map { try $0.read() }), clock: try Clocks.current(configuration.zone)),
                configuration.zone
            )
        }
    }
}

/// The clock commands read: the machine's, or the instant in `ZHENGDUN_NOW` (`YYYY-MM-DD HH:MM`,
/// local time) for trials and tests on a local database.
enum Clocks {
    static func current(_ zone: TimeZone) throws -> any WallClock {
        guard let text = ProcessInfo.processInfo.environment["ZHENGDUN_NOW"], !text.isEmpty else { return SystemClock() }
        return ManualClock(Timeline(calendar: .mondayToFriday, zone: zone).instant(try Parse.localDateTime(text, "ZHENGDUN_NOW")))
    }
}

/// Reading what people type for ids, dates and rules, with one-line refusals.
/// `--override --reason TEXT`: pass a gate that is not met (转段), saying why.
struct GateOverride: ParsableArguments {
    @Flag(help: ArgumentHelp(say(en: "Pass the gate although it is not met.", zh: "未达到转段条件也转段。"))) var override = false
    @Option(help: ArgumentHelp(say(en: "Why the gate is overridden.", zh: "未达转段条件而转段的理由。"))) var reason: String?

    func validate() throws {
        if override && reason == nil { throw ValidationError(say(.overrideNeedsReason)) }
        if reason != nil && !override { throw ValidationError(say(.reasonNeedsOverride)) }
    }

    /// The reason, when the gate is overridden.
    var overrideReason: String? { override ? reason : nil }
}

/// `--holder ROLE=PERSON`: which of a role's several holders receives the tasks of the role a
/// step issues (the first holder unless named).
struct HolderOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            say(
                en: "Give the tasks of a role several people hold to this one of them; repeat for each role.",
                zh: "由多人担任的角色，其任务交给其中此人；每个角色各写一次。"), valueName: "role=person"))
    var holder: [String] = []

    func parsed() throws -> [RoleHolder] {
        try holder.map { text in
            let (role, person) = try Parse.pair(text, "--holder")
            return RoleHolder(role: RoleKey(role), person: PersonID(person))
        }
    }
}

/// `--plan P1` or `--campaign C1`: one plan, one campaign's plans, or, with neither, every plan.
struct PlanSelection: ParsableArguments {
    @Option(help: ArgumentHelp(Help.onlyPlan)) var plan: String?
    @Option(help: ArgumentHelp(Help.onlyCampaign)) var campaign: String?

    func parsed() throws -> (plan: PlanID?, campaign: CampaignID?) { try Self.parse(plan: plan, campaign: campaign) }

    static func parse(plan: String?, campaign: String?) throws -> (plan: PlanID?, campaign: CampaignID?) {
        if plan != nil && campaign != nil { throw Refusal(.planOrCampaign) }
        return (try plan.map(Parse.plan), try campaign.map(Parse.campaign))
    }
}

enum Parse {
    /// `P12` or `12`.
    static func plan(_ text: String) throws -> PlanID {
        PlanID(try number(text, prefix: "P", refusal: Message.notAPlanNumber))
    }

    /// `C2` or `2`.
    static func campaign(_ text: String) throws -> CampaignID {
        CampaignID(try number(text, prefix: "C", refusal: Message.notACampaignNumber))
    }

    /// `T12` or `12`.
    static func task(_ text: String) throws -> TaskID {
        TaskID(try number(text, prefix: "T", refusal: Message.notATaskNumber))
    }

    /// `Q3` or `3`: an item of a plan's problem list.
    static func problem(_ text: String) throws -> Int {
        guard let number = TypedText.serial(text, prefix: "Q"), number <= Int.max else {
            throw Refusal(.notAProblemNumber(text: Quoted(text)))
        }
        return Int(number)
    }

    private static func number(_ text: String, prefix: Character, refusal: (Quoted) -> Message) throws -> Int64 {
        guard let value = TypedText.serial(text, prefix: prefix) else { throw Refusal(refusal(Quoted(text))) }
        return value
    }

    static func date(_ text: String, _ option: String) throws -> LocalDate {
        do throws(ParseFailure) { return try DateRange.check(try LocalDate.parse(text)) } catch {
            throw Refusal(.optionProblem(option: "\(option)", problem: error.message))
        }
    }

    static func localDateTime(_ text: String, _ option: String) throws -> LocalDateTime {
        do throws(ParseFailure) {
            let moment = try LocalDateTime.parse(text)
            try DateRange.check(moment.date)
            return moment
        } catch { throw Refusal(.optionProblem(option: "\(option)", problem: error.message)) }
    }

    static func rule(_ text: String, _ option: String) throws -> DeadlineRule {
        do throws(ParseFailure) { return try DeadlineRule.parse(text) } catch {
            throw Refusal(.optionProblem(option: "\(option)", problem: error.message))
        }
    }

    static func span(_ text: String, _ option: String) throws -> CalendarSpan {
        do throws(ParseFailure) { return try CalendarSpan.parse(text) } catch {
            throw Refusal(.optionProblem(option: "\(option)", problem: error.message))
        }
    }

    /// `KEY=VALUE`.
    static func pair(_ text: String, _ option: String) throws -> (String, String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
            throw Refusal(.expectedKeyValue(option: "\(option)", text: TypedText.excerpt(text)))
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }
}
