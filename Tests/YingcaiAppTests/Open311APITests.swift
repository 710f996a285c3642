import Foundation
import HummingbirdTesting
import SQLKit
import Testing
import YingcaiCore

@Suite("Open311 GeoReport v2: services, definitions, requests filed and followed, keys, errors")
struct Open311APITests {
    func form(_ pairs: [(String, String)]) -> String {
        pairs.map { k, v in
            k.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "=" + v.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        }.joined(separator: "&")
    }

    func post(_ client: some TestClientProtocol, _ pairs: [(String, String)], format: String = "json") async throws -> Answer {
        try await client.call(.post, "/open311/v2/requests.\(format)", raw: form(pairs), headers: ["Content-Type": "application/x-www-form-urlencoded"])
    }

    func array(_ a: Answer) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: a.body)) as? [[String: Any]] ?? []
    }

    @Test("a request filed with a key becomes an open311 order, is handled in the closed loop and reads closed with its notes; in XML and JSON")
    func fileAndFollow() async throws {
        try await TestApp.run { (env, client) async throws in
            let admin = try await client.login("admin")
            #expect(try await client.code(.post, "/api/v1/open311/clients", token: try await client.login("dispatcher"), json: ["name": "x"]) == 403)
            let issued = try await client.call(.post, "/api/v1/open311/clients", token: admin, json: ["name": "FixMyStreet 重庆"])
            try #require(issued.status == 201, "\(issued.text)")
            let key = try #require(issued["apiKey"] as? String)
            #expect(key.hasPrefix("o311_") && key.count > 40)
            #expect(try await client.fields(.post, "/api/v1/open311/clients", token: admin, json: ["name": "FixMyStreet 重庆"]) == ["name"])

            // Discovery and services, in both formats.
            let discovery = try await client.call(.get, "/open311/v2/discovery.xml")
            #expect(discovery.status == 200 && discovery.headers[.contentType]?.hasPrefix("text/xml") == true)
            #expect(discovery.text.contains("<discovery>") && discovery.text.contains("/open311/v2</url>"))
            let services = array(try await client.call(.get, "/open311/v2/services.json"))
            #expect(services.count == 68 + 4)
            #expect(services.contains { $0["service_code"] as? String == "YC-M-012" && $0["metadata"] as? Bool == true && $0["type"] as? String == "realtime" })
            let servicesXML = try await client.call(.get, "/open311/v2/services.xml").text
            #expect(servicesXML.hasPrefix("<?xml") && servicesXML.components(separatedBy: "<service>").count == 73)
            let definition = try await client.call(.get, "/open311/v2/services/YC-M-012.json")
            let attributes = definition["attributes"] as? [[String: Any]] ?? []
            #expect(attributes.first?["code"] as? String == "district" && attributes.first?["required"] as? Bool == true)
            #expect(attributes.contains { $0["code"] as? String == "requesterType" && $0["datatype"] as? String == "singlevaluelist" })
            #expect(try await client.code(.get, "/open311/v2/services/NOPE.xml") == 404)

            // The spec's errors: no key, a wrong key, an unknown service, a missing required answer.
            let good: [(String, String)] = [
                ("api_key", key), ("service_code", "YC-M-012"), ("lat", "29.718"), ("long", "106.631"), ("address_string", "渝北区金开大道 1 号"),
                ("attribute[district]", "500112"), ("attribute[requesterType]", "个人求职"), ("attribute[serviceType]", "高级人才寻访"),
                ("first_name", "小明"), ("last_name", "王"), ("phone", "13800138000"), ("description", "想找猎头机构帮忙，电话 13800138000"),
                ("media_url", "https://example.org/p/1.jpg"),
            ]
            let noKey = try await post(client, good.filter { $0.0 != "api_key" })
            #expect(noKey.status == 403 && (array(noKey).first?["code"] as? Int) == 403)
            let wrongKey = try await post(client, [("api_key", "o311_wrong")] + good.filter { $0.0 != "api_key" }, format: "xml")
            #expect(wrongKey.status == 403 && wrongKey.text.contains("<errors>") && wrongKey.text.contains("<code>403</code>"), "\(wrongKey.text)")
            #expect(try await post(client, good.map { $0.0 == "service_code" ? ($0.0, "NOPE") : $0 }).status == 404)
            let missing = try await post(client, good.filter { $0.0 != "attribute[district]" })
            #expect(missing.status == 400 && (array(missing).first?["description"] as? String)?.contains("district") == true)
            let before = try await env.core.db.read { db in try await db.raw("SELECT count(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self) }
            #expect(before == 0)

            // Filed: a receipt with the id and the promised time limit; the order in the department's inbox.
            let filed = try await post(client, good)
            #expect(filed.status == 201, "\(filed.text)")
            let receipt = try #require(array(filed).first)
            let id = try #require((receipt["service_request_id"] as? String).flatMap(Int.init))
            #expect((receipt["service_notice"] as? String)?.contains("工作日") == true)
            let handler = try await client.login("city-hrss")
            let order = try await client.call(.get, "/api/v1/work-orders/\(id)", token: handler)
            #expect(order["channel"] as? String == "open311" && order["state"] as? String == "dispatched", "\(order.text)")
            #expect(!order.text.contains("13800138000"))

            // Read back: open, the department, the deadline, the location; no phone number anywhere.
            let one = try await client.call(.get, "/open311/v2/requests/\(id).xml")
            #expect(one.status == 200 && one.text.contains("<status>open</status>") && one.text.contains("<agency_responsible>"))
            #expect(one.text.contains("<expected_datetime>") && one.text.contains("<lat>29.718</lat>") && !one.text.contains("13800138000"))
            #expect(try await client.code(.get, "/open311/v2/requests/999999.json") == 404)

            // The closed loop, then closed with the handler's result as its note and the steps as updates.
            try await client.act(id, "accept", as: handler)
            try await client.act(id, "start", as: handler)
            try await client.act(id, "resolve", as: handler, ["result": "已对接三家猎头机构"])
            let closed = array(try await client.call(.get, "/open311/v2/requests/\(id).json?extensions=true")).first ?? [:]
            #expect(closed["status"] as? String == "closed" && closed["status_notes"] as? String == "已对接三家猎头机构", "\(closed)")
            #expect((closed["extended_attributes"] as? [String: Any])?["detailed_status"] as? String == "resolved")
            #expect((closed["notes"] as? [[String: Any]])?.count == 5)
            let listed = array(try await client.call(.get, "/open311/v2/requests.json?status=closed&service_code=YC-M-012"))
            #expect(listed.compactMap { $0["service_request_id"] as? String } == [String(id)])
            #expect(listed.first?["service_name"] as? String == "人力资源服务" && (listed.first?["service_notice"] as? String)?.contains("工作日") == true, "\(listed)")
            #expect(array(try await client.call(.get, "/open311/v2/requests.json?status=open")).isEmpty)
            let wide = try await client.call(.get, "/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z")
            #expect(wide.status == 400)
            let updates = array(try await client.call(.get, "/open311/v2/servicerequestupdates.json"))
            #expect(updates.filter { $0["service_request_id"] as? String == String(id) }.map { $0["status"] as? String } == ["open", "action_scheduled", "in_progress", "in_progress", "fixed"])

            // The token recorded for the request stands for its id.
            let token = try await env.core.db.read { db in
                try await db.raw("SELECT token FROM open311_requests WHERE order_id = \(bind: id)").first()!.decode(column: "token", as: String.self)
            }
            let resolved = array(try await client.call(.get, "/open311/v2/tokens/\(token).json")).first
            #expect(resolved?["service_request_id"] as? String == String(id))

            // The channel is the gateway's alone; a revoked key files nothing.
            let dispatcher = try await client.login("dispatcher")
            #expect(try await client.fields(.post, "/api/v1/work-orders", token: dispatcher, json: [
                "channel": "open311", "category": "inquiry", "title": "t", "content": "c", "districtCode": "500112", "contact": ["name": "王"],
            ]) == ["channel"])
            let clientId = (issued["client"] as? [String: Any])?["id"] as! Int
            #expect(try await client.code(.post, "/api/v1/open311/clients/\(clientId)/revoke", token: admin) == 200)
            #expect(try await post(client, good).status == 403)
            let count = try await env.core.db.read { db in try await db.raw("SELECT count(*) AS n FROM open311_requests").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 1)
        }
    }

    @Test("a key is held to its rate per minute; a hotline category files an order for the dispatchers")
    func rateAndCategories() async throws {
        try await TestApp.run { (env, client) async throws in
            let admin = try await client.login("admin")
            let issued = try await client.call(.post, "/api/v1/open311/clients", token: admin, json: ["name": "city dashboard", "ratePerMinute": 2])
            let key = try #require(issued["apiKey"] as? String)
            let complaint: [(String, String)] = [("api_key", key), ("service_code", "complaint"), ("address_string", "江北区"),
                                                 ("attribute[district]", "500105"), ("description", "人才公寓热水器坏了一周没人修")]
            let first = try await post(client, complaint)
            #expect(first.status == 201, "\(first.text)")
            let id = Int(array(first).first?["service_request_id"] as? String ?? "")!
            let dispatcher = try await client.login("dispatcher")
            let order = try await client.call(.get, "/api/v1/work-orders/\(id)", token: dispatcher)
            #expect(order["state"] as? String == "received" && order["category"] as? String == "complaint", "\(order.text)")
            #expect(try await post(client, complaint).status == 201)
            let third = try await post(client, complaint, format: "xml")
            #expect(third.status == 429 && third.headers[.retryAfter] != nil && third.text.contains("<code>429</code>"))
            env.clock.advance(seconds: 61)
            #expect(try await post(client, complaint).status == 201)
        }
    }
}
