import Foundation
import Hummingbird
import YingcaiCore

/// An RFC 9457 problem details answer: `type`, `title`, `status`, `detail` and, for bad fields,
/// `errors: [{field, message}]`.
public struct Problem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var type: String
    public var title: String
    public var detail: String
    public var errors: [FieldError]?
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, type: String, title: String, detail: String, errors: [FieldError]? = nil) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.errors = errors
    }

    struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let errors: [FieldError]?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/problem+json; charset=utf-8"
        let body = try JSON.encoder.encode(Body(type: type, title: title, status: Int(status.code), detail: detail, errors: errors))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func unauthenticated(_ detail: String = "请先登录 / sign in first") -> Problem {
        var p = Problem(.unauthorized, type: "/problems/unauthenticated", title: "未登录 / Not signed in", detail: detail)
        p.headers[.wwwAuthenticate] = "Bearer"
        return p
    }

    /// Seconds a client is told to wait when the database is unavailable.
    static let retryAfterSeconds = 2

    /// The database is down, restarting, failing over or past a lock's limit. A create may or may
    /// not have happened: retry with the same `Idempotency-Key`.
    static func unavailable() -> Problem {
        var p = Problem(.serviceUnavailable, type: "/problems/unavailable", title: "服务暂不可用 / Temporarily unavailable",
                        detail: "数据库暂不可用，请稍后用同一幂等键重试 / the database is briefly unavailable; retry shortly with the same Idempotency-Key")
        p.headers[.retryAfter] = String(retryAfterSeconds)
        return p
    }

    static func badRequest(_ detail: String, field: String? = nil) -> Problem {
        Problem(.badRequest, type: "/problems/bad-request", title: "请求格式错误 / Malformed request", detail: detail,
                errors: field.map { [FieldError(field: $0, message: detail)] })
    }

    static func notFound(_ detail: String = "记录不存在 / no such record") -> Problem {
        Problem(.notFound, type: "/problems/not-found", title: "未找到 / Not found", detail: detail)
    }

    /// A move the rules refuse: 409 when the state table does not allow it, 422 for a condition
    /// of the order or a bad argument, 403 when the user lacks the capacity.
    static func from(_ error: WorkOrderError) -> Problem {
        switch error {
        case .rule(let rule):
            switch rule {
            case .notAllowed:
                return Problem(.conflict, type: "/problems/state-transition", title: "当前状态不允许此操作 / Not allowed in this state",
                               detail: rule.message)
            case .notYours:
                return Problem(.forbidden, type: "/problems/forbidden", title: "无权操作 / Forbidden", detail: rule.message)
            case .invalid(let field, let message):
                return Problem(.unprocessableContent, type: "/problems/validation", title: "输入有误 / Invalid input", detail: message,
                               errors: [FieldError(field: field, message: message)])
            }
        }
    }

    /// The one place where the core's errors become HTTP answers.
    static func from(_ error: CoreError) -> Problem {
        switch error {
        case .validation(let errors):
            return Problem(.unprocessableContent, type: "/problems/validation", title: "输入有误 / Invalid input",
                           detail: errors.map(\.message).joined(separator: "；"), errors: errors)
        case .notFound:
            return notFound()
        case .forbidden(let d):
            return Problem(.forbidden, type: "/problems/forbidden", title: "无权操作 / Forbidden", detail: d)
        case .conflict(let d):
            return Problem(.conflict, type: "/problems/conflict", title: "冲突 / Conflict", detail: d)
        case .unauthenticated(let d):
            return unauthenticated(d)
        case .tooManyAttempts(let seconds):
            var p = Problem(.tooManyRequests, type: "/problems/too-many-attempts", title: "尝试次数过多 / Too many attempts",
                            detail: "登录失败次数过多，请 \(seconds) 秒后再试 / too many failed sign-ins; retry in \(seconds) s")
            p.headers[.retryAfter] = String(seconds)
            return p
        case .idempotencyKeyReused:
            return Problem(.unprocessableContent, type: "/problems/idempotency-key-reused", title: "幂等键已被使用 / Idempotency key reused",
                           detail: "同一幂等键已用于不同的请求 / this Idempotency-Key was used with a different request",
                           errors: [FieldError(field: "Idempotency-Key", message: "已用于不同的请求 / used with a different request")])
        }
    }
}
