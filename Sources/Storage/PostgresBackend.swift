import Dispatch
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through PostgresNIO's connection pool, made to outlive the database's faults.
///
/// - **Deadlines.** A request's call gets a connection within `lease` or fails with
///   `DatabaseUnavailable` (answered 503 + `Retry-After`), and is answered within `call` whatever
///   the driver does: a query written to a connection that has just died may never complete in
///   PostgresNIO, and a server that is down makes the pool queue leases for up to a minute.
/// - **Session limits**, as a second line: `statement_timeout`, `lock_timeout` (a forgotten `BEGIN`
///   in someone's psql holds a request for seconds, not for as long as it lasts) and
///   `idle_in_transaction_session_timeout`.
/// - **Finding the primary.** The URL may name several hosts (`target_session_attrs`); the backend
///   connects to the first that answers as the primary. After a lost connection, a server that
///   shut down or became a standby (a failover), or calls that keep missing their deadline, it looks
///   for the primary again every 0.5 s and starts a fresh pool on it, with none of the old pool's
///   reconnection back-off. The failing request itself is not retried inside the server: a write
///   may have committed; the client retries with its idempotency key.
public final class PostgresBackend: DatabaseBackend, Sendable {
    public struct Limits: Sendable {
        public var lease: Duration = .seconds(2)
        public var call: Duration = .seconds(20)
        public var statementTimeout = "15s"
        public var lockTimeout = "3s"
        public var idleInTransactionTimeout = "60s"
        public init() {}
    }

    /// One pool on one host.
    final class Pool: Sendable {
        let client: PostgresClient
        let runner: Task<Void, Never>
        let endpoint: DatabaseURL.Endpoint
        let generation: Int
        /// When a call on this pool last succeeded (monotonic milliseconds).
        let lastSuccess: NIOLockedValueBox<Int64>

        init(client: PostgresClient, endpoint: DatabaseURL.Endpoint, generation: Int) {
            self.client = client
            self.runner = Task { await client.run() }
            self.endpoint = endpoint
            self.generation = generation
            self.lastSuccess = NIOLockedValueBox(Monotonic.millis())
        }
    }

    struct State {
        var pool: Pool
        var searching = false
        var closed = false
    }

    let dialect = Dialect.postgres
    let logger: Logger
    let url: DatabaseURL
    let poolSize: Int
    let limits: Limits
    /// The statements kept prepared on each connection (`readPrepared`); nil with
    /// `prepared_statements=off` in the URL.
    let prepared: PreparedStatements?
    private let state: NIOLockedValueBox<State>

    /// The pool's client now (it changes after a failover).
    public var client: PostgresClient { state.withLockedValue { $0.pool.client } }
    /// The host the backend writes to now.
    public var primary: DatabaseURL.Endpoint { state.withLockedValue { $0.pool.endpoint } }

