import Hummingbird
import Logging
import Storage

/// One log line per request: method, the route's path pattern (never the query string, which may
/// hold an ID or phone number being searched for), status and duration, with the request id.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let start = Clock.nowMillis()
        let response = try await next(request, context)
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "unmatched"),
            "status": .stringConvertible(response.status.code),
            "ms": .stringConvertible(Clock.nowMillis() - start),
        ])
        var r = response
        r.headers[.init("X-Request-Id")!] = context.id
        return r
    }
}
