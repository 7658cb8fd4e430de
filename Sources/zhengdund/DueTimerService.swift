import ServiceLifecycle
import ZhengdunService

/// A due timer as a service: it runs until a graceful shutdown or cancellation, and ends once
/// the pass in hand has finished.
struct DueTimerService: ServiceLifecycle.Service {
    let timer: DueTimer

    func run() async {
        await withGracefulShutdownHandler {
            await timer.run()
        } onGracefulShutdown: {
            timer.requestStop()
        }
    }
}
