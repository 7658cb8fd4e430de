import ZhengdunCore

/// `run-due`: one scheduler pass at the clock's now, then delivery unless `send` is false;
/// a dry run records nothing and says what would fall due.
public struct RunDue: ServiceRequest {
    public static let name = "runDue"
    public var dryRun: Bool
    public var send: Bool

    public init(dryRun: Bool, send: Bool) {
        self.dryRun = dryRun
        self.send = send
    }

    public var writes: Bool { !dryRun }

    public func perform(on service: Service, for caller: Caller) throws -> PassOutcome {
        var pass = try service.runDue(dryRun: dryRun)
        if dryRun {
            pass.next = try service.nextDue()
            return PassOutcome(pass: pass, delivery: nil)
        }
        // The pass has committed: whatever fails from here on is a warning, not a refusal.
        var delivery: DeliveryReport?
        if send {
            do { delivery = try service.deliver(using: try service.transport()) } catch {
                pass.warnings.append(Message.deliveryStopped(problem: Service.message(for: error)))
            }
        }
        do {
            try service.sweepSpentTimers()
            pass.next = try service.nextDue()
        } catch {
            pass.warnings.append(Message.afterPassFailed(problem: Service.message(for: error)))
        }
        return PassOutcome(pass: pass, delivery: delivery)
    }
}

/// What a `run-due` did: the pass, and the delivery after it when there was one.
public struct PassOutcome: Codable, Sendable {
    public var pass: PassReport
    public var delivery: DeliveryReport?

    public init(pass: PassReport, delivery: DeliveryReport?) {
        self.pass = pass
        self.delivery = delivery
    }
}

/// `outbox list`: messages in the given states.
public struct ListOutbox: ServiceRequest {
    public static let name = "outbox"
    public var states: Set<String>

    public init(states: Set<String>) { self.states = states }

    public func perform(on service: Service, for caller: Caller) throws -> [OutboxEntry] {
        try service.outbox(states: states)
    }
}

/// `outbox retry`: a message given up on goes back in the queue.
public struct RetryMessage: ActingRequest {
    public static let name = "retryMessage"
    public var message: Int64
    public var `as`: PersonID?

    public init(_ message: Int64, as person: PersonID?) {
        self.message = message
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> OutboxEntry {
        try service.retry(message: message, by: acting(caller))
    }
}
