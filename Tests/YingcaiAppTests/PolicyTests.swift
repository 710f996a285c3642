import ArgumentParser
import Foundation
import HummingbirdTesting
import PolicyLanguage
import SQLKit
import Testing
@testable import YingcaiApp
import YingcaiCore

/// Creates, checks and publishes a policy as the admin; returns the admin's token.
func publishPolicy(_ client: some TestClientProtocol, code: String, name: String = "测试政策", department: String = "500000:TALENT",
                   source: String, cap: Int64? = nil) async throws -> String {
    let admin = try await client.login("admin")
    var body: [String: Any] = ["code": code, "name": name, "department": department, "source": source, "effectiveFrom": "2021-01-01"]
    if let cap { body["budgetCap"] = cap }
    let created = try await client.call(.post, "/api/v1/policies", token: admin, json: body)
    try #require(created.status == 201, "create: \(created.text)")
    try #require(try await client.code(.post, "/api/v1/policies/\(code)/check", token: admin) == 200)
    try #require(try await client.code(.post, "/api/v1/policies/\(code)/publish", token: admin) == 200)
    return admin
}

func payoutCount(_ env: TestApp) async throws -> Int {
    try await env.core.db.read { db in try await db.raw("SELECT count(*) AS n FROM payouts").first()!.decode(column: "n", as: Int.self) }
}

