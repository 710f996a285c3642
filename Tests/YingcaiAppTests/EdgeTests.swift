import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import TestSupport
import Testing
import Storage
import YingcaiApp
import YingcaiCore

@Suite("Health, metrics, OpenAPI and errors")
struct EdgeTests {
    @Test("healthz and readyz answer 200; metrics are Prometheus text that counts requests and merged filings")
    func health() async throws {
        try await TestApp.run { (_, client) async throws in
            #expect(try await client.code(.get, "/healthz") == 200)
            #expect(try await client.code(.get, "/readyz") == 200)
            _ = try await client.call(.get, "/api/v1/me")
            _ = try await client.hotlineCall(as: try await client.login("dispatcher"))
            let metrics = try await client.call(.get, "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains("hb_requests"))
            // Filings written together: how many commits, how many filings.
            #expect(metrics.text.contains("yingcai_coalesced_writes_total"))
            #expect(metrics.text.contains("yingcai_coalesced_sets_total"))
            // No series that is zero by construction: errors are counted only for 5xx answers.
            #expect(!metrics.text.contains("hb_request_errors"))
            // A request a proxy forwarded from elsewhere is not the operator.
            #expect(try await client.code(.get, "/metrics", headers: ["X-Forwarded-For": "203.0.113.7"]) == 403)
        }
    }

    @Test("with a metrics token, /metrics answers only a request that carries it")
    func metricsToken() async throws {
        try await TestApp.run(metricsToken: "operator-token-0123456789") { (_, client) async throws in
            #expect(try await client.code(.get, "/metrics") == 403)
            #expect(try await client.code(.get, "/metrics", token: "operator-token-012345678X") == 403)
            #expect(try await client.code(.get, "/metrics", token: "operator-token-0123456789") == 200)
        }
    }

    @Test("the OpenAPI document names exactly the routes the server answers")
    func openAPIComplete() async throws {
        try await TestApp.run { (env, client) async throws in
            let doc = try await client.call(.get, "/openapi.json")
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
            let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0) \(path)" } })
            let registered = Set(env.routes.all.map { "\($0.method) \($0.path)" })
            #expect(documented == registered, "missing: \(registered.subtracting(documented)), extra: \(documented.subtracting(registered))")
            #expect(registered.count >= 19)
        }
    }

    @Test("the suite runs on the database CI asked for")
    func dialect() async throws {
        try await TestApp.run { (env, _) async throws in
            #expect(env.core.db.dialect == (TestDatabase.postgresURL == nil ? .sqlite : .postgres))
        }
    }

    @Test("an unknown route is a 404 problem")
    func unknownRoute() async throws {
        try await TestApp.run { (_, client) async throws in
            let token = try await client.login("admin")
            let a = try await client.call(.get, "/api/v1/nothing-here", token: token)
            #expect(a.status == 404)
            #expect(a.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(try await client.code(.get, "/api/v1/talents/abc", token: token) == 404)
        }
    }

