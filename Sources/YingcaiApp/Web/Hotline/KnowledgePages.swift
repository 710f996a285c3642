import Foundation
import Hummingbird
import WorkOrderRules
import YingcaiCore

/// 知识库: everyone signed in searches the published articles and rates them; editors see what
/// waits for them — drafts to review, reviewed versions to publish, articles about to expire, and
/// the calls answered without an article (knowledge gaps) — and write new articles.
struct KnowledgePages {
    let web: Web
    var app: Yingcai { web.app }

    /// A hit as the desk's and the knowledge base's pages show it: the marked title and snippet.
    struct Hit: Sendable {
        let articleId: Int64
        let href: String
        let title: [ArticleHit.Segment]
        let snippet: [ArticleHit.Segment]
        let category: String

        init(_ h: ArticleHit, _ v: Visit) {
            articleId = h.id; href = "/kb/articles/\(h.id)"; title = h.titleSegments; snippet = h.snippet
            category = WorkOrderCategory(rawValue: h.category).map(v.label) ?? h.category
        }
    }
    struct SearchPage: Sendable { let q: String; let searched: Bool; let hits: [Hit]; let editor: Bool }
    struct ArticlePage: Sendable {
        let id: Int64; let title: String; let paragraphs: [String]; let category: String; let org: String; let expires: String?
        let helpful: Int; let unhelpful: Int; let version: Int; let state: String
    }
    struct Item: Sendable { let id: Int64; let href: String; let title: String; let state: String; let canReview: Bool; let canPublish: Bool; let version: Int; let expires: String?; let writer: String }
    struct Gap: Sendable { let callId: Int64; let question: String; let line: String; let closed: String }
    struct ManagePage: Sendable {
        let waiting: [Item]; let warnings: [Item]; let gaps: [Gap]; let categories: [SelectOption]; let error: String?
    }

    func add(to table: RouteTable) {
        table.page(.get, "/kb") { request, _ in
            try await web.page(request) { v in
                let q = (request.uri.queryParameters.get("q").map { String($0) } ?? "").trimmingCharacters(in: .whitespaces)
                let hits = q.isEmpty ? [] : try await app.knowledge.search(q, limit: 20)
                let page = SearchPage(q: q, searched: !q.isEmpty, hits: hits.map { Hit($0, v) }, editor: app.knowledge.isEditor(v.user))
                return web.render("kb", page, v, title: v.t("knowledgeBase"))
            }
        }
        table.page(.get, "/kb/articles/{id}") { request, context in
            try await web.page(request) { v in try await articlePage(v, id: try id(context)) }
        }
        table.page(.post, "/kb/articles/{id}/rating") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let id = try id(context)
                _ = try await app.knowledge.rate(id, helpful: f["helpful"] == "true", by: v.user)
                return Web.redirect("/kb/articles/\(id)")
            }
        }
        table.page(.post, "/kb/articles/{id}/act") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                _ = try await app.knowledge.act(try id(context), f["action"] ?? "", by: v.user)
                return Web.redirect("/kb/manage")
            }
        }
        table.page(.get, "/kb/manage") { request, _ in
            try await web.page(request) { v in try await managePage(v, error: nil) }
        }
        table.page(.post, "/kb/manage") { request, _ in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                return try await Web.redisplaying({ error, status in try await managePage(v, error: error, status: status) }) {
                    let input = ArticleInput(title: f["title"], body: f["body"], category: f["category"],
                                             keywords: (f["keywords"] ?? "").split(whereSeparator: { " ,，、".contains($0) }).map(String.init),
                                             expiresOn: f["expiresOn"].flatMap { $0.isEmpty ? nil : $0 })
                    let a = try await app.knowledge.create(input, by: v.user)
                    return Web.redirect("/kb/articles/\(a.id)")
                }
            }
        }
        table.page(.post, "/kb/gaps/{id}/close") { request, context in
            try await web.page(request) { v in
                _ = try await web.form(request, v)
                try await app.knowledge.closeGap(try id(context), article: nil, by: v.user)
                return Web.redirect("/kb/manage")
            }
        }
    }

    func id(_ context: AppContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw CoreError.notFound("article") }
        return id
    }

    func articlePage(_ v: Visit, id: Int64) async throws -> Response {
        let a = try await app.knowledge.article(id, by: v.user)
        let shown = a.shown
        let tree = try await app.orgs.tree()
        let page = ArticlePage(id: a.id, title: shown.title, paragraphs: shown.body.split(separator: "\n").map(String.init),
                               category: WorkOrderCategory(rawValue: shown.category).map(v.label) ?? shown.category, org: v.orgName(a.orgCode, tree),
                               expires: shown.expiresOn?.description, helpful: a.helpful, unhelpful: a.unhelpful, version: shown.version,
                               state: v.pick(shown.state.chinese, shown.state.rawValue))
        return web.render("kb-article", page, v, title: shown.title)
    }

    func managePage(_ v: Visit, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard app.knowledge.isEditor(v.user) else { throw CoreError.forbidden(v.t("forbidden")) }
        func item(_ a: Article) -> Item {
            Item(id: a.id, href: "/kb/articles/\(a.id)", title: a.latest.title, state: v.pick(a.latest.state.chinese, a.latest.state.rawValue),
                 canReview: a.latest.state == .draft, canPublish: a.latest.state == .reviewed, version: a.latest.version, expires: (a.published ?? a.latest).expiresOn?.description, writer: a.latest.writtenBy)
        }
        let drafts = try await app.knowledge.managed(by: v.user, state: .draft, limit: 50, after: nil)
        let reviewed = try await app.knowledge.managed(by: v.user, state: .reviewed, limit: 50, after: nil)
        let page = ManagePage(
            waiting: (drafts + reviewed).map(item), warnings: try await app.knowledge.warnings(by: v.user).map(item),
            gaps: try await app.knowledge.gaps(by: v.user, limit: 50, after: nil).map {
                Gap(callId: $0.callId, question: $0.question.isEmpty ? "—" : $0.question, line: $0.line, closed: Formatting.dateTime($0.closedAt))
            },
            categories: KnowledgeBase.categories.map { c in .init(value: c, label: WorkOrderCategory(rawValue: c).map(v.label) ?? c, selected: c == "inquiry") },
            error: error)
        return web.render("kb-manage", page, v, title: v.t("kbManage"), status: status)
    }
}