@Suite("Proactive payout (免申即享)")
struct PolicyTests {
    @Test("draft → checked → published; a text that does not check is 422 naming line and column; a dry run writes nothing")
    func lifecycle() async throws {
        try await TestApp.run { (env, client) async throws in
            _ = try await certifiedTalent(client, tier: "C", env: env)
            let admin = try await client.login("admin")
            let bad = "policy \"安家\"\neligible: tier in [\"A\"] and and age < 45\namount: 100\nperiod: once"
            #expect(try await client.code(.post, "/api/v1/policies", token: try await client.login("yubei-hrss"),
                                          json: ["code": "X", "name": "x", "department": "500000:TALENT", "source": bad]) == 403)
            #expect(try await client.fields(.post, "/api/v1/policies", token: admin,
                                            json: ["code": "a b", "name": "", "department": "500112", "source": bad]).sorted() == ["code", "department", "name"])
            #expect(try await client.code(.post, "/api/v1/policies", token: admin,
                                          json: ["code": "AJ", "name": "安家补贴", "department": "500000:TALENT", "source": bad]) == 201)
            let refused = try await client.call(.post, "/api/v1/policies/AJ/check", token: admin)
            #expect(refused.status == 422 && refused.fieldErrors == ["source"])
            let message = ((refused["errors"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
            #expect(message.contains("第 2 行第 29 列") && message.contains("line 2, column 29"), "\(message)")
            #expect(try await client.code(.post, "/api/v1/policies/AJ/publish", token: admin) == 409)
            let live = try await client.call(.post, "/api/v1/policies/check-source", token: admin, json: ["source": bad])
            #expect(live["ok"] as? Bool == false && (live["error"] as? [String: Any])?["line"] as? Int == 2)

            let fixed = "policy \"安家\"\neligible: tier in [\"A\", \"B\", \"C\"] and age < 45\namount: if tier = \"C\" then 200_000 else 500_000\nperiod: once"
            let revised = try await client.call(.post, "/api/v1/policies/AJ/versions", token: admin, json: ["source": fixed, "budgetCap": 10_000_000])
            #expect(revised.status == 201 && revised["latestVersion"] as? Int == 2 && revised["state"] as? String == "draft")
            let dry = try await client.call(.post, "/api/v1/policies/AJ/dry-run", token: admin)
            #expect(dry.status == 200)
            let figures = try #require((dry["policies"] as? [[String: Any]])?.first)
            #expect(figures["proposed"] as? Int == 1 && figures["amount"] as? Int == 200_000)
            #expect(((figures["byDistrict"] as? [String: Any])?["500112"] as? [String: Any])?["amount"] as? Int == 200_000)
            #expect(((figures["sample"] as? [[String: Any]])?.first?["reason"] as? String)?.isEmpty == false)
            #expect(try await payoutCount(env) == 0)

            #expect(try await client.code(.post, "/api/v1/policies/AJ/check", token: admin) == 200)
            let published = try await client.call(.post, "/api/v1/policies/AJ/publish", token: admin)
            #expect(published["publishedVersion"] as? Int == 2 && published["state"] as? String == "published")
            #expect(try await client.code(.post, "/api/v1/policies/AJ/check", token: admin) == 409)
        }
    }

    @Test("a run writes one payout per policy, talent and period; a second run writes nothing; the talent sees met and missed policies")
    func runsAndTheTalentsView() async throws {
        try await TestApp.run { (env, client) async throws in
            let (token, talentId) = try await certifiedTalent(client, tier: "C", env: env)
            let admin = try await publishPolicy(client, code: "AJBT", name: "安家补贴", source: ExamplePolicies.housingSubsidy)
            // The certification came before the policy: the talent is found by the run.
            _ = try await publishPolicy(client, code: "BSSH", name: "博士生活补贴", department: "X-GX:HRSS", source: ExamplePolicies.doctoralLivingAllowance)
            // An empty body once meant a real run; now nothing runs until dryRun is written out.
            #expect(try await client.fields(.post, "/api/v1/policy-runs", token: admin) == ["dryRun"])
            #expect(try await client.fields(.post, "/api/v1/policy-runs", token: admin, json: [:]) == ["dryRun"])
            #expect(try await payoutCount(env) == 0)
            let first = try await client.call(.post, "/api/v1/policy-runs", token: admin, json: ["dryRun": false])
            #expect(first.status == 201)
            let byCode = Dictionary(uniqueKeysWithValues: (first["policies"] as! [[String: Any]]).map { ($0["code"] as! String, $0) })
            #expect(byCode["AJBT"]?["proposed"] as? Int == 1 && byCode["AJBT"]?["amount"] as? Int == 200_000)
            #expect(byCode["BSSH"]?["proposed"] as? Int == 0)
            let second = try await client.call(.post, "/api/v1/policy-runs", token: admin, json: ["dryRun": false])
            #expect((second["policies"] as! [[String: Any]]).allSatisfy { $0["proposed"] as? Int == 0 })
            #expect(try await payoutCount(env) == 1)
            #expect(try await client.code(.post, "/api/v1/policy-runs", token: token, json: ["dryRun": false]) == 403)

            let mine = try await client.call(.get, "/api/v1/me/policies", token: token)
            let eligible = try #require(mine["eligible"] as? [[String: Any]])
            #expect(eligible.count == 1 && eligible[0]["policyCode"] as? String == "AJBT" && eligible[0]["amount"] as? Int == 200_000)
            #expect(eligible[0]["payoutState"] as? String == "proposed" && eligible[0]["period"] as? String == "once")
            let missed = try #require(mine["notEligible"] as? [[String: Any]])
            #expect(missed.count == 1 && missed[0]["policyCode"] as? String == "BSSH")
            #expect((missed[0]["missing"] as? String)?.isEmpty == false)
            let payouts = try await client.list(.get, "/api/v1/payouts", token: token)
            #expect(payouts.count == 1 && payouts[0]["talentId"] as? Int == talentId && (payouts[0]["reason"] as? String)?.contains("45") == true)
        }
    }

    @Test("a budget cap stops the run in the stated order (tier, then arrival) and says so")
    func budgetCap() async throws {
        try await TestApp.run { (env, client) async throws in
            let (_, c) = try await certifiedTalent(client, tier: "C", env: env)
            let (_, a) = try await certifiedTalent(client, user: "talent-b", tier: "A", id: residentID("50010319850101123"), env: env)
            let admin = try await client.login("admin")
            let third = try await client.call(.post, "/api/v1/talents", token: admin,
                                              json: talentBody(name: "赵六", id: residentID("50011219870202123"), phone: nil))
            #expect(try await client.code(.post, "/api/v1/talents/\(third["id"] as! Int)/certifications", token: admin,
                                          json: ["tier": "B", "validUntil": env.core.clock.today.adding(days: 30).description, "basis": "x"]) == 201)
            let source = "policy \"测试\"\neligible: tier in [\"A\", \"B\", \"C\"]\namount: 100\nperiod: once"
            _ = try await publishPolicy(client, code: "CAP", source: source, cap: 250)
            let run = try await client.call(.post, "/api/v1/policy-runs", token: admin, json: ["dryRun": false])
            let f = (run["policies"] as! [[String: Any]])[0]
            #expect(f["proposed"] as? Int == 2 && f["stoppedAtBudget"] as? Bool == true && f["leftForBudget"] as? Int == 1)
            #expect((run["budgetOrder"] as? String)?.contains("tier") == true)
            let paid = try await env.core.db.read { db in
                try await db.raw("SELECT talent_id FROM payouts").all().map { try $0.decode(column: "talent_id", as: Int.self) }
            }
            #expect(Set(paid) == [a, third["id"] as! Int])
            #expect(!paid.contains(c))
        }
    }

    @Test("a new certification re-evaluates that talent at once")
    func certificationReevaluates() async throws {
        try await TestApp.run { (env, client) async throws in
            _ = try await publishPolicy(client, code: "QNBJ", source: ExamplePolicies.youngTalentStartUp)
            #expect(try await payoutCount(env) == 0)
            let (token, _) = try await certifiedTalent(client, tier: "D", env: env)
            let payouts = try await client.list(.get, "/api/v1/payouts", token: token)
            #expect(payouts.count == 1 && payouts[0]["amount"] as? Int == 300_000 && payouts[0]["state"] as? String == "proposed")
        }
    }

    @Test("proposed → confirmed (a work order of the department) → approved → paid; declines; strangers get 404")
    func payoutLifecycle() async throws {
        try await TestApp.run { (env, client) async throws in
            let (token, _) = try await certifiedTalent(client, tier: "C", env: env)
            let admin = try await publishPolicy(client, code: "AJBT", name: "安家补贴", source: ExamplePolicies.housingSubsidy)
            _ = try await client.call(.post, "/api/v1/policy-runs", token: admin, json: ["dryRun": false])
            let payout = try #require(try await client.list(.get, "/api/v1/payouts", token: token).first)
            let id = payout["id"] as! Int
            let base = "/api/v1/payouts/\(id)"
            #expect(try await client.code(.post, base + "/approve", token: admin) == 409)
            #expect(try await client.code(.post, base + "/confirm", token: admin) == 403)
            #expect(try await client.code(.post, base + "/confirm", token: try await client.login("yubei-hrss")) == 404)
            let confirmed = try await client.call(.post, base + "/confirm", token: token)
            #expect(confirmed["state"] as? String == "confirmed")
            let orderId = try #require(confirmed["workOrderId"] as? Int)
            let order = try await client.call(.get, "/api/v1/work-orders/\(orderId)", token: token)
            #expect(order["channel"] as? String == "proactive" && order["leadOrg"] as? String == "500000:TALENT" && order["state"] as? String == "dispatched")
            #expect(try await client.code(.post, base + "/confirm", token: token) == 409)
            #expect(try await client.call(.post, base + "/approve", token: admin)["state"] as? String == "approved")
            #expect(try await client.code(.post, base + "/decline", token: token, json: ["reason": "不要了"]) == 409)
            #expect(try await client.fields(.post, base + "/pay", token: admin, json: [:]) == ["paymentReference"])
            let paid = try await client.call(.post, base + "/pay", token: admin, json: ["paymentReference": "CQCZ-2026-0001"])
            #expect(paid["state"] as? String == "paid" && paid["paymentReference"] as? String == "CQCZ-2026-0001")
            let resolved = try await client.call(.get, "/api/v1/work-orders/\(orderId)", token: token)
            #expect(resolved["state"] as? String == "resolved")
            let mine = try await client.call(.get, "/api/v1/me/policies", token: token)
            #expect((mine["eligible"] as? [[String: Any]])?.first?["payoutState"] as? String == "paid")
            // A second run proposes nothing: paid once.
            _ = try await client.call(.post, "/api/v1/policy-runs", token: admin, json: ["dryRun": false])
            #expect(try await payoutCount(env) == 1)
        }
    }

    @Test("the talent may decline before approval; the order is withdrawn")
    func declineByTalent() async throws {
        try await TestApp.run { (env, client) async throws in
            let (token, _) = try await certifiedTalent(client, tier: "B", env: env)
            let admin = try await publishPolicy(client, code: "AJBT", source: ExamplePolicies.housingSubsidy)
            _ = try await client.call(.post, "/api/v1/policy-runs", token: admin, json: ["dryRun": false])
            let id = try await client.list(.get, "/api/v1/payouts", token: token)[0]["id"] as! Int
            let confirmed = try await client.call(.post, "/api/v1/payouts/\(id)/confirm", token: token)
            #expect(try await client.fields(.post, "/api/v1/payouts/\(id)/decline", token: token, json: [:]) == ["reason"])
            let declined = try await client.call(.post, "/api/v1/payouts/\(id)/decline", token: token, json: ["reason": "已在外地领取"])
            #expect(declined["state"] as? String == "declined" && declined["declineReason"] as? String == "已在外地领取")
            let order = try await client.call(.get, "/api/v1/work-orders/\(confirmed["workOrderId"] as! Int)", token: token)
            #expect(order["state"] as? String == "withdrawn")
            // Declined stays declined: the run does not propose it again.
            _ = try await client.call(.post, "/api/v1/policy-runs", token: admin, json: ["dryRun": false])
            #expect(try await payoutCount(env) == 1)
        }
    }

    @Test("two runs at once write each payout once")
    func concurrentRuns() async throws {
        try await TestApp.run { (env, client) async throws in
            let today = env.core.clock.today
            var generator = TalentGenerator(seed: 11, districts: ["500112", "X-GX", "500103"], today: today)
            var text = ExcelCSV.line(TalentGenerator.header)
            for i in 0..<600 { text += ExcelCSV.line(generator.row(i)) }
            let path = NSTemporaryDirectory() + "policy-\(UUID().uuidString).csv"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try await TalentImport(registry: env.core.talents).run(path: path, mode: .allOrNothing)
            _ = try await publishPolicy(client, code: "AJBT", source: ExamplePolicies.housingSubsidy)
            _ = try await publishPolicy(client, code: "QNBJ", department: "500000:SCI", source: ExamplePolicies.youngTalentStartUp)
            let dry = try await env.core.policyEngine.run(dryRun: true, by: nil)
            let expected = dry.policies.map(\.proposed).reduce(0, +)
            #expect(expected > 0)
            async let one = env.core.policyEngine.run(dryRun: false, by: nil)
            async let two = env.core.policyEngine.run(dryRun: false, by: nil)
            let (r1, r2) = try await (one, two)
            let written1: Int = r1.policies.map(\.proposed).reduce(0, +)
            let written2: Int = r2.policies.map(\.proposed).reduce(0, +)
            #expect(written1 + written2 == expected)
            #expect(try await payoutCount(env) == expected)
        }
    }

    @Test("yingcai policies check exits 1 naming line and column")
    func checkCommand() async throws {
        let dir = NSTemporaryDirectory() + "policies-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ExamplePolicies.housingSubsidy.write(toFile: dir + "/good.policy", atomically: true, encoding: .utf8)
        try "policy \"x\"\neligible: tier = \nperiod: once".write(toFile: dir + "/bad.policy", atomically: true, encoding: .utf8)
        let good = try PoliciesCommand.Check.parse([dir + "/good.policy"])
        try await good.run()
        let bad = try PoliciesCommand.Check.parse([dir + "/bad.policy"])
        await #expect(throws: ExitCode(1)) { try await bad.run() }
    }
}
