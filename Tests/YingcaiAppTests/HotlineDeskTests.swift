import Foundation
import Testing
import Organisations
import YingcaiCore

@Suite("The hotline desk: lines, the call log, orders from calls, figures")
struct HotlineDeskTests {
    @Test("calls on both lines end every way; the figures agree with a recount; an order from a call carries its line, once however often it is sent")
    func callLog() async throws {
        try await TestApp.run { (env, client) async throws in
            let admin = try await client.login("admin")
            let dispatcher = try await client.login("dispatcher")
            let lines = try await client.list(.get, "/api/v1/hotline/lines", token: dispatcher)
            #expect(Set(lines.compactMap { $0["code"] as? String }) == ["12345", "12351"])
            // A registered talent calls: found by the number, which comes back masked.
            let talent = try await client.call(.post, "/api/v1/talents", token: admin, json: talentBody(phone: "13812345678"))
            try #require(talent.status == 201, "\(talent.text)")
            let known = try await client.call(.post, "/api/v1/calls", token: dispatcher,
                                              json: ["line": "12345", "callerPhone": "13812345678", "question": "人才公寓怎么申请"])
            try #require(known.status == 201, "\(known.text)")
            #expect(known["talentId"] as? Int == talent["id"] as? Int)
            #expect(known["callerPhone"] as? String == "138****5678")
            #expect(!known.text.contains("13812345678"))
            #expect(known["outcome"] as? String == "open")
            #expect(try await client.fields(.post, "/api/v1/calls", token: dispatcher, json: ["line": "99999"]) == ["line"])
            #expect(try await client.fields(.post, "/api/v1/calls", token: dispatcher, json: ["line": "12345", "callerPhone": "12"]) == ["callerPhone"])
            #expect(try await client.code(.post, "/api/v1/calls", token: try await client.login("city-handler"), json: ["line": "12345"]) == 403)

            func newCall(_ line: String, _ question: String) async throws -> Int {
                let c = try await client.call(.post, "/api/v1/calls", token: dispatcher, json: ["line": line, "question": question, "callerPhone": "13900001111"])
                try #require(c.status == 201, "\(c.text)")
                return c["id"] as! Int
            }
            let answered = known["id"] as! Int
            #expect(try await client.code(.post, "/api/v1/calls/\(answered)/close", token: dispatcher, json: ["outcome": "answered", "durationSeconds": 180]) == 200)
            #expect(try await client.code(.post, "/api/v1/calls/\(answered)/close", token: dispatcher, json: ["outcome": "dropped"]) == 409)
            let dropped = try await newCall("12345", "")
            #expect(try await client.code(.post, "/api/v1/calls/\(dropped)/close", token: dispatcher, json: ["outcome": "dropped"]) == 200)
            let transferred = try await newCall("12351", "社保缴费基数")
            #expect(try await client.fields(.post, "/api/v1/calls/\(transferred)/close", token: dispatcher, json: ["outcome": "transferred"]) == ["transferredTo"])
            #expect(try await client.code(.post, "/api/v1/calls/\(transferred)/close", token: dispatcher,
                                          json: ["outcome": "transferred", "transferredTo": "12333 人社热线"]) == 200)
            // Numbers said on the phone and typed into the text are kept masked.
            let typed = try await client.call(.post, "/api/v1/calls", token: dispatcher,
                                              json: ["line": "12345", "question": "身份证 \(residentID("50011219900101123")) 手机 13712345678 咨询"])
            #expect(typed.status == 201 && !typed.text.contains("13712345678") && !typed.text.contains("5001121990010112"), "\(typed.text)")
            let stored = try await env.core.db.read { try await $0.raw("SELECT question FROM hotline_calls WHERE id = \(bind: typed["id"] as! Int)").first()!.decode(column: "question", as: String.self) }
            #expect(!stored.contains("13712345678"))
            #expect(try await client.code(.post, "/api/v1/calls/\(typed["id"] as! Int)/close", token: dispatcher, json: ["outcome": "dropped"]) == 200)
            _ = try await newCall("12345", "还在通话")

