import Foundation
import SQLKit
import HummingbirdTesting
import Organisations
import Testing
@testable import YingcaiCore

/// No full ID or phone number leaves the server except where it is asked for in full, on purpose and
/// audited (an order's personal data for its handlers; a talent's record revealed to an admin).
@Suite("Personal data: nothing out in full")
struct PersonalDataLeakTests {
    static let callerPhone = "13912345678"
    static let typedID = residentID("50010319880808123")
    static let typedPhone = "13587654321"
    static let notePhone = "13611112222"
    static let contactPhone = "13755556666"

    /// Every ID and phone number the demo and this test put in: those of the generated talents too.
    static func personalValues(_ core: Yingcai, talents: Int) async throws -> Set<String> {
        var values: Set<String> = [callerPhone, typedID, typedPhone, notePhone, contactPhone, "13800000000", "13700001111",
                                   DemoData.talentOneID, "13800235678", "510104199505120027", "13900231234"]
        let tree = try await core.orgs.tree()
        var generator = TalentGenerator(seed: 2026, districts: tree.districts(within: OrgCode("500000")!).map(\.rawValue), today: core.clock.today)
        for i in 0..<talents {
            let row = generator.row(i)
            values.insert(row[2])
            values.insert(row[3])
        }
        // The talent programme's applicants.
        for (i, a) in DemoProgramme.applicants(today: core.clock.today).enumerated() {
            values.insert(a.idNumber(sequence: i))
            values.insert(DemoProgramme.phone(sequence: i))
        }
        return values
    }

