import Logging
import SQLKit

/// The application's database: SQLite (embedded, the default) or PostgreSQL (production).
///
/// All access goes through `read` (no transaction) or `transaction`. On SQLite, writes are queued
/// in order onto one connection, because two connections competing for SQLite's write lock spin
/// on the CPU in sqlite-nio's busy handler; reads use their own connections (WAL lets them run
/// beside the writer).
public final class Database: Sendable {
    public let dialect: Dialect
    let backend: any DatabaseBackend
    public let logger: Logger

    init(backend: any DatabaseBackend, logger: Logger) {
        self.backend = backend
        self.dialect = backend.dialect
        self.logger = logger
    }

    /// The transaction the current task runs in, if any. Reads and transactions started inside it
    /// run on its connection: taking a second pooled connection while holding row locks deadlocks
    /// once every connection of the pool waits behind a lock held by a transaction that is itself
    /// waiting for a connection (seen with 32 clients filing orders), and on SQLite a nested
    /// transaction would wait for the writer it already holds.
    struct ActiveTransaction: Sendable {
        let database: ObjectIdentifier
        let connection: any SQLDatabase
    }

    @TaskLocal static var active: ActiveTransaction?

    func joined() -> (any SQLDatabase)? {
        guard let active = Database.active, active.database == ObjectIdentifier(self) else { return nil }
        return active.connection
    }

    /// Runs `body` outside a transaction: for queries that read. Inside a transaction, on its connection.
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let connection = joined() { return try await body(connection) }
        return try await backend.read(body)
    }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    /// Inside another transaction of this database, `body` joins it.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let connection = joined() { return try await body(connection) }
        let id = ObjectIdentifier(self)
        return try await backend.transaction { db in
            try await Database.$active.withValue(ActiveTransaction(database: id, connection: db)) { try await body(db) }
        }
    }

    /// The PostgreSQL connection pool, for the few tools (COPY in benchmarks and bulk import) that
    /// need the driver itself. Nil on SQLite.
    public var postgres: PostgresBackend? { backend as? PostgresBackend }

    public func shutdown() async {
        await backend.shutdown()
    }
}

protocol DatabaseBackend: Sendable {
    var dialect: Dialect { get }
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func shutdown() async
}
