import Crypto
import Foundation
import SQLKit
import Storage

/// `Idempotency-Key` on creates: the same key and body from the same user within the window
/// returns the first answer and creates nothing new.
///
/// The key is claimed by inserting its row inside the same transaction as the record it creates,
/// so the two commit or vanish together. A concurrent retry blocks on the row's unique key until
/// the first commits, then reads the stored answer.
public struct Idempotency: Sendable {
    let db: Database
    let config: CoreConfiguration
    let clock: Clockwork

    public init(db: Database, config: CoreConfiguration, clock: Clockwork) {
        self.db = db
        self.config = config
        self.clock = clock
    }

    public struct Answer: Sendable {
        public let status: Int
        public let body: String
        public let replayed: Bool
    }

    /// Runs `create` once per (user, key, body). `create` returns the status and JSON body.
    public func once(userId: Int64, key: String?, request: [UInt8],
                     _ create: @escaping @Sendable (any SQLDatabase) async throws -> (status: Int, body: String)) async throws -> Answer {
        guard let key else {
            let (status, body) = try await db.transaction(create)
            return Answer(status: status, body: body, replayed: false)
        }
        let (hash, cutoff) = try check(key, request)
        for _ in 0..<3 {
            if let answer = try await earlierAnswer(userId: userId, key: key, request: request) { return answer }
            do {
                let now = clock.nowMillis()
                let (status, body) = try await db.transaction { db in
                    try await db.raw("DELETE FROM idempotency_keys WHERE user_id = \(bind: userId) AND idem_key = \(bind: key) AND created_at <= \(bind: cutoff)").run()
                    try await db.raw("""
                        INSERT INTO idempotency_keys (user_id, idem_key, request_hash, status, body, created_at)
                        VALUES (\(bind: userId), \(bind: key), \(bind: hash), 0, '', \(bind: now))
                        """).run()
                    let (status, body) = try await create(db)
                    try await db.raw("UPDATE idempotency_keys SET status = \(bind: status), body = \(bind: body) WHERE user_id = \(bind: userId) AND idem_key = \(bind: key)").run()
                    return (status, body)
                }
                return Answer(status: status, body: body, replayed: false)
            } catch where Database.isUniqueViolation(error) {
                // Another request with this key committed first (or created the same record): look again.
                continue
            }
        }
        throw CoreError.conflict("请求正在处理，请稍后重试 / the request is being processed; retry shortly")
    }

    /// `once` for a create worked out in full before anything is written (`plan` returns the answer
    /// and the rows): the remembered answer joins those rows, and `writer` writes them together —
    /// merged with concurrent creates, in one statement on PostgreSQL.
    public func once(userId: Int64, key: String?, request: [UInt8], writer: WriteCoalescer,
                     plan: @Sendable () async throws -> (status: Int, body: String, writes: WriteSet)) async throws -> Answer {
        guard let key else {
            let p = try await plan()
            try await writer.write(p.writes)
            return Answer(status: p.status, body: p.body, replayed: false)
        }
        let (hash, cutoff) = try check(key, request)
        // A retry is found by the key's row when writing, not by a read before every create: the
        // first attempt is usually the only one.
        func earlier() async throws -> Answer? { try await earlierAnswer(userId: userId, key: key, request: request) }
        for _ in 0..<3 {
            var p: (status: Int, body: String, writes: WriteSet)
            do {
                p = try await plan()
            } catch {
                // A retry may no longer pass the checks its first attempt passed (an upload is now used).
                if let answer = try await earlier() { return answer }
                throw error
            }
            p.writes.insert("idempotency_keys", columns: ["user_id", "idem_key", "request_hash", "status", "body", "created_at"],
                            values: [SQLBind(userId), SQLBind(key), SQLBind(hash), SQLBind(p.status), SQLBind(p.body), SQLBind(clock.nowMillis())])
            do {
                try await writer.write(p.writes)
                return Answer(status: p.status, body: p.body, replayed: false)
            } catch where Database.isUniqueViolation(error) {
                // Taken: by a request that committed first, or by an answer past the window, forgotten here.
                if let answer = try await earlier() { return answer }
                try await db.transaction { db in
                    try await db.raw("DELETE FROM idempotency_keys WHERE user_id = \(bind: userId) AND idem_key = \(bind: key) AND created_at <= \(bind: cutoff)").run()
                }
            }
        }
        throw CoreError.conflict("请求正在处理，请稍后重试 / the request is being processed; retry shortly")
    }

    /// The answer given earlier under this key, if any (a different request under it is refused):
    /// for work a retry must not repeat before the create itself, such as storing uploaded files.
    public func earlierAnswer(userId: Int64, key: String, request: [UInt8]) async throws -> Answer? {
        let (hash, cutoff) = try check(key, request)
        guard let earlier = try await stored(userId: userId, key: key, cutoff: cutoff) else { return nil }
        guard earlier.hash == hash else { throw CoreError.idempotencyKeyReused }
        return Answer(status: earlier.status, body: earlier.body, replayed: true)
    }

    func check(_ key: String, _ request: [UInt8]) throws -> (hash: Data, cutoff: Int64) {
        guard (1...255).contains(key.utf8.count) else {
            throw CoreError.invalid("Idempotency-Key", "幂等键为 1–255 个字符 / an idempotency key has 1 to 255 characters")
        }
        return (Data(SHA256.hash(data: request)), clock.nowMillis() - config.idempotencyWindowSeconds * 1000)
    }

    func stored(userId: Int64, key: String, cutoff: Int64) async throws -> (hash: Data, status: Int, body: String)? {
        let row = try await db.read { db in
            try await db.raw("""
                SELECT request_hash, status, body FROM idempotency_keys
                WHERE user_id = \(bind: userId) AND idem_key = \(bind: key) AND created_at > \(bind: cutoff)
                """).first()
        }
        guard let row else { return nil }
        return (try row.decode(column: "request_hash", as: Data.self), try row.decode(column: "status", as: Int.self),
                try row.decode(column: "body", as: String.self))
    }

    /// Forgets keys past the window; run now and then.
    public func prune() async throws {
        let cutoff = clock.nowMillis() - config.idempotencyWindowSeconds * 1000
        try await db.transaction { db in
            try await db.raw("DELETE FROM idempotency_keys WHERE created_at <= \(bind: cutoff)").run()
        }
    }
}
