import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through PostgresNIO's connection pool.
public final class PostgresBackend: DatabaseBackend, Sendable {
    let dialect = Dialect.postgres
    public let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger: Logger

    init(url: DatabaseURL, poolSize: Int, logger: Logger) {
        var config = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password,
            database: url.database, tls: .disable
        )
        config.options.maximumConnections = poolSize
        config.options.minimumConnections = 0
        // JIT compilation pays off for long analytical queries, not for an API's short ones: with
        // it on, summing the figures' rows cost hundreds of milliseconds of compiling per request.
        var parameters = [("jit", "off")]
        if let searchPath = url.searchPath { parameters.append(("search_path", searchPath)) }
        config.options.additionalStartupParameters = parameters
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.runner = Task { await client.run() }
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
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
    }

    /// Runs `body` with one pooled connection, for driver-level work such as `COPY`.
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection(body)
    }

    func shutdown() async {
        runner.cancel()
        _ = await runner.value
    }
}

extension Database {
    /// A transaction that also hands out the PostgreSQL connection it runs on (nil on SQLite), for
    /// bulk work that streams rows with `COPY`. Everything else uses `transaction`.
    public func bulkTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase, PostgresConnection?) async throws -> T) async throws -> T {
        guard let pg = backend as? PostgresBackend else {
            return try await transaction { db in try await body(db, nil) }
        }
        let id = ObjectIdentifier(self)
        return try await pg.client.withConnection { connection in
            let db = connection.sql(queryLogLevel: nil)
            try await db.raw("BEGIN").run()
            do {
                let result = try await Database.$active.withValue(ActiveTransaction(database: id, connection: db)) {
                    try await body(db, connection)
                }
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
