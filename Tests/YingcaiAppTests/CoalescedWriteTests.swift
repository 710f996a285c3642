import Foundation
import SQLKit
import Storage
import TestSupport
import Testing
import WorkCalendar
import YingcaiCore

/// Writing a change as one set of rows (`WriteSet`), and filings of concurrent requests merged into
/// one write (`WriteCoalescer`): what is answered 201 is committed whole, what fails leaves nothing.
@Suite("Writing changes in one go")
struct CoalescedWriteTests {
    static let table = "CREATE TABLE ws_counts (k TEXT NOT NULL, shard INTEGER NOT NULL, a BIGINT NOT NULL DEFAULT 0, b BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (k, shard))"
    static let items = "CREATE TABLE ws_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, used INTEGER NOT NULL DEFAULT 0)"

    /// An empty database with the two scratch tables, and `rows` inserted first.
    func withTables(_ rows: SQLQueryString? = nil, _ body: (Database) async throws -> Void) async throws {
        try await TestDatabase.withEmpty(logger: .init(label: "test")) { db in
            try await db.transaction { sql in
                try await sql.raw(SQLQueryString(Self.table)).run()
                try await sql.raw(SQLQueryString(Self.items)).run()
                if let rows { try await sql.raw(rows).run() }
            }
            try await body(db)
        }
    }

    func counts(_ db: Database) async throws -> [String: [Int64]] {
        try await db.read { sql in
            try await sql.raw("SELECT k, shard, a, b FROM ws_counts").all().reduce(into: [:]) { out, row in
                let key = try row.decode(column: "k", as: String.self) + "/" + String(try row.decode(column: "shard", as: Int.self))
                out[key] = [try row.decode(column: "a", as: Int64.self), try row.decode(column: "b", as: Int64.self)]
            }
        }
    }

