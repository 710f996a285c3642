import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// An instance on its way out. From the first SIGTERM, `/readyz` answers 503 "draining" for
/// `seconds` while every request is still served; only then does the HTTP server close its
/// listener and finish its requests in flight. A load balancer that polls `/readyz` (Kubernetes, a
/// script in front of nginx) has that long to move the traffic elsewhere, so that no request is
/// sent to a connection that is about to close.
///
/// It is the last service of the group: ServiceLifecycle shuts services down in reverse order and
/// waits for each, so the server's own graceful shutdown starts when the drain ends.
final class Drain: Service, Sendable {
    let seconds: Int
    let logger: Logger
    private let state = NIOLockedValueBox(false)

    init(seconds: Int, logger: Logger) {
        self.seconds = seconds
        self.logger = logger
    }

    var isDraining: Bool { state.withLockedValue { $0 } }

    func run() async throws {
        // Returns when a graceful shutdown begins; throws when the group is cancelled instead.
        do { try await gracefulShutdown() } catch { return }
        state.withLockedValue { $0 = true }
        guard seconds > 0 else { return }
        logger.notice("draining: /readyz answers 503 before the server stops", metadata: ["seconds": "\(seconds)"])
        try? await Task.sleep(for: .seconds(seconds))
    }
}
