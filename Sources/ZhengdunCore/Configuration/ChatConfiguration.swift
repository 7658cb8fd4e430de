/// Where notices are posted besides mail (`chat:`): the township's 企业微信 and 钉钉 groups, each
/// through its group robot's webhook, and which notices go to which group. The webhooks and
/// their secrets live in the configuration file alone, never in the database or a log.
///
///     chat:
///       groups:
///         leaders: {robot: dingtalk, webhook: "https://oapi.dingtalk.com/robot/send?access_token=…", secret: "SEC…"}
///         office: {robot: wecom, webhook: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"}
///       routes:
///         - {notices: [escalation], from_level: 2, to: leaders}
///         - {notices: [circular], to: leaders}
///         - {notices: [progress], to: office}
public struct ChatConfiguration: Sendable, Hashable {
    /// A group robot: its kind (`wecom` for 企业微信, `dingtalk` for 钉钉), its webhook address
    /// and, for 钉钉's 加签, its secret.
    public struct Group: Sendable, Hashable {
        public var robot: String
        public var webhook: String
        public var secret: String?
    }

    /// Which notices a group is sent: of the kinds listed, from a level of the 督办 ladder up,
    /// and, when roles are listed, only about tasks those roles answer for (a village
    /// secretary's 督办 to the leaders, the township staff's to the office).
    public struct Route: Sendable, Hashable {
        public var notices: Set<NoticeKind>
        public var fromLevel: Int
        public var roles: Set<RoleKey>?
        public var group: String

        /// Whether a notice of `kind`, at `level` of the ladder, about a task of `role`, goes
        /// to this route's group.
        public func takes(_ kind: NoticeKind, level: Int?, role: RoleKey?) -> Bool {
            guard notices.contains(kind) else { return false }
            if kind == .escalation, (level ?? 0) < fromLevel { return false }
            if let roles { return role.map(roles.contains) ?? false }
            return true
        }
    }

    public var groups: [String: Group] = [:]
    public var routes: [Route] = []

    public init() {}

    /// The groups a notice goes to, each once, in the order of the routes.
    public func groups(for kind: NoticeKind, level: Int?, role: RoleKey?) -> [String] {
        var names: [String] = []
        for route in routes where route.takes(kind, level: level, role: role) && !names.contains(route.group) {
            names.append(route.group)
        }
        return names
    }

    /// The robots a group may be.
    public static let robots = ["wecom", "dingtalk"]
}

extension SchemaReader {
    mutating func chat(_ node: YAMLNode) -> ChatConfiguration {
        var chat = ChatConfiguration()
        guard let fields = fields(node, of: "chat", allowed: ["groups", "routes"]) else { return chat }
        if let groups = fields["groups"] {
            for entry in entries(groups, of: "chat.groups") {
                guard
                    let group = self.fields(
                        entry.value, of: "chat.groups", allowed: ["robot", "webhook", "secret"], required: ["robot", "webhook"]),
                    let robot = text(group["robot"], "robot"), let webhook = text(group["webhook"], "webhook")
                else { continue }
                guard ChatConfiguration.robots.contains(robot) else {
                    error(at: group["robot"]!.location, .notARobot(text: Quoted(robot)))
                    continue
                }
                guard webhook.hasPrefix("https://") || webhook.hasPrefix("http://127.0.0.1") || webhook.hasPrefix("http://localhost") else {
                    error(at: group["webhook"]!.location, .webhookNotHTTPS(group: "\(entry.key)"))
                    continue
                }
                let secret = text(group["secret"], "secret")
                if secret != nil && robot != "dingtalk" {
                    error(at: group["secret"]!.location, .secretOnlyForDingTalk(group: "\(entry.key)"))
                }
                chat.groups[entry.key] = ChatConfiguration.Group(robot: robot, webhook: webhook, secret: secret)
            }
        }
        if let routes = fields["routes"] {
            for item in list(routes, of: "chat.routes") {
                guard
                    let route = self.fields(
                        item, of: "chat.routes", allowed: ["notices", "from_level", "roles", "to"], required: ["notices", "to"]),
                    let group = text(route["to"], "to")
                else { continue }
                guard chat.groups[group] != nil else {
                    error(
                        at: route["to"]!.location,
                        .noChatGroup(group: Quoted(group), groups: .list(chat.groups.keys.sorted().map { .text($0) })))
                    continue
                }
                var kinds: Set<NoticeKind> = []
                for kind in list(route["notices"]!, of: "notices") {
                    guard let word = text(kind, "notices") else { continue }
                    guard let notice = NoticeKind(rawValue: word), notice != .reply else {
                        error(
                            at: kind.location,
                            .notANoticeKind(
                                text: Quoted(word), kinds: .list(NoticeKind.allCases.filter { $0 != .reply }.map { .text($0.rawValue) })))
                        continue
                    }
                    kinds.insert(notice)
                }
                let roles = route["roles"].map { node in Set(list(node, of: "roles").compactMap { text($0, "roles") }.map { RoleKey($0) }) }
                chat.routes.append(
                    ChatConfiguration.Route(
                        notices: kinds, fromLevel: integer(route["from_level"], "from_level", in: 1...9) ?? 1, roles: roles,
                        group: group))
            }
        }
        return chat
    }
}
