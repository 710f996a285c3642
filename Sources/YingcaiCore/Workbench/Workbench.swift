import SQLKit
import Storage
import WorkOrderRules

/// 工作台: what waits for a staff member, tab by tab, with counts. Every tab is a list of the orders
/// the user may see anyway (`WorkOrderService.list`), so visibility is the API's.
public struct Workbench: Sendable {
    let db: Database
    let workOrders: WorkOrderService

    /// The user's tabs with their counts.
    public func tabs(for principal: Principal) async throws -> [WorkbenchTab] {
        var tabs = WorkbenchTab.all(for: principal)
        // The lead organisation's queues in one read: one row per queue of its unfinished orders.
        let led = principal.hasAny(.handler, .admin) ? try await queueCounts(leadOrg: principal.org.rawValue) : [:]
        for i in tabs.indices {
            if let org = tabs[i].query.leadOrg, org == principal.org.rawValue, let q = tabs[i].query.queue {
                tabs[i].count = led[q] ?? 0
            } else {
                tabs[i].count = try await workOrders.count(tabs[i].query, by: principal)
            }
        }
        return tabs
    }

    /// A page of one tab; an unknown tab, or one the user's roles do not have, is 404.
    public func list(tab id: String, by principal: Principal, limit: Int = 50,
                     cursor: String? = nil) async throws -> (tab: WorkbenchTab, items: [WorkOrderView], nextCursor: String?) {
        guard let tab = WorkbenchTab.all(for: principal).first(where: { $0.id == id }) else {
            throw CoreError.notFound("workbench tab \(id)")
        }
        var query = tab.query
        query.limit = limit
        query.cursor = cursor
        let page = try await workOrders.list(query, by: principal)
        return (tab, page.items, page.nextCursor)
    }

    func queueCounts(leadOrg: String) async throws -> [String: Int64] {
        try await db.read { db in
            let rows = try await db.raw("""
                SELECT queue, count(*) AS n FROM work_orders WHERE lead_org = \(bind: leadOrg) AND queue IS NOT NULL GROUP BY queue
                """).all()
            return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(column: "queue", as: String.self), try $0.decode(column: "n", as: Int64.self)) })
        }
    }
}
