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
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let connection = joined() { return try await body(connection) }
        return try await backend.read(body)
    }

    /// The rows of a read whose text carries its values (`SQLLiteral`), as `values(_:)` reads them
    /// (in the order of the SELECT list), kept prepared on each of PostgreSQL's connections
    /// (`PreparedStatements`): for statements that cost more to plan than to run, asked again and
    /// again with the same values (a dashboard's figures). On SQLite, inside a transaction, and with
    /// `prepared_statements=off`, it is `values(_:)`.
    public func readPrepared(_ sql: String) async throws -> [SQLValues] {
        if joined() == nil, let postgres = backend as? PostgresBackend, let prepared = postgres.prepared {
            return try await postgres.call { connection in try await prepared.rows(sql, on: connection) }
        }
        return try await values(SQLQueryString(sql))
    }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    /// Inside another transaction of this database, `body` joins it.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let connection = joined() { return try await body(connection) }
        let id = ObjectIdentifier(self)
        return try await backend.transaction { db in
            try await Database.$active.withValue(ActiveTransaction(database: id, connection: db)) { try await body(db) }
        }
    }

    /// Opens new connections for what follows (PostgreSQL; nothing on SQLite): after a change of
    /// the database's settings, which only new connections take.
    public func renewConnections() {
        (backend as? PostgresBackend)?.renew()
    }

    /// A transaction for work longer than a request's (a migration, a backfill): on PostgreSQL
    /// without the statement timeout and the request deadline that every other call has.
    public func longTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let connection = joined() { return try await body(connection) }
        let id = ObjectIdentifier(self)
        return try await backend.longTransaction { db in
            try await Database.$active.withValue(ActiveTransaction(database: id, connection: db)) { try await body(db) }
        }
    }

    /// Writes `set`: inside a transaction of this database, as part of it; otherwise in a transaction
    /// of its own, and returns once its COMMIT has been answered.
    ///
    /// Never as a statement that commits by itself: PostgreSQL answers such a statement's
    /// CommandComplete before it commits (at Sync), and PostgresNIO takes CommandComplete as the
    /// query's end. A write could then be acknowledged and still not commit: a deferred constraint
    /// failing, or, under synchronous replication, a primary shut down during a switchover while the
    /// commit waited for its standby (it committed locally, was never replicated, and was undone
    /// when the old primary rejoined: `scripts/ci/faults.py failover` lost 3-17 orders answered 201 a
    /// run that way). An explicit COMMIT is answered only once the commit is durable.
    public func write(_ set: WriteSet) async throws {
        do {
            try await writeReportingExpectations(set)
        } catch WriteSetError.expectationFailed(let error) {
            throw error
        }
    }

    func writeReportingExpectations(_ set: WriteSet) async throws {
        if let connection = joined() { return try await set.runReportingExpectations(on: connection, dialect: dialect) }
        try await transaction { db in try await set.runReportingExpectations(on: db, dialect: self.dialect) }
    }

    /// Whether the database answers a trivial query: what `/readyz` asks.
    public func answers() async -> Bool {
        await backend.ready()
    }

    /// Whether the current task runs inside a transaction of this database.
    public var inTransaction: Bool { joined() != nil }

    /// `count` fresh ids for rows of `table` (whose `id` the database would otherwise number), taken
    /// before the rows are written so that whatever refers to them (a hash, a number) can be worked
    /// out first. PostgreSQL draws them from the table's own sequence; SQLite from `id_sequences`,
    /// which never falls behind the table's largest id divided by `per` (a table whose ids are
    /// numbers drawn times `per`, plus less than `per`).
    public func allocateIds(for table: String, count: Int, per: Int64 = 1) async throws -> [Int64] {
        precondition(count > 0)
        switch dialect {
        case .postgres:
            // In a transaction: its COMMIT returns once the sequence's advance is durable (on the
            // standby too), so a failover cannot hand the same ids out again.
            let rows = try await transaction { db in
                try await db.raw("""
                    SELECT nextval(pg_get_serial_sequence(\(bind: table), 'id')) AS id FROM generate_series(1, \(bind: count))
                    """).all()
            }
            return try rows.map { try $0.decode(column: "id", as: Int64.self) }.sorted()
        case .sqlite:
            let last = try await transaction { db in
                try await db.raw("""
                    INSERT INTO id_sequences (name, last) VALUES (\(bind: table), (SELECT coalesce(max(id), 0) / \(bind: per) FROM \(unsafeRaw: table)) + \(bind: count))
                    ON CONFLICT (name) DO UPDATE SET last = max(id_sequences.last, (SELECT coalesce(max(id), 0) / \(bind: per) FROM \(unsafeRaw: table))) + \(bind: count)
                    RETURNING last
                    """).first()!.decode(column: "last", as: Int64.self)
            }
            return Array((last - Int64(count) + 1)...last)
        }
    }

    /// The PostgreSQL connection pool, for the few tools (COPY in benchmarks and bulk import) that
    /// need the driver itself. Nil on SQLite.
    public var postgres: PostgresBackend? { backend as? PostgresBackend }

    /// SQLite only: a consistent copy of the database at `path`, taken while it serves. (PostgreSQL
    /// is backed up with `pg_dump`; see `yingcai backup`.)
    public func backupSQLite(to path: String) async throws {
        guard let lite = backend as? SQLiteBackend else { throw DatabaseConfigurationError.badURL }
        try await lite.backup(to: path)
    }

    public func shutdown() async {
        await backend.shutdown()
    }
}

protocol DatabaseBackend: Sendable {
    var dialect: Dialect { get }
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// A transaction for work longer than a request's (a migration): no request deadline.
    func longTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Whether the database can take writes now, answered within about a second.
    func ready() async -> Bool
    func shutdown() async
}
