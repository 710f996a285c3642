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

    /// Drops a test's schema under the migrations' advisory lock: on Citus, dropping distributed
    /// tables while another test places its own deadlocks on Citus's metadata.
    static func drop(_ schema: String, on admin: Database) async throws {
        try await admin.longTransaction { db in
            try await db.raw("SELECT pg_advisory_xact_lock(7402011)").run()
            try await db.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
        }
    }

    /// Opens an empty database, runs `body`, and removes it again.
    public static func withEmpty<T>(logger: Logger, _ body: (Database) async throws -> T) async throws -> T {
        if let url = postgresURL {
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await Database.open(url: url, sqlitePath: "", poolSize: 1, limits: patientLimits, logger: logger)
            try await admin.transaction { db in try await db.raw("CREATE SCHEMA \(unsafeRaw: String(schema))").run() }
            let db = try await Database.open(url: url + (url.contains("?") ? "&" : "?") + "search_path=\(schema)",
                                             sqlitePath: "", poolSize: 4, limits: patientLimits, logger: logger)
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

