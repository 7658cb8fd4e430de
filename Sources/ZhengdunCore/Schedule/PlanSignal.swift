import Foundation

/// The traffic light a progress report shows for each plan (红黄绿灯), from the same ladder the
/// notices climb:
/// - red (红灯): a task has climbed past the first level of the escalation ladder (in the
///   shipped workflow: 3 working days late, the office director has been told);
/// - yellow (黄灯): a task is overdue, or the current phase has run past its planned length;
/// - green (绿灯): neither.
public enum PlanSignal: String, Sendable, Hashable, Codable, CaseIterable {
    case green, yellow, red

    public var chineseName: String {
        switch self {
        case .green: return "绿灯"
        case .yellow: return "黄灯"
        case .red: return "红灯"
        }
    }

    /// `levels` are the escalation levels the plan's open tasks have reached (0: not overdue).
    public static func of(levels: [Int], phaseOverrun: Bool) -> PlanSignal {
        if levels.contains(where: { $0 >= 2 }) { return .red }
        if levels.contains(where: { $0 >= 1 }) || phaseOverrun { return .yellow }
        return .green
    }
}
