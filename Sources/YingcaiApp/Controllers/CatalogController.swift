import Hummingbird
import YingcaiCore

/// 服务事项目录: the one-stop catalog.
struct CatalogController {
    let app: Yingcai

    func add(to api: APIRoutes) {
        api.get("/service-items") { request, _ in
            let p = request.uri.queryParameters
            let items = try await app.catalog.list(kind: p.get("kind"), department: p.get("department"), tier: p.get("tier"))
            return try JSON.response(["items": items])
        }
        api.get("/service-items/{code}") { _, context in
            guard let code = context.parameters.get("code"), let item = try await app.catalog.item(code) else { throw Problem.notFound() }
            return try JSON.response(item)
        }
        api.patch("/service-items/{code}") { request, context in
            let patch = try await JSON.decode(Catalog.ItemPatch.self, from: request, context: context)
            let item = try await app.catalog.update(context.parameters.get("code") ?? "", patch, by: try context.user())
            return try JSON.response(item)
        }
        api.get("/tiers") { _, _ in try JSON.response(["items": ReferenceCatalog.tiers]) }
    }
}
