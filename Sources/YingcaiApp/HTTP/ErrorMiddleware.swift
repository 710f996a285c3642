import Hummingbird
import Logging
import NIOCore
import Storage
import YingcaiCore

/// Turns every error into problem details: the core's errors by their meaning, the framework's by
/// status, anything else as a 500 that is logged (without the request's data) and explained to no one.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext
    /// The routes, to tell a wrong method (405 with `Allow`) from a path that does not exist (404).
    let routes: RouteTable

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let error as CoreError {
            return try Problem.from(error).response(from: request, context: context)
        } catch let error as WorkOrderError {
            return try Problem.from(error).response(from: request, context: context)
        } catch where Database.isUnavailable(error) {
            // Once per 10 s with the count since, not once per request: an outage is one event.
            if let suppressed = Self.unavailableLog.admit() {
                context.logger.error("database unavailable", metadata: ["error": .string(String(describing: error)), "since_last_log": .stringConvertible(suppressed)])
            }
            return try Problem.unavailable().response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            // A body sent without Content-Length, cut off at its route's limit while it was read.
            return try Problem(.contentTooLarge, type: "/problems/too-large", title: "请求体过大 / Content too large",
                               detail: "请求体超过此地址的上限 / the body is over this path's limit").response(from: request, context: context)
        } catch let error as HTTPError {
            if error.status == .notFound, let wrong = wrongMethod(request) { return try wrong.response(from: request, context: context) }
            let title = error.status == .notFound ? "未找到 / Not found" : error.status.reasonPhrase
            return try Problem(error.status, type: "/problems/http-\(error.status.code)", title: title,
                               detail: error.body ?? error.status.reasonPhrase).response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": .string(String(describing: type(of: error)))])
            return try Problem(.internalServerError, type: "/problems/internal", title: "服务器内部错误 / Internal error",
                               detail: "请求未能完成，请稍后重试 / the request could not be completed; retry later")
                .response(from: request, context: context)
        }
    }

    static let unavailableLog = LogThrottle(seconds: 10)

    /// A 405 with `Allow` when the path is routed for other methods than the request's.
    private func wrongMethod(_ request: Request) -> Problem? {
        let allowed = routes.methods(for: request.uri.path[...])
        guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { return nil }
        var problem = Problem(.methodNotAllowed, type: "/problems/method-not-allowed", title: "不支持此方法 / Method not allowed",
                              detail: "此地址只接受 \(allowed.joined(separator: "、")) / this path takes \(allowed.joined(separator: ", "))")
        problem.headers[.allow] = allowed.joined(separator: ", ")
        return problem
    }
}