    @Test("an upload streams to disk: one byte over 10 MB is a 413 with or without a Content-Length, a cut-off or malformed body a 400, and none leaves a file or a row")
    func uploadLimits() async throws {
        try await TestApp.run { (env, client) async throws in
            let talent = try await client.login("talent-a")
            let boundary = "yc-edge"
            func multipart(_ file: [UInt8], closed: Bool = true) -> [UInt8] {
                Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n".utf8) + file
                    + (closed ? Array("\r\n--\(boundary)--\r\n".utf8) : [])
            }
            func send(_ body: [UInt8], length: Bool = true, type: String = "multipart/form-data; boundary=\(boundary)") async throws -> Answer {
                var headers: HTTPFields = [.authorization: "Bearer \(talent)", .contentType: type]
                if length { headers[.contentLength] = String(body.count) }
                return try await client.execute(uri: "/api/v1/uploads", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { r in
                    Answer(status: Int(r.status.code), headers: r.headers, body: Data(buffer: r.body))
                }
            }
            let pdf = { (size: Int) in samplePDF + [UInt8](repeating: 0x20, count: size - samplePDF.count) }
            let limit = UploadStore.maxBytes
            let over = try await send(multipart(pdf(limit + 1)))
            #expect(over.status == 413, "\(over.text)")
            #expect(over.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(try await send(multipart(pdf(limit + 1)), length: false).status == 413)
            #expect(try await send(multipart(samplePDF, closed: false)).status == 400)
            #expect(try await send(Array("no parts at all".utf8)).status == 400)
            #expect(try await send(multipart(samplePDF), type: "multipart/form-data; boundary=\"\"").status == 415)
            let stored = try await env.core.db.read { try await $0.raw("SELECT count(*) AS n FROM uploads").first()!.decode(column: "n", as: Int.self) }
            #expect(stored == 0)
            let left = (try? FileManager.default.contentsOfDirectory(atPath: env.core.uploads.incoming)) ?? []
            #expect(left.isEmpty, "left in the incoming folder: \(left)")

            // Exactly the limit is taken, with its size and digest computed on the way.
            let full = pdf(limit)
            let taken = try await send(multipart(full))
            #expect(taken.status == 201, "\(taken.text)")
            #expect(taken["size"] as? Int == limit)
            #expect(taken["sha256"] as? String == SHA256.hash(data: full).map { String(format: "%02x", $0) }.joined())
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: env.core.uploads.incoming)) ?? []).isEmpty)
            let back = try await client.call(.get, "/api/v1/uploads/\(taken["uploadId"] as! String)", token: talent)
            #expect(back.status == 200 && back.body.count == limit)
        }
    }

    @Test("a body over its route's limit is 413 before it is read, signed in or not; bad text is a 422 naming its field and changes nothing")
    func limits() async throws {
        try await TestApp.run { (env, client) async throws in
            let big = String(repeating: "a", count: 17 * 1024 * 1024)
            let login = try await client.call(.post, "/api/v1/auth/login", raw: big, headers: ["Content-Length": String(big.utf8.count)])
            #expect(login.status == 413)
            #expect(login.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            // Without a Content-Length the body is cut off at the limit while it is read: also a 413.
            #expect(try await client.code(.post, "/api/v1/auth/login", raw: big) == 413)
            let dispatcher = try await client.login("dispatcher")
            #expect(try await client.code(.post, "/api/v1/work-orders", token: dispatcher, raw: big) == 413)
            #expect(try await client.code(.post, "/login", raw: big, headers: ["Content-Type": "application/x-www-form-urlencoded"]) == 413)

            let body: [String: Any] = ["channel": "phone", "category": "help", "title": "求助", "content": "来电求助", "districtCode": "500112",
                                       "contact": ["name": "来电人"]]
            var nul = body
            nul["title"] = "求\u{0}助"
            #expect(try await client.fields(.post, "/api/v1/work-orders", token: dispatcher, json: nul) == ["title"])
            // An Idempotency-Key is 1 to 255 characters, as the document says.
            #expect(try await client.fields(.post, "/api/v1/work-orders", token: dispatcher, json: body, headers: ["Idempotency-Key": String(repeating: "k", count: 256)])
                    == ["Idempotency-Key"])
            let order = try await client.call(.post, "/api/v1/work-orders", token: dispatcher, json: body)
            let id = try #require(order["id"] as? Int)
            let before = try await client.call(.get, "/api/v1/work-orders/\(id)", token: dispatcher)
            let long = String(repeating: "长", count: 100_000)
            #expect(try await client.fields(.post, "/api/v1/work-orders/\(id)/dispatch", token: dispatcher,
                                            json: ["leadOrg": "500112:HRSS", "note": long]) == ["note"])
            #expect(try await client.fields(.post, "/api/v1/work-orders/\(id)/dispatch", token: dispatcher,
                                            json: ["leadOrg": "500112:HRSS", "note": "转\u{1B}[31m办"]) == ["note"])
            let after = try await client.call(.get, "/api/v1/work-orders/\(id)", token: dispatcher)
            #expect(after["state"] as? String == before["state"] as? String)
            #expect((after["timeline"] as? [[String: Any]])?.count == (before["timeline"] as? [[String: Any]])?.count)
        }
    }

    @Test("a known path with a wrong method is a 405 that says which methods it takes, signed in or not")
    func wrongMethod() async throws {
        try await TestApp.run { (_, client) async throws in
            let token = try await client.login("admin")
            let list = try await client.call(.delete, "/api/v1/work-orders", token: token)
            #expect(list.status == 405)
            #expect(list.headers[.allow] == "GET, POST")
            #expect(list.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let one = try await client.call(.delete, "/api/v1/talents/7")
            #expect(one.status == 405)
            #expect(one.headers[.allow] == "GET, PATCH")
            #expect(try await client.call(.post, "/healthz").headers[.allow] == "GET")
            #expect(try await client.call(.put, "/login").headers[.allow] == "GET, POST")
            #expect(try await client.code(.delete, "/api/v1/nothing-here", token: token) == 404)
        }
    }
}
