import Foundation
import Hummingbird
import YingcaiCore

/// Finds the user of `Authorization: Bearer <token>`; answers 401 without one.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let accounts: Accounts

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard let token = Self.bearer(request) else { throw Problem.unauthenticated() }
        guard let principal = try await accounts.authenticate(token: token) else {
            throw Problem.unauthenticated("登录已失效，请重新登录 / the token is invalid or expired; sign in again")
        }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "user"] = .stringConvertible(principal.userId)
        return try await next(request, context)
    }

    static func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }
}
