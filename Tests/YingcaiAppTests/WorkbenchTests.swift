import Foundation
import HummingbirdTesting
import SQLKit
import Testing
import YingcaiCore

@Suite("The workbench: every open order in sight")
struct WorkbenchTests {
    /// Hotline calls of Yubei driven to every unfinished state, led by 500112:HRSS with 500112:UNION co-handling.
    static func ordersInEveryState(_ client: some TestClientProtocol) async throws -> [String: Int] {
        let dispatcher = try await client.login("dispatcher")
        let hrss = try await client.login("yubei-hrss")
        let union = try await client.login("yubei-union")
        let supervisor = try await client.login("yubei-supervisor")
        var ids: [String: Int] = [:]
        func call(_ name: String) async throws -> Int {
            let id = try await client.hotlineCall(category: "complaint", title: "来电：\(name)", as: dispatcher)["id"] as! Int
            ids[name] = id
            return id
        }
        func dispatched(_ name: String) async throws -> Int {
            let id = try await call(name)
            try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS", "coOrgs": ["500112:UNION"]])
            return id
        }
        func started(_ name: String, opinion: Bool = true) async throws -> Int {
            let id = try await dispatched(name)
            try await client.act(id, "accept", as: hrss)
            try await client.act(id, "start", as: hrss)
            if opinion { try await client.act(id, "opinion", as: union, ["text": "已核实"]) }
            return id
        }
        func resolved(_ name: String) async throws -> Int {
            let id = try await started(name)
            try await client.act(id, "resolve", as: hrss, ["result": "已答复"])
            return id
        }
        _ = try await call("received")
        try await client.act(try await dispatched("returned"), "return", as: hrss, ["reason": "非本单位职责"])
        _ = try await dispatched("dispatched")
        try await client.act(try await dispatched("accepted"), "accept", as: hrss)
        _ = try await started("opinion owed", opinion: false)
        let extended = try await started("in progress")
        try await client.act(extended, "request-extension", as: hrss, ["workdays": 2, "reason": "需现场核查"])
        try await client.act(try await started("suspended"), "suspend", as: hrss, ["reason": "等待补充材料"])
        _ = try await resolved("resolved")
        try await client.act(try await resolved("rated well"), "rate", as: dispatcher, ["score": 5])
        let bad = try await resolved("rated badly")
        try await client.act(bad, "rate", as: dispatcher, ["score": 1])
        let reopened = try await resolved("reopened")
        try await client.act(reopened, "rate", as: dispatcher, ["score": 2])
        try await client.act(reopened, "callback", as: hrss, ["note": "已回访"])
        try await client.act(reopened, "reopen", as: supervisor, ["reason": "整改不到位"])
        let closed = try await resolved("closed")
        try await client.act(closed, "rate", as: dispatcher, ["score": 4])
        try await client.act(closed, "close", as: supervisor)
        try await client.act(try await call("rejected"), "reject", as: dispatcher, ["reason": "不属于受理范围"])
        return ids
    }

    static func tabs(_ client: some TestClientProtocol, _ token: String) async throws -> [String: Int] {
        let answer = try await client.call(.get, "/api/v1/workbench", token: token)
        try #require(answer.status == 200, "\(answer.text)")
        return Dictionary(uniqueKeysWithValues: answer.items.map { ($0["id"] as! String, $0["count"] as! Int) })
    }

    static func tab(_ client: some TestClientProtocol, _ id: String, _ token: String) async throws -> [Int] {
        let answer = try await client.call(.get, "/api/v1/workbench/\(id)", token: token)
        try #require(answer.status == 200, "\(id): \(answer.text)")
        return answer.items.map { $0["id"] as! Int }
    }