    /// Connects to the URL's primary, trying for `patience` before giving up with the hosts it tried.
    static func connect(url: DatabaseURL, poolSize: Int, limits: Limits = .init(), patience: Duration = .seconds(10),
                        logger: Logger) async throws -> PostgresBackend {
        let giveUp = ContinuousClock.now + patience
        while true {
            if let endpoint = await findPrimary(url, logger: logger) {
                return PostgresBackend(url: url, endpoint: endpoint, poolSize: poolSize, limits: limits, logger: logger)
            }
            guard ContinuousClock.now < giveUp else {
                let wanted = url.targetSessionAttrs == .readWrite ? "primary" : "server"
                throw DatabaseUnavailable("no reachable \(wanted) among \(url.endpoints.map(\.description).joined(separator: ", "))")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    private init(url: DatabaseURL, endpoint: DatabaseURL.Endpoint, poolSize: Int, limits: Limits, logger: Logger) {
        self.url = url
        self.poolSize = poolSize
        self.limits = limits
        self.logger = logger
        self.prepared = url.preparedStatements ? PreparedStatements() : nil
        self.state = NIOLockedValueBox(State(pool: Self.makePool(url, endpoint, poolSize: poolSize, limits: limits, generation: 1, logger: logger)))
    }

    static func makePool(_ url: DatabaseURL, _ endpoint: DatabaseURL.Endpoint, poolSize: Int, limits: Limits, generation: Int,
                         logger: Logger) -> Pool {
        var config = PostgresClient.Configuration(host: endpoint.host, port: endpoint.port, username: url.username, password: url.password,
                                                  database: url.database, tls: .disable)
        config.options.maximumConnections = poolSize
        config.options.minimumConnections = 0
        config.options.connectTimeout = .seconds(2)
        // JIT compilation pays off for long analytical queries, not for an API's short ones: with
        // it on, summing the figures' rows cost hundreds of milliseconds of compiling per request.
        var parameters = [("jit", "off"), ("statement_timeout", limits.statementTimeout), ("lock_timeout", limits.lockTimeout),
                          ("idle_in_transaction_session_timeout", limits.idleInTransactionTimeout)]
        if let searchPath = url.searchPath { parameters.append(("search_path", searchPath)) }
        config.options.additionalStartupParameters = parameters
        return Pool(client: PostgresClient(configuration: config, backgroundLogger: logger), endpoint: endpoint, generation: generation)
    }

    /// The first of the URL's hosts that answers, and is not a standby when a primary is wanted.
    static func findPrimary(_ url: DatabaseURL, logger: Logger) async -> DatabaseURL.Endpoint? {
        for endpoint in url.endpoints {
            var config = PostgresConnection.Configuration(host: endpoint.host, port: endpoint.port, username: url.username,
                                                          password: url.password, database: url.database, tls: .disable)
            config.options.connectTimeout = .seconds(1)
            do {
                let connection = try await PostgresConnection.connect(configuration: config, id: 0, logger: logger)
                defer { Task { try? await connection.close() } }
                let rows = try await connection.query("SELECT pg_is_in_recovery() AS standby", logger: logger)
                var standby = true
                for try await value in rows.decode(Bool.self) { standby = value }
                if url.targetSessionAttrs == .any || !standby { return endpoint }
            } catch {
                logger.debug("database host does not answer", metadata: ["host": .string(endpoint.description)])
            }
        }
        return nil
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await call { connection in try await body(connection.sql(queryLogLevel: nil)) }
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await call { connection in try await Self.inTransaction(connection, body) }
    }

    /// A transaction for work longer than a request's (a migration, a bulk write): no statement or
    /// lock timeout and no request deadline.
    func longTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection { connection in try await body(connection.sql(queryLogLevel: nil)) }
    }

    static func inTransaction<T: Sendable>(_ connection: PostgresConnection, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = connection.sql(queryLogLevel: nil)
        try await db.raw("BEGIN").run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Runs `body` in one transaction on one pooled connection, for work longer than a request's (a
    /// migration, a streamed read of the whole registry, `COPY`): no statement or lock timeout
    /// while it runs. A transaction, not a session: behind PgBouncer in transaction mode, the
    /// statements of a session outside a transaction may each run on another server connection.
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let pool = state.withLockedValue { $0.pool }
        do {
            return try await pool.client.withConnection { connection in
                try await connection.query("BEGIN", logger: self.logger)
                do {
                    try await connection.query("SET LOCAL statement_timeout = 0", logger: self.logger)
                    try await connection.query("SET LOCAL lock_timeout = 0", logger: self.logger)
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: self.logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: self.logger)
                    throw error
                }
            }
        } catch {
            if Database.isConnectionLoss(error) { suspect(pool, error) }
            throw error
        }
    }

    /// One call on the current pool, under the deadlines; a failure that says the connection or the
    /// server is gone starts the search for the primary.
    func call<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let pool = state.withLockedValue { $0.pool }
        do {
            let result = try await Deadline.run(lease: limits.lease, total: limits.call) { leased in
                try await pool.client.withConnection { connection in
                    leased { !connection.isClosed }
                    return try await body(connection)
                }
            }
            pool.lastSuccess.withLockedValue { $0 = Monotonic.millis() }
            return result
        } catch {
            if Database.isConnectionLoss(error) { suspect(pool, error) }
            throw error
        }
    }

