import SQLKit

/// One step of the schema. Steps run in order, each in its own transaction, and are recorded in
/// `schema_migrations` so that each runs once.
public struct Migration: Sendable {
    public let id: String
    public let statements: @Sendable (Dialect) -> [String]

    public init(_ id: String, _ statements: @escaping @Sendable (Dialect) -> [String]) {
        self.id = id
        self.statements = statements
    }

    /// A step whose statements differ between dialects only by the `{id}` and `{bytes}` placeholders.
    public init(_ id: String, ddl: [String]) {
        self.init(id) { dialect in ddl.map(dialect.ddl) }
    }
}

extension Database {
    /// Applies the steps not yet recorded. Safe to call from several instances at once: on
    /// PostgreSQL they take an advisory lock; on SQLite the writer queue serialises them.
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws -> [String] {
        try await transaction { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)").run()
        }
        var applied: [String] = []
        for migration in migrations {
            let done: Bool = try await longTransaction { db in
                if self.dialect == .postgres { try await Self.lockSchema(db) }
                let rows = try await db.raw("SELECT id FROM schema_migrations WHERE id = \(bind: migration.id)").all()
                if !rows.isEmpty { return true }
                for statement in migration.statements(self.dialect) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw("INSERT INTO schema_migrations (id, applied_at) VALUES (\(bind: migration.id), \(bind: Clock.nowMillis()))").run()
                return false
            }
            if !done { applied.append(migration.id) }
        }
        return applied
    }

    /// Serialises the changes of one schema's structure (its migrations, its placement on Citus)
    /// across instances until the transaction ends: exclusive for the schema, shared for the
    /// database, so that work on the whole database (dropping a schema) can take the database's
    /// key exclusively and wait for every schema's change to end. Changes of different schemas run
    /// side by side.
    public static func lockSchema(_ db: any SQLDatabase) async throws {
        try await db.raw("""
            SELECT pg_advisory_xact_lock_shared(\(unsafeRaw: databaseKey)), pg_advisory_xact_lock(\(unsafeRaw: schemaKeys), hashtext(current_schema()))
            """).run()
    }

    /// Holds the database's key of `lockSchema` exclusively until the transaction ends: waits for
    /// every schema's change under way and keeps new ones out (placing tables on Citus, dropping a
    /// schema).
    public static func lockDatabase(_ db: any SQLDatabase) async throws {
        try await db.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: databaseKey))").run()
    }

    private static let databaseKey = "7402011"
    private static let schemaKeys = "7402012"
}
