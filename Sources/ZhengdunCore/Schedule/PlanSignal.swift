import Foundation

/// The traffic light a progress report shows for each plan (红黄绿灯), as `ProgressLight`
/// decides it from the ladder the notices climb and the schedule (序时进度).
public enum PlanSignal: String, Sendable, Hashable, Codable, CaseIterable {
    case green, yellow, red

    public var chineseName: String {
        switch self {
        case .green: return "绿灯"
        case .yellow: return "黄灯"
        case .red: return "红灯"
        }
    }
}
