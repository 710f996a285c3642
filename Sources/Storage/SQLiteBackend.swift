#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode with foreign keys on: one writer connection behind a FIFO queue, and a few
/// reader connections used round-robin.
final class SQLiteBackend: DatabaseBackend, @unchecked Sendable {
    let dialect = Dialect.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let queue = SerialQueue()
    private let nextReader = ManagedCounter()
    private let logger: Logger
    private let path: String
    /// Below this much free space on the database's file system the instance says it is not ready:
    /// every write would fail with "disk full" while reads still work.
    static let minimumFreeBytes: UInt64 = 16 << 20

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], path: String, logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.path = path
        self.logger = logger
    }

    func ready() async -> Bool {
        guard (try? await read({ db in try await db.raw("SELECT 1 AS one").first() })) != nil else { return false }
        return Self.freeBytes(besides: path).map { $0 >= Self.minimumFreeBytes } ?? true
    }

    /// Free bytes for an unprivileged writer on the file system of the file at `path`.
    static func freeBytes(besides path: String) -> UInt64? {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        var info = statvfs()
        guard statvfs(folder.isEmpty ? "/" : folder, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }

    static func open(path: String, readers readerCount: Int, logger: Logger) async throws -> SQLiteBackend {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON",
                       "PRAGMA busy_timeout = 10000", "PRAGMA temp_store = MEMORY"] {
            try await writer.sql().raw(SQLQueryString(pragma)).run()
        }
        var readers: [SQLiteConnection] = []
        for _ in 0..<readerCount {
            let r = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000", "PRAGMA query_only = ON"] {
                try await r.sql().raw(SQLQueryString(pragma)).run()
            }
            readers.append(r)
        }
        return SQLiteBackend(writer: writer, readers: readers, path: path, logger: logger)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard !readers.isEmpty else { return try await transaction(body) }
        let index = nextReader.next() % readers.count
        return try await body(readers[index].sql(queryLogLevel: nil))
    }

    func longTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(body)
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await inline(body)
    }

    /// A consistent copy of the database in a new file, taken while it serves (`VACUUM INTO`): the
    /// writer queue holds other writes for the moment it takes; readers go on.
    func backup(to path: String) async throws {
        await queue.acquire()
        do {
            try await writer.sql().raw("VACUUM INTO \(bind: path)").run()
            await queue.release()
        } catch {
            await queue.release()
            throw error
        }
    }

    /// A transaction on the writer, run in the caller's task.
    func inline<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        await queue.acquire()
        do {
            let db = writer.sql(queryLogLevel: nil)
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                await queue.release()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        } catch {
            await queue.release()
            throw error
        }
    }

    func shutdown() async {
        await queue.acquire()
        try? await writer.sql().raw("PRAGMA optimize").run()
        for connection in readers + [writer] {
            try? await connection.close()
        }
        await queue.release()
    }
}

/// A lock-free round-robin counter.
final class ManagedCounter: @unchecked Sendable {
    private let lock = NIOLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value &+= 1
            return value & Int.max
        }
    }
}