    @Test("each unfinished order its department leads is in exactly one of its tabs, with the tab's count")
    func leadOrgTabs() async throws {
        try await TestApp.run { (env, client) async throws in
            let ids = try await Self.ordersInEveryState(client)
            let hrss = try await client.login("yubei-hrss")
            let counts = try await Self.tabs(client, hrss)
            let expected: [String: [String]] = [
                "sign": ["dispatched"], "accepted": ["accepted"], "opinions": ["opinion owed"], "progress": ["in progress"],
                "suspended": ["suspended"], "reopened": ["reopened"], "rating": ["resolved", "rated well"], "bad-rating": ["rated badly"],
            ]
            var seen: [Int] = []
            for (tab, names) in expected {
                let listed = try await Self.tab(client, tab, hrss)
                #expect(Set(listed) == Set(names.map { ids[$0]! }), "\(tab)")
                #expect(counts[tab] == listed.count, "\(tab) count")
                seen += listed
            }
            #expect(seen.count == Set(seen).count, "an order is in two tabs")
            let unfinished = ids.filter { !["received", "returned", "closed", "rejected"].contains($0.key) }.map(\.value)
            #expect(Set(seen) == Set(unfinished))
            // The co-handler owes exactly the opinions it has not given, on orders still with their handlers.
            let union = try await client.login("yubei-union")
            let owed = ["dispatched", "accepted", "opinion owed"].map { ids[$0]! }
            #expect(Set(try await Self.tab(client, "co", union)) == Set(owed))
            #expect(try await Self.tabs(client, union)["co"] == owed.count)
        }
    }

    @Test("dispatchers see received and returned orders; supervisors extensions and bad ratings of their area")
    func dispatcherAndSupervisorTabs() async throws {
        try await TestApp.run { (env, client) async throws in
            let ids = try await Self.ordersInEveryState(client)
            let dispatcher = try await client.login("dispatcher")
            #expect(try await Self.tab(client, "dispatch", dispatcher) == [ids["received"]!])
            #expect(try await Self.tab(client, "returned", dispatcher) == [ids["returned"]!])
            #expect(try await Self.tabs(client, dispatcher)["dispatch"] == 1)
            for supervisor in ["supervisor", "yubei-supervisor"] {
                let token = try await client.login(supervisor)
                #expect(try await Self.tab(client, "ext", token) == [ids["in progress"]!], "\(supervisor)")
                #expect(try await Self.tab(client, "review", token) == [ids["rated badly"]!], "\(supervisor)")
            }
            // A handler has no dispatcher's tabs, and another department none of these orders.
            #expect(try await client.code(.get, "/api/v1/workbench/dispatch", token: try await client.login("yubei-hrss")) == 404)
            let other = try await Self.tabs(client, try await client.login("yuzhong-handler"))
            #expect(other.values.allSatisfy { $0 == 0 }, "\(other)")
            // The same lists through the work-order API's queue filter.
            let queue = try await client.list(.get, "/api/v1/work-orders?queue=sign&leadOrg=500112:HRSS", token: dispatcher)
            #expect(queue.map { $0["id"] as! Int } == [ids["dispatched"]!])
            #expect(try await client.fields(.get, "/api/v1/work-orders?queue=lost", token: dispatcher) == ["queue"])
        }
    }

    @Test("a database migrated before the queues existed gets every unfinished order its queue")
    func backfill() async throws {
        try await TestApp.run { (env, client) async throws in
            let ids = try await Self.ordersInEveryState(client)
            func snapshot() async throws -> [String] {
                try await env.core.db.read { db in
                    try await db.raw("SELECT id, queue FROM work_orders ORDER BY id").all().map {
                        "\(try $0.decode(column: "id", as: Int.self)) \(try $0.decode(column: "queue", as: String?.self) ?? "-")"
                    } + db.raw("SELECT order_id, org_code, opinion_given FROM work_order_co_orgs ORDER BY order_id, org_code").all().map {
                        "\(try $0.decode(column: "order_id", as: Int.self)) \(try $0.decode(column: "org_code", as: String.self)) \(try $0.decode(column: "opinion_given", as: Int.self))"
                    }
                }
            }
            let before = try await snapshot()
            #expect(before.count > ids.count)
            // On Citus every migration runs before the tables are placed (`CitusPlacement`): 013's
            // filling statements, written before orders carried their district everywhere, never
            // meet distributed tables, and Citus would refuse their join by order alone.
            if try await CitusPlacement.isCitus(env.core.db) { return }
            // Forget the queues and opinions, then run the migration's own filling statements again.
            let statements = Schema.migrations.first { $0.id == "013-workbench-queues" }!.statements(env.core.db.dialect)
            try await env.core.db.transaction { db in
                try await db.raw("UPDATE work_orders SET queue = NULL").run()
                try await db.raw("UPDATE work_order_co_orgs SET opinion_given = 0").run()
                for statement in statements where statement.hasPrefix("UPDATE") || statement.hasPrefix("\nUPDATE") {
                    try await db.raw(SQLQueryString(statement)).run()
                }
            }
            #expect(try await snapshot() == before)
        }
    }
}