            // An order from a call: the caller's number and the question by default; sent twice with one key, one order.
            let ordered = try await newCall("12351", "单位拖欠工资，请求帮助")
            let orderBody: [String: Any] = ["order": ["category": "help", "districtCode": "500112", "contact": ["name": "李女士"]], "durationSeconds": 300]
            let filed = try await client.call(.post, "/api/v1/calls/\(ordered)/order", token: dispatcher, json: orderBody, headers: ["Idempotency-Key": "call-order-1"])
            try #require(filed.status == 201, "\(filed.text)")
            let again = try await client.call(.post, "/api/v1/calls/\(ordered)/order", token: dispatcher, json: orderBody, headers: ["Idempotency-Key": "call-order-1"])
            #expect(again.status == 201 && again["orderId"] as? Int == filed["orderId"] as? Int)
            #expect(try await client.code(.post, "/api/v1/calls/\(ordered)/order", token: dispatcher, json: orderBody) == 409)
            let order = try await client.call(.get, "/api/v1/work-orders/\(filed["orderId"] as! Int)", token: dispatcher)
            #expect(order["channel"] as? String == "phone")
            #expect(order["title"] as? String == "单位拖欠工资，请求帮助")
            #expect(!order.text.contains("13900001111"))
            let orders = try await env.core.db.read { try await $0.raw("SELECT count(*) AS n FROM work_orders WHERE line_code = '12351'").first()!.decode(column: "n", as: Int.self) }
            #expect(orders == 1)

            // The figures, and the same counted from the log itself.
            let figures = try await client.call(.get, "/api/v1/calls/figures", token: dispatcher)
            let total = try #require(figures["total"] as? [String: Any])
            #expect(total["calls"] as? Int == 6 && total["answered"] as? Int == 1 && total["orders"] as? Int == 1)
            #expect(total["transferred"] as? Int == 1 && total["dropped"] as? Int == 2 && total["open"] as? Int == 1)
            #expect(total["firstCallResolution"] as? Double == 0.333 && total["ordersPerCall"] as? Double == 0.167)
            let byLine = try #require(figures["byLine"] as? [String: [String: Any]])
            #expect(byLine["12345"]?["calls"] as? Int == 4 && byLine["12351"]?["calls"] as? Int == 2)
            #expect((figures["ordersByLine"] as? [String: Int])?["12351"] == 1)
            let log = try await client.list(.get, "/api/v1/calls?limit=500", token: dispatcher)
            for outcome in ["answered", "order", "transferred", "dropped", "open"] {
                let counted = log.filter { $0["outcome"] as? String == outcome }.count
                #expect(counted == total[outcome == "order" ? "orders" : outcome] as? Int, "\(outcome)")
                #expect(try await client.list(.get, "/api/v1/calls?outcome=\(outcome)", token: dispatcher).count == counted)
            }
            let only12351 = try await client.call(.get, "/api/v1/calls/figures?line=12351", token: admin)
            #expect((only12351["total"] as? [String: Any])?["calls"] as? Int == 2)

            // Only the desk and those above it see calls.
            #expect(try await client.code(.get, "/api/v1/calls/\(answered)", token: try await client.login("yubei-butler")) == 404)
            #expect(try await client.code(.get, "/api/v1/calls", token: try await client.login("talent-a")) == 403)
            #expect(try await client.code(.get, "/api/v1/calls/\(answered)", token: try await client.login("supervisor")) == 200)
            // The call's page: the dispatcher may act on an open call; a supervisor reads it without the forms.
            let open = log.first { $0["outcome"] as? String == "open" }!["id"] as! Int
            let deskPage = try await client.page("/intake/calls/\(open)", cookie: try await client.pageLogin("dispatcher"))
            #expect(deskPage.status == 200 && deskPage.text.contains("id=\"close-form\""))
            let readOnly = try await client.page("/intake/calls/\(open)", cookie: try await client.pageLogin("supervisor"))
            #expect(readOnly.status == 200 && !readOnly.text.contains("id=\"close-form\"") && !readOnly.text.contains("13900001111"))
        }
    }
}

