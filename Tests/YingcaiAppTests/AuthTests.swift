import Testing

@Suite("Sign-in and tokens")
struct AuthTests {
    @Test("a right password gives a token that opens /me; a wrong one is 401 with problem details")
    func login() async throws {
        try await TestApp.run { (_, client) async throws in
            let token = try await client.login("yubei-butler")
            #expect(token.hasPrefix("yc_"))
            let me = try await client.call(.get, "/api/v1/me", token: token)
            #expect(me.status == 200)
            let user = me["user"] as? [String: Any]
            #expect(user?["username"] as? String == "yubei-butler")
            #expect(user?["orgCode"] as? String == "500112:TALENT")
            #expect(user?["roles"] as? [String] == ["butler"])
            #expect(me.json["talent"] is NSNull)

            let wrong = try await client.call(.post, "/api/v1/auth/login", json: ["username": "yubei-butler", "password": "nope-nope"])
            #expect(wrong.status == 401)
            #expect(wrong.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(wrong["status"] as? Int == 401)
            let unknown = try await client.call(.post, "/api/v1/auth/login", json: ["username": "nobody", "password": "whatever1"])
            #expect(unknown.status == 401)
        }
    }

    @Test("no token, a made-up token or a malformed header is 401")
    func noToken() async throws {
        try await TestApp.run { (_, client) async throws in
            #expect(try await client.code(.get, "/api/v1/me") == 401)
            #expect(try await client.code(.get, "/api/v1/me", token: "yc_madeup") == 401)
            #expect(try await client.code(.get, "/api/v1/me", headers: ["Authorization": "Basic abc"]) == 401)
        }
    }

    @Test("five failed sign-ins within 15 minutes answer 429, even for the right password, until the window passes")
    func throttling() async throws {
        try await TestApp.run { (env, client) async throws in
            for _ in 0..<5 {
                #expect(try await client.code(.post, "/api/v1/auth/login", json: ["username": "leader", "password": "wrong-password"]) == 401)
            }
            let locked = try await client.call(.post, "/api/v1/auth/login", json: ["username": "leader", "password": "password-leader"])
            #expect(locked.status == 429)
            #expect(locked.headers[.retryAfter] != nil)
            // Another username is not affected.
            _ = try await client.login("dispatcher")
            env.clock.advance(seconds: 15 * 60 + 1)
            _ = try await client.login("leader")
        }
    }

    @Test("four failures and a success reset the count")
    func successResets() async throws {
        try await TestApp.run { (_, client) async throws in
            for _ in 0..<4 {
                _ = try await client.call(.post, "/api/v1/auth/login", json: ["username": "leader", "password": "wrong-password"])
            }
            _ = try await client.login("leader")
            for _ in 0..<4 {
                _ = try await client.call(.post, "/api/v1/auth/login", json: ["username": "leader", "password": "wrong-password"])
            }
            _ = try await client.login("leader")
        }
    }

    @Test("a token expires after 8 hours, and logout revokes it at once")
    func expiryAndLogout() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("leader")
            env.clock.advance(seconds: 8 * 3600 - 60)
            #expect(try await client.code(.get, "/api/v1/me", token: token) == 200)
            env.clock.advance(seconds: 120)
            #expect(try await client.code(.get, "/api/v1/me", token: token) == 401)

            let second = try await client.login("leader")
            #expect(try await client.code(.post, "/api/v1/auth/logout", token: second) == 204)
            #expect(try await client.code(.get, "/api/v1/me", token: second) == 401)
        }
    }

    @Test("a token revoked by another instance is refused here within the session cache's 5 seconds")
    func revokedElsewhere() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("leader")
            #expect(try await client.code(.get, "/api/v1/me", token: token) == 200)
            // Another instance signs the token out: only the database knows.
            try await env.core.db.transaction { db in try await db.raw("UPDATE sessions SET revoked_at = 1").run() }
            #expect(try await client.code(.get, "/api/v1/me", token: token) == 200)
            env.clock.advance(seconds: 6)
            #expect(try await client.code(.get, "/api/v1/me", token: token) == 401)
        }
    }

    @Test("tokens are stored only as hashes")
    func tokensHashed() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("leader")
            let rows = try await env.core.db.read { db in try await db.raw("SELECT token_hash FROM sessions").all() }
            #expect(rows.count == 1)
            let stored = try rows[0].decode(column: "token_hash", as: Data.self)
            #expect(stored.count == 32)
            #expect(!String(decoding: stored, as: UTF8.self).contains(token))
        }
    }
}

import Foundation
