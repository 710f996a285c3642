import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import SQLKit
import Testing
import WorkCalendar
import WorkOrderRules
import YingcaiCore

@Suite("Background work: escalation, auto-close, webhooks")
struct BackgroundWorkTests {
    @Test("an overdue order is escalated once per deadline, however often and however concurrently the job runs")
    func escalationOnce() async throws {
        try await TestApp.run { (env, client) async throws in
            let dispatcher = try await client.login("dispatcher")
            let id = try await client.hotlineCall(as: dispatcher)["id"] as! Int
            try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS"])
            let work = BackgroundWork(core: env.core, logger: env.logs.logger)
            #expect(try await work.escalateOverdue() == 0)
            env.clock.advance(days: 12)
            async let a = work.escalateOverdue()
            async let b = work.escalateOverdue()
            let (x, y) = try await (a, b)
            #expect(x + y == 1)
            #expect(try await work.escalateOverdue() == 0)
            let supervisor = try await client.login("supervisor")
            let order = try await client.call(.get, "/api/v1/work-orders/\(id)", token: supervisor)
            #expect(order["warning"] as? String == "red")
            let actions = (order["timeline"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.filter { $0 == "escalate" }.count == 1)
            let red = try await client.list(.get, "/api/v1/work-orders?warning=red", token: supervisor).compactMap { $0["id"] as? Int }
            #expect(red == [id])
            let inbox = try await client.call(.get, "/api/v1/me/notifications", token: supervisor).items.compactMap { $0["kind"] as? String }
            #expect(inbox.contains("escalated"))
            let rows = try await env.core.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM escalations").first()!.decode(column: "n", as: Int.self) }
            #expect(rows == 1)
        }
    }

    @Test("a resolved order nobody rates is closed after 5 working days; a well-rated one at once")
    func autoClose() async throws {
        try await TestApp.run { (env, client) async throws in
            let dispatcher = try await client.login("dispatcher")
            let work = BackgroundWork(core: env.core, logger: env.logs.logger)
            var ids: [Int] = []
            for _ in 0..<2 {
                let id = try await client.hotlineCall(as: dispatcher)["id"] as! Int
                try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS"])
                let h = try await client.login("yubei-hrss")
                try await client.act(id, "accept", as: h)
                try await client.act(id, "start", as: h)
                try await client.act(id, "resolve", as: h, ["result": "已答复"])
                ids.append(id)
            }
            // The hotline records the caller's rating of the second (回访).
            try await client.act(ids[1], "rate", as: dispatcher, ["score": 5])
            env.clock.advance(seconds: 1)
            #expect(try await work.closeUnrated() == 1)
            env.clock.advance(days: 2)
            #expect(try await work.closeUnrated() == 0)
            env.clock.advance(days: 10)
            #expect(try await work.closeUnrated() == 1)
            let leader = try await client.login("leader")
            for id in ids {
                #expect(try await client.call(.get, "/api/v1/work-orders/\(id)", token: leader)["state"] as? String == "closed")
            }
        }
    }

    @Test("webhooks: every change is delivered once, signed with HMAC-SHA256, and retried after a failure")
    func webhooks() async throws {
        let received = NIOLockedValueBox<[(signature: String, body: String)]>([])
        let failFirst = NIOLockedValueBox(true)
        let router = Router()
        router.post("/hook") { request, context -> HTTPResponse.Status in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            if failFirst.withLockedValue({ let f = $0; $0 = false; return f }) { return .serviceUnavailable }
            received.withLockedValue { $0.append((request.headers[HTTPField.Name("X-Yingcai-Signature")!] ?? "", body)) }
            return .noContent
        }
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await receiver.test(.live) { hook in
            let port = try #require(hook.port)
            try await TestApp.run { (env, client) async throws in
                let admin = try await client.login("admin")
                let sub = try await client.call(.post, "/api/v1/webhooks", token: admin, json: [
                    "url": "http://127.0.0.1:\(port)/hook", "secret": "s3cret-s3cret-s3cret", "events": ["work_order.*"],
                ])
                #expect(sub.status == 201, "\(sub.text)")
                let dispatcher = try await client.login("dispatcher")
                let id = try await client.hotlineCall(as: dispatcher)["id"] as! Int
                try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS"])
                let work = BackgroundWork(core: env.core, logger: env.logs.logger)
                #expect(try await work.deliverWebhooks() == 1)  // of two, the first attempt got a 503
                #expect(try await work.deliverWebhooks() == 0)  // not yet due again
                env.clock.advance(seconds: 120)
                #expect(try await work.deliverWebhooks() == 1)
                #expect(try await work.deliverWebhooks() == 0)
                let got = received.withLockedValue { $0 }
                #expect(got.count == 2)
                for delivery in got {
                    let t = Int64(delivery.signature.split(separator: ",")[0].dropFirst(2))!
                    #expect(delivery.signature == WebhookOutbox.signature(secret: "s3cret-s3cret-s3cret", timestamp: t, body: delivery.body))
                }
                #expect(Set(got.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] }
                    .compactMap { $0["action"] as? String }) == ["receive", "dispatch"])
            }
        }
    }
}
