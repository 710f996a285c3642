import Foundation
import Hummingbird
import YingcaiCore

/// 工作台: the tabs of the user's roles with their counts, and the orders of the chosen tab, most
/// urgent first. Every unfinished order of the user's department is in exactly one of its tabs.
struct WorkbenchPage {
    let web: Web
    var app: Yingcai { web.app }

    func add(to table: RouteTable) {
        table.page(.get, "/workbench") { request, _ in
            try await web.page(request) { v in
                let p = v.user
                guard !p.isTalentOnly else { return Web.redirect("/portal") }
                let tabs = try await app.workbench.tabs(for: p)
                let query = request.uri.queryParameters
                // Without a choice, the first tab that has work in it.
                let chosen = query.get("tab").flatMap { id in tabs.first { $0.id == id } } ?? tabs.first { $0.count > 0 } ?? tabs.first
                var orders: [OrderRow] = []
                var more: String?
                if let chosen {
                    let tree = try await app.orgs.tree()
                    let page = try await app.workbench.list(tab: chosen.id, by: p, limit: 100, cursor: try Paging.position(query.get("cursor"), app.cursors))
                    orders = page.items.map { OrderRow($0, tree, v) }
                    more = page.nextCursor.map { "/workbench?tab=\(chosen.id)&cursor=\(app.cursors.seal($0))" }
                }
                let list = OrderList(
                    heading: v.t("workbench"),
                    tabs: tabs.map { TabLink(href: "/workbench?tab=\($0.id)", label: v.english ? $0.english : $0.chinese,
                                                   count: $0.count, current: $0.id == chosen?.id) },
                    orders: orders, more: more)
                return web.render("orders", list, v, title: v.t("workbench"))
            }
        }
    }
}