    @Test("rows of one table join one insert, counters of one key are summed, and zero sums write nothing")
    func merging() async throws {
        try await withTables { db in
            var one = WriteSet()
            one.insert("ws_items", columns: ["id", "name"], values: [SQLBind(1), SQLBind("一")])
            one.add("ws_counts", keyColumns: ["k", "shard"], key: [.text("x"), .int(0)], ["a": 1, "b": 2])
            var two = WriteSet()
            two.insert("ws_items", columns: ["id", "name"], values: [SQLBind(2), SQLBind("二")])
            two.add("ws_counts", keyColumns: ["k", "shard"], key: [.text("x"), .int(0)], ["a": 3])
            two.add("ws_counts", keyColumns: ["k", "shard"], key: [.text("y"), .int(1)], ["a": 1])
            two.add("ws_counts", keyColumns: ["k", "shard"], key: [.text("y"), .int(1)], ["a": -1])
            one.merge(two)
            #expect(one.statementCount == 2)
            try await db.write(one)
            #expect(try await counts(db) == ["x/0": [4, 2]])
            // Adding to an existing row, and a negative difference.
            var three = WriteSet()
            three.add("ws_counts", keyColumns: ["k", "shard"], key: [.text("x"), .int(0)], ["a": -4, "b": 1])
            try await db.write(three)
            #expect(try await counts(db) == ["x/0": [0, 3]])
            let names = try await db.read { sql in
                try await sql.raw("SELECT name FROM ws_items ORDER BY id").all().map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(names == ["一", "二"])
        }
    }

    struct Taken: Error, Equatable {}

    @Test("a statement that matches fewer rows than expected rolls the whole set back and throws its own error")
    func expectation() async throws {
        try await withTables("INSERT INTO ws_items (id, name, used) VALUES (1, 'a', 0), (2, 'b', 1)") { db in
            var claim = WriteSet()
            claim.add("ws_counts", keyColumns: ["k", "shard"], key: [.text("x"), .int(0)], ["a": 1])
            claim.insert("ws_items", columns: ["id", "name"], values: [SQLBind(3), SQLBind("c")])
            claim.execute("UPDATE ws_items SET used = 1 WHERE id IN (1, 2) AND used = 0", expecting: 2, otherwise: Taken())
            await #expect(throws: Taken.self) { try await db.write(claim) }
            #expect(try await counts(db).isEmpty)
            let state = try await db.read { sql in
                try await sql.raw("SELECT count(*) AS n, sum(used) AS u FROM ws_items").first()!
            }
            #expect(try state.decode(column: "n", as: Int.self) == 2)
            #expect(try state.decode(column: "u", as: Int.self) == 1)
        }
    }

    @Test("merged writes: when one set is refused, the others are still written and only it fails")
    func coalescerIsolatesTheFailure() async throws {
        try await withTables("INSERT INTO ws_items (id, name) VALUES (1000, 'taken')") { db in
            let writer = WriteCoalescer(database: db, writers: 2, maxBatch: 16)
            let results = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for i in 0..<40 {
                    group.addTask {
                        var set = WriteSet()
                        // Every tenth set reuses a taken name (a unique key), the rest are fresh.
                        set.insert("ws_items", columns: ["id", "name"], values: [SQLBind(i + 1), SQLBind(i % 10 == 3 ? "taken" : "n\(i)")])
                        set.add("ws_counts", keyColumns: ["k", "shard"], key: [.text("k\(i % 3)"), .int(Int64(i % 2))], ["a": 1, "b": Int64(i)])
                        do {
                            try await writer.write(set)
                            return (i, true)
                        } catch where Database.isUniqueViolation(error) {
                            return (i, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(results.count == 40)
            #expect(results.filter { !$0.value }.keys.sorted() == [3, 13, 23, 33])
            let written = try await db.read { sql in
                try await sql.raw("SELECT id FROM ws_items WHERE id < 1000 ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
            }
            #expect(written == (0..<40).filter { $0 % 10 != 3 }.map { $0 + 1 })
            // The counters hold exactly the sums of the written sets.
            var expected: [String: [Int64]] = [:]
            for i in 0..<40 where i % 10 != 3 {
                let key = "k\(i % 3)/\(i % 2)"
                expected[key] = [(expected[key]?[0] ?? 0) + 1, (expected[key]?[1] ?? 0) + Int64(i)]
            }
            #expect(try await counts(db) == expected)
            #expect(await writer.setsWritten == 40)
        }
    }
}

@Suite("Filing under load")
struct CoalescedFilingTests {
    @Test("concurrent filings with repeated keys: one order per key, each whole (events, figures, open count)")
    func concurrentFilings() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("dispatcher")
            let districts = ["500112", "500103", "500106"]
            let answers = try await withThrowingTaskGroup(of: (String, Int, Int?).self) { group in
                for i in 0..<48 {
                    let key = "burst-\(i % 32)"   // keys 0–15 are sent twice
                    let body = String(decoding: try JSONSerialization.data(withJSONObject: [
                        "channel": "phone", "category": "inquiry", "title": "咨询 \(i % 32)", "content": "并发来电",
                        "districtCode": districts[i % 32 % 3], "contact": ["name": "来电人", "phone": "1380000\(String(format: "%04d", i % 32))"],
                    ], options: [.sortedKeys]), as: UTF8.self)
                    group.addTask {
                        let a = try await client.call(.post, "/api/v1/work-orders", token: token, raw: body, headers: ["Idempotency-Key": key])
                        return (key, a.status, a["id"] as? Int)
                    }
                }
                return try await group.reduce(into: [(String, Int, Int?)]()) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.1 == 201 })
            let idsByKey = Dictionary(grouping: answers, by: \.0).mapValues { Set($0.compactMap(\.2)) }
            #expect(idsByKey.count == 32)
            #expect(idsByKey.values.allSatisfy { $0.count == 1 })
            let ids = idsByKey.values.flatMap { $0 }
            #expect(Set(ids).count == 32)
            for id in ids.sorted().prefix(8) {
                let verify = try await client.call(.get, "/api/v1/work-orders/\(id)/verify", token: token)
                #expect(verify["intact"] as? Bool == true)
                #expect(verify["events"] as? Int == 1)
            }
            let figures = try await client.call(.get, "/api/v1/metrics/work-orders", token: try await client.login("leader"))
            #expect(figures["total"] as? Int == 32)
            let (orders, open, events) = try await env.core.db.read { sql in
                (try await sql.raw("SELECT count(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self),
                 try await sql.raw("SELECT CAST(sum(n) AS BIGINT) AS n FROM work_order_open").first()!.decode(column: "n", as: Int.self),
                 try await sql.raw("SELECT count(*) AS n FROM work_order_events").first()!.decode(column: "n", as: Int.self))
            }
            #expect(orders == 32)
            #expect(open == 32)
            #expect(events == 32)
        }
    }

    @Test("two applications racing for one upload: one is filed with it, the other is refused and leaves nothing")
    func uploadRace() async throws {
        try await TestApp.run { (env, client) async throws in
            let (talent, _) = try await client.certifiedTalent()
            let uploadId = try await client.upload(samplePDF, token: talent)["uploadId"] as! String
            let body: [String: Any] = [
                "channel": "wechat", "category": "service", "serviceItemCode": "YC-P-028", "title": "拖欠工资", "content": "单位拖欠三个月工资",
                "form": ["disputeType": "拖欠工资", "employerName": "某科技公司", "summary": "拖欠工资三个月"],
                "materials": ["ID_DOC": uploadId],
            ]
            let raw = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
            let answers = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        let a = try await client.call(.post, "/api/v1/work-orders", token: talent, raw: raw)
                        return (a.status, a.fieldErrors)
                    }
                }
                return try await group.reduce(into: [(Int, [String])]()) { $0.append($1) }
            }
            #expect(answers.map(\.0).sorted() == [201, 422])
            let refused = answers.first { $0.0 == 422 }!.1
            #expect(refused == ["materials.ID_DOC"] || refused == ["materials"])
            let counts = try await env.core.db.read { sql in
                (try await sql.raw("SELECT count(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self),
                 try await sql.raw("SELECT count(*) AS n FROM work_order_events").first()!.decode(column: "n", as: Int.self),
                 try await sql.raw("SELECT count(*) AS n FROM notifications").first()!.decode(column: "n", as: Int.self))
            }
            // One order: receipt and dispatch events, a notification to the lead and each co-handler.
            #expect(counts.0 == 1)
            #expect(counts.1 == 2)
            #expect(counts.2 == 3)
        }
    }

    @Test("an order filed in a transaction that rolls back leaves nothing, and its id is never handed out twice")
    func rolledBackFiling() async throws {
        try await TestApp.run { (env, client) async throws in
            let dispatcher = try await env.core.accounts.principal(userId: try await env.core.db.read { sql in
                try await sql.raw("SELECT id FROM users WHERE username = 'dispatcher'").first()!.decode(column: "id", as: Int64.self)
            })!
            let input = NewWorkOrder(channel: "phone", category: "help", contact: .init(name: "来电人"), title: "回滚", content: "事务回滚",
                                     districtCode: "500112")
            struct Abandon: Error {}
            await #expect(throws: Abandon.self) {
                try await env.core.db.transaction { _ in
                    _ = try await env.core.workOrders.file(input, by: dispatcher)
                    throw Abandon()
                }
            }
            let kept = try await env.core.db.transaction { _ in try await env.core.workOrders.file(input, by: dispatcher).record! }
            let token = try await client.login("dispatcher")
            var ids = [kept.id]
            for _ in 0..<3 {
                let a = try await client.call(.post, "/api/v1/work-orders", token: token, json: [
                    "channel": "phone", "category": "help", "title": "求助", "content": "来电", "districtCode": "500112", "contact": ["name": "来电人"],
                ])
                #expect(a.status == 201, "\(a.text)")
                ids.append(Int64(a["id"] as! Int))
            }
            #expect(Set(ids).count == 4)
            // 工单编号: YC, the day of receipt, the id in at least six digits; and back.
            #expect(WorkOrderRecord.number(id: 123, receivedOn: LocalDate("2026-01-05")!) == "YC20260105000123")
            #expect(WorkOrderRecord.number(id: 12_345_678, receivedOn: LocalDate("2026-11-25")!) == "YC2026112512345678")
            #expect(WorkOrderRecord.id(fromNumber: kept.number) == kept.id)
            let count = try await env.core.db.read { sql in try await sql.raw("SELECT count(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 4)
        }
    }
}