@Suite("The knowledge base: versions, review, search in Chinese, synonyms, scope, expiry, gaps")
struct KnowledgeBaseTests {
    func article(_ client: some Any, _ title: String, _ body: String, category: String = "inquiry", items: [String] = [],
                 scope: String? = nil, expiresOn: String? = nil) -> [String: Any] {
        var a: [String: Any] = ["title": title, "body": body, "category": category, "items": items, "keywords": ["人才"]]
        if let scope { a["scope"] = scope }
        if let expiresOn { a["expiresOn"] = expiresOn }
        return a
    }

    @Test("written, reviewed by another editor, published; found by two-character words with the match marked; versions kept; synonyms, filters, scope and expiry")
    func articles() async throws {
        try await TestApp.run { (env, client) async throws in
            var editor = try await client.login("editor")
            let editor2 = try await client.login("editor2")
            var talent = try await client.login("talent-a"), dispatcher = try await client.login("dispatcher")
            func publish(_ body: [String: Any], by writer: String = editor) async throws -> Int {
                let created = try await client.call(.post, "/api/v1/kb/articles", token: writer, json: body)
                try #require(created.status == 201, "\(created.text)")
                let id = created["id"] as! Int
                #expect(try await client.code(.post, "/api/v1/kb/articles/\(id)/publish", token: editor) == 409)  // not reviewed
                #expect(try await client.code(.post, "/api/v1/kb/articles/\(id)/review", token: writer) == 409)   // not by its writer
                let reviewer = writer == editor ? editor2 : editor
                #expect(try await client.code(.post, "/api/v1/kb/articles/\(id)/review", token: reviewer) == 200)
                let published = try await client.call(.post, "/api/v1/kb/articles/\(id)/publish", token: writer)
                #expect(published["publishedVersion"] as? Int == (published["latest"] as? [String: Any])?["version"] as? Int)
                return id
            }
            let flat = try await publish(article(client, "人才公寓申请条件", "申请人才公寓需在本市就业，家庭在本市无住房。", items: ["YC-P-021"]))
            let settle = try await publish(article(client, "人才落户办理流程", "符合条件的人才可以办理落户，携带学历证书到派出所。", category: "service", items: ["YC-P-001"]))
            let draft = try await client.call(.post, "/api/v1/kb/articles", token: editor, json: article(client, "公寓补贴草稿", "尚未发布的公寓补贴"))
            #expect(draft.status == 201)
            #expect(try await client.fields(.post, "/api/v1/kb/articles", token: editor, json: article(client, "人才公寓申请条件", "重复的标题")) == ["title"])
            #expect(try await client.code(.post, "/api/v1/kb/articles", token: dispatcher, json: article(client, "受理员不能写", "正文")) == 403)

            func search(_ q: String, _ extra: String = "", as token: String? = nil) async throws -> [[String: Any]] {
                let escaped = q.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                return try await client.list(.get, "/api/v1/kb/search?q=\(escaped)\(extra)", token: token ?? dispatcher)
            }
            // Two characters find the article, with the words marked; a draft is never offered.
            let hits = try await search("公寓")
            #expect(hits.map { $0["id"] as? Int } == [flat])
            let marked = (hits.first?["titleSegments"] as? [[String: Any]] ?? []).filter { $0["match"] as? Bool == true }.compactMap { $0["text"] as? String }
            #expect(marked == ["公寓"])
            #expect(try await search("落户", as: talent).map { $0["id"] as? Int } == [settle])
            #expect(try await search("公寓", "&category=complaint").isEmpty)
            #expect(try await search("落户", "&item=YC-P-001").count == 1)
            #expect(try await search("落户", "&item=YC-P-021").isEmpty)
            // A synonym kept by the editors: 入户 finds the article that says 落户.
            #expect(try await search("入户").isEmpty)
            #expect(try await client.code(.put, "/api/v1/kb/synonyms", token: editor, json: ["groups": [["落户", "入户", "户口迁入"]]]) == 200)
            #expect(try await search("入户").map { $0["id"] as? Int } == [settle])
            #expect(try await client.code(.put, "/api/v1/kb/synonyms", token: talent, json: ["groups": [["a", "b"]]]) == 403)

            // Scope: a district's article is offered in that district (and unfiltered), not in another.
            let yubei = try await client.login("yubei-editor")
            #expect(try await client.fields(.post, "/api/v1/kb/articles", token: yubei, json: article(client, "渝北公寓", "渝北区人才公寓", scope: "500000")) == ["scope"])
            let created = try await client.call(.post, "/api/v1/kb/articles", token: yubei, json: article(client, "渝北区人才公寓选房", "渝北区人才公寓的选房安排", scope: "500112"))
            try #require(created.status == 201, "\(created.text)")
            let local = created["id"] as! Int
            #expect(try await client.code(.post, "/api/v1/kb/articles/\(local)/review", token: editor) == 404)  // another department's
            #expect(try await client.code(.post, "/api/v1/kb/articles/\(local)/review", token: try await client.login("admin")) == 200)  // a city admin may
            #expect(try await client.code(.post, "/api/v1/kb/articles/\(local)/publish", token: yubei) == 200)
            #expect(Set(try await search("公寓", "&districtCode=500112").compactMap { $0["id"] as? Int }) == [flat, local])
            #expect(try await search("公寓", "&districtCode=500103").compactMap { $0["id"] as? Int } == [flat])

            // A new version: the published one is offered until the new one is published; every version kept.
            var changed = article(client, "人才公寓申请条件（2027 年版）", "申请人才公寓需在本市就业满一年。", items: ["YC-P-021"])
            changed["expiresOn"] = env.core.clock.today.adding(days: 10).description
            #expect(try await client.code(.put, "/api/v1/kb/articles/\(flat)", token: editor2, json: changed) == 200)
            func title(_ id: Int) async throws -> String? { try await search("公寓").first { $0["id"] as? Int == id }?["title"] as? String }
            #expect(try await title(flat) == "人才公寓申请条件")
            #expect(try await client.code(.post, "/api/v1/kb/articles/\(flat)/review", token: editor) == 200)
            #expect(try await client.code(.post, "/api/v1/kb/articles/\(flat)/publish", token: editor) == 200)
            #expect(try await title(flat) == "人才公寓申请条件（2027 年版）")
            let versions = try await client.list(.get, "/api/v1/kb/articles/\(flat)/versions", token: editor)
            #expect(versions.map { $0["state"] as? String } == ["published", "expired"])
            #expect(try await client.code(.get, "/api/v1/kb/articles/\(flat)/versions", token: talent) == 404)
            #expect(try await client.code(.get, "/api/v1/kb/articles/\(draft["id"] as! Int)", token: talent) == 404)

            // Ratings: one per reader, changeable.
            #expect((try await client.call(.post, "/api/v1/kb/articles/\(flat)/rating", token: talent, json: ["helpful": true]))["helpful"] as? Int == 1)
            let rerated = try await client.call(.post, "/api/v1/kb/articles/\(flat)/rating", token: talent, json: ["helpful": false])
            #expect(rerated["helpful"] as? Int == 0 && rerated["unhelpful"] as? Int == 1)

            // Expiry: warned within 30 days, not offered once past, withdrawn by the background work.
            #expect(try await client.list(.get, "/api/v1/kb/warnings", token: editor).compactMap { $0["id"] as? Int } == [flat])
            #expect(try await client.list(.get, "/api/v1/kb/warnings", token: yubei).isEmpty)
            env.clock.advance(days: 11)
            (editor, talent, dispatcher) = (try await client.login("editor"), try await client.login("talent-a"), try await client.login("dispatcher"))
            let left = try await search("公寓").compactMap { $0["id"] as? Int }
            let shown = try await client.call(.get, "/api/v1/kb/articles/\(flat)", token: editor).text
            #expect(left == [local], "\(left) \(shown)")
            #expect(try await env.core.knowledge.expireDue() == 1)
            #expect(try await client.code(.get, "/api/v1/kb/articles/\(flat)", token: talent) == 404)
            let withdrawn = try await client.call(.get, "/api/v1/kb/articles/\(flat)", token: editor)
            #expect(withdrawn["publishedVersion"] == nil && (withdrawn["latest"] as? [String: Any])?["state"] as? String == "expired")
        }
    }

