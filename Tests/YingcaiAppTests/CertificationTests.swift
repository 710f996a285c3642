import Foundation
import Testing

@Suite("Certification into tiers")
struct CertificationTests {
    @Test("the talent's tier follows the latest certification, keeps its history, and lapses when it expires")
    func tierFollowsCertification() async throws {
        try await TestApp.run { (env, client) async throws in
            let admin = try await client.login("admin")
            let id = try await client.call(.post, "/api/v1/talents", token: admin, json: talentBody())["id"] as! Int
            let today = env.core.clock.today
            let soon = today.adding(days: 10), far = today.adding(days: 400)
            let first = try await client.call(.post, "/api/v1/talents/\(id)/certifications", token: admin,
                                              json: ["tier": "D", "validUntil": far.description, "basis": "硕士引进"])
            #expect(first.status == 201, "\(first.text)")
            #expect(try await client.call(.get, "/api/v1/talents/\(id)", token: admin)["tier"] as? String == "D")
            let second = try await client.call(.post, "/api/v1/talents/\(id)/certifications", token: admin,
                                               json: ["tier": "B", "validUntil": soon.description, "basis": "入选国家级人才计划"])
            #expect(second.status == 201, "\(second.text)")
            let now = try await client.call(.get, "/api/v1/talents/\(id)", token: admin)
            #expect(now["tier"] as? String == "B")
            #expect(now["tierValidUntil"] as? String == soon.description)
            let history = try await client.call(.get, "/api/v1/talents/\(id)/certifications", token: admin).items
            #expect(history.compactMap { $0["tier"] as? String } == ["B", "D"])
            // The last valid day still counts; the day after, the tier has lapsed.
            env.clock.advance(days: 10)
            let later = try await client.login("admin")  // tokens last 8 hours
            #expect(try await client.call(.get, "/api/v1/talents/\(id)", token: later)["tier"] as? String == "B")
            #expect(try await client.list(.get, "/api/v1/talents?tier=B", token: later).count == 1)
            env.clock.advance(days: 1)
            let last = try await client.login("admin")
            let lapsed = try await client.call(.get, "/api/v1/talents/\(id)", token: last)
            #expect(lapsed["tier"] is NSNull)
            #expect(try await client.list(.get, "/api/v1/talents?tier=B", token: last).isEmpty)
        }
    }

    @Test("a certification needs a tier A–E, a validity from today on and a basis; only an admin certifies")
    func rules() async throws {
        try await TestApp.run { (env, client) async throws in
            let admin = try await client.login("admin")
            let id = try await client.call(.post, "/api/v1/talents", token: admin, json: talentBody())["id"] as! Int
            let yesterday = env.core.clock.today.adding(days: -1).description
            let bad = try await client.call(.post, "/api/v1/talents/\(id)/certifications", token: admin,
                                            json: ["tier": "F", "validUntil": yesterday, "basis": ""])
            #expect(bad.status == 422)
            #expect(Set(bad.fieldErrors) == ["tier", "validUntil", "basis"])
            let butler = try await client.login("yubei-butler")
            let denied = try await client.call(.post, "/api/v1/talents/\(id)/certifications", token: butler,
                                               json: ["tier": "C", "validUntil": "2030-01-01", "basis": "x"])
            #expect(denied.status == 403)
            let yuzhong = try await client.login("yuzhong-handler")
            #expect(try await client.call(.post, "/api/v1/talents/\(id)/certifications", token: yuzhong,
                                          json: ["tier": "C", "validUntil": "2030-01-01", "basis": "x"]).status == 404)
        }
    }

    @Test("a retried certification with the same key certifies once")
    func idempotent() async throws {
        try await TestApp.run { (_, client) async throws in
            let admin = try await client.login("admin")
            let id = try await client.call(.post, "/api/v1/talents", token: admin, json: talentBody())["id"] as! Int
            let body: [String: Any] = ["tier": "C", "validUntil": "2030-01-01", "basis": "认定"]
            let a = try await client.call(.post, "/api/v1/talents/\(id)/certifications", token: admin, json: body, headers: ["Idempotency-Key": "c1"])
            let b = try await client.call(.post, "/api/v1/talents/\(id)/certifications", token: admin, json: body, headers: ["Idempotency-Key": "c1"])
            #expect(a["id"] as? Int == b["id"] as? Int)
            #expect(try await client.list(.get, "/api/v1/talents/\(id)/certifications", token: admin).count == 1)
        }
    }
}

@Suite("Changing talent records")
struct TalentUpdateTests {
    @Test("a talent changes their own phone and employer, but not their name or ID; staff change more")
    func selfService() async throws {
        try await TestApp.run { (_, client) async throws in
            let a = try await client.login("talent-a")
            let id = try await client.call(.post, "/api/v1/talents", token: a, json: talentBody())["id"] as! Int
            let changed = try await client.call(.patch, "/api/v1/talents/\(id)", token: a, json: ["phone": "13900001111", "employer": "西南大学"])
            #expect(changed.status == 200, "\(changed.text)")
            #expect(changed["phone"] as? String == "139****1111")
            #expect(changed["employer"] as? String == "西南大学")
            #expect(changed["name"] as? String == "张三")
            #expect(try await client.code(.patch, "/api/v1/talents/\(id)", token: a, json: ["name": "张四"]) == 403)
            #expect(try await client.fields(.patch, "/api/v1/talents/\(id)", token: a, json: ["phone": "123"]) == ["phone"])
            let butler = try await client.login("yubei-butler")
            let renamed = try await client.call(.patch, "/api/v1/talents/\(id)", token: butler, json: ["name": "张四", "categories": ["名家名师"]])
            #expect(renamed["name"] as? String == "张四")
            #expect(try await client.list(.get, "/api/v1/talents?category=%E5%90%8D%E5%AE%B6%E5%90%8D%E5%B8%88", token: butler).count == 1)
            #expect(try await client.code(.patch, "/api/v1/talents/\(id)", token: butler, json: ["idNumber": residentID("50011219900101999")]) == 403)
            let admin = try await client.login("admin")
            let corrected = try await client.call(.patch, "/api/v1/talents/\(id)", token: admin, json: ["idNumber": residentID("50011219900101999")])
            #expect(corrected["idNumber"] as? String == "500112********" + residentID("50011219900101999").suffix(4))
            let yuzhong = try await client.login("yuzhong-handler")
            #expect(try await client.code(.patch, "/api/v1/talents/\(id)", token: yuzhong, json: ["employer": "x"]) == 404)
        }
    }
}
