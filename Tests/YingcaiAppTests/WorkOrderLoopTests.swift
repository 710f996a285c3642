import Foundation
import SQLKit
import Testing
import WorkCalendar
import YingcaiCore

@Suite("Work orders: the closed loop")
struct WorkOrderLoopTests {
    @Test("an application is routed at once to the item's department and runs to a rating, with an intact timeline")
    func applicationLoop() async throws {
        try await TestApp.run { (env, client) async throws in
            let (talent, _) = try await client.certifiedTalent()
            let filed = try await client.call(.post, "/api/v1/work-orders", token: talent, json: [
                "channel": "web", "category": "service", "serviceItemCode": "YC-M-012", "title": "招聘对接", "content": "需要高级人才寻访服务",
                "form": ["requesterType": "个人求职", "serviceType": "高级人才寻访"],
            ])
            #expect(filed.status == 201, "\(filed.text)")
            let id = filed["id"] as! Int
            #expect(filed["state"] as? String == "dispatched")
            #expect(filed["leadOrg"] as? String == "500000:HRSS")
            #expect((filed["number"] as? String)?.hasPrefix("YC" + env.core.clock.today.description.replacingOccurrences(of: "-", with: "")) == true)
            let expected = WorkCalendar.official.addWorkdays(10, to: env.core.clock.today).value
            #expect((filed["deadlines"] as? [String: Any])?["handlingDate"] as? String == expected.description)

            let handler = try await client.login("city-hrss")
            let inbox = try await client.list(.get, "/api/v1/work-orders?assignedOrg=500000:HRSS", token: handler)
            #expect(inbox.compactMap { $0["id"] as? Int } == [id])
            let seen = try await client.call(.get, "/api/v1/work-orders/\(id)", token: handler)
            #expect(seen["availableActions"] as? [String] == ["accept", "return"])
            try await client.act(id, "accept", as: handler)
            try await client.act(id, "start", as: handler)
            let resolved = try await client.act(id, "resolve", as: handler, ["result": "已对接三家猎头机构"])
            #expect(resolved["state"] as? String == "resolved")
            #expect(resolved["onTime"] as? Bool == true)
            let rated = try await client.act(id, "rate", as: talent, ["score": 5, "comment": "很满意"])
            #expect(rated["state"] as? String == "rated")
            let timeline = rated["timeline"] as? [[String: Any]] ?? []
            #expect(timeline.compactMap { $0["action"] as? String } == ["receive", "dispatch", "accept", "start", "resolve", "rate"])
            #expect(timeline.last?["note"] as? String == "很满意")
            let verify = try await client.call(.get, "/api/v1/work-orders/\(id)/verify", token: talent)
            #expect(verify["intact"] as? Bool == true)
            #expect(verify["events"] as? Int == 6)

            let leader = try await client.login("leader")
            let figures = try await client.call(.get, "/api/v1/metrics/work-orders", token: leader)
            #expect(figures["total"] as? Int == 1)
            #expect(figures["resolved"] as? Int == 1)
            #expect(figures["onTimeRate"] as? Double == 1)
            #expect(figures["satisfactionRate"] as? Double == 1)
            #expect(figures["signForRate"] as? Double == 1)
            #expect((figures["byState"] as? [String: Int]) == ["rated": 1])
        }
    }

