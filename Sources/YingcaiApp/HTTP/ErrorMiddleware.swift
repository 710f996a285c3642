import Hummingbird
import Logging
import YingcaiCore

/// Turns every error into problem details: the core's errors by their meaning, the framework's by
/// status, anything else as a 500 that is logged (without the request's data) and explained to no one.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let error as CoreError {
            return try Problem.from(error).response(from: request, context: context)
        } catch let error as WorkOrderError {
            return try Problem.from(error).response(from: request, context: context)
        } catch let error as HTTPError {
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
}
