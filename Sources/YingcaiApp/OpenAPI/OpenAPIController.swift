import Hummingbird

struct OpenAPIController {
    let table: RouteTable

    func add(to table: RouteTable) {
        table.add(.get, "/openapi.json") { _, _ in JSON.raw(OpenAPIDocument.json) }
    }
}

extension RouteTable {
    /// The operations of the OpenAPI document, as (method, path), for the consistency test.
    public static var documentedOperations: [Entry] {
        OpenAPIDocument.operations.map { Entry(method: $0.method, path: $0.path) }
    }
}
