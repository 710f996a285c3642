import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import WorkCalendar

/// 重庆英才计划 over HTTP: who may do what, bad input, retries, and what each party sees. The rules
/// themselves are tested in ProgrammeRulesTests and end to end in YingcaiCoreTests.
@Suite("The talent programme's API")
struct ProgrammeAPITests {
    /// Monday 2026-03-02, 10:00 in Shanghai.
    static let start = LocalDate("2026-03-02")!.shanghaiStartMillis + 10 * 3_600_000
    static var call: [String: Any] { [
        "year": 2026, "open": "2026-03-02", "close": "2026-03-31", "review": "2026-04-07", "notice": "2026-04-20",
        "specials": ["young_top_talent": ["quota": 1, "reviewersPerApplication": 2], "master_teacher": ["run": false],
                     "outstanding_scientist": ["run": false], "innovation_leader": ["run": false], "skills_leader": ["run": false],
                     "demonstration_team": ["run": false]],
    ] }

    func apply(_ client: some TestClientProtocol, token: String, key: String, title: String = "类脑计算芯片") async throws -> Answer {
        let upload = try await client.upload(samplePDF, filename: "申报书.pdf", token: token)
        try #require(upload.status == 201, "\(upload.text)")
        return try await client.call(.post, "/api/v1/programme/calls/2026/applications", token: token, json: [
            "special": "young_top_talent", "title": title, "summary": "面向边缘计算的低功耗芯片", "field": "artificial_intelligence",
            "materials": ["APPLICATION_FORM": upload["uploadId"] as! String],
        ], headers: ["Idempotency-Key": key])
    }

    @Test("a call is set up by the city office only, and bad dates are refused naming the field")
    func callSetup() async throws {
        try await TestApp.run(at: Self.start) { (_, client) async throws in
            let admin = try await client.login("admin")
            let butler = try await client.login("yubei-butler")
            #expect(try await client.code(.post, "/api/v1/programme/calls", token: butler, json: Self.call) == 403)
            var bad = Self.call
            bad["close"] = "2026-02-01"
            let refused = try await client.call(.post, "/api/v1/programme/calls", token: admin, json: bad)
            #expect(refused.status == 422 && refused.headers[.contentType]?.hasPrefix("application/problem+json") == true, "\(refused.text)")
            #expect(try await client.list(.get, "/api/v1/programme/calls", token: admin).isEmpty)
            let created = try await client.call(.post, "/api/v1/programme/calls", token: admin, json: Self.call, headers: ["Idempotency-Key": "call-2026"])
            #expect(created.status == 201 && created["state"] as? String == "draft", "\(created.text)")
            let again = try await client.call(.post, "/api/v1/programme/calls", token: admin, json: Self.call, headers: ["Idempotency-Key": "call-2026"])
            #expect(again.status == 201 && again.text == created.text)
            #expect(try await client.code(.post, "/api/v1/programme/calls/2026/fly", token: admin) == 404)
            let open = try await client.call(.post, "/api/v1/programme/calls/2026/publish", token: admin)
            #expect(open["state"] as? String == "open", "\(open.text)")
            let specials = open["specials"] as? [[String: Any]] ?? []
            #expect(specials.map { $0["code"] as? String } == ["young_top_talent"])
            #expect(try await client.code(.patch, "/api/v1/programme/calls/2026", token: admin, json: ["close": "2026-04-30"]) == 409)
        }
    }

