import TestSupport
import Testing
@testable import YingcaiCore

/// On Citus a list whose reader sees orders several ways runs one query a way and merges them
/// (`WorkOrderSelection.branchSQLs`, `merge`); everywhere else it is one query (`pageSQL`). Both
/// are run here on the suite's database and must give the same pages.
@Suite("A list page, in one query or merged from one query a way of seeing orders")
struct ListBranchesTests {
    @Test("the merged branches give the same pages as the one query, for handlers, supervisors and a dispatcher, page after page")
    func samePages() async throws {
        try await TestCore.run { t in
            try await DemoData.load(into: t.core, talents: 60, history: 40)
            let leads = try await t.core.db.read { db in
                try await db.raw("""
                    SELECT lead_org, count(*) AS n FROM work_orders WHERE lead_org IS NOT NULL AND lead_org NOT LIKE '500000:%'
                    GROUP BY lead_org ORDER BY n DESC, lead_org LIMIT 3
                    """).all().map { try $0.decode(column: "lead_org", as: String.self) }
            }
            let coHandlers = try await t.core.db.read { db in
                try await db.raw("SELECT DISTINCT org_code FROM work_order_co_orgs ORDER BY org_code LIMIT 2").all()
                    .map { try $0.decode(column: "org_code", as: String.self) }
            }
            #expect(leads.count == 3 && !coHandlers.isEmpty)
            var readers: [Principal] = []
            for (i, org) in (leads + coHandlers).enumerated() { readers.append(try await t.user("lb-handler-\(i)", [.handler], at: org)) }
            let district = String(leads[0].prefix { $0 != ":" })
            readers.append(try await t.user("lb-supervisor", [.supervisor], at: district))
            readers.append(try await t.user("lb-dispatcher", [.dispatcher, .handler], at: "\(district):HRSS"))
            let queries = [WorkOrderQuery(limit: 7), WorkOrderQuery(warning: "red", limit: 4), WorkOrderQuery(warning: "yellow", limit: 4),
                           WorkOrderQuery(unfinished: true, limit: 5), WorkOrderQuery(state: "closed", limit: 6)]
            let calendar = try await t.core.calendars.calendar()
            let tree = try await t.core.orgs.tree()
            var pagesCompared = 0, rowsCompared = 0
            for reader in readers {
                for first in queries {
                    var query = first
                    for _ in 0..<4 {
                        let selection = try WorkOrderSelection(query, principal: reader, tree: tree, calendar: calendar, today: t.core.clock.today)
                        // A supervisor sees by district alone: one query either way.
                        #expect(selection.scopes.count > 1 || reader.roles == [.supervisor], "\(reader.username)")
                        let one = try await t.core.workOrders.page(of: selection, asBranches: false)
                        let merged = try await t.core.workOrders.page(of: selection, asBranches: true)
                        #expect(one.map(\.id) == merged.map(\.id), "\(reader.username) \(query)")
                        pagesCompared += 1
                        rowsCompared += one.count
                        guard one.count > query.limit, let last = one.prefix(query.limit).last else { break }
                        query.cursor = selection.cursor(after: last)
                    }
                }
            }
            // The comparison saw real pages, several of them full with a next one.
            #expect(pagesCompared > 40 && rowsCompared > 150)
        }
    }
}
