import Crypto
import Foundation
import Organisations
import SQLKit
import Storage

/// Users, sign-in and bearer tokens.
///
/// A token is 32 random bytes shown once to the client; only its SHA-256 is stored, so a copy of the
/// database does not let anyone sign in. Failed sign-ins slow further attempts by username and client
/// address (`SignInThrottle`), counted in the database so that every instance agrees.
public struct Accounts: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let hasher: PasswordHasher
    let config: CoreConfiguration
    let clock: Clockwork
    let sessions: SessionCache

    public init(db: Database, orgs: OrgDirectory, config: CoreConfiguration, clock: Clockwork) {
        self.sessions = SessionCache(seconds: config.sessionCacheSeconds)
        self.db = db
        self.orgs = orgs
        self.hasher = PasswordHasher(cost: config.bcryptCost)
        self.config = config
        self.clock = clock
    }

    public struct NewUser: Sendable {
        public var username: String
        public var displayName: String?
        public var password: String
        public var roles: [Role]
        public var orgCode: String
        /// A staff member's office telephone (a butler's is shown to their talents); not personal data.
        public var workPhone: String?

        public init(username: String, displayName: String? = nil, password: String, roles: [Role], orgCode: String, workPhone: String? = nil) {
            self.workPhone = workPhone
            self.username = username
            self.displayName = displayName
            self.password = password
            self.roles = roles
            self.orgCode = orgCode
        }
    }

    /// Creates a user. `by` is nil for the command line and the demo loader, which act as the operator.
    public func create(_ new: NewUser, by principal: Principal? = nil) async throws -> User {
        try await create(new, by: principal, passwordHash: nil)
    }

    /// A service account: a user a gateway files through and nobody signs in as (its password is
    /// random and never shown). The account of that username when it exists — made earlier, or at
    /// the same moment by another instance — else a new one.
    public func serviceAccount(username: String, displayName: String, roles: [Role], orgCode: String) async throws -> User {
        if let existing = try await user(username: username) { return existing }
        do {
            let password = Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
            return try await create(.init(username: username, displayName: displayName, password: password, roles: roles, orgCode: orgCode))
        } catch {
            guard let made = try await user(username: username) else { throw error }
            return made
        }
    }

    /// `passwordHash`: the bcrypt hash of `new.password` made beforehand (the demo users', whose
    /// passwords are public), instead of hashing it now.
    func create(_ new: NewUser, by principal: Principal?, passwordHash: String?) async throws -> User {
        var errors = FieldErrors()
        let username = new.username.trimmingCharacters(in: .whitespaces)
        if !(3...64).contains(username.count) || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            errors.add("username", "用户名为 3–64 位字母、数字或 - _ . / a username has 3 to 64 letters, digits or - _ .")
        }
        if new.password.count < 8 {
            errors.add("password", "密码至少 8 位 / a password has at least 8 characters")
        }
        if new.roles.isEmpty { errors.add("roles", "至少需要一个角色 / at least one role") }
        let workPhone = new.workPhone?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if let p = workPhone, !(5...20).contains(p.count) || !p.allSatisfy({ $0.isASCII && ($0.isNumber || "-+ ()".contains($0)) }) {
            errors.add("workPhone", "办公电话为 5–20 位数字（可含 - + 空格 括号）/ an office phone of 5 to 20 digits")
        }
        let org = OrgCode(new.orgCode)
        let tree = try await orgs.tree()
        if org == nil || tree[org!] == nil {
            errors.add("orgCode", "机构不存在 / no such organisation")
        }
        try errors.throwIfAny()
        if let principal {
            guard principal.has(.admin) else { throw CoreError.forbidden("只有管理员可以创建用户 / only an admin creates users") }
            guard tree.isWithin(org!, tree.area(of: principal.org)) else {
                throw CoreError.notFound("org \(org!)")
            }
        }
        let hash: String
        if let passwordHash { hash = passwordHash } else { hash = try await hasher.hash(new.password) }
        let roles = Set(new.roles).sorted()
        let displayName = new.displayName?.isEmpty == false ? new.displayName! : username
        let now = clock.nowMillis()
        do {
            let id = try await db.transaction { db in
                try await db.raw("""
                    INSERT INTO users (username, display_name, password_hash, org_code, roles, created_at, work_phone)
                    VALUES (\(bind: username), \(bind: displayName), \(bind: hash), \(bind: org!.rawValue),
                            \(bind: roles.map(\.rawValue).joined(separator: ",")), \(bind: now), \(bind: workPhone))
                    RETURNING id
                    """).first()!.decode(column: "id", as: Int64.self)
            }
            return User(id: id, username: username, displayName: displayName, roles: roles, orgCode: org!, disabled: false)
        } catch where Database.isUniqueViolation(error) {
            throw CoreError.conflict("用户名已被使用 / the username is taken")
        }
    }

    public struct Session: Sendable {
        public let token: String
        public let expiresAtMillis: Int64
        public let principal: Principal
    }

    /// Signs in with a password and issues a bearer token. `address` is the client's address, by
    /// which failures are counted together with the username (see `SignInThrottle`).
    public func login(username: String, password: String, address: String = "") async throws -> Session {
        let now = clock.nowMillis()
        let throttle = config.signInThrottle
        let windowStart = now - throttle.windowSeconds * 1000
        let facts = try await db.read { db in
            let pair = try await db.raw("""
                SELECT count(*) AS n, max(at) AS last FROM login_failures
                WHERE username = \(bind: username) AND address = \(bind: address) AND at > \(bind: windowStart)
                """).first()
            let all = try await db.raw("""
                SELECT count(*) AS n, max(at) AS last FROM login_failures WHERE username = \(bind: username) AND at > \(bind: windowStart)
                """).first()
            let known = try await db.raw("""
                SELECT 1 AS known FROM sign_in_addresses a JOIN users u ON u.id = a.user_id
                WHERE u.username = \(bind: username) AND a.address = \(bind: address)
                """).first() != nil
            return SignInThrottle.Facts(
                pairFailures: try pair?.decode(column: "n", as: Int.self) ?? 0, lastPairFailure: try pair?.decode(column: "last", as: Int64?.self),
                usernameFailures: try all?.decode(column: "n", as: Int.self) ?? 0, lastUsernameFailure: try all?.decode(column: "last", as: Int64?.self),
                knownAddress: known)
        }
        let wait = throttle.wait(facts, nowMillis: now)
        if wait > 0 {
            // Kept for the admin, one row per username and address, however often it is tried.
            try await db.transaction { db in
                try await db.raw("""
                    INSERT INTO sign_in_throttles (username, address, first_at, last_at, attempts, longest_wait_seconds)
                    VALUES (\(bind: username), \(bind: address), \(bind: now), \(bind: now), 1, \(bind: wait))
                    ON CONFLICT (username, address) DO UPDATE SET last_at = excluded.last_at, attempts = sign_in_throttles.attempts + 1,
                        longest_wait_seconds = CASE WHEN excluded.longest_wait_seconds > sign_in_throttles.longest_wait_seconds
                                                    THEN excluded.longest_wait_seconds ELSE sign_in_throttles.longest_wait_seconds END
                    """).run()
                try await db.raw("DELETE FROM sign_in_throttles WHERE last_at < \(bind: now - Self.throttleRecordMillis)").run()
            }
            throw CoreError.tooManyAttempts(retryAfterSeconds: Int(wait))
        }
        let row = try await db.read { db in
            try await db.raw("""
                SELECT id, password_hash, disabled FROM users WHERE username = \(bind: username)
                """).first()
        }
        let storedHash = try row?.decode(column: "password_hash", as: String.self) ?? hasher.decoy
        let matches = try await hasher.verify(password, against: storedHash)
        guard let row, matches, try row.decode(column: "disabled", as: Int.self) == 0 else {
            try await db.transaction { db in
                try await db.raw("""
                    INSERT INTO login_failures (username, address, at) VALUES (\(bind: username), \(bind: address), \(bind: now))
                    """).run()
                // Old failures are of no further use; keep the table small.
                try await db.raw("DELETE FROM login_failures WHERE username = \(bind: username) AND at <= \(bind: windowStart)").run()
            }
            throw CoreError.unauthenticated("用户名或密码错误 / wrong username or password")
        }
        let userId = try row.decode(column: "id", as: Int64.self)
        var raw = [UInt8](repeating: 0, count: 32)
        for i in raw.indices { raw[i] = UInt8.random(in: 0...255) }
        let token = "yc_" + Base64URL.encode(raw)
        let expires = now + config.tokenLifetimeSeconds * 1000
        try await db.transaction { db in
            try await db.raw("""
                INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
                VALUES (\(bind: Self.hash(token)), \(bind: userId), \(bind: now), \(bind: expires))
                """).run()
            // Only this address's failures are forgiven: the owner signing in does not reset an attacker's count elsewhere.
            try await db.raw("DELETE FROM login_failures WHERE username = \(bind: username) AND address = \(bind: address)").run()
            try await db.raw("""
                INSERT INTO sign_in_addresses (user_id, address, last_at) VALUES (\(bind: userId), \(bind: address), \(bind: now))
                ON CONFLICT (user_id, address) DO UPDATE SET last_at = excluded.last_at
                """).run()
        }
        guard let principal = try await principal(userId: userId) else {
            throw CoreError.unauthenticated("账号不可用 / the account is not available")
        }
        return Session(token: token, expiresAtMillis: expires, principal: principal)
    }

    /// The user a bearer token belongs to, if it is valid, unexpired and not revoked.
    public func authenticate(token: String) async throws -> Principal? {
        guard token.hasPrefix("yc_"), token.utf8.count < 100 else { return nil }
        let now = clock.nowMillis()
        let hash = Self.hash(token)
        if let known = sessions.principal(hash, now: now) { return known }
        let row = try await db.read { db in
            try await db.raw("""
                SELECT u.id, u.username, u.roles, u.org_code, u.talent_id, s.expires_at
                FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = \(bind: hash) AND s.revoked_at IS NULL
                  AND s.expires_at > \(bind: now) AND u.disabled = 0
                """).first()
        }
        guard let row else { return nil }
        let principal = try Self.principal(from: row)
        sessions.keep(principal, for: hash, sessionEnds: try row.decode(column: "expires_at", as: Int64.self), now: now)
        return principal
    }

    public func principal(userId: Int64) async throws -> Principal? {
        let row = try await db.read { db in
            try await db.raw("""
                SELECT u.id, u.username, u.roles, u.org_code, u.talent_id
                FROM users u
                WHERE u.id = \(bind: userId) AND u.disabled = 0
                """).first()
        }
        return try row.map(Self.principal(from:))
    }

    /// Revokes a token (sign-out).
    public func logout(token: String) async throws {
        let now = clock.nowMillis()
        sessions.forget(Self.hash(token))
        try await db.transaction { db in
            try await db.raw("UPDATE sessions SET revoked_at = \(bind: now) WHERE token_hash = \(bind: Self.hash(token)) AND revoked_at IS NULL").run()
        }
    }

    public func user(username: String) async throws -> User? {
        let row = try await db.read { db in
            try await db.raw("SELECT id, username, display_name, roles, org_code, disabled FROM users WHERE username = \(bind: username)").first()
        }
        return try row.map(Self.user(from:))
    }

    public func list(by principal: Principal, limit: Int, after cursor: Int64?) async throws -> [User] {
        guard principal.has(.admin) else { throw CoreError.forbidden("只有管理员可以查看用户 / only an admin lists users") }
        let tree = try await orgs.tree()
        let area = tree.area(of: principal.org)
        // The area's nodes in SQL, so that every page is full: filtering after a fixed fetch left
        // pages empty (and the listing ended) when newer users of other areas came first.
        var scope: SQLQueryString = "1 = 1"
        if tree[area]?.kind != .city {
            scope = "org_code IN (\(binds: tree.subtree(of: area).map(\.code.rawValue)))"
        }
        let condition = scope
        let rows = try await db.read { db in
            try await db.raw("""
                SELECT id, username, display_name, roles, org_code, disabled FROM users
                WHERE id < \(bind: cursor ?? Int64.max) AND \(condition) ORDER BY id DESC LIMIT \(bind: limit)
                """).all()
        }
        return try rows.map(Self.user(from:))
    }

    static func user(from row: any SQLRow) throws -> User {
        User(id: try row.decode(column: "id", as: Int64.self),
             username: try row.decode(column: "username", as: String.self),
             displayName: try row.decode(column: "display_name", as: String.self),
             roles: Role.list(try row.decode(column: "roles", as: String.self)),
             orgCode: OrgCode(try row.decode(column: "org_code", as: String.self))!,
             disabled: try row.decode(column: "disabled", as: Int.self) != 0)
    }

    static func principal(from row: any SQLRow) throws -> Principal {
        Principal(userId: try row.decode(column: "id", as: Int64.self),
                  username: try row.decode(column: "username", as: String.self),
                  roles: Set(Role.list(try row.decode(column: "roles", as: String.self))),
                  org: OrgCode(try row.decode(column: "org_code", as: String.self))!,
                  talentId: try row.decode(column: "talent_id", as: Int64?.self))
    }

    static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Array(token.utf8)))
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
