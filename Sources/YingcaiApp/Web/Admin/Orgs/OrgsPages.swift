import Foundation
import Hummingbird
import Organisations
import YingcaiCore

/// 组织机构: browse the tree of the admin's area and add a child organisation.
struct OrgsPages {
    let web: Web
    var app: Yingcai { web.app }

    struct Page: Sendable {
        struct Child: Sendable {
            let code: String
            let name: String
            let kind: String
        }

        struct Kind: Sendable {
            let code: String
            let label: String
        }

        let code: String
        let parentCode: String?
        let parentName: String?
        let children: [Child]
        let kinds: [Kind]
        let error: String?
    }

    func add(to table: RouteTable) {
        table.page(.get, "/admin/orgs") { request, _ in
            try await web.page(request) { v in try await orgsPage(v, code: request.uri.queryParameters.get("code"), error: nil) }
        }
        table.page(.post, "/admin/orgs") { request, _ in
            try await web.page(request) { v in
                try v.requireAdmin()
                let f = try await web.form(request, v)
                let parent = f["parentCode"] ?? ""
                guard let code = OrgCode((f["code"] ?? "").trimmingCharacters(in: .whitespaces)), let kind = f["kind"].flatMap(OrgKind.init(rawValue:)) else {
                    return try await orgsPage(v, code: parent, error: v.pick("机构代码或类型无效", "Invalid code or kind"), status: .unprocessableContent)
                }
                let name = (f["name"] ?? "").trimmingCharacters(in: .whitespaces)
                return try await Web.redisplaying({ error, status in try await orgsPage(v, code: parent, error: error, status: status) }) {
                    _ = try await app.orgs.add(OrgNode(code: code, parent: OrgCode(parent), name: name,
                                                       nameEn: (f["nameEn"] ?? "").isEmpty ? name : f["nameEn"]!, kind: kind), by: v.user)
                    return Web.redirect("/admin/orgs?code=\(parent)")
                }
            }
        }
    }

    func orgsPage(_ v: Visit, code: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try v.requireAdmin()
        let tree = try await app.orgs.tree()
        let area = tree.area(of: v.user.org)
        let node = code.flatMap { OrgCode($0) }.flatMap { tree[$0] } ?? tree[area]!
        guard tree.isWithin(node.code, area) else { throw CoreError.notFound("org") }
        let parent = node.parent.flatMap { tree.isWithin($0, area) ? $0 : nil }
        let kinds = node.kind.childKinds.sorted { $0.rawValue < $1.rawValue } + (node.kind == .city || node.kind.isDistrictLevel ? [.department] : [])
        let page = Page(
            code: node.code.rawValue, parentCode: parent?.rawValue, parentName: parent.map { v.orgName($0.rawValue, tree) },
            children: tree.children(of: node.code).map { .init(code: $0.code.rawValue, name: v.english ? $0.nameEn : $0.name, kind: v.label($0.kind)) },
            kinds: kinds.map { .init(code: $0.rawValue, label: v.label($0)) }, error: error)
        return web.render("orgs", page, v, title: v.t("orgs") + " · " + v.orgName(node.code.rawValue, tree), status: status)
    }
}
