import ZhengdunCore

/// `task list`: the caller's tasks, or those of a plan, person or state.
public struct ListTasks: ActingRequest {
    public static let name = "tasks"
    public var query: TaskQuery
    public var `as`: PersonID?

    public init(_ query: TaskQuery, as person: PersonID?) {
        self.query = query
        self.as = person
    }

    public func perform(on service: Service, for caller: Caller) throws -> [TaskSummary] {
        try service.tasks(query, by: acting(caller))
    }
}

/// `task show`.
public struct ShowTask: ServiceRequest {
    public static let name = "task"
    public var task: TaskID

    public init(_ task: TaskID) { self.task = task }

    public func perform(on service: Service, for caller: Caller) throws -> TaskView {
        try service.task(task)
    }
}

/// A task's step: 签收, 报送, 验收, 退回, extend, reassign (`task ack|submit|verify|return|…`).
public struct ChangeTask: ActingRequest {
    public static let name = "changeTask"
    public var task: TaskID
    public var change: TaskRequest
    public var `as`: PersonID?

    public init(_ task: TaskID, _ change: TaskRequest, as person: PersonID?) {
        self.task = task
        self.change = change
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> TaskOutcome {
        try service.apply(change, to: task, by: acting(caller))
    }
}

/// `inspect`: the work team's finding (督查), ordering rectification when it names one.
public struct Inspect: ActingRequest {
    public static let name = "inspect"
    public var plan: PlanID
    public var finding: String
    public var order: RectificationOrder?
    public var reopen: Reopening?
    public var `as`: PersonID?

    public init(_ plan: PlanID, finding: String, order: RectificationOrder?, reopen: Reopening? = nil, as person: PersonID?) {
        self.plan = plan
        self.finding = finding
        self.order = order
        self.reopen = reopen
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> InspectionOutcome {
        try service.inspect(plan, finding: finding, order: order, reopen: reopen, by: acting(caller))
    }
}
