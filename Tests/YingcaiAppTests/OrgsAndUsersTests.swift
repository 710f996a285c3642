import Foundation
import Testing

@Suite("Organisations and users")
struct OrgsAndUsersTests {
    @Test("the tree holds the city, 41 district-level nodes and 20 departments at each of them")
    func tree() async throws {
        try await TestApp.run { (_, client) async throws in
            let token = try await client.login("leader")
            let tree = try await client.call(.get, "/api/v1/orgs?departments=false", token: token)
            #expect(tree["code"] as? String == "500000")
            let children = tree["children"] as? [[String: Any]] ?? []
            #expect(children.count == 41)
            #expect(children.contains { $0["code"] as? String == "X-GX" && $0["kind"] as? String == "functional_zone" })
            let yubei = try await client.call(.get, "/api/v1/orgs/500112", token: token)
            #expect(yubei["name"] as? String == "渝北区")
            let kids = (yubei["children"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(kids.contains("500112:HRSS"))
            #expect(kids.filter { $0.hasPrefix("500112:") }.count == 20)
            #expect(try await client.code(.get, "/api/v1/orgs/NOPE", token: token) == 404)
        }
    }

    @Test("an admin adds streets, communities and grids under their area, level by level")
    func addNodes() async throws {
        try await TestApp.run { (_, client) async throws in
            let admin = try await client.login("yubei-admin")
            let community = try await client.call(.post, "/api/v1/orgs", token: admin,
                                                  json: ["code": "500112001001", "parentCode": "500112001", "name": "龙溪社区", "kind": "community"])
            #expect(community.status == 201, "\(community.text)")
            let skip = try await client.call(.post, "/api/v1/orgs", token: admin,
                                             json: ["code": "500112001-G", "parentCode": "500112001", "name": "网格", "kind": "grid"])
            #expect(skip.status == 422)
            #expect(skip.fieldErrors == ["kind"])
            let elsewhere = try await client.call(.post, "/api/v1/orgs", token: admin,
                                                  json: ["code": "500103001", "parentCode": "500103", "name": "解放碑街道", "kind": "street"])
            #expect(elsewhere.status == 404)
            let twice = try await client.call(.post, "/api/v1/orgs", token: admin,
                                              json: ["code": "500112001001", "parentCode": "500112001", "name": "again", "kind": "community"])
            #expect(twice.status == 409)
            let butler = try await client.login("yubei-butler")
            #expect(try await client.call(.post, "/api/v1/orgs", token: butler,
                                          json: ["code": "500112002", "parentCode": "500112", "name": "x", "kind": "street"]).status == 403)
        }
    }

    @Test("an admin creates users in their area; the new user signs in with their roles")
    func users() async throws {
        try await TestApp.run { (_, client) async throws in
            let admin = try await client.login("yubei-admin")
            let created = try await client.call(.post, "/api/v1/users", token: admin,
                                                json: ["username": "new-handler", "password": "long-password", "roles": ["handler"], "orgCode": "500112:PSB"])
            #expect(created.status == 201, "\(created.text)")
            let token = try await client.login("new-handler", password: "long-password")
            let me = try await client.call(.get, "/api/v1/me", token: token)
            #expect((me["user"] as? [String: Any])?["orgCode"] as? String == "500112:PSB")
            let outside = try await client.call(.post, "/api/v1/users", token: admin,
                                                json: ["username": "x-handler", "password": "long-password", "roles": ["handler"], "orgCode": "500103:PSB"])
            #expect(outside.status == 404)
            let bad = try await client.call(.post, "/api/v1/users", token: admin,
                                            json: ["username": "a", "password": "short", "roles": ["wizard"], "orgCode": "500112"])
            #expect(bad.status == 422)
            #expect(bad.fieldErrors == ["roles"])
            let bad2 = try await client.call(.post, "/api/v1/users", token: admin,
                                             json: ["username": "a", "password": "short", "roles": [], "orgCode": "nowhere"])
            #expect(Set(bad2.fieldErrors) == ["username", "password", "roles", "orgCode"])
            let taken = try await client.call(.post, "/api/v1/users", token: admin,
                                              json: ["username": "new-handler", "password": "long-password", "roles": ["butler"], "orgCode": "500112"])
            #expect(taken.status == 409)
            let list = try await client.call(.get, "/api/v1/users", token: admin).items.compactMap { $0["username"] as? String }
            #expect(Set(list) == ["yubei-admin", "yubei-butler", "street-handler", "talent-a", "new-handler",
                                  "yubei-hrss", "yubei-union", "yubei-petition", "yubei-supervisor", "yubei-editor"])
            let handler = try await client.login("yuzhong-handler")
            #expect(try await client.code(.get, "/api/v1/users", token: handler) == 403)
        }
    }
}

@Suite("Listing users")
struct UserListTests {
    @Test("a district admin's pages visit every user of the district, however many newer users other districts have")
    func pagingThroughOtherAreas() async throws {
        try await TestApp.run { (env, client) async throws in
            // Sixty accounts elsewhere, all newer than the Yubei ones.
            for i in 0..<60 {
                _ = try await env.core.accounts.create(.init(username: "yuzhong-\(i)", password: "password-x", roles: [.handler], orgCode: "500103:HRSS"))
            }
            let admin = try await client.login("yubei-admin")
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.call(.get, "/api/v1/users?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
                #expect(page.status == 200)
                seen += page.items.compactMap { $0["username"] as? String }
                cursor = page["nextCursor"] as? String
            } while cursor != nil
            #expect(Set(seen) == ["yubei-admin", "yubei-butler", "street-handler", "talent-a", "yubei-hrss", "yubei-union",
                                  "yubei-petition", "yubei-supervisor", "yubei-editor"])
            #expect(seen.count == Set(seen).count)
            // One rule for every list: a bad limit or a cursor not made here is a 422 naming it, never the first page.
            let first = try await client.call(.get, "/api/v1/users?limit=2", token: admin)
            let next = try #require(first["nextCursor"] as? String)
            for bad in ["zzz", "5", String(next.dropLast()) + (next.hasSuffix("A") ? "B" : "A")] {
                #expect(try await client.fields(.get, "/api/v1/users?limit=2&cursor=\(bad)", token: admin) == ["cursor"])
            }
            for bad in ["0", "501", "q"] {
                #expect(try await client.fields(.get, "/api/v1/users?limit=\(bad)", token: admin) == ["limit"])
            }
        }
    }
}
