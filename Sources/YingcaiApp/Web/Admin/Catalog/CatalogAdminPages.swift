import Foundation
import Hummingbird
import YingcaiCore

/// 服务事项管理: each item's tiers and time limits, edited in place.
struct CatalogAdminPages {
    let web: Web
    var app: Yingcai { web.app }

    struct Page: Sendable {
        struct Item: Sendable {
            let code: String
            let name: String
            let department: String
            let tiers: String
            let commitWorkdays: Int
            let statutoryWorkdays: Int
        }

        let items: [Item]
        let error: String?
    }

    func add(to table: RouteTable) {
        table.page(.get, "/admin/catalog") { request, _ in
            try await web.page(request) { v in try await catalogPage(v, error: nil) }
        }
        table.page(.post, "/admin/catalog/{code}") { request, context in
            try await web.page(request) { v in
                try v.requireAdmin()
                let code = context.parameters.get("code") ?? ""
                let f = try await web.form(request, v)
                var patch = Catalog.ItemPatch()
                return try await Web.redisplaying({ error, status in try await catalogPage(v, error: "\(code)：" + error, status: status) }) {
                    patch.commitWorkdays = try Web.number(f, "commitWorkdays")
                    patch.statutoryWorkdays = try Web.number(f, "statutoryWorkdays")
                    patch.eligibleTiers = f["eligibleTiers"].map { $0.split(whereSeparator: { "/, ".contains($0) }).map(String.init) }
                    _ = try await app.catalog.update(code, patch, by: v.user)
                    return Web.redirect("/admin/catalog")
                }
            }
        }
    }

    func catalogPage(_ v: Visit, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try v.requireAdmin()
        let tree = try await app.orgs.tree()
        let items = try await app.catalog.list().map { i in
            Page.Item(code: i.code, name: v.english ? i.nameEn : i.name, department: v.departmentName(i.department, tree),
                      tiers: i.eligibleTiers.joined(separator: "/"), commitWorkdays: i.commitWorkdays, statutoryWorkdays: i.statutoryWorkdays)
        }
        return web.render("catalog-admin", Page(items: items, error: error), v, title: v.t("catalog"), status: status)
    }
}