    @Test("a co-handled application with an uploaded material: no resolution before every co-handler's opinion")
    func coHandling() async throws {
        try await TestApp.run { (env, client) async throws in
            let (talent, _) = try await client.certifiedTalent()
            let upload = try await client.upload(samplePDF, token: talent)
            #expect(upload.status == 201, "\(upload.text)")
            let uploadId = upload["uploadId"] as! String
            #expect((upload["sha256"] as? String)?.count == 64)
            let body: [String: Any] = [
                "channel": "wechat", "category": "service", "serviceItemCode": "YC-P-028", "title": "拖欠工资", "content": "单位拖欠三个月工资",
                "form": ["disputeType": "拖欠工资", "employerName": "某科技公司", "summary": "拖欠工资三个月"],
                "materials": ["ID_DOC": uploadId],
            ]
            let filed = try await client.call(.post, "/api/v1/work-orders", token: talent, json: body)
            #expect(filed.status == 201, "\(filed.text)")
            let id = filed["id"] as! Int
            #expect(filed["leadOrg"] as? String == "500112:UNION")
            #expect(filed["coOrgs"] as? [String] == ["500112:HRSS", "500112:PETITION"])
            // The upload is now used: a second order cannot reuse it.
            let reuse = try await client.call(.post, "/api/v1/work-orders", token: talent, json: body)
            #expect(reuse.fieldErrors == ["materials.ID_DOC"])

            let lead = try await client.login("yubei-union")
            try await client.act(id, "accept", as: lead)
            try await client.act(id, "start", as: lead)
            let early = try await client.call(.post, "/api/v1/work-orders/\(id)/resolve", token: lead, json: ["result": "已调解"])
            #expect(early.status == 422)
            #expect(early.fieldErrors == ["opinions"])
            // Each co-handler finds it among the orders it owes an opinion on; the lead does not.
            let hrss = try await client.login("yubei-hrss")
            #expect(try await client.list(.get, "/api/v1/work-orders?coHandledBy=500112:HRSS", token: hrss).compactMap { $0["id"] as? Int } == [id])
            #expect(try await client.list(.get, "/api/v1/work-orders?coHandledBy=500112:UNION", token: lead).isEmpty)
            try await client.act(id, "opinion", as: hrss, ["text": "已核实劳动合同"])
            try await client.act(id, "opinion", as: try await client.login("yubei-petition"), ["text": "无信访记录"])
            let done = try await client.act(id, "resolve", as: lead, ["result": "已调解，单位补发工资"])
            #expect(done["opinionsFrom"] as? [String] == ["500112:HRSS", "500112:PETITION"])
            // The co-handler sees the order and its material; another district's handler does not.
            // Done with its opinion asked, the order leaves the co-handler's list of opinions owed.
            #expect(try await client.list(.get, "/api/v1/work-orders?coHandledBy=500112:HRSS", token: hrss).isEmpty)
            #expect(try await client.code(.get, "/api/v1/uploads/\(uploadId)", token: hrss) == 200)
            #expect(try await client.code(.get, "/api/v1/uploads/\(uploadId)", token: try await client.login("yuzhong-handler")) == 404)
            #expect(try await client.code(.get, "/api/v1/work-orders/\(id)", token: try await client.login("yuzhong-handler")) == 404)
        }
    }

