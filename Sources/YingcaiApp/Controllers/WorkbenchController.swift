import Hummingbird
import YingcaiCore

/// 工作台 over the API: the signed-in user's tabs with their counts, and the orders of one tab.
struct WorkbenchController {
    let app: Yingcai

    func add(to api: APIRoutes) {
        api.get("/workbench") { _, context in
            let tabs = try await app.workbench.tabs(for: try context.user())
            return try JSON.response(["items": tabs.map { TabDTO(id: $0.id, name: $0.chinese, nameEn: $0.english, count: $0.count) }])
        }
        api.get("/workbench/{tab}") { request, context in
            let p = request.uri.queryParameters
            let page = try await app.workbench.list(tab: context.parameters.get("tab") ?? "", by: try context.user(),
                                                    limit: try Paging.limit(p.get("limit")), cursor: try Paging.position(p.get("cursor"), app.cursors))
            return JSON.response(writing: WorkOrderPageDTO(items: page.items, nextCursor: page.nextCursor.map(app.cursors.seal)))
        }
    }

    struct TabDTO: Encodable {
        let id: String
        let name: String
        let nameEn: String
        let count: Int64
    }
}
