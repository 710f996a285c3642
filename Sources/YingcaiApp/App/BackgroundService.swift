import Logging
import ServiceLifecycle
import YingcaiCore

/// Runs the background work of every instance on a timer until the server shuts down gracefully.
struct BackgroundService: Service {
    let work: BackgroundWork
    let intervalSeconds: Int
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await work.runOnce()
            } catch {
                logger.error("background work failed", metadata: ["error": .string(String(describing: type(of: error)))])
            }
            // Sleep, but wake at once when the server is asked to stop.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(intervalSeconds)) }
        }
    }
}