    @Test("a talent checks eligibility, applies once however often the request is retried, and nobody else sees it")
    func applying() async throws {
        try await TestApp.run(at: Self.start) { (_, client) async throws in
            let admin = try await client.login("admin")
            _ = try await client.call(.post, "/api/v1/programme/calls", token: admin, json: Self.call)
            _ = try await client.call(.post, "/api/v1/programme/calls/2026/publish", token: admin)
            let (token, _) = try await client.certifiedTalent()
            let check = try await client.call(.get, "/api/v1/programme/calls/2026/eligibility?special=young_top_talent", token: token)
            #expect(check["eligible"] as? Bool == true && (check["reason"] as? String ?? "").isEmpty == false, "\(check.text)")
            // Missing fields: 422 naming them, and nothing is stored.
            let incomplete = try await client.call(.post, "/api/v1/programme/calls/2026/applications", token: token,
                                                   json: ["special": "young_top_talent", "title": ""])
            #expect(incomplete.status == 422 && !incomplete.fieldErrors.isEmpty, "\(incomplete.text)")
            #expect(try await client.list(.get, "/api/v1/programme/applications", token: token).isEmpty)
            let upload = try await client.upload(samplePDF, filename: "申报书.pdf", token: token)
            let body: [String: Any] = ["special": "young_top_talent", "title": "类脑计算芯片", "summary": "低功耗芯片", "field": "artificial_intelligence",
                                       "materials": ["APPLICATION_FORM": upload["uploadId"] as! String]]
            let first = try await client.call(.post, "/api/v1/programme/calls/2026/applications", token: token, json: body,
                                              headers: ["Idempotency-Key": "apply-1"])
            #expect(first.status == 201 && first["stateName"] as? String == "已提交", "\(first.text)")
            let retried = try await client.call(.post, "/api/v1/programme/calls/2026/applications", token: token, json: body,
                                                headers: ["Idempotency-Key": "apply-1"])
            #expect(retried.status == 201 && retried["id"] as? Int == first["id"] as? Int, "\(retried.text)")
            let second = try await apply(client, token: token, key: "apply-2", title: "另一项")
            #expect(second.status == 409 || second.status == 422, "\(second.text)")
            #expect(try await client.list(.get, "/api/v1/programme/applications", token: token).count == 1)
            let id = first["id"] as! Int
            // Another talent and an unrelated handler get 404; the applicant sees their own timeline.
            let other = try await client.login("talent-b")
            #expect(try await client.code(.get, "/api/v1/programme/applications/\(id)", token: other) == 404)
            #expect(try await client.code(.get, "/api/v1/programme/applications/\(id)", token: try await client.login("yuzhong-handler")) == 404)
            let mine = try await client.call(.get, "/api/v1/programme/applications/\(id)", token: token)
            #expect((mine["timeline"] as? [[String: Any]])?.map { $0["action"] as? String } == ["submit"])
            #expect(mine["score"] == nil || mine["score"] is NSNull)
            #expect((mine["availableActions"] as? [String])?.contains("withdraw") == true)
        }
    }

