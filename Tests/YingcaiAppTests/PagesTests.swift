import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import YingcaiApp
import YingcaiCore

extension TestClientProtocol {
    /// Signs in through the login form; returns the session cookie header value.
    func pageLogin(_ username: String, password: String? = nil) async throws -> String {
        let page = try await call(.get, "/login")
        let pre = try #require(TestClientProtocolHelpers.cookie("yc_pre", page))
        let csrf = try #require(TestClientProtocolHelpers.hidden("_csrf", page.text))
        let answer = try await form(.post, "/login", ["_csrf": csrf, "username": username, "password": password ?? "password-\(username)"],
                                    cookie: "yc_pre=\(pre)")
        try #require(answer.status == 303, "login \(username): \(answer.status)")
        return "yc_session=" + (try #require(TestClientProtocolHelpers.cookie("yc_session", answer)))
    }

    func form(_ method: HTTPRequest.Method, _ uri: String, _ fields: [String: String], cookie: String?) async throws -> Answer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        var headers = ["Content-Type": "application/x-www-form-urlencoded"]
        if let cookie { headers["Cookie"] = cookie }
        return try await execute(uri: uri, method: method, headers: HTTPFields(headers.map { HTTPField(name: HTTPField.Name($0.key)!, value: $0.value) }),
                                 body: ByteBuffer(string: body)) { r in
            Answer(status: Int(r.status.code), headers: r.headers, body: Data(buffer: r.body))
        }
    }

    func page(_ uri: String, cookie: String) async throws -> Answer {
        try await call(.get, uri, headers: ["Cookie": cookie])
    }
}

@Suite("Web pages")
struct PagesTests {
    @Test("sign-in sets an HttpOnly, SameSite session cookie; a form without its CSRF token is refused; the next page stays on this site")
    func session() async throws {
        try await TestApp.run { (env, client) async throws in
            #expect(try await client.call(.get, "/portal").headers[.location]?.hasPrefix("/login?next=") == true)
            let page = try await client.call(.get, "/login")
            let set = page.headers[values: .setCookie].first { $0.hasPrefix("yc_pre=") } ?? ""
            #expect(set.contains("HttpOnly") && set.contains("SameSite=Strict"))
            // Without the pre-session cookie the login form is refused.
            let csrf = try #require(TestClientProtocolHelpers.hidden("_csrf", page.text))
            let refused = try await client.form(.post, "/login", ["_csrf": csrf, "username": "admin", "password": "password-admin"], cookie: nil)
            #expect(refused.status == 200 && refused.text.contains("表单已过期"))
            let wrong = try await client.form(.post, "/login", ["_csrf": csrf, "username": "admin", "password": "nope"],
                                              cookie: "yc_pre=\(TestClientProtocolHelpers.cookie("yc_pre", page)!)")
            #expect(wrong.status == 401 && wrong.text.contains("用户名或密码错误"))

            let fresh = try await client.call(.get, "/login")
            let signedIn = try await client.form(.post, "/login", ["_csrf": TestClientProtocolHelpers.hidden("_csrf", fresh.text)!, "username": "admin",
                                                                    "password": "password-admin", "next": "//evil.example/x"],
                                                 cookie: "yc_pre=\(TestClientProtocolHelpers.cookie("yc_pre", fresh)!)")
            #expect(signedIn.status == 303 && signedIn.headers[.location] == "/workbench")
            let session = signedIn.headers[values: .setCookie].first { $0.hasPrefix("yc_session=") } ?? ""
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Path=/"))

            let cookie = try await client.pageLogin("admin")
            #expect(try await client.form(.post, "/logout", [:], cookie: cookie).status == 403)
            let policies = try await client.page("/admin/policies", cookie: cookie)
            #expect(policies.status == 200 && policies.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            let token = try #require(TestClientProtocolHelpers.hidden("_csrf", policies.text))
            #expect(try await client.form(.post, "/logout", ["_csrf": token], cookie: cookie).status == 303)
            #expect(try await client.page("/admin/policies", cookie: cookie).status == 303)
        }
    }

