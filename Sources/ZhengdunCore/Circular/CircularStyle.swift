/// How the township's circulars (通报) are written as documents: the 文号 pattern, the issuing
/// body that signs them (落款), and whom they are addressed to (主送). The configuration's
/// `circular:` section; the defaults serve the demo's XX镇.
public struct CircularStyle: Sendable, Hashable {
    /// The 文号 with `{town}`, `{year}` and `{n}` in it, e.g. `{town}组办〔{year}〕{n}号`.
    public var number: String
    /// The township as the 文号 names it.
    public var town: String
    /// The issuing body, as it signs the document (落款).
    public var issuer: String
    /// The roles whose holders in every running plan the circular is addressed to (主送) and mailed to.
    public var to: [RoleKey]
    /// The 主送 line as written in place of the names of those people, e.g. `各村党支部，各驻村干部`.
    public var addressees: String?

    public static let defaults = CircularStyle(
        number: "{town}组办〔{year}〕{n}号", town: "XX镇", issuer: "中共XX镇委员会组织办公室",
        to: [RoleKey("secretary"), RoleKey("resident_cadre")], addressees: nil)

    public init(number: String, town: String, issuer: String, to: [RoleKey], addressees: String?) {
        self.number = number
        self.town = town
        self.issuer = issuer
        self.to = to
        self.addressees = addressees
    }

    /// The placeholders a 文号 pattern may hold.
    public static let placeholders = ["{town}", "{year}", "{n}"]

    /// The 文号 of the `serial`th circular of `year`: `XX镇组办〔2026〕3号`. The serial is
    /// written as it is, without leading zeros, as GB/T 9704 asks.
    public func documentNumber(year: Int, serial: Int) -> String {
        number.replacingOccurrences(of: "{town}", with: town).replacingOccurrences(of: "{year}", with: String(year))
            .replacingOccurrences(of: "{n}", with: String(serial))
    }

    /// Why `pattern` cannot number circulars, or nil when it can: it must hold `{n}` once (or
    /// two circulars would share a 文号) and no placeholder but `{town}`, `{year}` and `{n}`.
    public static func problem(with pattern: String) -> Message? {
        var rest = pattern
        for placeholder in placeholders { rest = rest.replacingOccurrences(of: placeholder, with: "") }
        if let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            return Message.circularNumberUnknownPlaceholder(placeholder: String(rest[open...close]))
        }
        guard pattern.components(separatedBy: "{n}").count == 2 else { return Message.circularNumberNeedsSerial }
        return nil
    }
}

extension SchemaReader {
    mutating func circular(_ node: YAMLNode, defaults: CircularStyle) -> CircularStyle {
        var style = defaults
        guard let fields = fields(node, of: "circular", allowed: ["number", "town", "issuer", "to", "addressees"]) else { return style }
        if let node = fields["number"], let pattern = text(node, "number") {
            if let problem = CircularStyle.problem(with: pattern) {
                error(at: node.location, .fieldProblem(what: "circular.number", problem: problem))
            } else {
                style.number = pattern
            }
        }
        style.town = text(fields["town"], "town") ?? style.town
        style.issuer = text(fields["issuer"], "issuer") ?? style.issuer
        if let node = fields["to"] {
            style.to = list(node, of: "circular.to").compactMap { text($0, "circular.to") }.map { RoleKey($0) }
        }
        style.addressees = text(fields["addressees"], "addressees") ?? style.addressees
        return style
    }
}
