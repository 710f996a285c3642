import HummingbirdTesting
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

    /// Signs in from an address (the test client stands for a proxy on this machine).
    func signIn(_ client: some TestClientProtocol, _ username: String, _ password: String, from address: String) async throws -> Answer {
        try await client.call(.post, "/api/v1/auth/login", json: ["username": username, "password": password], headers: ["X-Forwarded-For": address])
    }

    @Test("failures from one address slow that address with growing delays; the owner from their usual address is never held back")
    func throttling() async throws {
        try await TestApp.run { (env, client) async throws in
            let home = "10.1.2.3", attacker = "203.0.113.9"
            #expect(try await signIn(client, "admin", "password-admin", from: home).status == 200)
            for _ in 0..<4 { #expect(try await signIn(client, "admin", "wrong-password", from: attacker).status == 401) }
            // After four failures the next attempt waits 1 s, even with the right password; then 2 s, then 4 s.
            for wait in [1, 2, 4] {
                let held = try await signIn(client, "admin", "password-admin", from: attacker)
                #expect(held.status == 429)
                #expect(held.headers[.retryAfter] == String(wait))
                env.clock.advance(seconds: Int64(wait))
                #expect(try await signIn(client, "admin", "wrong-password", from: attacker).status == 401)
            }
            // The owner, from home and from a new place, signs in at once; so does the attacker's neighbour user.
            #expect(try await signIn(client, "admin", "password-admin", from: home).status == 200)
            #expect(try await signIn(client, "admin", "password-admin", from: "198.51.100.7").status == 200)
            #expect(try await signIn(client, "leader", "password-leader", from: attacker).status == 200)
            // The window passes: the attacker's address is no longer held back.
            env.clock.advance(seconds: 15 * 60 + 1)
            #expect(try await signIn(client, "admin", "wrong-password", from: attacker).status == 401)
        }
    }

    @Test("one username failing from many addresses holds back addresses it never signed in from, not its usual one; the admin sees who was held")
    func distributedAttack() async throws {
        try await TestApp.run { (env, client) async throws in
            #expect(try await signIn(client, "leader", "password-leader", from: "10.9.9.9").status == 200)
            for i in 0..<21 { #expect(try await signIn(client, "leader", "wrong-password", from: "203.0.113.\(i)").status == 401) }
            let stranger = try await signIn(client, "leader", "password-leader", from: "192.0.2.50")
            #expect(stranger.status == 429)
            #expect(try await signIn(client, "leader", "password-leader", from: "10.9.9.9").status == 200)

            let admin = try await client.login("admin")
            let record = try await client.list(.get, "/api/v1/sign-in/throttled", token: admin)
            #expect(record.contains { $0["username"] as? String == "leader" && $0["address"] as? String == "192.0.2.50" && $0["attempts"] as? Int == 1 })
            #expect(try await client.code(.get, "/api/v1/sign-in/throttled", token: try await client.login("dispatcher")) == 403)
            // Paged like every list: two more held addresses, read one at a time, come in the same order.
            for address in ["192.0.2.51", "192.0.2.52"] { #expect(try await signIn(client, "leader", "password-leader", from: address).status == 429) }
            let all = try await client.list(.get, "/api/v1/sign-in/throttled", token: admin).map { "\($0["username"]!)@\($0["address"]!)" }
            #expect(all.count == 3)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.call(.get, "/api/v1/sign-in/throttled?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
                seen += page.items.map { "\($0["username"]!)@\($0["address"]!)" }
                cursor = page["nextCursor"] as? String
            } while cursor != nil
            #expect(seen == all)
            let page = try await client.call(.get, "/admin/users", headers: ["Cookie": "yc_session=\(admin)"])
            #expect(page.text.contains("192.0.2.50"))
            env.clock.advance(seconds: 15 * 60 + 1)
            #expect(try await signIn(client, "leader", "password-leader", from: "192.0.2.50").status == 200)
        }
    }

    @Test("three failures and a success forgive that address's failures")
    func successResets() async throws {
        try await TestApp.run { (_, client) async throws in
            for _ in 0..<3 {
                _ = try await client.call(.post, "/api/v1/auth/login", json: ["username": "leader", "password": "wrong-password"])
            }
            _ = try await client.login("leader")
            for _ in 0..<4 {
                #expect(try await client.code(.post, "/api/v1/auth/login", json: ["username": "leader", "password": "wrong-password"]) == 401)
            }
            #expect(try await client.code(.post, "/api/v1/auth/login", json: ["username": "leader", "password": "password-leader"]) == 429)
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
