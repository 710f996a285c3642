import Foundation
import Hummingbird
import WorkCalendar
import YingcaiCore

/// Holds every API request's query to what `/openapi.json` says of its parameters — types, enums,
/// bounds, formats, required ones — so that the document and the server cannot disagree: a
/// parameter that breaks its rule is a 422 naming it, never silently ignored.
struct QueryCheckMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let routes: RouteTable

    /// "METHOD /path/{template}" → the operation.
    static let operations: [String: OpenAPIDocument.Operation] = Dictionary(
        OpenAPIDocument.operations.map { ("\($0.method.uppercased()) \($0.path)", $0) }, uniquingKeysWith: { a, _ in a })

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/api/"),
           let match = routes.matches(for: path[...]).first(where: { $0.method == request.method.rawValue }),
           let operation = Self.operations["\(match.method) \(match.template)"] {
            // A path parameter that breaks its rule names a record that cannot exist: 404.
            for (part, value) in zip(match.template.split(separator: "/"), path.split(separator: "/")) where part.first == "{" {
                let name = String(part.dropFirst().dropLast())
                if Self.violation(String(value), OpenAPIDocument.pathSchema(name, in: match.template)) != nil {
                    throw Problem.notFound()
                }
            }
            try Self.check(request.uri.queryParameters, against: operation)
            if operation.idempotent, let key = request.headers[.idempotencyKey], !(1...255).contains(key.count) {
                throw CoreError.invalid("Idempotency-Key", "幂等键为 1–255 个字符 / a key of 1 to 255 characters")
            }
        }
        return try await next(request, context)
    }

    static func check(_ query: Parameters, against operation: OpenAPIDocument.Operation) throws {
        var errors = FieldErrors()
        for name in operation.query {
            let values = query.getAll(name)
            guard let value = values.first else {
                if operation.requiredQuery.contains(name) { errors.add(name, "必填 / required") }
                continue
            }
            if values.count > 1 { errors.add(name, "只能给一次 / given once at most"); continue }
            if let reason = violation(value, OpenAPIDocument.querySchema(name, of: operation)) { errors.add(name, reason) }
        }
        try errors.throwIfAny()
    }

    /// Why `value` breaks `schema`, or nil.
    static func violation(_ value: String, _ schema: [String: Any]) -> String? {
        if let allowed = schema["enum"] as? [String], !allowed.contains(value) {
            return "应为 \(allowed.joined(separator: "、")) 之一 / one of \(allowed.joined(separator: ", "))"
        }
        switch schema["type"] as? String {
        case "integer":
            guard let n = Int(value) else { return "应为整数 / a whole number" }
            if let min = schema["minimum"] as? Int, n < min { return "不能小于 \(min) / at least \(min)" }
            if let max = schema["maximum"] as? Int, n > max { return "不能大于 \(max) / at most \(max)" }
        case "boolean":
            guard value == "true" || value == "false" else { return "应为 true 或 false / true or false" }
        default:
            if let pattern = schema["pattern"] as? String, value.range(of: pattern, options: .regularExpression) == nil {
                return "格式不符 / does not match \(pattern)"
            }
            if let min = schema["minLength"] as? Int, value.count < min { return "至少 \(min) 个字符 / at least \(min) characters" }
            if schema["format"] as? String == "date", LocalDate(value) == nil { return "日期格式应为 YYYY-MM-DD / a date, YYYY-MM-DD" }
        }
        return nil
    }
}