    @Test("every GET route of /openapi.json and the main pages, as each demo user, show no full ID or phone number; API answers are not stored")
    func everyRoute() async throws {
        try await TestApp.run(withUsers: false) { (env, client) async throws in
            try await DemoData.load(into: env.core, talents: 200, history: 60)
            let values = try await Self.personalValues(env.core, talents: 200)
            // An order whose form holds a phone, whose text holds an ID and a phone, with a contact phone,
            // and a note with a phone in it.
            let dispatcher = try await client.login("dispatcher", password: "demo-dispatcher")
            let filed = try await client.call(.post, "/api/v1/work-orders", token: dispatcher, json: [
                "channel": "phone", "category": "help", "title": "来电求助 \(Self.typedPhone)",
                "content": "来电人身份证号 \(Self.typedID)，电话 \(Self.typedPhone)", "districtCode": "500112",
                "contact": ["name": "赵女士", "phone": Self.contactPhone],
            ])
            #expect(filed.status == 201, "\(filed.text)")
            let orderId = filed["id"] as! Int
            try await client.act(orderId, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS", "note": "来电人另留电话 \(Self.notePhone)"])
            let talent1 = try await client.login("talent1", password: "demo-talent1")
            let applied = try await client.call(.post, "/api/v1/work-orders", token: talent1, json: [
                "channel": "web", "category": "service", "serviceItemCode": "YC-P-027", "title": "热线诉求", "content": "请回电",
                "form": ["requestCategory": "政策咨询", "summary": "我的电话 \(Self.callerPhone)", "contactPhone": Self.callerPhone],
            ])
            try #require(applied.status == 201, "\(applied.text)")
            let applicationId = applied["id"] as! Int
            for answer in [filed, applied] { Self.expectClean(answer.text, values, "the filing answer") }
            // An Open311 request with the caller's phone in its field and in its text.
            let admin = try await client.login("admin", password: "demo-admin")
            let key = try #require(try await client.call(.post, "/api/v1/open311/clients", token: admin, json: ["name": "leak walk"])["apiKey"] as? String)
            let o311 = try await client.call(.post, "/open311/v2/requests.json", raw: [
                "api_key=\(key)", "service_code=complaint", "attribute%5Bdistrict%5D=500112", "phone=\(Self.callerPhone)",
                "description=" + "请回电 \(Self.callerPhone)".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, "address_string=%E6%B8%9D%E5%8C%97",
            ].joined(separator: "&"), headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(o311.status == 201, "\(o311.text)")
            Self.expectClean(o311.text, values, "the Open311 receipt")
            let o311Id = try await env.core.db.read { db in
                try await db.raw("SELECT order_id, token FROM open311_requests").first().map {
                    (try $0.decode(column: "order_id", as: Int.self), try $0.decode(column: "token", as: String.self))
                }
            }!

            let document = try await client.call(.get, "/openapi.json")
            let paths = (document["paths"] as? [String: [String: Any]]) ?? [:]
            let talentId = try await env.core.db.read { db in
                try await db.raw("SELECT id FROM talents WHERE user_id IS NOT NULL ORDER BY id LIMIT 1").first()!.decode(column: "id", as: Int.self)
            }
            let project = try await env.core.db.read { db in
                try await db.raw("SELECT application_id FROM programme_projects ORDER BY application_id LIMIT 1").first()!.decode(column: "application_id", as: Int.self)
            }
            let talentOnesProject = try await env.core.db.read { db in
                try await db.raw("""
                    SELECT pr.application_id FROM programme_projects pr JOIN talents t ON t.id = pr.holder_talent_id JOIN users u ON u.id = t.user_id
                    WHERE u.username = 'talent1'
                    """).first()!.decode(column: "application_id", as: Int.self)
            }
            let year = env.core.clock.today.year
            let fill: [String: String] = ["{id}": "\(talentId)", "{code}": "500112", "{tab}": "sign", "{name}": "app.css", "{year}": "\(year)",
                                          "{serviceCode}": "complaint.xml", "{serviceRequestId}": "\(o311Id.0).xml", "{token}": "\(o311Id.1).json"]
            // Asked for in full on purpose, and audited: not part of the walk.
            let disclosure = ["/api/v1/work-orders/{id}/personal-data"]
            var walked = 0
            for user in ["admin", "dispatcher", "handler-yubei-hrss", "supervisor", "leader", "butler", "talent1", "verifier"] {
                let token = try await client.login(user, password: "demo-\(user)")
                for (path, methods) in paths.sorted(by: { $0.key < $1.key }) where methods["get"] != nil && !disclosure.contains(path) {
                    var uri = path
                    if path.hasPrefix("/api/v1/work-orders/{id}") { uri = uri.replacingOccurrences(of: "{id}", with: "\(applicationId)") }
                    if path.hasPrefix("/api/v1/service-items/") { uri = uri.replacingOccurrences(of: "{code}", with: "YC-P-027") }
                    if path.hasPrefix("/api/v1/policies/") { uri = uri.replacingOccurrences(of: "{code}", with: "AJBT-2026") }
                    if path.hasPrefix("/api/v1/programme/") { uri = uri.replacingOccurrences(of: "{id}", with: "\(project)") }
                    if path.hasSuffix("/materials/{code}") { continue }  // a file, not data
                    for (name, value) in fill { uri = uri.replacingOccurrences(of: name, with: value) }
                    #expect(!uri.contains("{"), "no value for a parameter of \(path): add one to the walk")
                    if path == "/api/v1/uploads/{id}" { continue }  // a file, not data
                    let answer = try await client.call(.get, uri, token: token)
                    walked += 1
                    Self.expectClean(answer.text, values, "\(user) GET \(uri)")
                    if path.hasPrefix("/api/") {
                        #expect(answer.headers[.cacheControl] == "no-store", "\(user) GET \(uri): \(answer.headers[.cacheControl] ?? "no Cache-Control")")
                    }
                }
                // The lists of orders, page after page.
                for uri in ["/api/v1/work-orders?limit=500", "/api/v1/work-orders/\(orderId)"] {
                    Self.expectClean(try await client.call(.get, uri, token: token).text, values, "\(user) GET \(uri)")
                }
            }
            #expect(walked > 200)
            // The pages of each role.
            for (user, pages) in [("talent1", ["/portal", "/orders", "/orders/\(applicationId)"]),
                                  ("handler-yubei-hrss", ["/workbench", "/workbench?tab=sign", "/orders/\(orderId)"]),
                                  ("dispatcher", ["/workbench", "/workbench?tab=dispatch", "/orders/\(orderId)", "/orders/\(applicationId)", "/intake"]),
                                  ("admin", ["/admin/talents", "/admin/talents/\(talentId)", "/payouts", "/dashboard"]),
                                  ("butler", ["/admin/talents", "/workbench?tab=talents"]),
                                  ("talent1", ["/programme", "/programme/projects/\(talentOnesProject)", "/programme/applications/\(talentOnesProject)"]),
                                  ("admin", ["/programme/office?state=all", "/programme/calls/\(year)", "/programme/calls/\(year)/assignment",
                                             "/programme/calls/\(year - 1)/ranking", "/programme/reviewers", "/programme/projects",
                                             "/programme/applications/\(project)", "/programme/notice"]),
                                  ("reviewer", ["/programme/review"])] {
                let cookie = try await client.pageLogin(user, password: "demo-\(user)")
                for page in pages {
                    let answer = try await client.page(page, cookie: cookie)
                    #expect(answer.status == 200, "\(user) \(page): \(answer.status)")
                    Self.expectClean(answer.text, values, "\(user) page \(page)")
                }
            }
            // Those who handle the order see it in full, on purpose; the reveal is audited.
            let hrss = try await client.login("handler-yubei-hrss", password: "demo-handler-yubei-hrss")
            let full = try await client.call(.get, "/api/v1/work-orders/\(orderId)/personal-data", token: hrss)
            #expect(full["contactPhone"] as? String == Self.contactPhone)
            #expect((full["values"] as? [String: String])?["content"]?.contains(Self.typedID) == true)
            #expect(full.headers[.cacheControl] == "no-store")
            let leader = try await client.login("leader", password: "demo-leader")
            #expect(try await client.code(.get, "/api/v1/work-orders/\(orderId)/personal-data", token: leader) == 403)
            let audited = try await env.core.db.read { db in
                try await db.raw("SELECT count(*) AS n FROM audit_log WHERE action = 'work_order.personal_data'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(audited == 1)
            // Nor is anything stored in full: the order's row and its events hold masked numbers only.
            let stored = try await env.core.db.read { db in
                try await db.raw("SELECT form, title, content FROM work_orders").all().map {
                    try $0.decode(column: "form", as: String.self) + (try $0.decode(column: "title", as: String.self)) + (try $0.decode(column: "content", as: String.self))
                } + db.raw("SELECT note FROM work_order_events WHERE note IS NOT NULL").all().map { try $0.decode(column: "note", as: String.self) }
            }.joined(separator: "\n")
            Self.expectClean(stored, values, "the database's orders and events")
        }
    }

    @Test("orders filed before their personal data was sealed are sealed at the next start, once; a handler still sees it in full")
    func backfill() async throws {
        try await TestApp.run { (env, client) async throws in
            let talent = try await client.certifiedTalent()
            let filed = try await client.call(.post, "/api/v1/work-orders", token: talent.token, json: [
                "channel": "web", "category": "service", "serviceItemCode": "YC-P-027", "title": "热线诉求", "content": "电话 \(Self.typedPhone)",
                "form": ["requestCategory": "政策咨询", "summary": "请回电", "contactPhone": Self.callerPhone],
            ])
            try #require(filed.status == 201, "\(filed.text)")
            let id = filed["id"] as! Int
            // As an order of an earlier version stood: everything in the clear, nothing sealed.
            try await env.core.db.transaction { db in
                try await db.raw("""
                    UPDATE work_orders SET form = \(bind: "{\"contactPhone\":\"\(Self.callerPhone)\",\"requestCategory\":\"政策咨询\",\"summary\":\"请回电\"}"),
                        content = \(bind: "电话 \(Self.typedPhone)"), personal_sealed = NULL WHERE id = \(bind: id)
                    """).run()
                try await db.raw("DELETE FROM schema_migrations WHERE id = '014b-seal-personal-data'").run()
            }
            let values: Set<String> = [Self.callerPhone, Self.typedPhone]
            #expect(try await client.call(.get, "/api/v1/work-orders/\(id)", token: talent.token).text.contains(Self.callerPhone))
            try await env.core.prepare()
            Self.expectClean(try await client.call(.get, "/api/v1/work-orders/\(id)", token: talent.token).text, values, "after the backfill")
            let lead = try await client.login(try await leadUser(env, id))
            let full = try await client.call(.get, "/api/v1/work-orders/\(id)/personal-data", token: lead)
            #expect((full["values"] as? [String: String]) == ["form.contactPhone": Self.callerPhone, "content": "电话 \(Self.typedPhone)"])
            // Done once: a second start finds the step recorded and reads nothing.
            let recorded = try await env.core.db.read { db in
                try await db.raw("SELECT count(*) AS n FROM schema_migrations WHERE id = '014b-seal-personal-data'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(recorded == 1)
        }
    }

    /// A test user of the order's lead organisation.
    func leadUser(_ env: TestApp, _ id: Int) async throws -> String {
        let lead = try await env.core.db.read { db in
            try await db.raw("SELECT lead_org FROM work_orders WHERE id = \(bind: id)").first()!.decode(column: "lead_org", as: String.self)
        }
        return try #require(TestApp.users.first { $0.2 == lead }?.0, "no test user at \(lead)")
    }

    static func expectClean(_ text: String, _ values: Set<String>, _ where_: String) {
        // Values are whole numbers; look at the digit runs of the text (with X for ID numbers).
        var runs: [String] = []
        var current = ""
        for c in text {
            if c.isASCII && (c.isNumber || ((c == "X" || c == "x") && current.count == 17)) {
                current.append(c == "x" ? "X" : c)
            } else {
                if !current.isEmpty { runs.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { runs.append(current) }
        let leaked = runs.filter(values.contains)
        #expect(leaked.isEmpty, "\(where_) shows \(leaked.prefix(3)) in full")
    }
}
