import Logging

extension Database {
    /// Opens the database that `DATABASE_URL` names, or the SQLite file at `sqlitePath`.
    /// `limits`: PostgreSQL's deadlines and session timeouts (the defaults suit a server; a test suite
    /// that runs a hundred tests at once on two cores may wait longer for a connection or a lock).
    public static func open(url: String?, sqlitePath: String, poolSize: Int = 8, limits: PostgresBackend.Limits = .init(),
                            logger: Logger) async throws -> Database {
        if let url, !url.isEmpty {
            guard let parsed = DatabaseURL(url) else { throw DatabaseConfigurationError.badURL }
            return Database(backend: try await PostgresBackend.connect(url: parsed, poolSize: poolSize, limits: limits, logger: logger), logger: logger)
        }
        let backend = try await SQLiteBackend.open(path: sqlitePath, readers: 2, logger: logger)
        return Database(backend: backend, logger: logger)
    }
}

public enum DatabaseConfigurationError: Error, CustomStringConvertible {
    case badURL
    public var description: String {
        "DATABASE_URL must look like postgres://user:password@host:5432/database"
    }
}