    @Test("call → application → district and city steps → assignment → scores seen only by their reviewer → ranking → public notice → objection as a work order → final list → first tranche paid")
    func reviewAndNotice() async throws {
        try await TestApp.run(at: Self.start) { (env, client) async throws in
            var admin = try await client.login("admin")
            _ = try await client.call(.post, "/api/v1/programme/calls", token: admin, json: Self.call)
            _ = try await client.call(.post, "/api/v1/programme/calls/2026/publish", token: admin)
            for (name, org) in [("yubei-talent", "500112:TALENT"), ("expert1", "500000:TALENT"), ("expert2", "500000:TALENT"), ("expert3", "500000:TALENT")] {
                let roles = name.hasPrefix("expert") ? ["reviewer"] : ["handler"]
                let made = try await client.call(.post, "/api/v1/users", token: admin,
                                                 json: ["username": name, "password": "password-\(name)", "roles": roles, "orgCode": org])
                try #require(made.status == 201, "\(made.text)")
            }
            for (name, employer) in [("expert1", "重庆大学"), ("expert2", "西南大学"), ("expert3", "重庆邮电大学")] {
                let set = try await client.call(.put, "/api/v1/programme/reviewers/\(name)", token: admin,
                                                json: ["field": "artificial_intelligence", "employer": employer, "maxLoad": 5])
                try #require(set.status == 200, "\(set.text)")
            }
            let (token, _) = try await client.certifiedTalent()
            let id = try await apply(client, token: token, key: "a")["id"] as! Int
            let district = try await client.login("yubei-talent")
            // The applicant cannot recommend themselves; the district can.
            #expect(try await client.code(.post, "/api/v1/programme/applications/\(id)/recommend", token: token) == 403)
            #expect(try await client.code(.post, "/api/v1/programme/applications/\(id)/recommend", token: district) == 200)
            let returned = try await client.call(.post, "/api/v1/programme/applications/\(id)/return", token: admin, json: [:])
            #expect(returned.status == 422 && returned.fieldErrors == ["reason"], "\(returned.text)")
            #expect(try await client.code(.post, "/api/v1/programme/applications/\(id)/pass-formal-check", token: admin) == 200)

            env.clock.set(LocalDate("2026-04-07")!.shanghaiStartMillis + 10 * 3_600_000)
            admin = try await client.login("admin")  // a month on: the morning's token has expired
            _ = try await client.call(.post, "/api/v1/programme/calls/2026/close", token: admin)
            _ = try await client.call(.post, "/api/v1/programme/calls/2026/start-review", token: admin)
            let assignment = try await client.call(.post, "/api/v1/programme/calls/2026/assignment", token: admin)
            let entry = try #require((assignment["entries"] as? [[String: Any]])?.first, "\(assignment.text)")
            let assigned = (entry["reviewers"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
            #expect(assigned.count == 2)
            let outsider = try #require(["expert1", "expert2", "expert3"].first { !assigned.contains($0) })
            #expect(try await client.code(.get, "/api/v1/programme/applications/\(id)", token: try await client.login(outsider)) == 404)
            for name in assigned {
                let r = try await client.login(name)
                let tasks = try await client.list(.get, "/api/v1/programme/me/reviews", token: r)
                let rubric = try #require(tasks.first?["rubric"] as? [[String: Any]])
                var scores = Dictionary(uniqueKeysWithValues: rubric.map { ($0["code"] as! String, 80.0) })
                scores[rubric[0]["code"] as! String] = 1_000
                #expect(try await client.code(.post, "/api/v1/programme/applications/\(id)/scores", token: r, json: ["scores": scores]) == 422)
                scores[rubric[0]["code"] as! String] = 85
                let scored = try await client.call(.post, "/api/v1/programme/applications/\(id)/scores", token: r, json: ["scores": scores, "comment": "扎实"])
                #expect(scored.status == 200, "\(scored.text)")
                #expect(try await client.list(.get, "/api/v1/programme/applications/\(id)/scores", token: r).count == 1)
            }
            #expect(try await client.list(.get, "/api/v1/programme/applications/\(id)/scores", token: admin).count == 2)
            #expect(try await client.code(.get, "/api/v1/programme/applications/\(id)/scores", token: try await client.login("talent-a")) == 404)
            _ = try await client.call(.post, "/api/v1/programme/calls/2026/rank", token: admin)
            let ranking = try await client.call(.get, "/api/v1/programme/calls/2026/ranking?special=young_top_talent", token: admin)
            let row = try #require((ranking["rows"] as? [[String: Any]])?.first?["application"] as? [String: Any], "\(ranking.text)")
            #expect(row["state"] as? String == "selected" && row["score"] is Double)

            // Before the notice starts, nothing is public; then the list shows without sign-in.
            #expect((try await client.list(.get, "/api/v1/programme/notice")).isEmpty)
            env.clock.set(LocalDate("2026-04-20")!.shanghaiStartMillis + 10 * 3_600_000)
            admin = try await client.login("admin")
            _ = try await client.call(.post, "/api/v1/programme/calls/2026/start-notice", token: admin)
            let notice = try await client.list(.get, "/api/v1/programme/notice")
            let entries = notice.first?["entries"] as? [[String: Any]] ?? []
            #expect(entries.count == 1 && entries[0]["applicationId"] as? Int == id)
            #expect(!String(describing: notice).contains("1381234"), "no phone on the public notice")
            let empty = try await client.call(.post, "/api/v1/programme/notice/objections", json: ["year": 2026, "applicationId": id, "text": " "])
            #expect(empty.status == 422 && empty.fieldErrors == ["text"], "\(empty.text)")
            #expect(try await client.code(.post, "/api/v1/programme/notice/objections", json: ["year": 2026, "applicationId": 999_999, "text": "异议"]) == 404)
            let objection = try await client.call(.post, "/api/v1/programme/notice/objections",
                                                  json: ["year": 2026, "applicationId": id, "text": "论文署名存疑", "phone": "13900001111"])
            #expect(objection.status == 201, "\(objection.text)")
            let number = try #require(objection["number"] as? String)
            let order = try await client.call(.get, "/api/v1/work-orders/\(number)", token: admin)
            #expect(order["leadOrg"] as? String == "500000:TALENT", "\(order.text)")
            #expect(!order.text.contains("13900001111"))
            // The same from the public page, without signing in: the form's token must match its cookie.
            let page = try await client.call(.get, "/programme/notice")
            #expect(page.status == 200 && page.text.contains("objection-form"))
            let cookie = try #require(TestClientProtocolHelpers.cookie("yc_notice", page))
            let formToken = try #require(TestClientProtocolHelpers.hidden("_csrf", page.text))
            let fields = ["_csrf": formToken, "entry": "2026:\(id)", "text": "项目成果与申报书不符"]
            #expect(try await client.form(.post, "/programme/notice", fields, cookie: nil).status == 403)
            let sent = try await client.form(.post, "/programme/notice", fields, cookie: "yc_notice=\(cookie)")
            #expect(sent.status == 303 && sent.headers[.location]?.hasPrefix("/programme/notice?filed=YC") == true, "\(sent.status) \(sent.text)")
            let blank = try await client.form(.post, "/programme/notice", fields.merging(["text": ""]) { $1 }, cookie: "yc_notice=\(cookie)")
            #expect(blank.status == 422 && blank.text.contains("objection-form"))
            // One address may send five objections an hour: the sixth waits; another address does not.
            let body: [String: Any] = ["year": 2026, "applicationId": id, "text": "再次提出异议"]
            for _ in 0..<5 {
                #expect(try await client.code(.post, "/api/v1/programme/notice/objections", json: body, headers: ["X-Forwarded-For": "198.51.100.9"]) == 201)
            }
            let held = try await client.call(.post, "/api/v1/programme/notice/objections", json: body, headers: ["X-Forwarded-For": "198.51.100.9"])
            #expect(held.status == 429 && held.headers[.retryAfter] != nil, "\(held.text)")
            #expect(try await client.code(.post, "/api/v1/programme/notice/objections", json: body, headers: ["X-Forwarded-For": "198.51.100.10"]) == 201)

            // Final list after 5 working days: the honour on the record, and the first tranche through the payouts.
            let early = try await client.call(.post, "/api/v1/programme/calls/2026/finalise", token: admin)
            #expect(early.status == 422 && early.text.contains("2026-04-27"), "\(early.text)")
            env.clock.set(LocalDate("2026-04-28")!.shanghaiStartMillis + 10 * 3_600_000)
            admin = try await client.login("admin")
            let final = try await client.call(.post, "/api/v1/programme/calls/2026/finalise", token: admin)
            #expect(final["state"] as? String == "final", "\(final.text)")
            let talent = try await client.login("talent-a")
            let me = try await client.call(.get, "/api/v1/me", token: talent)
            #expect(((me["talent"] as? [String: Any])?["honors"] as? [String])?.contains("重庆英才计划·青年拔尖人才·2026") == true, "\(me.text)")
            let project = try await client.call(.get, "/api/v1/programme/projects/\(id)", token: talent)
            let tranches = project["tranches"] as? [[String: Any]] ?? []
            #expect(tranches.map { $0["percent"] as? Int } == [50, 30, 20] && project["budgetYuan"] as? Int == 500_000, "\(project.text)")
            let payout = try #require(tranches.first?["payoutId"] as? Int)
            #expect(try await client.code(.post, "/api/v1/payouts/\(payout)/confirm", token: talent, json: [:]) == 200)
            #expect(try await client.code(.post, "/api/v1/payouts/\(payout)/approve", token: admin, json: [:]) == 200)
            #expect(try await client.code(.post, "/api/v1/payouts/\(payout)/pay", token: admin, json: ["paymentReference": "YCJH-2026-0001"]) == 200)
            #expect(try await client.call(.get, "/api/v1/programme/projects/\(id)", token: talent)["paidYuan"] as? Int == 250_000)
            let figures = try await client.call(.get, "/api/v1/programme/calls/2026/figures", token: admin)
            #expect(figures["selected"] as? Int == 1 && figures["paidYuan"] as? Int == 250_000, "\(figures.text)")
        }
    }
}
