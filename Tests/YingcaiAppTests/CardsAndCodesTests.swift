import Foundation
import HummingbirdTesting
import Identity
import TalentCode
import Testing
@testable import YingcaiApp
import YingcaiCore

/// A talent user with a record certified into `tier`; returns (talent token, talent id).
func certifiedTalent(_ client: some TestClientProtocol, user: String = "talent-a", tier: String,
                     id: String = residentID("50011219880808123"), until: String? = nil, env: TestApp) async throws -> (String, Int) {
    let token = try await client.login(user)
    let created = try await client.call(.post, "/api/v1/talents", token: token, json: talentBody(id: id))
    try #require(created.status == 201, "register: \(created.text)")
    let talentId = created["id"] as! Int
    let admin = try await client.login("admin")
    let validUntil = until ?? env.core.clock.today.adding(days: 365).description
    let cert = try await client.call(.post, "/api/v1/talents/\(talentId)/certifications", token: admin,
                                     json: ["tier": tier, "validUntil": validUntil, "basis": "测试认定"])
    try #require(cert.status == 201, "certify: \(cert.text)")
    return (token, talentId)
}

@Suite("Talent cards")
struct CardTests {
    @Test("a certification of tier A–C issues a numbered card; D–E revokes it; a new A–C certification issues a new number")
    func cardFollowsCertification() async throws {
        try await TestApp.run { (env, client) async throws in
            let (token, talentId) = try await certifiedTalent(client, tier: "C", env: env)
            let card = try await client.call(.get, "/api/v1/me/card", token: token)
            #expect(card.status == 200)
            let number = try #require(card["number"] as? String)
            #expect(try CardNumber(number).year == env.core.clock.today.year)
            #expect(card["tier"] as? String == "C")
            #expect(card["status"] as? String == "active")
            #expect(card["validUntil"] as? String == env.core.clock.today.adding(days: 365).description)

            let admin = try await client.login("admin")
            // Re-certified into B with a longer validity: the same card, renewed.
            let later = env.core.clock.today.adding(days: 700).description
            #expect(try await client.code(.post, "/api/v1/talents/\(talentId)/certifications", token: admin,
                                          json: ["tier": "B", "validUntil": later, "basis": "晋升"]) == 201)
            let renewed = try await client.call(.get, "/api/v1/talents/\(talentId)/card", token: admin)
            #expect(renewed["number"] as? String == number)
            #expect(renewed["tier"] as? String == "B" && renewed["validUntil"] as? String == later)

