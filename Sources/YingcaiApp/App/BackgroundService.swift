import Logging
import ServiceLifecycle
import YingcaiCore

/// Runs the background work of every instance on a timer until the server shuts down.
struct BackgroundService: Service {
    let work: BackgroundWork
    let intervalSeconds: Int
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled {
            do {
                try await work.runOnce()
            } catch is CancellationError {
                return
            } catch {
                logger.error("background work failed", metadata: ["error": .string(String(describing: type(of: error)))])
            }
            try? await Task.sleep(for: .seconds(intervalSeconds))
        }
    }
}
