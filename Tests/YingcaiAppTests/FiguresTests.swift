import Foundation
import SQLKit
import Testing
import WorkCalendar
import WorkOrderRules
@testable import YingcaiCore

@Suite("Figures agree with a count of the orders")
struct FiguresTests {
    @Test("totals, rates and rankings equal what the orders themselves say, for the city, a district and a department")
    func agree() async throws {
        try await TestApp.run { (env, client) async throws in
            // A spread of orders: some left received, some dispatched, resolved, rated well or badly, late.
            for i in 0..<12 {
                let district = i % 3 == 0 ? "500103" : "500112"
                let dispatcher = try await client.login("dispatcher")  // the clock moves past token lifetimes
                let id = try await client.hotlineCall(category: ["inquiry", "help", "complaint"][i % 3], district: district, as: dispatcher)["id"] as! Int
                if i % 4 == 3 { continue }
                try await client.act(id, "dispatch", as: dispatcher, ["leadOrg": district == "500112" ? "500112:HRSS" : "500103:HRSS"])
                guard district == "500112" else { continue }
                if i % 5 == 1 { env.clock.advance(days: 2) }
                let handler = try await client.login("yubei-hrss")
                try await client.act(id, "accept", as: handler)
                try await client.act(id, "start", as: handler)
                if i % 2 == 0 { env.clock.advance(days: 6) }
                let h2 = try await client.login("yubei-hrss")
                try await client.act(id, "resolve", as: h2, ["result": "办结"])
                let d2 = try await client.login("dispatcher")
                if i % 3 != 2 { try await client.act(id, "rate", as: d2, ["score": i % 2 == 0 ? 2 : 5]) }
            }
            let calendar = WorkCalendar.official
            let records = try await env.core.db.read { db in
                try await db.raw("SELECT district_code, channel, rules FROM work_orders").all().map { row in
                    (try row.decode(column: "district_code", as: String.self),
                     try JSONDecoder().decode(WorkOrder.self, from: Data(try row.decode(column: "rules", as: String.self).utf8)))
                }
            }
            func expected(_ filter: (String, WorkOrder) -> Bool) -> [String: Double] {
                let orders = records.filter { filter($0.0, $0.1) }
                let resolved = orders.filter { $0.1.resolvedAt != nil }
                let rated = orders.filter { $0.1.latestRating != nil }
                let dispatched = orders.filter { $0.1.dispatchedAt != nil }
                var e: [String: Double] = ["total": Double(orders.count), "resolved": Double(resolved.count)]
                if !resolved.isEmpty {
                    e["onTimeRate"] = Double(resolved.filter { $0.1.resolvedOnTime == true }.count) / Double(resolved.count)
                    e["avgHandlingWorkdays"] = Double(resolved.map {
                        WorkOrderRules.handlingWorkdays(receivedAt: $0.1.receivedAt, resolvedAt: $0.1.resolvedAt!, calendar: calendar)
                    }.reduce(0, +)) / Double(resolved.count)
                }
                if !rated.isEmpty { e["satisfactionRate"] = Double(rated.filter { $0.1.latestRating! >= 3 }.count) / Double(rated.count) }
                if !dispatched.isEmpty { e["signForRate"] = Double(dispatched.filter { $0.1.signedForInTime == true }.count) / Double(dispatched.count) }
                return e
            }
            func check(_ answer: [String: Any], _ e: [String: Double], _ label: String) {
                for (k, v) in e {
                    let got = (answer[k] as? Double) ?? (answer[k] as? Int).map(Double.init)
                    #expect(got.map { abs($0 - v) < 0.0001 } == true, "\(label) \(k): \(String(describing: got)) vs \(v)")
                }
            }
            let leader = try await client.login("leader")
            let city = try await client.call(.get, "/api/v1/metrics/work-orders", token: leader)
            check(city.json, expected { _, _ in true }, "city")
            let byState = city["byState"] as? [String: Int] ?? [:]
            var counted: [String: Int] = [:]
            for (_, o) in records { counted[o.state.rawValue, default: 0] += 1 }
            #expect(byState == counted)
            let yubei = try await client.call(.get, "/api/v1/metrics/work-orders?org=500112", token: leader)
            check(yubei.json, expected { d, _ in d == "500112" }, "500112")
            let dept = try await client.call(.get, "/api/v1/metrics/work-orders?org=500112:HRSS", token: leader)
            check(dept.json, expected { _, o in o.leadOrg == "500112:HRSS" }, "500112:HRSS")
            let districts = (city["rankings"] as? [String: Any])?["districts"] as? [[String: Any]] ?? []
            #expect(districts.compactMap { $0["code"] as? String }.sorted() == ["500103", "500112"])
            for d in districts {
                let code = d["code"] as! String
                check(d["figures"] as! [String: Any], expected { dc, _ in dc == code }, "ranking \(code)")
            }
            // Overdue and due-soon (kept in `work_order_open`) equal a count of the open orders.
            env.clock.advance(days: 3)  // some open orders are now overdue, others due soon
            let today = env.core.clock.today.description
            let nextWorkday = calendar.addWorkdays(1, to: env.core.clock.today).value.description
            func live(_ scope: String) async throws -> (Int, Int) {
                try await env.core.db.read { db in
                    let o = try await db.raw("SELECT count(*) AS n FROM work_orders WHERE on_clock = 1 AND handling_deadline < \(bind: today)\(unsafeRaw: scope)")
                        .first()!.decode(column: "n", as: Int.self)
                    let y = try await db.raw("SELECT count(*) AS n FROM work_orders WHERE on_clock = 1 AND handling_deadline >= \(bind: today) AND handling_deadline <= \(bind: nextWorkday)\(unsafeRaw: scope)")
                        .first()!.decode(column: "n", as: Int.self)
                    return (o, y)
                }
            }
            let later = try await client.login("leader")
            for (org, scope) in [("", ""), ("?org=500112", " AND district_code = '500112'"), ("?org=500112:HRSS", " AND lead_org = '500112:HRSS'")] {
                let answer = try await client.call(.get, "/api/v1/metrics/work-orders" + org, token: later)
                let (o, y) = try await live(scope)
                #expect(answer["overdue"] as? Int == o && answer["yellow"] as? Int == y, "\(org): \(answer["overdue"] ?? "-")/\(answer["yellow"] ?? "-") vs \(o)/\(y)")
            }
            // A district's figures are not a neighbour's to read.
            #expect(try await client.code(.get, "/api/v1/metrics/work-orders?org=500103", token: try await client.login("yubei-supervisor")) == 404)
            #expect(try await client.code(.get, "/api/v1/metrics/work-orders?from=2026-13-01", token: later) == 422)
        }
    }
}

