import Hummingbird
import Organisations
import YingcaiCore

/// The organisation tree.
struct OrgsController {
    let app: Yingcai

    struct NewOrg: Decodable {
        let code: String
        let parentCode: String
        let name: String
        let nameEn: String?
        let kind: String
    }

    func add(to api: APIRoutes) {
        api.get("/orgs") { request, context in
            _ = try context.user()
            let tree = try await app.orgs.tree()
            let includeDepartments = request.uri.queryParameters.get("departments") != "false"
            func build(_ node: OrgNode) -> OrgDTO {
                let kids = tree.children(of: node.code).filter { includeDepartments || $0.kind != .department }
                return OrgDTO(node, children: kids.map(build))
            }
            guard let root = tree.root, let node = tree[root] else { throw Problem.notFound() }
            return try JSON.response(build(node))
        }
        api.get("/orgs/{code}") { _, context in
            _ = try context.user()
            guard let code = context.parameters.get("code").flatMap(OrgCode.init),
                  let node = try await app.orgs.node(code) else { throw Problem.notFound() }
            let tree = try await app.orgs.tree()
            return try JSON.response(OrgDTO(node, children: tree.children(of: code).map { OrgDTO($0) }))
        }
        api.post("/orgs") { request, context in
            let user = try context.user()
            let body = try await JSON.decode(NewOrg.self, from: request, context: context)
            guard let code = OrgCode(body.code) else { throw CoreError.invalid("code", "机构代码为字母、数字、- 或 _ / letters, digits, - or _") }
            guard let parent = OrgCode(body.parentCode) else { throw CoreError.invalid("parentCode", "上级机构代码无效 / not an organisation code") }
            guard let kind = OrgKind(rawValue: body.kind) else {
                throw CoreError.invalid("kind", "类型应为 \(OrgKind.allCases.map(\.rawValue).joined(separator: "/")) / kind is one of those")
            }
            let node = try await app.orgs.add(OrgNode(code: code, parent: parent, name: body.name, nameEn: body.nameEn ?? body.name, kind: kind), by: user)
            return try JSON.response(OrgDTO(node), status: .created)
        }
    }
}
