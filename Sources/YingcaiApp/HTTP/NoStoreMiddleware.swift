import Hummingbird

/// `Cache-Control: no-store` on every answer of the API, errors included: answers hold personal data
/// (masked or, on request, in full) and tokens, which no browser, proxy or CDN may keep. Public
/// material (the published keys, the OpenAPI document, the pages' assets) keeps its own caching.
struct NoStoreMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        // Outside the error middleware: every error is a response by the time it comes back here.
        var response = try await next(request, context)
        if request.uri.path.hasPrefix("/api/") { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
