import Organisations
import SQLKit
import Storage

/// The record of refused sign-in attempts, for the admin: who was tried, from where, how often.
public struct ThrottledSignIn: Sendable, Equatable {
    public let username: String
    public let address: String
    public let firstAtMillis: Int64
    public let lastAtMillis: Int64
    public let attempts: Int64
    public let longestWaitSeconds: Int64

    /// Where a page of the record ends, as the text a cursor seals (the tried username last: it
    /// may hold anything, the time and the address cannot hold the separator).
    public struct Position: Sendable, Equatable {
        public let lastAtMillis: Int64
        public let username: String
        public let address: String

        public var text: String { "\(lastAtMillis)\u{1F}\(address)\u{1F}\(username)" }

        public init?(text: String) {
            let parts = text.split(separator: "\u{1F}", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let at = Int64(parts[0]) else { return nil }
            lastAtMillis = at
            address = String(parts[1])
            username = String(parts[2])
        }

        init(_ t: ThrottledSignIn) {
            lastAtMillis = t.lastAtMillis
            username = t.username
            address = t.address
        }
    }

    public var position: Position { Position(self) }
}

extension Accounts {
    /// Refused attempts are kept for 90 days after the last one.
    static let throttleRecordMillis: Int64 = 90 * 24 * 3600 * 1000

    /// Refused attempts, most recent first. A city admin sees all of them, also those of usernames
    /// that do not exist (someone guessing); a district's admin those of its area's users.
    /// Newest first; `after` is the last of the previous page.
    public func throttledSignIns(by principal: Principal, limit: Int, after: ThrottledSignIn.Position? = nil) async throws -> [ThrottledSignIn] {
        guard principal.has(.admin) else { throw CoreError.forbidden("只有管理员可以查看登录限制记录 / only an admin sees throttled sign-ins") }
        let tree = try await orgs.tree()
        let area = tree.area(of: principal.org)
        var scope: SQLQueryString = "1 = 1"
        if tree[area]?.kind != .city {
            scope = "username IN (SELECT username FROM users WHERE org_code IN (\(binds: tree.subtree(of: area).map(\.code.rawValue))))"
        }
        if let a = after {
            scope = scope + " AND (last_at < \(bind: a.lastAtMillis) OR (last_at = \(bind: a.lastAtMillis) AND (username > \(bind: a.username) OR (username = \(bind: a.username) AND address > \(bind: a.address)))))"
        }
        let condition = scope
        return try await db.read { db in
            try await db.raw("""
                SELECT username, address, first_at, last_at, attempts, longest_wait_seconds FROM sign_in_throttles
                WHERE \(condition) ORDER BY last_at DESC, username, address LIMIT \(bind: limit)
                """).all().map { row in
                ThrottledSignIn(username: try row.decode(column: "username", as: String.self), address: try row.decode(column: "address", as: String.self),
                                firstAtMillis: try row.decode(column: "first_at", as: Int64.self), lastAtMillis: try row.decode(column: "last_at", as: Int64.self),
                                attempts: try row.decode(column: "attempts", as: Int64.self),
                                longestWaitSeconds: try row.decode(column: "longest_wait_seconds", as: Int64.self))
            }
        }
    }
}