    @Test("an article with the words in its title comes first, even below one that repeats them in its body; one not yet in force is not offered; words in most titles leave the any-word search")
    func titlesFirst() async throws {
        try await TestApp.run { (env, client) async throws in
            let editor = try await client.login("editor"), editor2 = try await client.login("editor2")
            var dispatcher = try await client.login("dispatcher")
            func publish(_ title: String, _ body: String, effectiveOn: String? = nil) async throws -> Int {
                var a = article(client, title, body)
                if let effectiveOn { a["effectiveOn"] = effectiveOn }
                let created = try await client.call(.post, "/api/v1/kb/articles", token: editor, json: a)
                try #require(created.status == 201, "\(created.text)")
                let id = created["id"] as! Int
                #expect(try await client.code(.post, "/api/v1/kb/articles/\(id)/review", token: editor2) == 200)
                #expect(try await client.code(.post, "/api/v1/kb/articles/\(id)/publish", token: editor) == 200)
                return id
            }
            func search(_ q: String) async throws -> [Int] {
                let escaped = q.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                return try await client.list(.get, "/api/v1/kb/search?q=\(escaped)&limit=5", token: dispatcher).compactMap { $0["id"] as? Int }
            }
            let body = try await publish("人才服务说明", String(repeating: "档案转存档案转存，", count: 30))
            let titled = try await publish("档案转存办理流程", "到人才服务中心办理，带身份证。")
            let later = try await publish("档案转存新规", "明年起施行的档案转存办法。", effectiveOn: env.core.clock.today.adding(days: 3).description)
            #expect(try await search("档案转存") == [titled, body])
            // Any word: 档案 or 学历 — the titles' matches before the bodies', each ranked.
            #expect(try await search("档案 学历") == [titled, body])
            env.clock.advance(days: 3)
            dispatcher = try await client.login("dispatcher")
            #expect(Set(try await search("档案转存")) == [titled, later, body])

            // Counted on this index with no floor: a word in every title (人才 is in none but one) is common.
            let common = try await env.core.knowledge.refreshCommonTokens(minimumArticles: 0)
            #expect(common.texts.contains("档案") && common.texts.contains("转存"))
            #expect(!common.texts.contains("学历"))
            #expect(try await env.core.knowledge.refreshCommonTokens() == .none)
        }
    }

