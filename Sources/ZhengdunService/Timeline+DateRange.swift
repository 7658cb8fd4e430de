import Foundation
import ZhengdunCore

extension Timeline {
    /// `deadline`, when its day lies within the years zhengdun takes dates in; else the refusal
    /// naming `what` and the day it would fall on.
    func bounded(_ deadline: Date, _ what: Message) throws -> Date {
        let day = local(deadline).date
        guard DateRange.contains(day) else { throw Refusal(DateRange.deadlineOutOfRange(what, on: day)) }
        return deadline
    }
}
