import Foundation
import Hummingbird
import NIOCore
import Open311
import YingcaiCore

/// Open311 GeoReport v2 at `/open311/v2/`, each resource in XML (the spec's required format) and
/// JSON by its extension. No sign-in: reading is public, filing takes an `api_key` an admin issued.
/// Errors are the spec's error lists in the format asked for, never problem details; only a
/// database that is down answers as the rest of the API does (503, `Retry-After`).
struct Open311Controller {
    let app: Yingcai
    static let base = "/open311/v2"

    func add(to table: RouteTable) {
        for format in ResponseFormat.allCases {
            let ext = "." + format.rawValue
            table.add(.get, Self.base + "/discovery" + ext) { request, _ in
                try await respond(format) { discovery(request) }
            }
            table.add(.get, Self.base + "/services" + ext) { request, _ in
                try await respond(format) {
                    try jurisdiction(request)
                    return try await app.open311.services()
                }
            }
            table.add(.get, Self.base + "/requests" + ext) { request, _ in
                try await respond(format) { try await app.open311.requests(try ServiceRequestQuery.parse(request.uri.query ?? "", now: now())) }
            }
            table.add(.post, Self.base + "/requests" + ext) { request, context in
                try await respond(format, status: .created) {
                    let body = try await request.body.collect(upTo: 1 << 20)
                    let submission = try ServiceRequestSubmission(body: String(buffer: body))
                    return RequestReceiptList([try await app.open311.submit(submission)])
                }
            }
            table.add(.get, Self.base + "/servicerequestupdates" + ext) { request, _ in
                try await respond(format) { try await app.open311.updates(try ServiceRequestUpdateQuery.parse(request.uri.query ?? "", now: now())) }
            }
        }
        // One resource by its id, the format its extension: `services/YC-P-001.xml`, `requests/7.json`.
        for (collection, name) in [("services", "serviceCode"), ("requests", "serviceRequestId"), ("tokens", "token")] {
            table.add(.get, Self.base + "/\(collection)/{\(name)}") { request, _ in
                let path = String(request.uri.path.dropFirst(Self.base.count))
                guard let endpoint = Endpoint.parse(path) else {
                    return Self.render(ErrorList([APIError(code: 404, description: "use \(collection)/{id}.xml or .json")]), .xml, .notFound)
                }
                var extensions = false
                if let flag = request.uri.queryParameters.get("extensions").map({ String($0).lowercased() }), !flag.isEmpty {
                    guard ["true", "false", "1", "0"].contains(flag) else {
                        return Self.render(ErrorList([APIError(code: 400, description: "extensions: must be true or false")]), endpoint.format, .badRequest)
                    }
                    extensions = flag == "true" || flag == "1"
                }
                switch endpoint {
                case .serviceDefinition(let code, let format):
                    return try await respond(format) {
                        try jurisdiction(request)
                        return try await app.open311.definition(code)
                    }
                case .request(let id, let format):
                    return try await respond(format) {
                        try jurisdiction(request)
                        return try await app.open311.request(id, extensions: extensions)
                    }
                case .token(let token, let format):
                    return try await respond(format) {
                        try jurisdiction(request)
                        return try await app.open311.token(token)
                    }
                default:
                    return Self.render(ErrorList([APIError(code: 404, description: "no such resource")]), .xml, .notFound)
                }
            }
        }
    }

    /// The admin's side: issue a key (shown once), list the clients, revoke a key.
    func add(to api: APIRoutes) {
        api.get("/open311/clients") { _, context in
            try JSON.response(["items": try await app.open311.clients(by: try context.user()).map(ClientDTO.init)])
        }
        api.post("/open311/clients") { request, context in
            struct Body: Decodable { let name: String; let ratePerMinute: Int? }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            let issued = try await app.open311.issueKey(name: body.name, ratePerMinute: body.ratePerMinute, by: try context.user())
            return try JSON.response(IssuedDTO(client: ClientDTO(issued.client), apiKey: issued.apiKey), status: .created)
        }
        api.post("/open311/clients/{id}/revoke") { _, context in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw CoreError.notFound("client") }
            return try JSON.response(ClientDTO(try await app.open311.revoke(id, by: try context.user())))
        }
    }

    struct ClientDTO: Encodable {
        let id: Int64, name: String, keyHint: String, ratePerMinute: Int, createdAt: String, revokedAt: String?
        init(_ c: Open311Client) {
            id = c.id; name = c.name; keyHint = c.keyHint; ratePerMinute = c.ratePerMinute
            createdAt = RFC3339.string(c.createdAt); revokedAt = c.revokedAt.map { RFC3339.string($0) }
        }
    }
    struct IssuedDTO: Encodable { let client: ClientDTO; let apiKey: String }

    /// A `jurisdiction_id` other than this deployment's is the spec's error (the lists and filings check
    /// their own as they parse).
    func jurisdiction(_ request: Request) throws {
        _ = try app.open311.jurisdictions.resolve(request.uri.queryParameters.get("jurisdiction_id").map { String($0) })
    }

    func now() -> W3CDateTime { W3CDateTime(secondsSince1970: app.clock.nowMillis() / 1000) }

    func discovery(_ request: Request) -> Discovery {
        let host = request.head.authority ?? "localhost"
        let changed = W3CDateTime(secondsSince1970: 1_764_720_000)  // 2025-12-03: this endpoint's last change of contract
        return Discovery(changeset: changed, contact: "12345 / 12351 — 重庆英才服务港 Open311 接口",
                         keyService: "API keys from the city talent office's administrator (POST /api/v1/open311/clients)",
                         endpoints: [.init(url: "https://\(host)\(Self.base)", changeset: changed)])
    }

    /// The resource in `format`, or the spec's error list for what went wrong; anything else (the
    /// database down) goes on to the API's own error handling.
    func respond(_ format: ResponseFormat, status: HTTPResponse.Status = .ok, _ body: () async throws -> any GeoReportResponse) async throws -> Response {
        do {
            return Self.render(try await body(), format, status)
        } catch let e as Open311Error {
            return Self.render(ErrorList(e.problems.map(\.apiError)), format, HTTPResponse.Status(code: e.httpStatus))
        } catch CoreError.validation(let list) {
            return Self.render(ErrorList(list.map { APIError(code: 400, description: "\($0.field): \($0.message)") }), format, .badRequest)
        } catch CoreError.tooManyAttempts(let seconds) {
            var response = Self.render(ErrorList([APIError(code: 429, description: "too many requests for this api_key; retry after \(seconds) s")]),
                                       format, .tooManyRequests)
            response.headers[.retryAfter] = String(max(1, seconds))
            return response
        } catch CoreError.notFound(let what) {
            return Self.render(ErrorList([APIError(code: 404, description: "not found: \(what)")]), format, .notFound)
        } catch CoreError.forbidden(let why) {
            return Self.render(ErrorList([APIError(code: 403, description: why)]), format, .forbidden)
        } catch CoreError.conflict(let why) {
            return Self.render(ErrorList([APIError(code: 400, description: why)]), format, .badRequest)
        }
    }

    static func render(_ body: any GeoReportResponse, _ format: ResponseFormat, _ status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: format.contentType], body: .init(byteBuffer: ByteBuffer(string: body.render(format))))
    }
}