    @Test("an article used on a call is recorded with its version; a call answered without one is a knowledge gap until an editor deals with it")
    func gaps() async throws {
        try await TestApp.run { (_, client) async throws in
            let editor = try await client.login("editor"), editor2 = try await client.login("editor2"), dispatcher = try await client.login("dispatcher")
            let created = try await client.call(.post, "/api/v1/kb/articles", token: editor,
                                                json: ["title": "人才公寓申请条件", "body": "申请人才公寓需在本市就业。", "category": "inquiry"])
            let id = created["id"] as! Int
            _ = try await client.call(.post, "/api/v1/kb/articles/\(id)/review", token: editor2)
            #expect(try await client.code(.post, "/api/v1/kb/articles/\(id)/publish", token: editor) == 200)
            let withArticle = try await client.call(.post, "/api/v1/calls", token: dispatcher, json: ["line": "12345", "question": "人才公寓"])["id"] as! Int
            let used = try await client.call(.post, "/api/v1/calls/\(withArticle)/articles", token: dispatcher, json: ["articleId": id])
            #expect((used["articles"] as? [[String: Any]])?.first?["version"] as? Int == 1)
            #expect(try await client.fields(.post, "/api/v1/calls/\(withArticle)/articles", token: dispatcher, json: ["articleId": 999_999]) == ["articleId"])
            _ = try await client.call(.post, "/api/v1/calls/\(withArticle)/close", token: dispatcher, json: ["outcome": "answered"])
            let without = try await client.call(.post, "/api/v1/calls", token: dispatcher, json: ["line": "12345", "question": "博士后补贴怎么领"])["id"] as! Int
            _ = try await client.call(.post, "/api/v1/calls/\(without)/close", token: dispatcher, json: ["outcome": "answered"])
            let gaps = try await client.list(.get, "/api/v1/kb/gaps", token: editor)
            #expect(gaps.compactMap { $0["callId"] as? Int } == [without])
            #expect((try await client.call(.get, "/api/v1/calls/figures", token: dispatcher))["total"].flatMap { ($0 as? [String: Any])?["answeredFromKnowledgeBase"] as? Int } == 1)
            #expect(try await client.code(.get, "/api/v1/kb/gaps", token: dispatcher) == 403)
            #expect(try await client.code(.post, "/api/v1/kb/gaps/\(without)/close", token: editor, json: ["articleId": id]) == 204)
            #expect(try await client.list(.get, "/api/v1/kb/gaps", token: editor).isEmpty)
            #expect(try await client.code(.post, "/api/v1/kb/gaps/\(without)/close", token: editor, json: [String: Any]()) == 404)
            #expect(try await client.code(.post, "/api/v1/kb/gaps/\(without)/close", token: editor) == 400)  // the body is required, as documented
        }
    }

