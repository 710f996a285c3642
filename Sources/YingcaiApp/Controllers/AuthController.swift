import Hummingbird
import YingcaiCore

/// Sign-in, sign-out and "who am I".
struct AuthController {
    let app: Yingcai

    struct LoginBody: Decodable {
        let username: String
        let password: String
    }

    struct LoginAnswer: Encodable {
        let token: String
        let expiresAt: String
        let user: UserDTO
    }

    /// Sign-in is the one `/api/v1` route without a token.
    func addPublic(to table: RouteTable) {
        table.add(.post, "/api/v1/auth/login") { request, context in
            let body = try await JSON.decode(LoginBody.self, from: request, context: context)
            let session = try await app.accounts.login(username: body.username, password: body.password, address: context.clientAddress(request))
            return try JSON.response(LoginAnswer(token: session.token, expiresAt: RFC3339.string(session.expiresAtMillis),
                                                 user: UserDTO(session.principal)))
        }
    }

    struct MeAnswer: Encodable {
        let user: UserDTO
        let talent: TalentDTO?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(user, forKey: .user)
            try c.encode(talent, forKey: .talent)  // null for staff, as the contract says
        }

        enum CodingKeys: String, CodingKey { case user, talent }
    }

    func add(to api: APIRoutes) {
        api.post("/auth/logout") { request, context in
            if let token = AuthMiddleware.bearer(request) { try await app.accounts.logout(token: token) }
            return Response(status: .noContent)
        }
        api.get("/me") { _, context in
            let user = try context.user()
            let talent = try await user.talentId.asyncMap { try await app.talents.talent($0, by: user) }
            return try JSON.response(MeAnswer(user: UserDTO(user), talent: talent.map { TalentDTO($0) }))
        }
        api.get("/sign-in/throttled") { request, context in
            let limit = try Paging.limit(request.uri.queryParameters.get("limit"))
            let after = try Paging.position(request.uri.queryParameters.get("cursor"), app.cursors).map { text in
                guard let position = ThrottledSignIn.Position(text: text) else { throw CoreError.invalid("cursor", "分页游标无效 / the cursor is not valid") }
                return position
            }
            let items = try await app.accounts.throttledSignIns(by: try context.user(), limit: limit, after: after)
            return try JSON.response(PageDTO(items: items.map(ThrottledSignInDTO.init),
                                             nextCursor: items.count == limit ? items.last.map { app.cursors.seal($0.position.text) } : nil))
        }
    }

    struct ThrottledSignInDTO: Encodable {
        let username: String
        let address: String
        let firstAt: String
        let lastAt: String
        let attempts: Int64
        let longestWaitSeconds: Int64

        init(_ t: ThrottledSignIn) {
            username = t.username; address = t.address; attempts = t.attempts; longestWaitSeconds = t.longestWaitSeconds
            firstAt = RFC3339.string(t.firstAtMillis); lastAt = RFC3339.string(t.lastAtMillis)
        }
    }
}
