import Foundation
import Testing

/// Who sees which talent: the matrix of roles × nodes. A record outside the caller's part of the
/// tree is 404, as if it did not exist.
@Suite("Visibility follows the organisation tree")
struct VisibilityTests {
    /// (user, sees the Yubei talent, sees the Yuzhong talent)
    static let matrix: [(String, Bool, Bool)] = [
        ("admin", true, true),              // city talent office
        ("leader", true, true),             // city
        ("dispatcher", true, true),         // city hotline
        ("city-handler", true, true),       // city department
        ("yubei-admin", true, false),       // district
        ("yubei-butler", true, false),      // department of the district
        ("yuzhong-handler", false, true),   // department of another district
        ("street-handler", false, false),   // below the district: talents belong to the district
        ("verifier", false, false),         // checks codes only
        ("reviewer", false, false),         // scores applications only
    ]

    @Test("each role at each node sees exactly the talents under its node", arguments: matrix)
    func eachRoleAtEachNode(user: String, seesYubei: Bool, seesYuzhong: Bool) async throws {
        try await TestApp.run { (_, client) async throws in
            let admin = try await client.login("admin")
            let yubei = try await client.call(.post, "/api/v1/talents", token: admin,
                                              json: talentBody(name: "渝北人", id: residentID("50011219800101111"), district: "500112"))["id"] as! Int
            let yuzhong = try await client.call(.post, "/api/v1/talents", token: admin,
                                                json: talentBody(name: "渝中人", id: residentID("50010319800101111"), district: "500103"))["id"] as! Int
            let token = try await client.login(user)
            #expect(try await client.code(.get, "/api/v1/talents/\(yubei)", token: token) == (seesYubei ? 200 : 404))
            #expect(try await client.code(.get, "/api/v1/talents/\(yuzhong)", token: token) == (seesYuzhong ? 200 : 404))
            #expect(try await client.code(.get, "/api/v1/talents/\(yuzhong)/certifications", token: token) == (seesYuzhong ? 200 : 404))
            let list = try await client.call(.get, "/api/v1/talents", token: token)
            if list.status == 200 {
                let ids = Set(list.items.compactMap { $0["id"] as? Int })
                #expect(ids == Set((seesYubei ? [yubei] : []) + (seesYuzhong ? [yuzhong] : [])))
            } else {
                #expect(list.status == 403)
                #expect(!seesYubei && !seesYuzhong)
            }
            // Naming another district explicitly does not widen the view.
            let filtered = try await client.call(.get, "/api/v1/talents?districtCode=500103", token: token)
            if filtered.status == 200 {
                #expect(filtered.items.isEmpty == !seesYuzhong)
            }
        }
    }

    @Test("a talent registers once and then sees only their own record; another talent's is 404")
    func talentsSeeThemselves() async throws {
        try await TestApp.run { (_, client) async throws in
            let a = try await client.login("talent-a")
            let b = try await client.login("talent-b")
            let own = try await client.call(.post, "/api/v1/talents", token: a, json: talentBody(id: residentID("50011219900101222")))
            #expect(own.status == 201)
            let again = try await client.call(.post, "/api/v1/talents", token: a, json: talentBody(id: residentID("50011219900101333")))
            #expect(again.status == 409)
            let other = try await client.call(.post, "/api/v1/talents", token: b,
                                              json: talentBody(name: "李四", id: residentID("50010319900101444"), district: "500103"))
            let ownId = own["id"] as! Int, otherId = other["id"] as! Int
            #expect(try await client.code(.get, "/api/v1/talents/\(ownId)", token: a) == 200)
            #expect(try await client.code(.get, "/api/v1/talents/\(otherId)", token: a) == 404)
            #expect(try await client.list(.get, "/api/v1/talents", token: a).compactMap { $0["id"] as? Int } == [ownId])
            let me = try await client.call(.get, "/api/v1/me", token: a)
            #expect((me["talent"] as? [String: Any])?["id"] as? Int == ownId)
            #expect(try await client.code(.get, "/api/v1/talents/999999", token: a) == 404)
        }
    }

    @Test("a district admin cannot register a talent in another district")
    func registerOutsideArea() async throws {
        try await TestApp.run { (_, client) async throws in
            let token = try await client.login("yubei-admin")
            let answer = try await client.call(.post, "/api/v1/talents", token: token, json: talentBody(district: "500103"))
            #expect(answer.status == 422)
            #expect(answer.fieldErrors == ["districtCode"])
            let handler = try await client.login("yuzhong-handler")
            #expect(try await client.code(.post, "/api/v1/talents", token: handler, json: talentBody(district: "500103")) == 403)
        }
    }
}