@Suite("Calendar and catalog over HTTP")
struct CalendarCatalogTests {
    @Test("add-workdays answers the rule's examples; an imported year becomes complete")
    func calendar() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("leader")
            let a = try await client.call(.get, "/api/v1/calendar/add-workdays?date=2024-09-27&days=3", token: token)
            #expect(a["date"] as? String == "2024-10-08")
            #expect(a["calendarComplete"] as? Bool == true)
            #expect(try await client.call(.get, "/api/v1/calendar/add-workdays?date=2024-10-05&days=1", token: token)["date"] as? String == "2024-10-08")
            let far = try await client.call(.get, "/api/v1/calendar/add-workdays?date=2027-01-29&days=3", token: token)
            #expect(far["calendarComplete"] as? Bool == false)
            #expect(try await client.fields(.get, "/api/v1/calendar/add-workdays?date=2024-02-30&days=0", token: token).sorted() == ["date", "days"])
            let admin = try await client.login("admin")
            var headers = ["Content-Type": "text/csv"]
            headers["Authorization"] = "Bearer \(admin)"
            let csv = "date,kind,name\n2027-02-01,holiday,春节\n2027-02-02,holiday,春节\n2027-01-30,workday,春节调休\n"
            let imported = try await client.call(.post, "/api/v1/calendar/years", raw: csv, headers: headers)
            #expect(imported.status == 201, "\(imported.text)")
            env.clock.advance(seconds: 0)
            let now = try await client.call(.get, "/api/v1/calendar/add-workdays?date=2027-01-29&days=3", token: token)
            #expect(now["date"] as? String == "2027-02-04")  // 30 Jan worked, 1–2 Feb off: 30 Jan, 3 Feb, 4 Feb
            #expect(now["calendarComplete"] as? Bool == true)
            let bad = try await client.call(.post, "/api/v1/calendar/years", raw: "date,kind\n2027-02-31,holiday\n", headers: headers)
            #expect(bad.status == 422)
            #expect(try await client.code(.post, "/api/v1/calendar/years", token: token, raw: csv) == 403)
        }
    }

    @Test("the catalog lists the 68 items, filters by kind, department and tier, and an admin edits an item")
    func catalog() async throws {
        try await TestApp.run { (env, client) async throws in
            let token = try await client.login("leader")
            #expect(try await client.list(.get, "/api/v1/service-items", token: token).count == 68)
            let policy = try await client.list(.get, "/api/v1/service-items?kind=policy", token: token)
            #expect(!policy.isEmpty && policy.allSatisfy { $0["kind"] as? String == "policy" })
            let d = try await client.list(.get, "/api/v1/service-items?tier=D", token: token)
            #expect(d.allSatisfy { ($0["eligibleTiers"] as? [String])?.contains("D") == true })
            #expect(d.count < 68)
            #expect(try await client.call(.get, "/api/v1/service-items/YC-P-001", token: token)["name"] as? String == "人才落户")
            #expect(try await client.code(.get, "/api/v1/service-items/NOPE", token: token) == 404)
            let admin = try await client.login("admin")
            let edited = try await client.call(.patch, "/api/v1/service-items/YC-P-001", token: admin, json: ["commitWorkdays": 4])
            #expect(edited["commitWorkdays"] as? Int == 4)
            #expect(try await client.fields(.patch, "/api/v1/service-items/YC-P-001", token: admin, json: ["commitWorkdays": 99]) == ["commitWorkdays"])
            // A statutory limit below 1 once trapped forming the range 1...0 and took the whole server down.
            for bad in [0, -3, 366] {
                #expect(try await client.fields(.patch, "/api/v1/service-items/YC-P-001", token: admin, json: ["statutoryWorkdays": bad]) == ["statutoryWorkdays"])
            }
            #expect(try await client.fields(.patch, "/api/v1/service-items/YC-P-001", token: admin, json: ["commitWorkdays": 0]) == ["commitWorkdays"])
            #expect(try await client.call(.get, "/api/v1/service-items/YC-P-001", token: admin)["commitWorkdays"] as? Int == 4)
            #expect(try await client.code(.patch, "/api/v1/service-items/YC-P-001", token: token, json: ["commitWorkdays": 3]) == 403)
        }
    }
}

