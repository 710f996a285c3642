import NIOConcurrencyHelpers

/// Runs a database call with two deadlines — to get its connection, and to be answered — and
/// answers the caller when the first of them passes even if the call itself never returns.
///
/// A task group cannot do this: it waits for its children, and a query PostgresNIO has lost never
/// completes. So the call runs in a task of its own and the caller waits on a continuation that
/// whichever comes first resumes; a call that missed its deadline is cancelled (a pending lease is
/// withdrawn) and left to end on its own.
enum Deadline {
    final class Race<T: Sendable>: Sendable {
        struct State {
            var continuation: CheckedContinuation<T, any Error>?
            var leased = false
            /// Whether the leased connection is still open (asked while the call runs).
            var alive: (@Sendable () -> Bool)?
            var timer: Task<Void, Never>?
            var work: Task<Void, Never>?
        }
        let state = NIOLockedValueBox(State())

        /// Resumes the caller once; false when it had already been answered.
        @discardableResult
        func finish(_ result: Result<T, any Error>) -> Bool {
            let (continuation, timer) = state.withLockedValue { s in
                defer { s.continuation = nil; s.timer = nil }
                return (s.continuation, s.timer)
            }
            guard let continuation else { return false }
            timer?.cancel()
            continuation.resume(with: result)
            return true
        }
    }

    /// `operation` calls `leased` with a test of its connection once it has one: a call whose
    /// connection closes under it is answered at once, not at the deadline (PostgresNIO may never
    /// complete a query written to a connection the server has just closed).
    static func run<T: Sendable>(lease: Duration, total: Duration?,
                                 _ operation: @escaping @Sendable (_ leased: @escaping @Sendable (_ alive: @escaping @Sendable () -> Bool) -> Void)
                                    async throws -> T) async throws -> T {
        let race = Race<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                race.state.withLockedValue { $0.continuation = continuation }
                let work = Task {
                    do {
                        let value = try await operation { alive in race.state.withLockedValue { $0.leased = true; $0.alive = alive } }
                        race.finish(.success(value))
                    } catch {
                        race.finish(.failure(error))
                    }
                }
                let timer = Task {
                    do { try await Task.sleep(for: lease) } catch { return }
                    if !race.state.withLockedValue({ $0.leased }) {
                        if race.finish(.failure(DatabaseUnavailable("no connection within \(lease)"))) { work.cancel() }
                        return
                    }
                    guard let total else { return }
                    let end = ContinuousClock.now + (total - lease)
                    while ContinuousClock.now < end {
                        do { try await Task.sleep(for: min(.milliseconds(250), ContinuousClock.now.duration(to: end))) } catch { return }
                        if let alive = race.state.withLockedValue({ $0.alive }), !alive() {
                            if race.finish(.failure(DatabaseUnavailable("the connection closed under the call"))) { work.cancel() }
                            return
                        }
                    }
                    if race.finish(.failure(DatabaseUnavailable("no answer within \(total)"))) { work.cancel() }
                }
                let late = race.state.withLockedValue { s -> Bool in
                    s.work = work
                    guard s.continuation != nil else { return true }
                    s.timer = timer
                    return false
                }
                // The call may have ended before the timer was stored.
                if late { timer.cancel() }
            }
        } onCancel: {
            let work = race.state.withLockedValue { $0.work }
            work?.cancel()
        }
    }
}
