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
        if let pg = error as? PSQLError { return pg.serverInfo != nil }
        if error is SQLiteError { return true }
        return false
    }
}
