import Foundation
import Testing
import ZhengdunCore
import ZhengdunService

/// The due timer's decisions on a manual clock: no Dispatch, no waiting.
@Suite("The due timer's decisions")
struct DueTimerMachineTests {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_772_413_200))

    /// A machine that has run its first pass and is armed for `next` seconds from now.
    func armed(in next: TimeInterval, hasIdle: Bool = false) -> DueTimerMachine {
        var machine = DueTimerMachine(hasIdle: hasIdle)
        _ = machine.started()
        _ = machine.passSucceeded(next: clock.now().addingTimeInterval(next), now: clock.now())
        return machine
    }

    /// The timer starts with a pass and is then armed for the earliest instant the database holds.
    @Test func armsAtTheEarliestInstant() {
        var machine = DueTimerMachine(hasIdle: false)
        #expect(machine.started() == .runPass)
        let next = clock.now().addingTimeInterval(60)
        #expect(machine.passSucceeded(next: next, now: clock.now()) == .arm(next))
        #expect(machine.armedInstant == next)
        clock.advance(by: 60)
        #expect(machine.fired() == .runPass)
        #expect(machine.armedInstant == nil)
        #expect(machine.passSucceeded(next: nil, now: clock.now()) == .disarm)
    }

    /// A poke that brings an earlier instant re-arms the timer for it.
    @Test func anEarlierPokeRearms() {
        var machine = armed(in: 60)
        let sooner = clock.now().addingTimeInterval(10)
        #expect(machine.poked() == .readNext)
        #expect(machine.read(next: sooner) == .arm(sooner))
        #expect(machine.armedInstant == sooner)
    }

    /// A poke whose instant is the armed one, a later one or none leaves the timer as it is.
    @Test func aLaterOrEqualPokeDoesNotRearm() {
        var machine = armed(in: 60)
        let armed = clock.now().addingTimeInterval(60)
        #expect(machine.poked() == .readNext)
        #expect(machine.read(next: armed) == .nothing)
        #expect(machine.read(next: armed.addingTimeInterval(60)) == .nothing)
        #expect(machine.read(next: nil) == .nothing)
        #expect(machine.armedInstant == armed)
    }

    /// A poke while nothing is planned arms the timer; one before the start does nothing.
    @Test func aPokeWakesASleepingTimer() {
        var machine = DueTimerMachine(hasIdle: false)
        #expect(machine.poked() == .nothing)
        _ = machine.started()
        _ = machine.passSucceeded(next: nil, now: clock.now())
        let next = clock.now().addingTimeInterval(5)
        #expect(machine.poked() == .readNext)
        #expect(machine.read(next: next) == .arm(next))
    }

    /// A failed pass is tried again 30 s later, when the timer runs a pass again.
    @Test func aFailedPassRetriesAfterThirtySeconds() {
        var machine = DueTimerMachine(hasIdle: false)
        _ = machine.started()
        let retry = clock.now().addingTimeInterval(30)
        #expect(machine.passFailed(now: clock.now()) == .arm(retry))
        #expect(DueTimerMachine.retryAfterFailure == 30)
        clock.advance(by: 30)
        #expect(machine.fired() == .runPass)
    }

    /// Housekeeping runs after a pass only when the next instant is more than the quiet moment away.
    @Test func idleRunsOnlyBeyondTheQuietMoment() {
        var machine = DueTimerMachine(hasIdle: true)
        _ = machine.started()
        let soon = clock.now().addingTimeInterval(DueTimerMachine.quietMoment)
        #expect(machine.passSucceeded(next: soon, now: clock.now()) == .arm(soon))
        clock.set(soon)
        _ = machine.fired()
        let later = clock.now().addingTimeInterval(DueTimerMachine.quietMoment + 0.001)
        #expect(machine.passSucceeded(next: later, now: clock.now()) == .armThenIdle(later))
        clock.set(later)
        _ = machine.fired()
        #expect(machine.passSucceeded(next: nil, now: clock.now()) == .disarmThenIdle)
    }

    /// A timer without housekeeping is never told to run it.
    @Test func noIdleWithoutHousekeeping() {
        var machine = DueTimerMachine(hasIdle: false)
        _ = machine.started()
        let far = clock.now().addingTimeInterval(3600)
        #expect(machine.passSucceeded(next: far, now: clock.now()) == .arm(far))
    }

    /// After the stop the timer is cancelled, and nothing arms it or runs a pass again.
    @Test func nothingIsArmedAfterStop() {
        var machine = armed(in: 60)
        #expect(machine.stopped() == .cancel)
        #expect(machine.armedInstant == nil)
        #expect(machine.fired() == .nothing)
        #expect(machine.poked() == .nothing)
        #expect(machine.read(next: clock.now()) == .nothing)
        #expect(machine.passFailed(now: clock.now()) == .nothing)
        #expect(machine.readFailed(now: clock.now()) == .nothing)
        #expect(machine.started() == .nothing)
        #expect(machine.stopped() == .nothing)
        #expect(machine.armedInstant == nil)
    }

    /// When the next instant cannot be read after a pass, the timer tries again 30 s later.
    @Test func aFailedReadAfterAPassRetries() {
        var machine = DueTimerMachine(hasIdle: true)
        _ = machine.started()
        let retry = clock.now().addingTimeInterval(30)
        #expect(machine.readFailed(now: clock.now()) == .arm(retry))
        #expect(machine.armedInstant == retry)
    }

    /// When a poke cannot read the next instant, the retry moves the timer only if it is sooner.
    @Test func aFailedReadAfterAPokeRetriesUnlessArmedSooner() {
        var later = armed(in: 60)
        _ = later.poked()
        let retry = clock.now().addingTimeInterval(30)
        #expect(later.readFailed(now: clock.now()) == .arm(retry))
        var sooner = armed(in: 10)
        _ = sooner.poked()
        #expect(sooner.readFailed(now: clock.now()) == .nothing)
        #expect(sooner.armedInstant == clock.now().addingTimeInterval(10))
    }
}
