/// A measure taken against a person answerable for the rectification (问责), from the mildest
/// to the gravest: the plan says of the 驻村干部 "帮助解决问题无明显效果将追究其责任".
public enum AccountabilityKind: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// 提醒谈话
    case talk
    /// 批评教育
    case criticism
    /// 通报批评
    case circulated
    /// 诫勉谈话
    case admonition
    /// 调整岗位
    case removal

    /// The office's word for it.
    public var title: String {
        switch self {
        case .talk: return "提醒谈话"
        case .criticism: return "批评教育"
        case .circulated: return "通报批评"
        case .admonition: return "诫勉谈话"
        case .removal: return "调整岗位"
        }
    }

    /// A kind by its key (`talk`) or by the office's word (`提醒谈话`).
    public init?(word: String) {
        let word = String(word.filter { !$0.isWhitespace })
        guard let kind = Self(rawValue: word) ?? Self.allCases.first(where: { $0.title == word }) else { return nil }
        self = kind
    }
}