    /// Looks for the primary (once at a time) and moves to a fresh pool on it when the host changed,
    /// the connection was lost, or the pool has not completed a call for a while (it may hold
    /// connections the driver will never give back).
    private func suspect(_ pool: Pool, _ error: any Error) {
        let start = state.withLockedValue { s -> Bool in
            guard !s.searching, !s.closed, s.pool.generation == pool.generation else { return false }
            s.searching = true
            return true
        }
        guard start else { return }
        let lost = !(error is DatabaseUnavailable)
        logger.warning("database call failed; looking for the primary", metadata: ["error": .string(String(describing: error))])
        Task {
            defer { state.withLockedValue { $0.searching = false } }
            while !state.withLockedValue({ $0.closed }) {
                if let endpoint = await Self.findPrimary(url, logger: logger) {
                    let stale = Monotonic.millis() - pool.lastSuccess.withLockedValue { $0 } > 3000
                    if endpoint != pool.endpoint || lost || stale { replace(pool, with: endpoint) }
                    return
                }
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    private func replace(_ old: Pool, with endpoint: DatabaseURL.Endpoint) {
        let fresh = Self.makePool(url, endpoint, poolSize: poolSize, limits: limits, generation: old.generation + 1, logger: logger)
        let swapped = state.withLockedValue { s -> Bool in
            guard !s.closed, s.pool.generation == old.generation else { return false }
            s.pool = fresh
            return true
        }
        guard swapped else { fresh.runner.cancel(); return }
        logger.notice("database pool restarted", metadata: ["host": .string(endpoint.description), "generation": .stringConvertible(fresh.generation)])
        // Calls already on the old pool have a few seconds to end; then its connections are closed.
        Task {
            try? await Task.sleep(for: .seconds(5))
            old.runner.cancel()
        }
    }

    /// Moves to a fresh pool on the same host: a setting changed with `ALTER DATABASE … SET` reaches
    /// only the connections opened after it. Calls on the old pool have a few seconds to end.
    func renew() {
        let pool = state.withLockedValue { $0.pool }
        replace(pool, with: pool.endpoint)
    }

    /// Whether the current host answers as a primary: what `/readyz` asks. It gets a connection
    /// within a request's lease, as a request would, and an answer a second after that: a busy
    /// instance whose requests still get their connections is ready (a stricter check would take
    /// it out of the balancer when it is needed most, and failed under CI's load).
    func ready() async -> Bool {
        let pool = state.withLockedValue { $0.pool }
        let standby = try? await Deadline.run(lease: limits.lease, total: limits.lease + .seconds(1)) { leased in
            try await pool.client.withConnection { connection in
                leased { !connection.isClosed }
                let rows = try await connection.query("SELECT pg_is_in_recovery() AS standby", logger: self.logger)
                var standby = true
                for try await value in rows.decode(Bool.self) { standby = value }
                return standby
            }
        }
        guard let standby else {
            suspect(pool, DatabaseUnavailable("readiness check"))
            return false
        }
        if standby {
            // Writes here would fail: a failover made this host a standby.
            suspect(pool, DatabaseUnavailable("the host is a standby"))
            return false
        }
        return true
    }

    func shutdown() async {
        let pool = state.withLockedValue { s -> Pool in
            s.closed = true
            return s.pool
        }
        pool.runner.cancel()
        _ = await pool.runner.value
    }
}

/// Milliseconds of a clock that never goes back.
enum Monotonic {
    static func millis() -> Int64 { Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000) }
}

extension Database {
    /// A transaction that also hands out the PostgreSQL connection it runs on (nil on SQLite), for
    /// bulk work that streams rows with `COPY`. Everything else uses `transaction`.
    public func bulkTransaction<T: Sendable>(_ body: (any SQLDatabase, PostgresConnection?) async throws -> T) async throws -> T {
        if let connection = joined() { return try await body(connection, nil) }
        let id = ObjectIdentifier(self)
        guard let pg = backend as? PostgresBackend else {
            return try await (backend as! SQLiteBackend).inline { db in
                try await Database.$active.withValue(ActiveTransaction(database: id, connection: db)) { try await body(db, nil) }
            }
        }
        return try await pg.withConnection { connection in
            let db = connection.sql(queryLogLevel: nil)
            return try await Database.$active.withValue(ActiveTransaction(database: id, connection: db)) {
                try await body(db, connection)
            }
        }
    }
}
