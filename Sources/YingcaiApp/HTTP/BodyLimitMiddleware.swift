import Hummingbird
import YingcaiCore

/// Refuses a body over its route's limit with 413 before reading it, by its `Content-Length`
/// (a body sent without one is cut off at the same limit while it is read, also a 413).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppContext

    /// Sign-in takes a name and a password; an upload a file; a page's form with files several.
    static func limit(method: HTTPRequest.Method, path: String, contentType: String?) -> Int {
        if path == "/api/v1/auth/login" || path == "/login" { return 64 * 1024 }
        if path == "/api/v1/uploads" { return UploadStore.maxBytes + 64 * 1024 }
        if path.hasPrefix("/api/") { return 16 * 1024 * 1024 }
        if contentType?.hasPrefix("multipart/form-data") == true { return Forms.maxMultipartBytes }
        return Forms.maxFormBytes
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init) {
            let limit = Self.limit(method: request.method, path: request.uri.path, contentType: request.headers[.contentType])
            if length > limit {
                throw Problem(.contentTooLarge, type: "/problems/too-large", title: "请求体过大 / Content too large",
                              detail: "此地址最多接受 \(limit) 字节 / this path takes at most \(limit) bytes")
            }
        }
        return try await next(request, context)
    }
}
