import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit
import Storage
import YingcaiCore

// Shared by the test targets that need a real database: the database a test runs on, a clock it
// moves, and a logger that keeps every line.

/// The database a test runs on: SQLite in a temporary file, or, when `YINGCAI_TEST_DATABASE_URL`
/// is set (as `.ci/run` does for its second pass), a fresh schema of that PostgreSQL database.
public enum TestDatabase {
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["YINGCAI_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var name: String { postgresURL == nil ? "SQLite" : "PostgreSQL" }

    /// The suite runs a hundred tests at once on two cores against one PostgreSQL: a connection or a
    /// lock may take seconds to come. The fault suite (`scripts/ci/faults.py`) holds the server's own
    /// limits to their goals; here they only must not fail a test that is merely waiting its turn.
    public static let patientLimits: PostgresBackend.Limits = {
        var l = PostgresBackend.Limits()
        l.lease = .seconds(60)
        l.call = .seconds(180)
        l.statementTimeout = "120s"
        l.lockTimeout = "60s"
        return l
    }()

    /// Drops a test's schema holding the database's key of `Database.lockSchema` exclusively: on
    /// Citus, dropping distributed tables while another test places its own deadlocks on Citus's
    /// metadata.
    /// A drop that deadlocks with another test's writes (Citus locks the shards and metadata of a
    /// schema's tables in its own order: seen once in a suite of 765) is tried again.
    static func drop(_ schema: String, on admin: Database) async throws {
        for attempt in 1... {
            do {
                return try await admin.longTransaction { db in
                    try await Database.lockDatabase(db)
                    try await db.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
                }
            } catch where attempt < 5 && Database.isUnavailable(error) {
                try await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
    }

    /// A schema name no other test uses.
    static func newSchemaName() -> String {
        "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    }

    /// The database at `url` with `schema` first in the search path, as a test uses it.
    static func open(_ url: String, schema: String, logger: Logger) async throws -> Database {
        try await Database.open(url: url + (url.contains("?") ? "&" : "?") + "search_path=\(schema)",
                                sqlitePath: "", poolSize: 4, limits: patientLimits, logger: logger)
    }

    /// Opens a database for a test that prepares it (`Yingcai.prepare`) first thing: as
    /// `withEmpty`, except on Citus, where it may be a schema an earlier test prepared, emptied of
    /// every row (`CitusSchemas`).
    public static func withPreparable<T>(logger: Logger, _ body: (Database) async throws -> T) async throws -> T {
        if let url = postgresURL, try await CitusSchemas.shared.isCitus(url: url, logger: logger) {
            return try await CitusSchemas.shared.withSchema(url: url, reuse: true, logger: logger, body)
        }
        return try await withEmpty(logger: logger, body)
    }

    /// Opens an empty database, runs `body`, and removes it again.
    public static func withEmpty<T>(logger: Logger, _ body: (Database) async throws -> T) async throws -> T {
        if let url = postgresURL, try await CitusSchemas.shared.isCitus(url: url, logger: logger) {
            return try await CitusSchemas.shared.withSchema(url: url, reuse: false, logger: logger, body)
        }
        if let url = postgresURL {
            let schema = newSchemaName()
            let admin = try await Database.open(url: url, sqlitePath: "", poolSize: 1, limits: patientLimits, logger: logger)
            try await admin.transaction { db in try await db.raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
            let db = try await open(url, schema: schema, logger: logger)
            do {
                let result = try await body(db)
                await db.shutdown()
                try await drop(schema, on: admin)
                await admin.shutdown()
                return result
            } catch {
                await db.shutdown()
                try? await drop(schema, on: admin)
                await admin.shutdown()
                throw error
            }
        }
        let dir = NSTemporaryDirectory() + "yingcai-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try await Database.open(url: nil, sqlitePath: dir + "/test.sqlite", logger: logger)
        do {
            let result = try await body(db)
            await db.shutdown()
            return result
        } catch {
            await db.shutdown()
            throw error
        }
    }
}

/// The tests' schemas on a Citus cluster. Placing a schema's tables takes Citus seconds, and
/// placements queue behind each other on Citus's metadata: a fresh schema per test, as on
/// PostgreSQL, would make the suite wait for hundreds of placements. Here a few tests run at once;
/// those that prepare the schema (`withPreparable`) each on a schema of a small pool, emptied
/// (`TRUNCATE … RESTART IDENTITY`, everything but the migrations' record) before it is handed on: the test then finds what a fresh schema holds once
/// `prepare` has loaded the reference data. The pool's schemas stay with the throwaway cluster.
actor CitusSchemas {
    static let shared = CitusSchemas()
    private var citus: Bool?
    private var free: [String] = []
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Tests at once: what three nodes on two cores serve without queueing on each other.
    let limit = 6

    func isCitus(url: String, logger: Logger) async throws -> Bool {
        if let citus { return citus }
        let admin = try await Database.open(url: url, sqlitePath: "", poolSize: 1, limits: TestDatabase.patientLimits, logger: logger)
        let found = try await CitusPlacement.isCitus(admin)
        await admin.shutdown()
        citus = found
        return found
    }

    private func acquire(reuse: Bool) async -> String? {
        if running < limit { running += 1 } else { await withCheckedContinuation { waiting.append($0) } }
        return reuse ? free.popLast() : nil
    }

    private func release(_ schema: String?) {
        if let schema { free.append(schema) }
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }

    /// Runs `body` on a schema of its own: one of the pool's with `reuse`, else a new one, dropped
    /// after it.
    nonisolated func withSchema<T>(url: String, reuse: Bool, logger: Logger, _ body: (Database) async throws -> T) async throws -> T {
        let reused = await acquire(reuse: reuse)
        let schema = reused ?? TestDatabase.newSchemaName()
        var admin: Database?
        var db: Database?
        do {
            let a = try await Database.open(url: url, sqlitePath: "", poolSize: 1, limits: TestDatabase.patientLimits, logger: logger)
            admin = a
            try await a.longTransaction { sql in
                // Shares the database's key: emptying reference tables while another test places
                // its own deadlocks on Citus's metadata, as a drop would.
                try await Database.lockSchema(sql)
                if reused == nil {
                    try await sql.raw("CREATE SCHEMA \(unsafeRaw: schema)").run()
                    return
                }
                // Tables and partitioned tables, not their partitions (each would be one more
                // distributed TRUNCATE; the parent's empties them).
                let tables = try await sql.raw("""
                    SELECT quote_ident(relname) AS name FROM pg_class
                    WHERE relnamespace = \(bind: schema)::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition AND relname <> 'schema_migrations'
                    """).all().map { try $0.decode(column: "name", as: String.self) }
                guard !tables.isEmpty else { return }
                let list = tables.map { "\(schema).\($0)" }.joined(separator: ", ")
                try await sql.raw("TRUNCATE \(unsafeRaw: list) RESTART IDENTITY CASCADE").run()
            }
            let d = try await TestDatabase.open(url, schema: schema, logger: logger)
            db = d
            let result = try await body(d)
            await d.shutdown()
            db = nil
            // Only a schema the application prepared and placed is handed on; one a test made its
            // own tables in (the storage tests) is dropped.
            let placed = try await a.read { sql in
                try await sql.raw("SELECT 1 AS yes FROM pg_dist_partition WHERE logicalrelid = to_regclass(\(bind: schema + ".work_orders"))").first() != nil
            }
            let handOn = placed && reuse
            if !handOn { try await TestDatabase.drop(schema, on: a) }
            await a.shutdown()
            await release(handOn ? schema : nil)
            return result
        } catch {
            if let db { await db.shutdown() }
            if let admin {
                try? await TestDatabase.drop(schema, on: admin)
                await admin.shutdown()
            }
            await release(nil)
            throw error
        }
    }
}

/// A clock the test moves by hand.
public final class TestClock: Sendable {
    private let millis: NIOLockedValueBox<Int64>
    public init(millis: Int64 = Clock.nowMillis()) { self.millis = NIOLockedValueBox(millis) }
    public var now: Int64 { millis.withLockedValue { $0 } }
    public func set(_ value: Int64) { millis.withLockedValue { $0 = value } }
    public func advance(seconds: Int64) { millis.withLockedValue { $0 += seconds * 1000 } }
    public func advance(days: Int) { advance(seconds: Int64(days) * 86_400) }
    public var clockwork: Clockwork { Clockwork { [self] in self.now } }
}

/// Collects every log line of a test, to check that no personal data reaches the logs.
public final class LogCapture: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    public init() {}
    public var all: [String] { lines.withLockedValue { $0 } }
    public func append(_ line: String) { lines.withLockedValue { $0.append(line) } }

    public var logger: Logger {
        Logger(label: "test") { _ in CapturingHandler(capture: self) }
    }

    struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            let all = metadata.merging(extra ?? [:]) { $1 }
            capture.append("\(level) \(message) \(all.map { "\($0)=\($1)" }.sorted().joined(separator: " "))")
        }
    }
}

