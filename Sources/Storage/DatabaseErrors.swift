import PostgresNIO
import SQLiteNIO

extension Database {
    /// Whether `error` is a violated unique constraint, on either dialect: how a second record
    /// with the same key (an ID number, an idempotency key, a payout period) is detected.
    public static func isUniqueViolation(_ error: any Error) -> Bool {
        if let pg = error as? PSQLError {
            return pg.serverInfo?[.sqlState] == "23505"
        }
        if let lite = error as? SQLiteError {
            return lite.reason == .constraintUniqueFailed || lite.reason == .constraintPrimaryKeyFailed
                || (lite.reason == .constraint && lite.message.contains("UNIQUE"))
        }
        return false
    }
}

extension Database {
    /// Whether the database answered `error` for a statement it refused and rolled back (a
    /// constraint, a failed row-count check), as opposed to a lost connection, after which a
    /// commit may or may not have happened.
    public static func isRefusal(_ error: any Error) -> Bool {
        if error is WriteSetError { return true }
        // A server shutting down or turned standby: not this statement's fault, and writing each set
        // again would only wait for connections ("terminating connection" carries server info too).
        // A lock or statement timeout, a deadlock, a serialization failure rolled back only this
        // statement: each set may be written again on its own.
        if isConnectionLoss(error) { return false }
        if let pg = error as? PSQLError { return pg.serverInfo != nil }
        if error is SQLiteError { return true }
        return false
    }
}

/// The database cannot be reached or cannot take the request now (down, restarting, failing over, a
/// lock or statement past its limit, a full disk). The API answers 503 with `Retry-After`; a create
/// may or may not have happened, and the client retries with the same `Idempotency-Key`.
public struct DatabaseUnavailable: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "database unavailable: \(reason)" }
}

extension Database {
    /// SQLSTATEs that say "not now" rather than "not this": admin or crash shutdown, cannot connect
    /// now, too many connections, lock not available (`lock_timeout`), statement timeout, read-only
    /// (a standby after a failover), serialization failure and deadlock (retryable).
    static let unavailableStates: Set<String> = ["57P01", "57P02", "57P03", "53300", "55P03", "57014", "25006", "40001", "40P01"]

    /// Whether `error` means the database is unavailable for now (answered 503 + `Retry-After`).
    public static func isUnavailable(_ error: any Error) -> Bool {
        if error is DatabaseUnavailable { return true }
        if isConnectionLoss(error) { return true }
        if let pg = error as? PSQLError, let state = pg.serverInfo?[.sqlState] { return unavailableStates.contains(state) }
        if let lite = error as? SQLiteError {
            switch lite.reason {
            case .busy, .locked, .full, .ioError, .readOnly, .busyTimeout, .busyInRecovery, .busyInSnapshot: return true
            default: return String(describing: lite.reason).hasPrefix("ioError")
            }
        }
        return false
    }

    /// Whether `error` says the connection or the server itself is gone or has changed role: after
    /// such an error the backend looks for the (new) primary and starts over with fresh connections.
    static func isConnectionLoss(_ error: any Error) -> Bool {
        if error is DatabaseUnavailable { return true }
        if let pg = error as? PSQLError {
            if let state = pg.serverInfo?[.sqlState] { return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "25006"].contains(state) }
            return [.connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed].contains(pg.code)
        }
        // The pool's own errors (`connectionCreationCircuitBreakerTripped`, `poolShutdown`); its
        // module is internal to PostgresNIO, so it is known by name.
        return String(describing: type(of: error)) == "ConnectionPoolError"
    }
}