            // Into D: the tier holds no card, so it is revoked.
            #expect(try await client.code(.post, "/api/v1/talents/\(talentId)/certifications", token: admin,
                                          json: ["tier": "D", "validUntil": later, "basis": "调整"]) == 201)
            #expect(try await client.call(.get, "/api/v1/me/card", token: token)["status"] as? String == "revoked")

            // Back into A: a new card with a new number.
            #expect(try await client.code(.post, "/api/v1/talents/\(talentId)/certifications", token: admin,
                                          json: ["tier": "A", "validUntil": later, "basis": "认定"]) == 201)
            let fresh = try await client.call(.get, "/api/v1/me/card", token: token)
            #expect(fresh["status"] as? String == "active")
            #expect(fresh["number"] as? String != number)
            #expect(try CardNumber(fresh["number"] as! String).serial == CardNumber(number).serial + 1)
        }
    }

    @Test("suspend, resume, revoke and renew by the talent office; wrong moves are 409, others may not act")
    func lifecycle() async throws {
        try await TestApp.run { (env, client) async throws in
            let (token, talentId) = try await certifiedTalent(client, tier: "B", env: env)
            let admin = try await client.login("admin")
            let base = "/api/v1/talents/\(talentId)/card"
            #expect(try await client.fields(.post, base + "/suspend", token: admin, json: [:]) == ["reason"])
            #expect(try await client.code(.post, base + "/resume", token: admin) == 409)
            #expect(try await client.code(.post, base + "/suspend", token: token, json: ["reason": "x"]) == 403)
            #expect(try await client.code(.post, base + "/suspend", token: try await client.login("yubei-butler"), json: ["reason": "x"]) == 403)
            #expect(try await client.code(.post, base + "/explode", token: admin) == 404)

            let suspended = try await client.call(.post, base + "/suspend", token: admin, json: ["reason": "卡片遗失 挂失"])
            #expect(suspended["status"] as? String == "suspended" && suspended["statusReason"] as? String == "卡片遗失 挂失")
            #expect(try await client.code(.get, "/api/v1/me/code", token: token) == 409)
            #expect(try await client.call(.post, base + "/resume", token: admin)["status"] as? String == "active")
            #expect(try await client.code(.get, "/api/v1/me/code", token: token) == 200)

            // Renewing needs a newer certification than the card already carries.
            #expect(try await client.code(.post, base + "/renew", token: admin) == 409)
            let number = try await client.call(.get, base, token: admin)["number"] as! String
            #expect(try await client.call(.post, base + "/revoke", token: admin, json: ["reason": "本人申请注销"])["status"] as? String == "revoked")
            #expect(try await client.code(.post, base + "/suspend", token: admin, json: ["reason": "x"]) == 404)
            let reissued = try await client.call(.post, base + "/renew", token: admin)
            #expect(reissued.status == 200)
            #expect(reissued["status"] as? String == "active" && reissued["number"] as? String != number)

            // Another district's admin does not see the talent at all.
            _ = try await env.core.accounts.create(.init(username: "yuzhong-admin", password: "password-yuzhong-admin", roles: [.admin], orgCode: "500103"))
            #expect(try await client.code(.get, base, token: try await client.login("yuzhong-admin")) == 404)
            #expect(try await client.code(.post, base + "/suspend", token: try await client.login("yuzhong-admin"), json: ["reason": "x"]) == 404)
        }
    }

    @Test("tiers D–E have no card; an uncertified talent has no card and no code")
    func noCard() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("talent-b")
            #expect(try await client.code(.post, "/api/v1/talents", token: token,
                                          json: talentBody(name: "王五", id: residentID("50010319900101123"), district: "500103")) == 201)
            #expect(try await client.code(.get, "/api/v1/me/card", token: token) == 404)
            #expect(try await client.code(.get, "/api/v1/me/code", token: token) == 409)
            let (dToken, _) = try await certifiedTalent(client, tier: "D", env: env)
            #expect(try await client.code(.get, "/api/v1/me/card", token: dToken) == 404)
            let code = try await client.call(.get, "/api/v1/me/code", token: dToken)
            #expect(code.status == 200 && code["cardNumber"] is NSNull && code["tier"] as? String == "D")
        }
    }

    @Test("an import of certified talents issues their cards")
    func importIssuesCards() async throws {
        try await TestApp.run { (env, client) async throws in
            let today = env.core.clock.today
            var generator = TalentGenerator(seed: 7, districts: ["500112", "500103"], today: today)
            var text = ExcelCSV.line(TalentGenerator.header)
            for i in 0..<400 { text += ExcelCSV.line(generator.row(i)) }
            let path = NSTemporaryDirectory() + "cards-\(UUID().uuidString).csv"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let report = try await TalentImport(registry: env.core.talents).run(path: path, mode: .allOrNothing)
            let counts = try await env.core.cards.countsByStatus()
            #expect(report.cardsIssued > 0)
            #expect(counts[.active] == report.cardsIssued)
            let certified = try await env.core.db.read { db in
                try await db.raw("SELECT count(*) AS n FROM talents WHERE tier IN ('A','B','C')").first()!.decode(column: "n", as: Int.self)
            }
            #expect(certified == report.cardsIssued)
            // Every number unique and well formed.
            let numbers = try await env.core.db.read { db in
                try await db.raw("SELECT number FROM cards").all().map { try $0.decode(column: "number", as: String.self) }
            }
            #expect(Set(numbers).count == numbers.count)
            for n in numbers { _ = try CardNumber(n) }
            #expect(try await env.core.cards.issueMissing(actor: nil) == 0)
        }
    }
}
