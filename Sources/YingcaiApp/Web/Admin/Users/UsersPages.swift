import Foundation
import Hummingbird
import Organisations
import YingcaiCore

/// 用户: the users of the admin's area, and creating one.
struct UsersPages {
    let web: Web
    var app: Yingcai { web.app }

    struct Page: Sendable {
        struct User: Sendable {
            let username: String
            let displayName: String
            let roles: String
            let org: String
        }

        struct Role: Sendable {
            let code: String
            let label: String
        }

        struct Throttled: Sendable {
            let username: String
            let address: String
            let attempts: Int64
            let first: String
            let last: String
            let longestWait: Int64
        }

        let users: [User]
        let roles: [Role]
        let throttled: [Throttled]
        let anyThrottled: Bool
        let error: String?
    }

    func add(to table: RouteTable) {
        table.page(.get, "/admin/users") { request, _ in
            try await web.page(request) { v in try await usersPage(v, error: nil) }
        }
        table.page(.post, "/admin/users") { request, _ in
            try await web.page(request) { v in
                try v.requireAdmin()
                let f = try await web.form(request, v)
                guard let role = f["role"].flatMap(Organisations.Role.init(rawValue:)) else { throw CoreError.invalid("role", "未知角色 / unknown role") }
                return try await Web.redisplaying({ error, status in try await usersPage(v, error: error, status: status) }) {
                    _ = try await app.accounts.create(.init(username: f["username"] ?? "", displayName: f["displayName"], password: f["password"] ?? "",
                                                            roles: [role], orgCode: f["orgCode"] ?? "", workPhone: f["workPhone"]), by: v.user)
                    return Web.redirect("/admin/users")
                }
            }
        }
    }

    func usersPage(_ v: Visit, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try v.requireAdmin()
        let users = try await app.accounts.list(by: v.user, limit: 500, after: nil)
        let tree = try await app.orgs.tree()
        let throttled = try await app.accounts.throttledSignIns(by: v.user, limit: 100)
        let page = Page(
            users: users.map { u in
                .init(username: u.username, displayName: u.displayName, roles: u.roles.sorted().map(v.label).joined(separator: "、"),
                      org: v.orgName(u.orgCode.rawValue, tree))
            },
            roles: Organisations.Role.allCases.map { .init(code: $0.rawValue, label: v.label($0)) },
            throttled: throttled.map { .init(username: $0.username, address: $0.address.isEmpty ? "—" : $0.address, attempts: $0.attempts,
                                             first: Formatting.dateTime($0.firstAtMillis), last: Formatting.dateTime($0.lastAtMillis),
                                             longestWait: $0.longestWaitSeconds) },
            anyThrottled: !throttled.isEmpty, error: error)
        return web.render("users", page, v, title: v.t("users"), status: status)
    }
}