    @Test("applications are refused for another tier, a bad form, missing materials or an unknown item; nothing is written")
    func applicationChecks() async throws {
        try await TestApp.run { (env, client) async throws in
            let (talent, _) = try await client.certifiedTalent(tier: "D")
            func fields(_ body: [String: Any]) async throws -> [String] {
                let a = try await client.call(.post, "/api/v1/work-orders", token: talent, json: body)
                #expect(a.status == 422, "\(a.text)")
                return a.fieldErrors
            }
            #expect(try await fields(["channel": "web", "category": "service", "serviceItemCode": "YC-P-026", "title": "管家", "content": "需要管家",
                                      "form": ["serviceNeeds": "x", "contactPhone": "13800000000"], "materials": [:]]).contains("serviceItemCode"))
            #expect(Set(try await fields(["channel": "web", "category": "service", "serviceItemCode": "YC-M-012", "title": "t", "content": "c",
                                          "form": ["requesterType": "不存在的选项", "bogus": "x"]]))
                    == ["form.requesterType", "form.serviceType", "form.bogus"])
            #expect(try await fields(["channel": "web", "category": "service", "serviceItemCode": "YC-P-028", "title": "t", "content": "c",
                                      "form": ["disputeType": "其他", "employerName": "x", "summary": "y"]]) == ["materials.ID_DOC"])
            #expect(try await fields(["channel": "web", "category": "service", "serviceItemCode": "YC-X-999", "title": "t", "content": "c"]) == ["serviceItemCode"])
            #expect(Set(try await fields(["channel": "fax", "category": "gossip", "title": "", "content": ""])) == ["channel", "category", "title", "content"])
            let count = try await env.core.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 0)
            // Uploads are checked by their bytes.
            #expect(try await client.upload(Array("not a pdf".utf8), token: talent).status == 422)
        }
    }

    @Test("a hotline call waits for a dispatcher, can be returned within the sign-for limit, and refuses moves the table does not allow")
    func hotline() async throws {
        try await TestApp.run { (env, client) async throws in
            let dispatcher = try await client.login("dispatcher")
            let call = try await client.hotlineCall(as: dispatcher)
            let id = call["id"] as! Int
            #expect(call["state"] as? String == "received")
            #expect(call["leadOrg"] is NSNull)
            #expect((call["contact"] as? [String: Any])?["phone"] as? String == "137****1111")
            let handler = try await client.login("yubei-hrss")
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/accept", token: handler, json: [:]) == 404)  // not theirs yet
            try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS", "note": "渝北人社"])
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/resolve", token: handler, json: ["result": "x"]) == 409)
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/return", token: handler, json: [:]) == 422)
            let returned = try await client.act(id, "return", as: handler, ["reason": "应由公安局办理"])
            #expect(returned["state"] as? String == "returned")
            try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS"])
            // Past the sign-for limit the org is responsible (首办负责) and cannot return it.
            env.clock.advance(days: 4)
            let late = try await client.login("yubei-hrss")
            let refused = try await client.call(.post, "/api/v1/work-orders/\(id)/return", token: late, json: ["reason": "不归我们管"])
            #expect(refused.status == 422)
            try await client.act(id, "accept", as: late)
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/accept", token: late, json: [:]) == 409)
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/fly", token: late, json: [:]) == 404)
            let dispatcher2 = try await client.login("dispatcher")
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/start", token: dispatcher2, json: [:]) == 403)
            let figures = try await client.call(.get, "/api/v1/metrics/work-orders", token: try await client.login("leader"))
            #expect(figures["signForRate"] as? Double == 0)  // signed for after the limit
        }
    }

    @Test("suspension stops the clock; an extension approved by a supervisor moves the deadline")
    func suspensionAndExtension() async throws {
        try await TestApp.run { (env, client) async throws in
            let dispatcher = try await client.login("dispatcher")
            let id = try await client.hotlineCall(category: "complaint", as: dispatcher)["id"] as! Int
            try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS"])
            let handler = try await client.login("yubei-hrss")
            try await client.act(id, "accept", as: handler)
            let started = try await client.act(id, "start", as: handler)
            let deadline = LocalDate((started["deadlines"] as! [String: Any])["handlingDate"] as! String)!
            let suspended = try await client.act(id, "suspend", as: handler, ["reason": "等待当事人补充材料"])
            #expect(suspended["warning"] as? String == "none")
            env.clock.advance(days: 30)
            let h2 = try await client.login("yubei-hrss")
            let resumed = try await client.act(id, "resume", as: h2)
            let moved = LocalDate((resumed["deadlines"] as! [String: Any])["handlingDate"] as! String)!
            #expect(moved > deadline)
            #expect(resumed["warning"] as? String == "none")
            try await client.act(id, "request-extension", as: h2, ["workdays": 2, "reason": "需现场核查"])
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/request-extension", token: h2, json: ["workdays": 1, "reason": "again"]) == 422)
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/approve-extension", token: h2, json: [:]) == 403)
            // The supervisors' list of requests to decide holds it, and only until it is decided.
            let supervisor = try await client.login("yubei-supervisor")
            let pending = "/api/v1/work-orders?pendingExtension=true"
            #expect(try await client.list(.get, pending, token: supervisor).compactMap { $0["id"] as? Int } == [id])
            #expect(try await client.code(.get, "/api/v1/work-orders?pendingExtension=maybe", token: supervisor) == 422)
            let approved = try await client.act(id, "approve-extension", as: supervisor)
            #expect(try await client.list(.get, pending, token: supervisor).isEmpty)
            let extended = LocalDate((approved["deadlines"] as! [String: Any])["handlingDate"] as! String)!
            #expect(extended == WorkCalendar.official.addWorkdays(2, to: moved).value)
            #expect(approved["extensionsApproved"] as? Int == 1)
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/request-extension", token: h2, json: ["workdays": 4, "reason": "x"]) == 422)
        }
    }

    @Test("the bad-rating loop: callback, one more rating, one reopen by a supervisor, and a new resolution")
    func badRatingLoop() async throws {
        try await TestApp.run { (env, client) async throws in
            let (talent, talentId) = try await client.certifiedTalent()
            _ = talentId
            let id = try await client.call(.post, "/api/v1/work-orders", token: talent, json: [
                "channel": "web", "category": "complaint", "title": "投诉窗口态度", "content": "办事窗口态度差", "districtCode": "500112",
            ])["id"] as! Int
            let dispatcher = try await client.login("dispatcher")
            try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS"])
            let h = try await client.login("yubei-hrss")
            try await client.act(id, "accept", as: h)
            try await client.act(id, "start", as: h)
            try await client.act(id, "resolve", as: h, ["result": "已批评教育"])
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/rate", token: talent, json: ["score": 6]) == 422)
            try await client.act(id, "rate", as: talent, ["score": 2, "comment": "不满意"])
            try await client.act(id, "callback", as: h, ["note": "已电话回访，说明整改措施"])
            try await client.act(id, "rate", as: talent, ["score": 1])
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/rate", token: talent, json: ["score": 1]) == 422)
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/reopen", token: h, json: ["reason": "x"]) == 403)
            let supervisor = try await client.login("supervisor")
            try await client.act(id, "reopen", as: supervisor, ["reason": "差评，责令重办"])
            try await client.act(id, "start", as: h)
            try await client.act(id, "resolve", as: h, ["result": "窗口人员调岗并道歉"])
            let final = try await client.act(id, "rate", as: talent, ["score": 4])
            #expect(final["ratings"] as? [Int] == [2, 1, 4])
            // A second reopen, or one after a good rating, is a condition of the order: 422.
            #expect(try await client.code(.post, "/api/v1/work-orders/\(id)/reopen", token: supervisor, json: ["reason": "again"]) == 422)
            let figures = try await client.call(.get, "/api/v1/metrics/work-orders", token: supervisor)
            #expect(figures["satisfactionRate"] as? Double == 1)
        }
    }

    @Test("a requester withdraws before resolution; a dispatcher merges a repeat call into the earlier order")
    func withdrawAndMerge() async throws {
        try await TestApp.run { (env, client) async throws in
            let (talent, _) = try await client.certifiedTalent()
            let own = try await client.call(.post, "/api/v1/work-orders", token: talent, json: [
                "channel": "web", "category": "inquiry", "title": "咨询", "content": "咨询公积金", "districtCode": "500112",
            ])["id"] as! Int
            let withdrawn = try await client.act(own, "withdraw", as: talent, ["reason": "已自行解决"])
            #expect(withdrawn["state"] as? String == "withdrawn")
            let dispatcher = try await client.login("dispatcher")
            let first = try await client.hotlineCall(as: dispatcher)["id"] as! Int
            let repeatCall = try await client.hotlineCall(as: dispatcher)["id"] as! Int
            #expect(try await client.code(.post, "/api/v1/work-orders/\(first)/merge", token: dispatcher, json: ["intoId": repeatCall]) == 422)
            let merged = try await client.act(repeatCall, "merge", as: dispatcher, ["intoId": first])
            #expect(merged["state"] as? String == "closed")
            #expect(merged["mergedInto"] as? Int == first)
            #expect(try await client.code(.post, "/api/v1/work-orders/\(own)/withdraw", token: talent, json: ["reason": "x"]) == 409)
        }
    }

    @Test("who sees an order: its requester, the orgs handling it, supervisors and dispatchers of its area; others get 404")
    func visibility() async throws {
        try await TestApp.run { (env, client) async throws in
            let dispatcher = try await client.login("dispatcher")
            let id = try await client.hotlineCall(district: "500112", as: dispatcher)["id"] as! Int
            try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS"])
            for (user, visible) in [("yubei-hrss", true), ("yubei-supervisor", true), ("supervisor", true), ("leader", true),
                                    ("yuzhong-handler", false), ("talent-b", false), ("verifier", false), ("yubei-union", false)] {
                let token = try await client.login(user)
                #expect(try await client.code(.get, "/api/v1/work-orders/\(id)", token: token) == (visible ? 200 : 404), "\(user)")
                let ids = try await client.list(.get, "/api/v1/work-orders", token: token).compactMap { $0["id"] as? Int }
                #expect(ids.contains(id) == visible, "\(user) list")
            }
            #expect(try await client.code(.get, "/api/v1/work-orders/999999", token: dispatcher) == 404)
            let number = try await client.call(.get, "/api/v1/work-orders/\(id)", token: dispatcher)["number"] as! String
            #expect(try await client.code(.get, "/api/v1/work-orders/\(number)", token: dispatcher) == 200)
        }
    }

    @Test("a retried filing with the same Idempotency-Key files one order")
    func idempotentFiling() async throws {
        try await TestApp.run { (env, client) async throws in
            let dispatcher = try await client.login("dispatcher")
            let body: [String: Any] = ["channel": "phone", "category": "help", "title": "求助", "content": "子女入学求助",
                                       "districtCode": "500103", "contact": ["name": "李女士"]]
            let a = try await client.call(.post, "/api/v1/work-orders", token: dispatcher, json: body, headers: ["Idempotency-Key": "call-1"])
            let b = try await client.call(.post, "/api/v1/work-orders", token: dispatcher, json: body, headers: ["Idempotency-Key": "call-1"])
            #expect(a.status == 201 && b.status == 201)
            #expect(a["id"] as? Int == b["id"] as? Int)
            let count = try await env.core.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 1)
        }
    }

    @Test("an altered event breaks the hash chain, and verify says where")
    func tamperEvident() async throws {
        try await TestApp.run { (env, client) async throws in
            let dispatcher = try await client.login("dispatcher")
            let id = try await client.hotlineCall(as: dispatcher)["id"] as! Int
            try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS"])
            try await client.act(id, "urge", as: dispatcher, ["note": "请尽快签收"])
            #expect(try await client.call(.get, "/api/v1/work-orders/\(id)/verify", token: dispatcher)["intact"] as? Bool == true)
            try await env.core.db.transaction { db in
                try await db.raw("UPDATE work_order_events SET note = 'changed' WHERE order_id = \(bind: id) AND seq = 2").run()
            }
            let report = try await client.call(.get, "/api/v1/work-orders/\(id)/verify", token: dispatcher)
            #expect(report["intact"] as? Bool == false)
            #expect(report["brokenAt"] as? Int == 2)
            try await env.core.db.transaction { db in
                try await db.raw("UPDATE work_order_events SET note = NULL WHERE order_id = \(bind: id) AND seq = 2").run()
            }
            #expect(try await client.call(.get, "/api/v1/work-orders/\(id)/verify", token: dispatcher)["intact"] as? Bool == true)
            // Removing the latest event is caught too: the order keeps the hash of its last event.
            try await env.core.db.transaction { db in
                try await db.raw("DELETE FROM work_order_events WHERE order_id = \(bind: id) AND seq = 3").run()
            }
            let cut = try await client.call(.get, "/api/v1/work-orders/\(id)/verify", token: dispatcher)
            #expect(cut["intact"] as? Bool == false)
            #expect(cut["brokenAt"] as? Int == 3)
        }
    }
}

