import Hummingbird
import Organisations
import YingcaiCore

/// User accounts, kept by admins within their part of the tree.
struct UsersController {
    let app: Yingcai

    struct NewUserBody: Decodable {
        let username: String
        let displayName: String?
        let password: String
        let roles: [String]
        let orgCode: String
        let workPhone: String?
    }

    func add(to api: APIRoutes) {
        api.post("/users") { request, context in
            let user = try context.user()
            let body = try await JSON.decode(NewUserBody.self, from: request, context: context)
            var roles: [Role] = []
            for r in body.roles {
                guard let role = Role(rawValue: r) else {
                    throw CoreError.invalid("roles", "未知角色 \(r)，应为 \(Role.allCases.map(\.rawValue).joined(separator: "/")) / unknown role")
                }
                roles.append(role)
            }
            // A retried create (with an Idempotency-Key) of the same account answers as the first time:
            // the username is the account's natural key.
            if request.headers[.idempotencyKey] != nil, let existing = try await app.accounts.user(username: body.username) {
                if existing.orgCode.rawValue == body.orgCode, Set(existing.roles) == Set(roles) {
                    var r = try JSON.response(UserDTO(existing), status: .created)
                    r.headers[.idempotentReplayed] = "true"
                    return r
                }
            }
            let created = try await app.accounts.create(
                .init(username: body.username, displayName: body.displayName, password: body.password, roles: roles, orgCode: body.orgCode,
                      workPhone: body.workPhone),
                by: user)
            return try JSON.response(UserDTO(created), status: .created)
        }
        api.get("/users") { request, context in
            let limit = try Paging.limit(request.uri.queryParameters.get("limit"))
            let cursor = try Paging.id(request.uri.queryParameters.get("cursor"), app.cursors)
            let users = try await app.accounts.list(by: try context.user(), limit: limit, after: cursor)
            return try JSON.response(PageDTO(items: users.map(UserDTO.init), nextCursor: users.count == limit ? users.last.map { app.cursors.seal(String($0.id)) } : nil))
        }
    }
}
