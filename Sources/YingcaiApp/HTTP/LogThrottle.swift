import Foundation
import NIOConcurrencyHelpers

/// Lets a repeated log line through at most once per `seconds`, with how many were held back since.
final class LogThrottle: Sendable {
    private let seconds: Double
    private let state = NIOLockedValueBox<(last: Double, held: Int)>((-.infinity, 0))

    init(seconds: Double) { self.seconds = seconds }

    /// nil: hold this one back; otherwise log it, with the number held back before it.
    func admit(now: Double = ProcessInfo.processInfo.systemUptime) -> Int? {
        state.withLockedValue { s in
            guard now - s.last >= seconds else {
                s.held += 1
                return nil
            }
            defer { s = (now, 0) }
            return s.held
        }
    }
}