@Suite("Compacting the figures' shards")
struct StatsCompactionTests {
    @Test("folding past days' shards into one row changes no figure")
    func compactionKeepsFigures() async throws {
        try await TestApp.run { (env, client) async throws in
            for _ in 0..<9 {
                let d = try await client.login("dispatcher")
                let id = try await client.hotlineCall(as: d)["id"] as! Int
                try await client.act(id, "dispatch", as: d, ["leadOrg": "500112:HRSS"])
            }
            let leader = try await client.login("leader")
            let before = try await client.call(.get, "/api/v1/metrics/work-orders?from=2020-01-01", token: leader).json
            let rowsBefore = try await env.core.db.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM work_order_stats_district").first()!.decode(column: "n", as: Int.self)
            }
            #expect(rowsBefore > 1)  // the nine orders spread over shards
            let work = BackgroundWork(core: env.core, logger: env.logs.logger)
            #expect(try await work.compactStats() == 0)  // today's rows stay sharded
            env.clock.advance(days: 1)
            #expect(try await work.compactStats() > 0)
            let rowsAfter = try await env.core.db.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM work_order_stats_district").first()!.decode(column: "n", as: Int.self)
            }
            #expect(rowsAfter == 1)
            let later = try await client.login("leader")
            let after = try await client.call(.get, "/api/v1/metrics/work-orders?from=2020-01-01", token: later).json
            for key in ["total", "resolved", "byState", "byChannel", "signForRate"] {
                #expect(String(describing: before[key]) == String(describing: after[key]), "\(key)")
            }
            // A change to a compacted day still lands correctly.
            let h = try await client.login("yubei-hrss")
            let ids = try await client.list(.get, "/api/v1/work-orders", token: h).compactMap { $0["id"] as? Int }
            try await client.act(ids[0], "accept", as: h)
            let changed = try await client.call(.get, "/api/v1/metrics/work-orders?from=2020-01-01", token: later)
            #expect((changed["byState"] as? [String: Int])?["accepted"] == 1)
            #expect(changed["total"] as? Int == 9)
            // Past deadlines: the open orders' counts fold too, and the overdue count stays.
            env.clock.advance(days: 30)
            let late = try await client.login("leader")
            let overdue = try await client.call(.get, "/api/v1/metrics/work-orders", token: late)["overdue"] as? Int
            #expect(overdue == 9)
            #expect(try await work.compactStats() > 0)
            let sharded = try await env.core.db.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM work_order_open WHERE shard > 0").first()!.decode(column: "n", as: Int.self)
            }
            #expect(sharded == 0)
            #expect(try await client.call(.get, "/api/v1/metrics/work-orders", token: late)["overdue"] as? Int == overdue)
        }
    }
}

