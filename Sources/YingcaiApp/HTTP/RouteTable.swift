import Hummingbird
import NIOConcurrencyHelpers

/// Registers routes under their OpenAPI paths (`/api/v1/talents/{id}`) and remembers each one, so
/// that a test can hold the OpenAPI document to the routes the server really answers.
public final class RouteTable: @unchecked Sendable {
    public struct Entry: Hashable, Sendable {
        public let method: String
        public let path: String
    }

    // Routes are added while the application is built, before it serves; only `all` is read later.
    private let entries = NIOLockedValueBox<[Entry]>([])
    /// Every route, pages included, as path segments: what a wrong method is told it may use.
    private let templates = NIOLockedValueBox<[(segments: [Substring], method: String)]>([])
    let router: Router<AppContext>

    init(router: Router<AppContext>) { self.router = router }

    public var all: [Entry] { entries.withLockedValue { $0 } }

    /// The methods routed for a concrete path (`/api/v1/talents/7`), for a 405's `Allow`; empty when
    /// no route has this path at all.
    func methods(for path: Substring) -> [String] {
        Array(Set(matches(for: path).map(\.method))).sorted()
    }

    /// The route templates a concrete path falls under, as the router picks them: at each segment a
    /// literal beats a parameter (`/policies/check-source` is not `/policies/{code}`).
    func matches(for path: Substring) -> [(template: String, method: String)] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var candidates = templates.withLockedValue { all in
            all.filter { t in
                t.segments.count == parts.count && zip(t.segments, parts).allSatisfy { $0.first == "{" || $0 == $1 }
            }
        }
        for i in parts.indices where candidates.contains(where: { $0.segments[i].first != "{" }) {
            candidates.removeAll { $0.segments[i].first == "{" }
        }
        return candidates.map { ("/" + $0.segments.joined(separator: "/"), $0.method) }
    }

    private func remember(_ method: HTTPRequest.Method, _ path: String) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        templates.withLockedValue { $0.append((segments, method.rawValue)) }
    }

    /// Adds a web page: routed like the API but not part of the OpenAPI document.
    func page(_ method: HTTPRequest.Method, _ path: String,
              _ handler: @escaping @Sendable (Request, AppContext) async throws -> Response) {
        remember(method, path)
        let hbPath = RouterPath(path.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/"))
        router.on(path == "/" ? "/" : hbPath, method: method, use: handler)
    }

    /// Adds a route. `path` is written as in OpenAPI, with `{name}` parameters.
    func add(_ method: HTTPRequest.Method, _ path: String, group: RouterGroup<AppContext>? = nil, prefix: String = "",
             _ handler: @escaping @Sendable (Request, AppContext) async throws -> Response) {
        entries.withLockedValue { $0.append(Entry(method: method.rawValue.lowercased(), path: prefix + path)) }
        remember(method, prefix + path)
        let hbPath = RouterPath(path.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/"))
        if let group {
            group.on(hbPath, method: method, use: handler)
        } else {
            router.on(hbPath, method: method, use: handler)
        }
    }
}

/// The routes under `/api/v1` that need a signed-in user.
struct APIRoutes {
    let table: RouteTable
    let group: RouterGroup<AppContext>

    func get(_ path: String, _ h: @escaping @Sendable (Request, AppContext) async throws -> Response) {
        table.add(.get, path, group: group, prefix: "/api/v1", h)
    }
    func post(_ path: String, _ h: @escaping @Sendable (Request, AppContext) async throws -> Response) {
        table.add(.post, path, group: group, prefix: "/api/v1", h)
    }
    func put(_ path: String, _ h: @escaping @Sendable (Request, AppContext) async throws -> Response) {
        table.add(.put, path, group: group, prefix: "/api/v1", h)
    }
    func patch(_ path: String, _ h: @escaping @Sendable (Request, AppContext) async throws -> Response) {
        table.add(.patch, path, group: group, prefix: "/api/v1", h)
    }
    func delete(_ path: String, _ h: @escaping @Sendable (Request, AppContext) async throws -> Response) {
        table.add(.delete, path, group: group, prefix: "/api/v1", h)
    }
}