    @Test("kb import: CSV and JSON lines, each row by itself; a bad row is reported with its line and reason and the rest are published")
    func importFile() async throws {
        try await TestApp.run { (env, client) async throws in
            let dir = NSTemporaryDirectory() + "kb-import-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let csv = "\u{FEFF}title,body,category,keywords,items,scope,expiresOn,orgCode\r\n"
                + "人才落户办理流程,\"携带学历证书, 劳动合同到派出所办理落户\",service,落户|户口,YC-P-001,500000,,500000:PSB\r\n"
                + "没有类别,正文,unknown,,,,,\r\n"
                + "渝北区人才公寓,渝北区的人才公寓选房,inquiry,,,500112,2099-12-31,500112:HRSS\r\n"
            try csv.write(toFile: dir + "/a.csv", atomically: true, encoding: .utf8)
            let admin = Principal(userId: 0, username: "cli", roles: [.admin], org: OrgCode("500000:TALENT")!, talentId: nil)
            let report = try await KnowledgeImport.run(path: dir + "/a.csv", into: env.core.knowledge, by: admin) { _, _ in }
            #expect(report.imported == 2)
            #expect(report.errors.map(\.line) == [3] && report.errors.first?.message.hasPrefix("category") == true)
            let jsonl = #"{"title":"安家补贴申领","body":"新引进人才按层次申领安家补贴","category":"inquiry"}"# + "\nnot json\n"
            try jsonl.write(toFile: dir + "/b.jsonl", atomically: true, encoding: .utf8)
            let second = try await KnowledgeImport.run(path: dir + "/b.jsonl", into: env.core.knowledge, by: admin) { _, _ in }
            #expect(second.imported == 1 && second.errors.map(\.line) == [2])
            let talent = try await client.login("talent-a")
            #expect(try await client.list(.get, "/api/v1/kb/search?q=%E8%90%BD%E6%88%B7", token: talent).first?["title"] as? String == "人才落户办理流程")
            #expect(try await client.list(.get, "/api/v1/kb/search?q=%E5%AE%89%E5%AE%B6", token: talent).count == 1)
        }
    }
}
