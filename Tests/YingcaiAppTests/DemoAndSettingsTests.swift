import Foundation
import Logging
import Organisations
import PersonalData
import Testing
import YingcaiApp
import YingcaiCore

@Suite("Demo data, settings and the data key")
struct DemoAndSettingsTests {
    @Test("the demo loads the users of the API contract, talent1 (C, 500112) and talent2 (D, X-GX), and the generated talents")
    func demo() async throws {
        try await TestApp.run(withUsers: false) { (env, client) async throws in
            try await DemoData.load(into: env.core, talents: 300, history: 80)
            for user in DemoData.users {
                let token = try await client.login(user.username, password: "demo-\(user.username)")
                let me = try await client.call(.get, "/api/v1/me", token: token)
                #expect((me["user"] as? [String: Any])?["orgCode"] as? String == user.org)
                #expect((me["user"] as? [String: Any])?["roles"] as? [String] == user.roles.map(\.rawValue))
            }
            let t1 = try await client.call(.get, "/api/v1/me", token: try await client.login("talent1", password: "demo-talent1"))["talent"] as? [String: Any]
            #expect(t1?["tier"] as? String == "C")
            #expect(t1?["districtCode"] as? String == "500112")
            let t2 = try await client.call(.get, "/api/v1/me", token: try await client.login("talent2", password: "demo-talent2"))["talent"] as? [String: Any]
            #expect(t2?["tier"] as? String == "D")
            #expect(t2?["districtCode"] as? String == "X-GX")
            let count = try await env.core.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM talents").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 302 + 42, "300 generated, talent1 and talent2, and the programme's 42 applicants")
            let tiers = try await env.core.db.read { db in
                try await db.raw("SELECT DISTINCT tier FROM talents WHERE tier IS NOT NULL").all().map { try $0.decode(column: "tier", as: String.self) }
            }
            #expect(Set(tiers).isSuperset(of: ["B", "C", "D", "E"]))
            // Work orders driven through the rules: spread over months, channels and states, chains intact.
            let orders = try await env.core.db.read { db in
                try await db.raw("SELECT id, state, channel, received_on FROM work_orders").all().map {
                    (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "state", as: String.self),
                     try $0.decode(column: "channel", as: String.self), try $0.decode(column: "received_on", as: String.self))
                }
            }
            #expect(orders.count >= 70)
            #expect(Set(orders.map(\.1)).isSuperset(of: ["closed", "in_progress"]))
            #expect(Set(orders.map(\.2)).count >= 4)
            #expect(Set(orders.map { $0.3.prefix(7) }).count >= 5)
            let leader = try await client.login("leader", password: "demo-leader")
            for (id, _, _, _) in orders {
                #expect(try await client.call(.get, "/api/v1/work-orders/\(id)/verify", token: leader)["intact"] as? Bool == true)
            }
            let figures = try await client.call(.get, "/api/v1/metrics/work-orders?from=2020-01-01", token: leader)
            #expect(figures["total"] as? Int == orders.count)
        }
    }

    @Test("the demo leaves every demo user real work today: every workbench tab holds orders, every talent has requests and payouts")
    func demoWork() async throws {
        try await TestApp.run(withUsers: false) { (env, client) async throws in
            try await DemoData.load(into: env.core, talents: 300, history: 40)
            for user in ["admin", "dispatcher", "handler-yubei-hrss", "handler-city-psb", "supervisor", "butler"] {
                let token = try await client.login(user, password: "demo-\(user)")
                let tabs = try await client.call(.get, "/api/v1/workbench", token: token).items
                #expect(!tabs.isEmpty, "\(user) has no workbench")
                for tab in tabs {
                    let id = tab["id"] as! String
                    #expect((tab["count"] as? Int ?? 0) > 0, "\(user): the tab \(id) is empty")
                    let listed = try await client.list(.get, "/api/v1/workbench/\(id)", token: token)
                    #expect(listed.count == min(tab["count"] as? Int ?? 0, 50), "\(user): \(id)")
                }
            }
            for user in ["talent1", "talent2"] {
                let token = try await client.login(user, password: "demo-\(user)")
                #expect(!(try await client.list(.get, "/api/v1/work-orders", token: token)).isEmpty, "\(user) has no requests")
                let policies = try await client.call(.get, "/api/v1/me/policies", token: token)
                #expect(!((policies["eligible"] as? [Any]) ?? []).isEmpty, "\(user) is paid by no policy")
                #expect(!((policies["notEligible"] as? [Any]) ?? []).isEmpty, "\(user) misses no policy")
                #expect(try await client.call(.get, "/api/v1/me/code", token: token).status == 200)
            }
            // talent1 has a payout to confirm, a request to rate, a card; the talent office a payout to approve.
            let talent1 = try await client.login("talent1", password: "demo-talent1")
            let mine = try await client.call(.get, "/api/v1/me/policies", token: talent1)["eligible"] as? [[String: Any]] ?? []
            #expect(mine.contains { $0["payoutState"] as? String == "proposed" })
            let orders = try await client.list(.get, "/api/v1/work-orders?limit=100", token: talent1)
            #expect(orders.contains { ($0["availableActions"] as? [String] ?? []).contains("rate") || $0["state"] as? String == "resolved" })
            #expect(try await client.code(.get, "/api/v1/me/card", token: talent1) == 200)
            let admin = try await client.login("admin", password: "demo-admin")
            #expect(!(try await client.list(.get, "/api/v1/payouts?state=confirmed", token: admin)).isEmpty)
            // The verifier has checked talent1's code; talent1 sees where.
            #expect(!(try await client.list(.get, "/api/v1/me/verifications", token: talent1)).isEmpty)

            // 重庆英才计划: last year's call final and funded, this year's in review, next year's open.
            let year = Clockwork.system.today.year
            let calls = try await client.list(.get, "/api/v1/programme/calls", token: admin)
            #expect(calls.map { $0["state"] as? String } == ["open", "in_review", "final"], "\(calls)")
            #expect(try await client.call(.get, "/api/v1/programme/calls/\(year + 1)/eligibility?special=innovation_leader", token: talent1)["eligible"] as? Bool == true)
            let project = try await client.list(.get, "/api/v1/programme/projects", token: talent1).first
            #expect(project?["paidYuan"] as? Int == 250_000 && (project?["reports"] as? [Any])?.isEmpty == true, "talent1's mid-term report is due")
            let reviewer = try await client.login("reviewer", password: "demo-reviewer")
            let tasks = try await client.list(.get, "/api/v1/programme/me/reviews", token: reviewer)
            #expect(tasks.contains { $0["open"] as? Bool == true && $0["myScore"] == nil }, "the reviewer has nothing to score")
            let district = try await client.login("yubei-talent", password: "demo-yubei-talent")
            #expect(!(try await client.list(.get, "/api/v1/programme/applications?state=submitted", token: district)).isEmpty)
            #expect(!(try await client.list(.get, "/api/v1/programme/applications?state=recommended", token: admin)).isEmpty)
            // The hotline desk: a call on the line, about six calls per order; the editor's draft to review, expiring articles, gaps.
            let desk = try await client.login("dispatcher", password: "demo-dispatcher")
            #expect(try await client.list(.get, "/api/v1/calls?outcome=open", token: desk).count == 1)
            let deskFigures = try await client.call(.get, "/api/v1/calls/figures?from=\(env.core.clock.today.adding(days: -6))", token: desk)
            let deskCalls = (deskFigures["total"] as? [String: Any])?["calls"] as? Int ?? 0, ordersFromCalls = (deskFigures["total"] as? [String: Any])?["orders"] as? Int ?? 0
            #expect(deskCalls == 43 && ordersFromCalls == 7, "\(deskFigures.text)")
            let editor = try await client.login("editor", password: "demo-editor")
            #expect(try await client.list(.get, "/api/v1/kb/articles?state=draft", token: editor).count == 1)
            #expect(!(try await client.list(.get, "/api/v1/kb/warnings", token: editor)).isEmpty)
            #expect(!(try await client.list(.get, "/api/v1/kb/gaps", token: editor)).isEmpty)
            #expect(!(try await client.list(.get, "/api/v1/kb/search?q=%E5%85%AC%E5%AF%93", token: try await client.login("talent1", password: "demo-talent1"))).isEmpty)
            let conflicts = try await client.call(.get, "/api/v1/programme/calls/\(year)/assignment", token: admin)["conflicts"] as? [[String: Any]] ?? []
            #expect(conflicts.contains { $0["cause"] as? String == "declared_by_reviewer" } && conflicts.contains { $0["cause"] as? String == "same_employer" })
        }
    }

    @Test("payouts, the inbox, verifications, the reviewer pool and projects are paged like every list: each record once, in order, to the last page")
    func pagedLists() async throws {
        try await TestApp.run(withUsers: false) { (env, client) async throws in
            try await DemoData.load(into: env.core, talents: 300, history: 40)
            // Each record by its whole text (not every list has an id).
            func texts(_ items: [[String: Any]]) throws -> [String] {
                try items.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys), as: UTF8.self) }
            }
            for (user, path) in [("admin", "/api/v1/payouts"), ("talent1", "/api/v1/payouts"), ("handler-yubei-hrss", "/api/v1/me/notifications"),
                                 ("supervisor", "/api/v1/me/notifications"), ("talent1", "/api/v1/me/verifications"),
                                 ("admin", "/api/v1/programme/reviewers"), ("admin", "/api/v1/programme/projects")] {
                let token = try await client.login(user, password: "demo-\(user)")
                let all = try texts(try await client.list(.get, path + "?limit=500", token: token))
                #expect(all.count >= 2, "\(user) \(path)")
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let page = try await client.call(.get, path + "?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: token)
                    #expect(page.status == 200)
                    seen += try texts(page.items)
                    cursor = page["nextCursor"] as? String
                } while cursor != nil
                #expect(seen == all, "\(user) \(path)")
                #expect(try await client.fields(.get, path + "?cursor=zzz", token: token) == ["cursor"])
            }
        }
    }

    @Test("generated talents have valid, unique ID numbers for a million rows")
    func generatorUnique() {
        var generator = TalentGenerator(seed: 7, districts: ["500112", "X-GX"], today: Clockwork.system.today)
        var seen = Set<String>()
        for i in stride(from: 0, to: 1_000_000, by: 97) {
            let id = generator.row(i)[2]
            #expect(seen.insert(id).inserted)
        }
        var again = TalentGenerator(seed: 7, districts: ["500112", "X-GX"], today: Clockwork.system.today)
        #expect(again.row(0) == TalentGenerator(seed: 7, districts: ["500112", "X-GX"], today: Clockwork.system.today).rowCopy(0))
    }

    @Test("settings come from the environment, with defaults for a laptop; a value that is set but unusable is refused by name")
    func settings() throws {
        let defaults = try Settings.fromEnvironment([:])
        #expect(defaults.hostname == "127.0.0.1")
        #expect(defaults.port == 8080)
        #expect(defaults.databaseURL == nil)
        #expect(defaults.sqlitePath == "yingcai.sqlite")
        #expect(defaults.core.bcryptCost == 12)
        #expect(defaults.core.tokenLifetimeSeconds == 8 * 3600)
        let custom = try Settings.fromEnvironment(["DATABASE_URL": "postgres://u:p@db:5433/y", "YINGCAI_PORT": "9000",
                                               "YINGCAI_BCRYPT_COST": "10", "YINGCAI_TOKEN_HOURS": "2", "YINGCAI_SQLITE_PATH": "/data/y.sqlite"])
        #expect(custom.databaseURL == "postgres://u:p@db:5433/y")
        #expect(custom.port == 9000)
        #expect(custom.core.bcryptCost == 10)
        #expect(custom.core.tokenLifetimeSeconds == 7200)
        #expect(custom.sqlitePath == "/data/y.sqlite")
        #expect(try Settings.fromEnvironment(["YINGCAI_SESSION_CACHE_SECONDS": "0", "YINGCAI_FILING_WRITERS": "1"]).core.filingWriters == 1)
        for (variable, value) in [("YINGCAI_SESSION_CACHE_SECONDS", "600"), ("YINGCAI_FILING_WRITERS", "0"), ("YINGCAI_DB_POOL", "many"),
                                  ("YINGCAI_PORT", "70000"), ("YINGCAI_BCRYPT_COST", "3"), ("LOG_LEVEL", "loud"), ("YINGCAI_NOW", "yesterday")] {
            #expect(throws: Settings.InvalidSetting.self, "\(variable)=\(value)") { try Settings.fromEnvironment([variable: value]) }
        }
        do {
            _ = try Settings.fromEnvironment(["YINGCAI_FILING_WRITERS": "0"])
        } catch let error as Settings.InvalidSetting {
            #expect(error.description == "YINGCAI_FILING_WRITERS=0: expected a whole number from 1 to 64")
        }
    }

    @Test("the WeChat account comes from YINGCAI_WECHAT_*: off without a token and an AppID, refused by name when a value WeChat would not accept is set")
    func wechatSettings() throws {
        #expect(try Settings.fromEnvironment([:]).core.wechat == nil)
        let base = ["YINGCAI_WECHAT_TOKEN": "yingcai2026", "YINGCAI_WECHAT_APPID": "wx0123456789abcdef"]
        let account = try #require(try Settings.fromEnvironment(base.merging([
            "YINGCAI_WECHAT_AES_KEY": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "YINGCAI_WECHAT_APPSECRET": "s",
            "YINGCAI_WECHAT_TEMPLATE_ID": "T", "YINGCAI_WECHAT_API_BASE": "http://127.0.0.1:9/", "YINGCAI_WECHAT_DISTRICT": "500112",
        ]) { a, _ in a }).core.wechat)
        #expect(account.apiBase == "http://127.0.0.1:9" && account.defaultDistrict == "500112" && account.crypto != nil)
        let refusals: [([String: String], String)] = [
            (["YINGCAI_WECHAT_TOKEN": "yingcai2026"], "YINGCAI_WECHAT_APPID"),
            (base.merging(["YINGCAI_WECHAT_TOKEN": "to"]) { _, b in b }, "YINGCAI_WECHAT_TOKEN"),
            (base.merging(["YINGCAI_WECHAT_APPID": "wx 01"]) { _, b in b }, "YINGCAI_WECHAT_APPID"),
            (base.merging(["YINGCAI_WECHAT_AES_KEY": "short"]) { _, b in b }, "YINGCAI_WECHAT_AES_KEY"),
            (base.merging(["YINGCAI_WECHAT_TEMPLATE_ID": "T"]) { _, b in b }, "YINGCAI_WECHAT_APPSECRET"),
            (base.merging(["YINGCAI_WECHAT_API_BASE": "ftp://x"]) { _, b in b }, "YINGCAI_WECHAT_API_BASE"),
            (base.merging(["YINGCAI_WECHAT_DISTRICT": "渝北"]) { _, b in b }, "YINGCAI_WECHAT_DISTRICT"),
        ]
        for (env, variable) in refusals {
            do {
                _ = try Settings.fromEnvironment(env)
                Issue.record("accepted: \(env)")
            } catch let error as Settings.InvalidSetting {
                #expect(error.variable == variable, "\(env)")
                #expect(!error.description.contains("short"), "a key is never echoed")
            }
        }
    }

    @Test("a first SQLite start generates a private key file and reuses it; PostgreSQL without a key is refused")
    func dataKey() throws {
        let dir = NSTemporaryDirectory() + "key-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/yingcai.key"
        let logger = Logger(label: "test")
        let first = try DataKeyStore.load(environmentKey: nil, keyFile: file, mayGenerate: true, logger: logger)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let second = try DataKeyStore.load(environmentKey: nil, keyFile: file, mayGenerate: true, logger: logger)
        #expect(first.base64 == second.base64)
        #expect(throws: DataKeyStore.KeyStoreError.self) {
            try DataKeyStore.load(environmentKey: nil, keyFile: dir + "/absent.key", mayGenerate: false, logger: logger)
        }
        let given = DataKey.generate()
        #expect(try DataKeyStore.load(environmentKey: given.base64, keyFile: file, mayGenerate: false, logger: logger).base64 == given.base64)
        #expect(throws: DataKeyError.self) { try DataKeyStore.load(environmentKey: "short", keyFile: file, mayGenerate: false, logger: logger) }
    }

    @Test("database URLs are read as libpq writes them")
    func databaseURL() {
        let u = DatabaseURL("postgres://ying%40cai:p%3Ass@db.example:5433/talents?sslmode=require&search_path=t1")!
        #expect(u.username == "ying@cai")
        #expect(u.password == "p:ss")
        #expect(u.host == "db.example")
        #expect(u.port == 5433)
        #expect(u.database == "talents")
        #expect(u.requireTLS)
        #expect(u.searchPath == "t1")
        #expect(DatabaseURL("postgresql://localhost/x")?.port == 5432)
        #expect(DatabaseURL("mysql://localhost/x") == nil)
        #expect(u.endpoints.count == 1 && u.targetSessionAttrs == .any)
        // Statements kept prepared unless a pooler in front forbids them.
        #expect(u.preparedStatements)
        #expect(DatabaseURL("postgres://localhost/x?prepared_statements=off")?.preparedStatements == false)
        #expect(DatabaseURL("postgres://localhost/x?prepared_statements=on")?.preparedStatements == true)
        #expect(DatabaseURL("postgres://localhost/x?prepared_statements=no") == nil)
        // Several hosts, as `pg_autoctl show uri` writes them: the primary is looked for among them.
        let ha = DatabaseURL("postgres://postgres@127.0.0.1:5998,127.0.0.1:5999,[::1]:6000,db3/yingcai?target_session_attrs=read-write&sslmode=prefer")!
        #expect(ha.endpoints.map(\.description) == ["127.0.0.1:5998", "127.0.0.1:5999", "[::1]:6000", "db3:5432"])
        #expect(ha.host == "127.0.0.1" && ha.port == 5998 && ha.database == "yingcai")
        #expect(ha.targetSessionAttrs == .readWrite)
        #expect(DatabaseURL("postgres://a:1,b:2/x")?.targetSessionAttrs == .readWrite)
        #expect(DatabaseURL("postgres://a:1,b:2/x?target_session_attrs=any")?.targetSessionAttrs == .any)
        #expect(DatabaseURL("postgres://a:1,b:2/x?target_session_attrs=standby") == nil)
        #expect(DatabaseURL("postgres://a:x/x") == nil)
        #expect(DatabaseURL("postgres://a:70000/x") == nil)
    }
}

extension TalentGenerator {
    func rowCopy(_ i: Int) -> [String] {
        var copy = self
        return copy.row(i)
    }
}

import Storage
