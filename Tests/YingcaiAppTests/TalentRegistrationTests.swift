import Foundation
import SQLKit
import Testing

@Suite("Registering talents")
struct TalentRegistrationTests {
    @Test("a butler registers a talent of their district: 201, ID and phone masked")
    func register() async throws {
        try await TestApp.run { (_, client) async throws in
            let token = try await client.login("yubei-butler")
            let id = residentID("50011219880808123")
            let answer = try await client.call(.post, "/api/v1/talents", token: token, json: talentBody(id: id))
            #expect(answer.status == 201, "\(answer.text)")
            #expect(answer["idNumber"] as? String == "500112********" + id.suffix(4))
            #expect(answer["phone"] as? String == "138****5678")
            #expect(answer["gender"] as? String == "male")
            #expect(answer["tier"] is NSNull)
            #expect(!answer.text.contains(id))
            #expect(!answer.text.contains("13812345678"))
            let fetched = try await client.call(.get, "/api/v1/talents/\(answer["id"] as! Int)", token: token)
            #expect(fetched["name"] as? String == "张三")
            #expect(fetched["categories"] as? [String] == ["青年拔尖人才"])
        }
    }

    @Test("bad fields are answered 422 with every field and reason, and nothing is written")
    func validation() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("yubei-butler")
            var body = talentBody(id: "500112198808081230")  // wrong check character
            body["phone"] = "12345"
            body["districtCode"] = "999999"
            body["education"] = "幼儿园"
            body["arrivalDate"] = "2031-01-01"
            body["name"] = ""
            let answer = try await client.call(.post, "/api/v1/talents", token: token, json: body)
            #expect(answer.status == 422)
            #expect(Set(answer.fieldErrors) == ["idNumber", "phone", "districtCode", "education", "arrivalDate", "name"])
            let message = (answer.json["errors"] as? [[String: Any]])?.first { $0["field"] as? String == "idNumber" }?["message"] as? String
            #expect(message?.contains("校验位") == true)
            let count = try await env.core.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM talents").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 0)
        }
    }

    @Test("an impossible or future birth date in the ID number is refused", arguments: ["50011219880230123", "50011220991231123"])
    func badDates(first17: String) async throws {
        try await TestApp.run { (_, client) async throws in
            let token = try await client.login("yubei-butler")
            let answer = try await client.call(.post, "/api/v1/talents", token: token, json: talentBody(id: residentID(first17)))
            #expect(answer.status == 422)
            #expect(answer.fieldErrors == ["idNumber"])
        }
    }

    @Test("malformed JSON and wrong types are 400, never 500")
    func malformed() async throws {
        try await TestApp.run { (_, client) async throws in
            let token = try await client.login("yubei-butler")
            #expect(try await client.code(.post, "/api/v1/talents", token: token, raw: "{not json") == 400)
            #expect(try await client.code(.post, "/api/v1/talents", token: token, raw: "") == 400)
            let wrongType = try await client.call(.post, "/api/v1/talents", token: token, raw: #"{"name": 42}"#)
            #expect(wrongType.status == 400)
            #expect(wrongType.fieldErrors == ["name"])
            #expect(try await client.code(.post, "/api/v1/talents", token: token, raw: "[]") == 400)
        }
    }

    @Test("the same ID number cannot be registered twice (409), whatever its spelling")
    func duplicates() async throws {
        try await TestApp.run { (_, client) async throws in
            let token = try await client.login("admin")
            let id = residentID("11010519491231002")
            #expect(try await client.code(.post, "/api/v1/talents", token: token, json: talentBody(id: id)) == 201)
            let again = try await client.call(.post, "/api/v1/talents", token: token, json: talentBody(name: "李四", id: id.lowercased(), district: "500103"))
            #expect(again.status == 409)
        }
    }

    @Test("an ID number names one talent in the whole city: of concurrent registrations one is 201; a correction frees the old number and takes the new")
    func idNumberIsTheCitysKey() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("admin")
            let x = residentID("50011219850505111"), y = residentID("50010319850505222"), z = residentID("50010319850505333")
            let districts = ["500112", "500103", "500112", "500103", "500112", "500103"]
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for (i, district) in districts.enumerated() {
                    group.addTask { try await client.code(.post, "/api/v1/talents", token: token, json: talentBody(name: "同号\(i)", id: x, district: district)) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.sorted() == [201, 409, 409, 409, 409, 409])
            func count(_ table: String) async throws -> Int {
                try await env.core.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self) }
            }
            #expect(try await count("talents") == 1)
            #expect(try await count("talent_id_numbers") == 1)
            let a = try #require(try await client.list(.get, "/api/v1/talents", token: token).first?["id"] as? Int)
            #expect(try await client.code(.post, "/api/v1/talents", token: token, json: talentBody(name: "乙", id: y, district: "500103")) == 201)
            // Corrected to a number another talent holds: refused, and nothing changes.
            #expect(try await client.code(.patch, "/api/v1/talents/\(a)", token: token, json: ["idNumber": y]) == 409)
            #expect(try await client.code(.post, "/api/v1/talents", token: token, json: talentBody(name: "丙", id: x)) == 409)
            // Corrected to a free number: the old one is free, the new one taken.
            #expect(try await client.code(.patch, "/api/v1/talents/\(a)", token: token, json: ["idNumber": z]) == 200)
            #expect(try await client.code(.post, "/api/v1/talents", token: token, json: talentBody(name: "丙", id: x)) == 201)
            #expect(try await client.code(.post, "/api/v1/talents", token: token, json: talentBody(name: "丁", id: z)) == 409)
            #expect(try await count("talents") == 3)
            #expect(try await count("talent_id_numbers") == 3)
        }
    }

    @Test("a passport holder needs a nationality; the passport is masked too")
    func passport() async throws {
        try await TestApp.run { (_, client) async throws in
            let token = try await client.login("admin")
            var body = talentBody(name: "John Smith", id: "E12345678")
            body["idType"] = "passport"
            let missing = try await client.call(.post, "/api/v1/talents", token: token, json: body)
            #expect(missing.status == 422)
            #expect(missing.fieldErrors == ["nationality"])
            body["nationality"] = "GBR"
            let ok = try await client.call(.post, "/api/v1/talents", token: token, json: body)
            #expect(ok.status == 201)
            #expect(ok["idNumber"] as? String == "E1*****78")
        }
    }

    @Test("a retried create with the same Idempotency-Key returns the first answer and creates nothing; another body is 422")
    func idempotency() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("yubei-butler")
            let body = talentBody()
            let first = try await client.call(.post, "/api/v1/talents", token: token, json: body, headers: ["Idempotency-Key": "k-1"])
            let second = try await client.call(.post, "/api/v1/talents", token: token, json: body, headers: ["Idempotency-Key": "k-1"])
            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(second["id"] as? Int == first["id"] as? Int)
            #expect(second.headers[.init("Idempotent-Replayed")!] == "true")
            let changed = try await client.call(.post, "/api/v1/talents", token: token, json: talentBody(name: "王五"), headers: ["Idempotency-Key": "k-1"])
            #expect(changed.status == 422)
            let count = try await env.core.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM talents").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 1)
            // After the 24-hour window the key is forgotten: the same body is a new request (and here a duplicate).
            env.clock.advance(seconds: 24 * 3600 + 1)
            let fresh = try await client.login("yubei-butler")
            #expect(try await client.code(.post, "/api/v1/talents", token: fresh, json: body, headers: ["Idempotency-Key": "k-1"]) == 409)
        }
    }

    @Test("concurrent retries with one key create one record")
    func concurrentRetries() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("admin")
            let body = String(decoding: try JSONSerialization.data(withJSONObject: talentBody(id: residentID("50010319900101123"), district: "500103")), as: UTF8.self)
            let statuses = try await withThrowingTaskGroup(of: (Int, Int?).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let a = try await client.call(.post, "/api/v1/talents", token: token, raw: body, headers: ["Idempotency-Key": "same"])
                        return (a.status, a["id"] as? Int)
                    }
                }
                return try await group.reduce(into: [(Int, Int?)]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0.0 == 201 })
            #expect(Set(statuses.map(\.1)).count == 1)
            let count = try await env.core.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM talents").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 1)
        }
    }

    @Test("ID and phone numbers are encrypted at rest: no column holds them in clear")
    func encryptedAtRest() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("admin")
            let id = residentID("50011219770707456")
            _ = try await client.call(.post, "/api/v1/talents", token: token, json: talentBody(id: id, phone: "13987654321"))
            let row = try await env.core.db.read { db in try await db.raw("SELECT * FROM talents").first()! }
            for column in row.allColumns {
                if let text = try? row.decode(column: column, as: String?.self) {
                    #expect(!text.contains(id) && !text.contains("13987654321"), "column \(column)")
                }
                if let bytes = try? row.decode(column: column, as: Data?.self) {
                    let s = String(decoding: bytes, as: UTF8.self)
                    #expect(!s.contains(id) && !s.contains("13987654321") && !s.contains("7707"), "column \(column)")
                }
            }
        }
    }

    @Test("an admin may reveal the full numbers, which is written to the audit log; others get 403")
    func reveal() async throws {
        try await TestApp.run { (env, client) async throws in
            let admin = try await client.login("admin")
            let id = residentID("50011219880808123")
            let created = try await client.call(.post, "/api/v1/talents", token: admin, json: talentBody(id: id))
            let talentId = created["id"] as! Int
            let revealed = try await client.call(.get, "/api/v1/talents/\(talentId)?reveal=true", token: admin)
            #expect(revealed["idNumber"] as? String == id)
            #expect(revealed["phone"] as? String == "13812345678")
            let audit = try await env.core.db.read { db in
                try await db.raw("SELECT action, subject_id, detail FROM audit_log WHERE action = 'talent.reveal'").all()
            }
            #expect(audit.count == 1)
            #expect(try audit[0].decode(column: "subject_id", as: String.self) == String(talentId))
            let butler = try await client.login("yubei-butler")
            #expect(try await client.code(.get, "/api/v1/talents/\(talentId)?reveal=true", token: butler) == 403)
        }
    }

    @Test("no log line holds an ID number, a phone number or a searched-for value")
    func logsHaveNoPersonalData() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("admin")
            let id = residentID("50011219660606789")
            _ = try await client.call(.post, "/api/v1/talents", token: token, json: talentBody(id: id, phone: "13611112222"))
            _ = try await client.call(.get, "/api/v1/talents?q=\(id)", token: token)
            _ = try await client.call(.get, "/api/v1/talents?q=13611112222", token: token)
            _ = try await client.call(.post, "/api/v1/talents", token: token, json: talentBody(id: id, phone: "13611112222"))
            let lines = env.logs.all
            #expect(lines.contains { $0.contains("/api/v1/talents") }, "the request log is written")
            for line in lines {
                #expect(!line.contains(id) && !line.contains("13611112222") && !line.contains("19660606"), "\(line)")
            }
        }
    }
}