@Suite("The butler (人才管家)")
struct ButlerTests {
    @Test("an admin assigns a butler, who files an application by phone for the talent and follows it; the talent sees it too")
    func butlerFiles() async throws {
        try await TestApp.run { (env, client) async throws in
            let (talent, talentId) = try await client.certifiedTalent()
            let butler = try await client.login("yubei-butler")
            let body: [String: Any] = ["channel": "phone", "category": "service", "serviceItemCode": "YC-M-012", "talentId": talentId,
                                       "title": "代办：招聘对接", "content": "管家代为申请",
                                       "form": ["requesterType": "个人求职", "serviceType": "招聘对接"]]
            let admin = try await client.login("admin")
            #expect(try await client.fields(.post, "/api/v1/talents/\(talentId)/butler", token: admin, json: ["butler": "dispatcher"]) == ["butler"])
            let assigned = try await client.call(.post, "/api/v1/talents/\(talentId)/butler", token: admin, json: ["butler": "yubei-butler"])
            #expect(assigned["butlerName"] as? String == "yubei-butler")
            let filed = try await client.call(.post, "/api/v1/work-orders", token: butler, json: body)
            #expect(filed.status == 201, "\(filed.text)")
            let id = filed["id"] as! Int
            #expect(try await client.list(.get, "/api/v1/work-orders", token: butler).compactMap { $0["id"] as? Int } == [id])
            #expect(try await client.list(.get, "/api/v1/work-orders", token: talent).compactMap { $0["id"] as? Int } == [id])
            // The talent follows and withdraws it; the butler acts for them as well.
            let withdrawn = try await client.act(id, "withdraw", as: butler, ["reason": "人才改为线下办理"])
            #expect(withdrawn["state"] as? String == "withdrawn")
            #expect(try await client.code(.post, "/api/v1/talents/\(talentId)/butler", token: butler, json: ["butler": "yubei-butler"]) == 403)
        }
    }
}

@Suite("Concurrency")
struct WorkOrderConcurrencyTests {
    @Test("many concurrent filings in one district all succeed: no transaction waits for a second pooled connection")
    func concurrentFilings() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("dispatcher")
            let body = String(decoding: try JSONSerialization.data(withJSONObject: [
                "channel": "phone", "category": "help", "title": "求助", "content": "并发求助", "districtCode": "500112",
                "contact": ["name": "来电人"],
            ]), as: UTF8.self)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<24 {
                    group.addTask {
                        try await client.call(.post, "/api/v1/work-orders", token: token, raw: body, headers: ["Idempotency-Key": "c-\(i)"]).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 201, count: 24))
            let figures = try await client.call(.get, "/api/v1/metrics/work-orders", token: try await client.login("leader"))
            #expect(figures["total"] as? Int == 24)
        }
    }
}