    @Test("pages follow visibility: another talent's order is 404; staff-only pages refuse talents; personal data is masked")
    func visibility() async throws {
        try await TestApp.run { (env, client) async throws in
            let (token, _) = try await certifiedTalent(client, tier: "C", env: env)
            let order = try await client.call(.post, "/api/v1/work-orders", token: token,
                                              json: ["channel": "web", "category": "inquiry", "title": "申请", "content": "内容"])
            try #require(order.status == 201, "\(order.text)")
            let id = order["id"] as! Int
            let mine = try await client.pageLogin("talent-a")
            let page = try await client.page("/orders/\(id)", cookie: mine)
            #expect(page.status == 200 && page.text.contains("申请") && page.text.contains("withdraw"))
            #expect(try await client.page("/portal", cookie: mine).text.contains("YC20"))

            _ = try await client.call(.post, "/api/v1/talents", token: try await client.login("talent-b"),
                                      json: talentBody(name: "王五", id: residentID("50010319900101123"), district: "500103", phone: "13912345678"))
            let other = try await client.pageLogin("talent-b")
            #expect(try await client.page("/orders/\(id)", cookie: other).status == 404)
            #expect(try await client.page("/admin/policies", cookie: other).status == 403)
            #expect(try await client.page("/intake", cookie: other).status == 403)

            let dispatcher = try await client.pageLogin("dispatcher")
            let form = try await client.page("/intake", cookie: dispatcher)
            let intake = try await client.form(.post, "/intake/lookup", ["_csrf": TestClientProtocolHelpers.hidden("_csrf", form.text)!, "phone": "13812345678"],
                                               cookie: dispatcher)
            #expect(intake.status == 200 && intake.text.contains("王五") == false && intake.text.contains("张三"))
            // The record found is shown masked; the full number stands only in the field the dispatcher typed it into.
            let found = intake.text.range(of: "id=\"found-talent\">").map { String(intake.text[$0.upperBound...].prefix { $0 != "<" }) } ?? ""
            #expect(found.contains("138****5678") && !found.contains("13812345678"), "\(found)")
            #expect(intake.text.components(separatedBy: "13812345678").count - 1 == 2)  // the lookup field and the contact field
            #expect(!intake.text.contains("50011219880808123"))
        }
    }

    @Test("an application form sent twice (a double click) files one order and stores its file once")
    func applicationSentTwice() async throws {
        try await TestApp.run { (env, client) async throws in
            _ = try await client.certifiedTalent()
            let cookie = try await client.pageLogin("talent-a")
            let item = try await client.page("/catalog/YC-P-028", cookie: cookie)
            #expect(item.status == 200)
            let csrf = try #require(TestClientProtocolHelpers.hidden("_csrf", item.text))
            let once = try #require(TestClientProtocolHelpers.hidden("_once", item.text))
            let boundary = "yc-page-boundary"
            var body: [UInt8] = []
            for (name, value) in [("_csrf", csrf), ("_once", once), ("title", "拖欠工资"), ("content", "单位拖欠三个月工资"),
                                  ("form.disputeType", "拖欠工资"), ("form.employerName", "某科技公司"), ("form.summary", "拖欠工资三个月")] {
                body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            }
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"material.ID_DOC\"; filename=\"id.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
            body += samplePDF + Array("\r\n--\(boundary)--\r\n".utf8)
            var locations: [String] = []
            for _ in 0..<2 {
                let headers: HTTPFields = [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)", .contentLength: String(body.count)]
                let answer = try await client.execute(uri: "/catalog/YC-P-028/apply", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { r in
                    Answer(status: Int(r.status.code), headers: r.headers, body: Data(buffer: r.body))
                }
                #expect(answer.status == 303, "\(answer.text)")
                locations.append(answer.headers[.location] ?? "")
            }
            #expect(locations[0].hasPrefix("/orders/") && locations[0] == locations[1])
            let (orders, uploads) = try await env.core.db.read { sql in
                (try await sql.raw("SELECT count(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self),
                 try await sql.raw("SELECT count(*) AS n FROM uploads").first()!.decode(column: "n", as: Int.self))
            }
            #expect(orders == 1)
            #expect(uploads == 1)
        }
    }

    @Test("the language switch turns the pages into English")
    func english() async throws {
        try await TestApp.run { (env, client) async throws in
            let cookie = try await client.pageLogin("leader")
            let switched = try await client.call(.get, "/lang?to=en&back=/dashboard")
            #expect(switched.status == 303 && switched.headers[.location] == "/dashboard")
            let page = try await client.page("/dashboard", cookie: cookie + "; yc_lang=en")
            #expect(page.status == 200 && page.text.contains("<html lang=\"en\">") && page.text.contains("Sign out") && page.text.contains("On-time rate"))
            #expect(try await client.call(.get, "/lang?to=en&back=https://evil.example").headers[.location] == "/")
        }
    }
}

/// The cookie and hidden-field readers, callable without a client.
enum TestClientProtocolHelpers {
    static func cookie(_ name: String, _ answer: Answer) -> String? {
        for value in answer.headers[values: .setCookie] where value.hasPrefix(name + "=") {
            return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func hidden(_ name: String, _ html: String) -> String? {
        guard let r = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }
}
