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

    /// Runs `body` outside a transaction: for queries that read.
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await backend.read(body)
    }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await backend.transaction(body)
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
