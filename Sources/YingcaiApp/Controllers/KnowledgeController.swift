import Foundation
import Hummingbird
import YingcaiCore

/// 热线知识库: search for the desk and the portal, articles and their versions for editors,
/// ratings, expiry warnings, knowledge gaps, the synonym table.
struct KnowledgeController {
    let app: Yingcai

    func add(to api: APIRoutes) {
        api.get("/kb/search") { request, context in
            _ = try context.user()
            let q = request.uri.queryParameters
            func text(_ k: String) -> String? { q.get(k).flatMap { $0.isEmpty ? nil : $0 } }
            let limit = try Paging.limit(q.get("limit"))
            let hits = try await app.knowledge.search(text("q") ?? "", ArticleFilter(category: text("category"), item: text("item"), district: text("districtCode")),
                                                      limit: limit)
            return try JSON.response(["items": hits.map(HitDTO.init)])
        }
        api.get("/kb/articles") { request, context in
            let q = request.uri.queryParameters
            let limit = try Paging.limit(q.get("limit"))
            var state: ArticleState?
            if let raw = q.get("state"), !raw.isEmpty {
                guard let s = ArticleState(rawValue: raw) else { throw CoreError.invalid("state", "未知状态 / unknown state") }
                state = s
            }
            let items = try await app.knowledge.managed(by: try context.user(), state: state, limit: limit, after: try Paging.id(q.get("cursor"), app.cursors))
            return try JSON.response(PageDTO(items: items.map(ArticleDTO.init), nextCursor: items.count == limit ? items.last.map { app.cursors.seal(String($0.id)) } : nil))
        }
        api.post("/kb/articles") { request, context in
            let user = try context.user()
            let bytes = try await request.bodyData(context)
            let input = try JSON.decode(ArticleInput.self, from: bytes)
            return try await idempotentCreate(app, request, context, body: bytes) { _ in
                try JSON.text(ArticleDTO(try await app.knowledge.create(input, by: user)))
            }
        }
        api.get("/kb/articles/{id}") { _, context in
            try JSON.response(ArticleDTO(try await app.knowledge.article(try Self.id(context), by: try context.user())))
        }
        api.put("/kb/articles/{id}") { request, context in
            let input = try await JSON.decode(ArticleInput.self, from: request, context: context)
            return try JSON.response(ArticleDTO(try await app.knowledge.revise(try Self.id(context), input, by: try context.user())))
        }
        api.get("/kb/articles/{id}/versions") { _, context in
            try JSON.response(["items": try await app.knowledge.history(try Self.id(context), by: try context.user()).map(VersionDTO.init)])
        }
        api.post("/kb/articles/{id}/rating") { request, context in
            struct Body: Decodable { let helpful: Bool }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            return try JSON.response(ArticleDTO(try await app.knowledge.rate(try Self.id(context), helpful: body.helpful, by: try context.user())))
        }
        api.post("/kb/articles/{id}/{action}") { _, context in
            guard let action = context.parameters.get("action"), ["review", "publish", "expire"].contains(action) else {
                throw Problem.notFound("没有这个操作 / no such action")
            }
            return try JSON.response(ArticleDTO(try await app.knowledge.act(try Self.id(context), action, by: try context.user())))
        }
        api.get("/kb/warnings") { _, context in
            try JSON.response(["items": try await app.knowledge.warnings(by: try context.user()).map(ArticleDTO.init)])
        }
        api.get("/kb/gaps") { request, context in
            let q = request.uri.queryParameters
            let limit = try Paging.limit(q.get("limit"))
            let items = try await app.knowledge.gaps(by: try context.user(), limit: limit, after: try Paging.id(q.get("cursor"), app.cursors))
            return try JSON.response(PageDTO(items: items.map(GapDTO.init), nextCursor: items.count == limit ? items.last.map { app.cursors.seal(String($0.callId)) } : nil))
        }
        api.post("/kb/gaps/{id}/close") { request, context in
            struct Body: Decodable { let articleId: Int64? }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            try await app.knowledge.closeGap(try Self.id(context), article: body.articleId, by: try context.user())
            return Response(status: .noContent)
        }
        api.get("/kb/synonyms") { _, context in
            _ = try context.user()
            return try JSON.response(["groups": try await app.knowledge.synonymGroups()])
        }
        api.put("/kb/synonyms") { request, context in
            struct Body: Decodable { let groups: [[String]] }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            return try JSON.response(["groups": try await app.knowledge.setSynonyms(body.groups, by: try context.user())])
        }
    }

    static func id(_ context: AppContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw Problem.notFound() }
        return id
    }
}

struct SegmentDTO: Encodable {
    let text: String
    let match: Bool
}

struct HitDTO: Encodable {
    let id: Int64
    let title: String
    let category: String
    let scope: String
    let orgCode: String
    let items: [String]
    let expiresOn: String?
    let titleSegments: [SegmentDTO]
    let snippet: [SegmentDTO]

    init(_ h: ArticleHit) {
        id = h.id; title = h.title; category = h.category; scope = h.scope; orgCode = h.orgCode; items = h.items
        expiresOn = h.expiresOn?.description
        titleSegments = h.titleSegments.map { SegmentDTO(text: $0.text, match: $0.match) }
        snippet = h.snippet.map { SegmentDTO(text: $0.text, match: $0.match) }
    }
}

struct VersionDTO: Encodable {
    let version: Int
    let title: String
    let body: String
    let category: String
    let keywords: [String]
    let items: [String]
    let scope: String
    let effectiveOn: String
    let expiresOn: String?
    let state: String
    let writtenBy: String
    let writtenAt: String
    let reviewedBy: String?
    let publishedAt: String?

    init(_ v: ArticleVersion) {
        version = v.version; title = v.title; body = v.body; category = v.category; keywords = v.keywords; items = v.items; scope = v.scope
        effectiveOn = v.effectiveOn.description; expiresOn = v.expiresOn?.description; state = v.state.rawValue
        writtenBy = v.writtenBy; writtenAt = RFC3339.string(v.writtenAt); reviewedBy = v.reviewedBy; publishedAt = v.publishedAt.map(RFC3339.string)
    }
}

struct ArticleDTO: Encodable {
    let id: Int64
    let orgCode: String
    let publishedVersion: Int?
    let latest: VersionDTO
    let published: VersionDTO?
    let helpful: Int
    let unhelpful: Int

    init(_ a: Article) {
        id = a.id; orgCode = a.orgCode; publishedVersion = a.published?.version; latest = VersionDTO(a.latest)
        published = a.published.map(VersionDTO.init); helpful = a.helpful; unhelpful = a.unhelpful
    }
}

struct GapDTO: Encodable {
    let callId: Int64
    let line: String
    let question: String
    let outcome: String
    let closedAt: String
    let dispatcherName: String

    init(_ g: KnowledgeGap) {
        callId = g.callId; line = g.line; question = g.question; outcome = g.outcome.rawValue
        closedAt = RFC3339.string(g.closedAt); dispatcherName = g.dispatcherName
    }
}