@Suite("Figures over long periods")
struct MonthlyFiguresTests {
    @Test("a period splits into whole months and runs of days added or taken away, each day of it counted once and no other")
    func split() {
        let start = LocalDate("2023-12-20")!
        var subtracted = 0
        for a in stride(from: 0, to: 500, by: 7) {
            for length in [0, 1, 10, 11, 30, 31, 45, 59, 60, 61, 120, 366] {
                let from = start.adding(days: a), to = start.adding(days: a + length)
                // Today before, inside and after the period: it decides which way a cut month is read.
                for today in [from.adding(days: -40), from, from.adding(days: length / 2), to, to.adding(days: 3), to.adding(days: 400)] {
                    let (months, days) = WorkOrderFigures.split(from, to, today: today)
                    var count: [Int: Int] = [:]
                    for d in days {
                        #expect(!(d.to < d.from) && (d.sign == 1 || d.sign == -1))
                        for n in d.from.dayNumber...d.to.dayNumber { count[n, default: 0] += d.sign }
                    }
                    if let months {
                        var x = LocalDate("\(months.first)-01")!
                        while String(x.description.prefix(7)) <= months.last { count[x.dayNumber, default: 0] += 1; x = x.adding(days: 1) }
                    }
                    let counted = count.filter { $0.value != 0 }
                    #expect(counted.keys.sorted() == Array(from.dayNumber...to.dayNumber), "\(from)…\(to), today \(today)")
                    #expect(counted.values.allSatisfy { $0 == 1 }, "\(from)…\(to), today \(today)")
                    #expect(days.count <= 2)
                    subtracted += days.filter { $0.sign < 0 }.count
                }
            }
        }
        #expect(subtracted > 0)
        // This month so far is read as the month less the days after today (none received yet).
        let (m, d) = WorkOrderFigures.split(LocalDate("2026-06-06")!, LocalDate("2026-12-05")!, today: LocalDate("2026-12-05")!)
        #expect(m?.first == "2026-06" && m?.last == "2026-12")
        #expect(d == [.init(from: LocalDate("2026-06-01")!, to: LocalDate("2026-06-05")!, sign: -1),
                      .init(from: LocalDate("2026-12-06")!, to: LocalDate("2026-12-31")!, sign: -1)])
    }

    @Test("orders received over three months: any period's total equals a count, before and after folding shards")
    func periods() async throws {
        try await TestApp.run { (env, client) async throws in
            for _ in 0..<12 {
                let d = try await client.login("dispatcher")
                _ = try await client.hotlineCall(district: ["500112", "500103"].randomElement()!, as: d)
                env.clock.advance(days: 8)
            }
            let received = try await env.core.db.read { db in
                try await db.raw("SELECT received_on FROM work_orders").all().map { try $0.decode(column: "received_on", as: String.self) }
            }
            let first = LocalDate(received.min()!)!, last = LocalDate(received.max()!)!
            func check(_ label: String) async throws {
                let leader = try await client.login("leader")
                var periods: [(LocalDate, LocalDate)] = [(first, last), (LocalDate(year: first.year, month: first.month, day: 1)!, last)]
                for a in stride(from: -3, to: 100, by: 13) {
                    for b in [5, 27, 31, 44, 70] { periods.append((first.adding(days: a), first.adding(days: a + b))) }
                }
                for (f, t) in periods {
                    let answer = try await client.call(.get, "/api/v1/metrics/work-orders?from=\(f)&to=\(t)", token: leader)
                    let expected = received.filter { $0 >= f.description && $0 <= t.description }.count
                    #expect(answer["total"] as? Int == expected, "\(label) \(f)…\(t) \(answer)")
                }
            }
            try await check("sharded")
            _ = try await BackgroundWork(core: env.core, logger: env.logs.logger).compactStats()
            try await check("folded")
        }
    }
}
