/// A value of `RawValue` that names one kind of thing, so that a role key can never be passed
/// where a task key is meant. `Kind` is a marker type and holds nothing.
public struct Tagged<Kind, RawValue: Hashable & Comparable & Sendable & Codable>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    public let rawValue: RawValue

    public init(rawValue: RawValue) { self.rawValue = rawValue }
    public init(_ rawValue: RawValue) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(RawValue.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { "\(rawValue)" }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

extension Tagged: ExpressibleByUnicodeScalarLiteral where RawValue == String {
    public init(unicodeScalarLiteral value: String) { rawValue = value }
}

extension Tagged: ExpressibleByExtendedGraphemeClusterLiteral where RawValue == String {
    public init(extendedGraphemeClusterLiteral value: String) { rawValue = value }
}

extension Tagged: ExpressibleByStringLiteral where RawValue == String {
    public init(stringLiteral value: String) { rawValue = value }
}

extension Tagged: ExpressibleByIntegerLiteral where RawValue == Int64 {
    public init(integerLiteral value: Int64) { rawValue = value }
}

public enum RoleKind {}
public enum PhaseKind {}
public enum TaskTemplateKind {}
public enum MeasureKind {}
public enum PersonKind {}
public enum PlanKind {}
public enum TaskKind {}
public enum CampaignKind {}

/// A role a workflow declares (`secretary`, `office_director` …).
public typealias RoleKey = Tagged<RoleKind, String>
/// A phase of a workflow (`survey`, `rectification`, `consolidation`).
public typealias PhaseKey = Tagged<PhaseKind, String>
/// A task line of a workflow, unique across its phases.
public typealias TaskKey = Tagged<TaskTemplateKind, String>
/// One of the workflow's rectification measures (整改措施).
public typealias MeasureKey = Tagged<MeasureKind, String>
/// A person known to zhengdun, by a short id chosen by the office (`zhang-san`).
public typealias PersonID = Tagged<PersonKind, String>
/// A plan (整顿方案) in the database.
public typealias PlanID = Tagged<PlanKind, Int64>
/// A task issued under a plan, in the database.
public typealias TaskID = Tagged<TaskKind, Int64>
/// A campaign (整顿工作): one township's rectification of its villages for a period.
public typealias CampaignID = Tagged<CampaignKind, Int64>
