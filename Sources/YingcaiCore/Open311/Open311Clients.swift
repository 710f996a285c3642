import Crypto
import Foundation
import SQLKit
import Storage

/// An Open311 client: a 311 app, a city dashboard or a FixMyStreet site, known by the API key an
/// admin issued to it. Its orders are filed by a service account of its own (a dispatcher of the
/// city hotline that nobody signs in as), so the workbench shows who sent them.
public struct Open311Client: Sendable, Equatable {
    public let id: Int64
    public let name: String
    /// The key's last four characters, to tell keys apart; the key itself is shown once.
    public let keyHint: String
    public let userId: Int64
    public let ratePerMinute: Int
    public let createdAt: Int64
    public let revokedAt: Int64?
}

/// A key just issued: the only time it is shown.
public struct IssuedOpen311Key: Sendable {
    public let client: Open311Client
    public let apiKey: String
}

extension Open311Gateway {
    static let hotlineOrg = "500000:HOTLINE"
    /// Requests a client may make per minute unless the admin sets another figure.
    public static let defaultRatePerMinute = 600

    /// Issues a key to a new client (city admins only): 32 random bytes, stored as their SHA-256.
    public func issueKey(name rawName: String, ratePerMinute: Int?, by p: Principal) async throws -> IssuedOpen311Key {
        guard p.has(.admin), p.org.rawValue == "500000" || p.org.rawValue.hasPrefix("500000:") else {
            throw CoreError.forbidden("只有市级管理员可以签发 Open311 密钥 / only city admins issue Open311 keys")
        }
        var errors = FieldErrors()
        let name = rawName.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.add("name", "必填 / required") }
        errors.text("name", name, max: 64)
        let rate = ratePerMinute ?? Self.defaultRatePerMinute
        if !(1...100_000).contains(rate) { errors.add("ratePerMinute", "应为 1–100000 / 1 to 100,000") }
        try errors.throwIfAny()
        let taken = try await db.read { db in try await db.raw("SELECT 1 AS x FROM open311_clients WHERE name = \(bind: name)").first() != nil }
        if taken { throw CoreError.invalid("name", "已有同名客户端 / a client of this name exists") }

        let key = "o311_" + Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        // The service account that files the client's orders.
        let account = try await accounts.serviceAccount(
            username: "open311-" + Base64URL.encode(Array(SHA256.hash(data: Array(name.utf8)).prefix(9))).lowercased(),
            displayName: "Open311 · \(name)", roles: [.dispatcher], orgCode: Self.hotlineOrg)
        let now = clock.nowMillis()
        let id = try await db.transaction { db in
            try await db.raw("""
                INSERT INTO open311_clients (name, key_hash, key_hint, user_id, rate_per_minute, created_by, created_at)
                VALUES (\(bind: name), \(bind: Self.hash(key)), \(bind: String(key.suffix(4))), \(bind: account.id), \(bind: rate), \(bind: p.userId), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int64.self)
        }
        return IssuedOpen311Key(client: Open311Client(id: id, name: name, keyHint: String(key.suffix(4)), userId: account.id, ratePerMinute: rate,
                                                      createdAt: now, revokedAt: nil), apiKey: key)
    }

    public func clients(by p: Principal) async throws -> [Open311Client] {
        guard p.has(.admin) else { throw CoreError.forbidden("只有管理员可以查看 / admins only") }
        return try await db.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.clientColumns) FROM open311_clients ORDER BY id").all().map(Self.client)
        }
    }

    /// A revoked key answers 403 from the next request on; the client's orders stay.
    public func revoke(_ id: Int64, by p: Principal) async throws -> Open311Client {
        guard p.has(.admin), p.org.rawValue == "500000" || p.org.rawValue.hasPrefix("500000:") else {
            throw CoreError.forbidden("只有市级管理员可以吊销 / only city admins revoke keys")
        }
        let now = clock.nowMillis()
        return try await db.transaction { db in
            try await db.raw("UPDATE open311_clients SET revoked_at = \(bind: now) WHERE id = \(bind: id) AND revoked_at IS NULL").run()
            guard let row = try await db.raw("SELECT \(unsafeRaw: Self.clientColumns) FROM open311_clients WHERE id = \(bind: id)").first() else {
                throw CoreError.notFound("client \(id)")
            }
            return try Self.client(row)
        }
    }

    /// The client of a key, refused (429) once it has filed its rate this minute; nil for an unknown
    /// or revoked key. One read: the filing itself counts (`count(_:into:)`), in its own write.
    func client(apiKey: String) async throws -> Open311Client? {
        guard apiKey.hasPrefix("o311_"), apiKey.utf8.count < 100 else { return nil }
        let minute = clock.nowMillis() / 60_000
        let row = try await db.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.clientColumns), u.requests FROM open311_clients c
                LEFT JOIN open311_usage u ON u.client_id = c.id AND u.minute = \(bind: minute)
                WHERE c.key_hash = \(bind: Self.hash(apiKey))
                """).first()
        }
        guard let row else { return nil }
        let found = try Self.client(row)
        guard found.revokedAt == nil else { return nil }
        if try row.decode(column: "requests", as: Int64?.self) ?? 0 >= found.ratePerMinute {
            throw CoreError.tooManyAttempts(retryAfterSeconds: Int(60 - (clock.nowMillis() / 1000) % 60))
        }
        return found
    }

    /// Counts a filing against its client's minute, written with the filing: concurrent filings'
    /// counts are summed into one row update when their writes are merged, and the count is never
    /// ahead of or behind what was filed. Concurrent requests may pass the check together, so a
    /// client can exceed its rate by as many requests as it sends at once.
    func count(_ client: Open311Client, into writes: inout WriteSet) {
        writes.add("open311_usage", keyColumns: ["client_id", "minute"], key: [.int(client.id), .int(clock.nowMillis() / 60_000)], ["requests": 1])
    }

    /// Background work: the counts of minutes gone by.
    public func pruneUsage() async throws {
        let minute = clock.nowMillis() / 60_000
        try await db.transaction { db in try await db.raw("DELETE FROM open311_usage WHERE minute < \(bind: minute - 5)").run() }
    }

    static let clientColumns = "id, name, key_hint, user_id, rate_per_minute, created_at, revoked_at"

    static func client(_ row: any SQLRow) throws -> Open311Client {
        Open311Client(id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
                      keyHint: try row.decode(column: "key_hint", as: String.self), userId: try row.decode(column: "user_id", as: Int64.self),
                      ratePerMinute: try row.decode(column: "rate_per_minute", as: Int.self), createdAt: try row.decode(column: "created_at", as: Int64.self),
                      revokedAt: try row.decode(column: "revoked_at", as: Int64?.self))
    }

    static func hash(_ key: String) -> Data { Data(SHA256.hash(data: Array(key.utf8))) }

}
