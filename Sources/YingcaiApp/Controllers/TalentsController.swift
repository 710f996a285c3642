import Foundation
import Hummingbird
import YingcaiCore

/// 人才库 over HTTP: register, search, read, change, certify, export.
struct TalentsController {
    let app: Yingcai

    func add(to api: APIRoutes) {
        api.post("/talents") { request, context in
            let user = try context.user()
            let bytes = try await request.bodyData(context)
            let input = try JSON.decode(TalentInput.self, from: bytes)
            return try await idempotentCreate(app, request, context, body: bytes) { db in
                JSON.text(writing: TalentDTO(try await app.talents.register(input, by: user, on: db)))
            }
        }
        api.get("/talents") { request, context in
            let page = try await app.talents.search(try query(request), by: try context.user())
            return JSON.response(writing: PageDTO(items: page.items.map { TalentDTO($0) }, nextCursor: page.nextCursor.map(app.cursors.seal)))
        }
        api.get("/talents/{id}") { request, context in
            let user = try context.user()
            let id = try talentId(context)
            let talent = try await app.talents.talent(id, by: user)
            if request.uri.queryParameters.get("reveal") == "true" {
                let revealed = try await app.talents.reveal(id, by: user, requestId: context.id)
                return try JSON.response(TalentDTO(talent, revealed: revealed))
            }
            return try JSON.response(TalentDTO(talent))
        }
        api.patch("/talents/{id}") { request, context in
            let patch = try await JSON.decode(TalentInput.self, from: request, context: context)
            let talent = try await app.talents.update(try talentId(context), patch, by: try context.user())
            return try JSON.response(TalentDTO(talent))
        }
        api.post("/talents/{id}/certifications") { request, context in
            let user = try context.user()
            let id = try talentId(context)
            let bytes = try await request.bodyData(context)
            let input = try JSON.decode(TalentRegistry.CertificationInput.self, from: bytes)
            return try await idempotentCreate(app, request, context, body: bytes) { db in
                try JSON.text(CertificationDTO(try await app.talents.certify(id, input, by: user, on: db)))
            }
        }
        api.post("/talents/{id}/butler") { request, context in
            struct Body: Decodable { let butler: String? }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            let id = try talentId(context)
            _ = try await app.talents.assignButler(id, username: body.butler, by: try context.user())
            let butler = try await app.talents.butlerOf(id)
            return try JSON.response(ButlerDTO(talentId: id, butlerId: butler?.id, butlerName: butler?.name))
        }
        api.get("/talents/{id}/certifications") { _, context in
            let list = try await app.talents.certifications(of: try talentId(context), by: try context.user())
            return try JSON.response(["items": list.map(CertificationDTO.init)])
        }
        api.get("/exports/talents.csv") { request, context in
            let user = try context.user()
            var query = try query(request)
            query.limit = 500
            let q = query
            // Check access before the first byte is sent; errors after that cannot change the status.
            _ = try await app.talents.search(TalentQuery(q: q.q, tier: q.tier, districtCode: q.districtCode, category: q.category, limit: 1), by: user)
            let body = ResponseBody { writer in
                _ = try await app.talents.export(q, by: user) { chunk in
                    try await writer.write(ByteBuffer(string: chunk))
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"talents.csv\"",
            ], body: body)
        }
    }

    func talentId(_ context: AppContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw Problem.notFound() }
        return id
    }

    func query(_ request: Request) throws -> TalentQuery {
        let p = request.uri.queryParameters
        let limit = try Paging.limit(p.get("limit"))
        func text(_ name: String) -> String? { p.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        return TalentQuery(q: text("q"), tier: text("tier"), districtCode: text("districtCode"),
                           category: text("category"), limit: limit, cursor: try Paging.position(text("cursor"), app.cursors))
    }
}

struct ButlerDTO: Encodable {
    let talentId: Int64
    let butlerId: Int64?
    let butlerName: String?
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(talentId, forKey: .talentId)
        try c.encode(butlerId, forKey: .butlerId)
        try c.encode(butlerName, forKey: .butlerName)
    }
    enum CodingKeys: String, CodingKey { case talentId, butlerId, butlerName }
}
