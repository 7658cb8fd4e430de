import Foundation

/// A measure of a goal (整顿目标) that acceptance checks (对照整顿目标逐项验收): 群众满意率（%）
/// at least 80, 村集体经营性收入（万元）at least 5, 党员大会按时召开 yes. Declared by the workflow;
/// each plan records its values, with evidence.
public struct Indicator: Sendable, Hashable, Codable {
    /// How a value is judged against the target.
    public enum Judgement: String, Sendable, Hashable, Codable, CaseIterable {
        /// Met when the value is the target or more (不低于).
        case atLeast = "at-least"
        /// Met when the value is the target or less (不高于).
        case atMost = "at-most"
        /// Met when the answer is yes (是).
        case yesNo = "yes-no"
    }

    /// Where a plan's value comes from.
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        /// Recorded by the office (`indicator set`).
        case recorded
        /// The rate of the satisfaction survey (群众满意度测评): satisfied and basically satisfied
        /// out of the forms returned, in percent.
        case survey
        /// The number of items of the problem list closed (销号).
        case problemsClosed = "problems-closed"
    }

    /// Unique across the workflow: `indicator set P1 KEY VALUE` names it.
    public var key: String
    public var title: String
    /// 万元, %, 件, 次 …
    public var unit: String
    public var judge: Judgement
    /// The value to reach; nil for a yes-or-no indicator (met by yes).
    public var target: Double?
    /// Whether a value before the rectification is recorded too (整顿前), to show the change.
    public var baseline: Bool
    /// Whether an acceptance gate that checks indicators waits for this one (约束性指标).
    public var blocking: Bool
    public var source: Source

    public init(
        key: String, title: String, unit: String, judge: Judgement, target: Double?, baseline: Bool = false,
        blocking: Bool = true, source: Source = .recorded
    ) {
        self.key = key
        self.title = title
        self.unit = unit
        self.judge = judge
        self.target = target
        self.baseline = baseline
        self.blocking = blocking
        self.source = source
    }

    /// Whether `value` meets the target; nil when nothing is recorded yet.
    public func isMet(by value: Double?) -> Bool? {
        guard let value else { return nil }
        switch judge {
        case .atLeast: return value >= (target ?? 0)
        case .atMost: return value <= (target ?? 0)
        case .yesNo: return value != 0
        }
    }

    /// A value as the office writes it: `85`, `12.5`; yes-or-no as 是 or 否.
    public func says(_ value: Double) -> Message {
        judge == .yesNo ? (value != 0 ? .wordYes : .wordNo) : .text(Self.number(value))
    }

    /// What meeting it takes, in words: 不低于80%, 不高于0件, 是.
    public var requirement: Message {
        switch judge {
        case .atLeast: return .indicatorAtLeast(target: Self.number(target ?? 0), unit: unit)
        case .atMost: return .indicatorAtMost(target: Self.number(target ?? 0), unit: unit)
        case .yesNo: return .wordYes
        }
    }

    /// `85`, `12.5`, `0.25`: no trailing zeros, no exponent.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// Reads a value typed for this indicator: a number, or for yes-or-no 是/否 (yes/no, 1/0).
    public func value(of text: String) -> Double? {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if judge == .yesNo {
            switch word {
            case "是", "yes", "1", "true": return 1
            case "否", "no", "0", "false": return 0
            default: return nil
            }
        }
        guard let number = Double(word), number.isFinite else { return nil }
        return number
    }
}

/// A satisfaction survey (群众满意度测评) as counted: forms handed out (发放) and returned (回收),
/// and how the returned ones answered.
public struct SatisfactionSurvey: Sendable, Hashable, Codable {
    public var issued: Int
    public var returned: Int
    public var satisfied: Int
    /// 基本满意.
    public var basicallySatisfied: Int
    public var dissatisfied: Int

    public init(issued: Int, returned: Int, satisfied: Int, basicallySatisfied: Int, dissatisfied: Int) {
        self.issued = issued
        self.returned = returned
        self.satisfied = satisfied
        self.basicallySatisfied = basicallySatisfied
        self.dissatisfied = dissatisfied
    }

    enum CodingKeys: String, CodingKey {
        case issued, returned, satisfied, basicallySatisfied = "basically_satisfied", dissatisfied
    }

    /// 满意率: the satisfied and basically satisfied out of the forms returned, in percent, to
    /// one decimal place.
    public var rate: Double {
        guard returned > 0 else { return 0 }
        return (Double((satisfied + basicallySatisfied) * 1000) / Double(returned)).rounded() / 10
    }

    /// What does not add up, for the office to correct.
    public func problems() -> [Message] {
        var found: [Message] = []
        if [issued, returned, satisfied, basicallySatisfied, dissatisfied].contains(where: { $0 < 0 }) {
            found.append(.surveyNegative)
        }
        if returned == 0 { found.append(.surveyNoneReturned) }
        if returned > issued { found.append(.surveyMoreReturnedThanIssued(returned: returned, issued: issued)) }
        if satisfied + basicallySatisfied + dissatisfied != returned {
            found.append(
                .surveyAnswersDoNotAddUp(
                    satisfied: satisfied, basically: basicallySatisfied, dissatisfied: dissatisfied, returned: returned))
        }
        return found
    }
}
