import Foundation
import SQLKit
import TestSupport
import Testing
import WorkCalendar
import WorkOrderRules
import YingcaiCore

@Suite("Workbench and demo, without HTTP")
struct WorkbenchCoreTests {
    @Test("after the demo, every unfinished order with a lead is in exactly one tab of a user of its lead org, and counts agree with lists")
    func everyOrderInOneTab() async throws {
        try await TestCore.run { t in
            try await DemoData.load(into: t.core, talents: 100, history: 60)
            let unfinished = try await t.core.db.read { db in
                try await db.raw("SELECT id, lead_org, queue, state FROM work_orders WHERE state NOT IN ('closed', 'rejected', 'withdrawn')").all().map {
                    (id: try $0.decode(column: "id", as: Int64.self), lead: try $0.decode(column: "lead_org", as: String?.self),
                     queue: try $0.decode(column: "queue", as: String?.self), state: try $0.decode(column: "state", as: String.self))
                }
            }
            #expect(unfinished.count > 40)
            // The stored queue is the rule's queue.
            for o in unfinished {
                #expect(o.queue != nil, "order \(o.id) in \(o.state) has no queue")
                #expect((WorkbenchQueue(rawValue: o.queue ?? "")?.owner == .dispatcher) == (o.lead == nil), "order \(o.id)")
            }
            for org in Set(unfinished.compactMap(\.lead)).sorted().prefix(12) {
                let handler = try await t.user("h-\(org.replacingOccurrences(of: ":", with: "-"))", [.handler], at: org)
                let tabs = try await t.core.workbench.tabs(for: handler)
                var seen: [Int64] = []
                for tab in tabs where WorkbenchQueue(rawValue: tab.id) != nil {
                    let page = try await t.core.workbench.list(tab: tab.id, by: handler, limit: 500)
                    #expect(Int64(page.items.count) == tab.count, "\(org) \(tab.id)")
                    seen += page.items.map(\.record.id)
                }
                #expect(seen.count == Set(seen).count, "\(org): an order in two tabs")
                #expect(Set(seen) == Set(unfinished.filter { $0.lead == org }.map(\.id)), "\(org)")
            }
        }
    }

    /// A deadline falls on a working day: on a day off, the demo's "due today" order is due on the
    /// next working day (it searched for a filing day that could not exist, and never returned).
    @Test("the demo loads on a Saturday night and on a public holiday, with an order falling due on the next working day",
          .timeLimit(.minutes(20)), arguments: ["2026-12-05", "2026-10-02"])
    func demoOnDayOff(_ day: String) async throws {
        try await TestCore.run { t in
            let date = LocalDate(day)!
            t.clock.set(date.shanghaiStartMillis + 2 * 3_600_000 + 11 * 60_000)
            let calendar = try await t.core.calendars.calendar()
            #expect(!calendar.isWorkday(date))
            try await DemoData.load(into: t.core, talents: 100, history: 20)
            var workday = date
            while !calendar.isWorkday(workday) { workday = workday.adding(days: 1) }
            let next = workday
            let due = try await t.core.db.read { db in
                try await db.raw("SELECT count(*) AS n FROM work_orders WHERE on_clock = 1 AND handling_deadline = \(bind: next.description)").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(due > 0)
        }
    }

    @Test("the demo's orders keep intact hash chains, and its figures agree with a count of the orders")
    func demoOrdersAreReal() async throws {
        try await TestCore.run { t in
            try await DemoData.load(into: t.core, talents: 100, history: 60)
            let leader = try await t.user("a-leader", [.leader], at: "500000")
            let ids = try await t.core.db.read { db in
                try await db.raw("SELECT id FROM work_orders ORDER BY id").all().map { try $0.decode(column: "id", as: Int64.self) }
            }
            for id in ids { #expect(try await t.core.workOrders.verify(id, by: leader).intact, "order \(id)") }
            let report = try await t.core.figures.report(org: "500000", from: "2000-01-01", to: nil, by: leader)
            #expect(report.totals.total == Int64(ids.count))
            let weekly = try await t.core.figures.weekly(districts: nil, weeks: 12)
            let today = t.core.clock.today
            let start = today.adding(days: -((today.dayNumber + 3) % 7) - 7 * 11).description
            let counted = try await t.core.db.read { db in
                try await db.raw("SELECT count(*) AS n FROM work_orders WHERE received_on >= \(bind: start)").first()!.decode(column: "n", as: Int64.self)
            }
            #expect(weekly.map(\.count).reduce(0, +) == counted)
        }
    }
}
