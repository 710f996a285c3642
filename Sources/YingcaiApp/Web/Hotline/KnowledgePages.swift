import Foundation
import Hummingbird
import Organisations
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
    struct SearchPage: Sendable {
        let q: String; let searched: Bool; let hits: [Hit]; let editor: Bool; let categories: [SelectOption]; let districts: [SelectOption]
    }
    struct ArticlePage: Sendable {
        let id: Int64; let title: String; let paragraphs: [String]; let category: String; let org: String; let expires: String?
        let helpful: Int; let unhelpful: Int; let version: Int; let state: String
        /// For the article's editors: every version, the latest to revise, and what the latest may do next.
        let editing: Editing?
    }
    struct Editing: Sendable {
        let versions: [VersionRow]; let title: String; let body: String; let keywords: String; let expiresOn: String
        let categories: [SelectOption]; let canReview: Bool; let canPublish: Bool; let canExpire: Bool; let error: String?
    }
    struct VersionRow: Sendable { let version: Int; let title: String; let state: String; let writer: String; let written: String; let reviewer: String; let published: String }
    struct Item: Sendable { let id: Int64; let href: String; let title: String; let state: String; let canReview: Bool; let canPublish: Bool; let version: Int; let expires: String?; let writer: String }
    struct Gap: Sendable { let callId: Int64; let question: String; let line: String; let closed: String }
    struct ManagePage: Sendable {
        let waiting: [Item]; let warnings: [Item]; let gaps: [Gap]; let categories: [SelectOption]; let error: String?
    }

    func add(to table: RouteTable) {
        table.page(.get, "/kb") { request, _ in
            try await web.page(request) { v in
                let query = request.uri.queryParameters
                let q = (query.get("q").map { String($0) } ?? "").trimmingCharacters(in: .whitespaces)
                let category = query.get("category").map { String($0) }.flatMap { KnowledgeBase.categories.contains($0) ? $0 : nil }
                let tree = try await app.orgs.tree()
                let districts = tree.allDistricts
                let district = query.get("district").map { String($0) }.flatMap { d in districts.contains { $0.code.rawValue == d } ? d : nil }
                let hits = q.isEmpty ? [] : try await app.knowledge.search(q, ArticleFilter(category: category, district: district), limit: 20)
                let page = SearchPage(
                    q: q, searched: !q.isEmpty, hits: hits.map { Hit($0, v) }, editor: app.knowledge.isEditor(v.user),
                    categories: [SelectOption(value: "", label: v.t("all"), selected: category == nil)]
                        + KnowledgeBase.categories.map { c in .init(value: c, label: WorkOrderCategory(rawValue: c).map(v.label) ?? c, selected: c == category) },
                    districts: [SelectOption(value: "", label: v.pick("全市", "Whole city"), selected: district == nil)]
                        + districts.map { .init(value: $0.code.rawValue, label: v.english ? $0.nameEn : $0.name, selected: $0.code.rawValue == district) })
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
        table.page(.post, "/kb/articles/{id}/revise") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let id = try id(context)
                return try await Web.redisplaying({ error, status in try await articlePage(v, id: id, error: error, status: status) }) {
                    // What the form does not show (catalog items, scope, effective date) stays as the latest version has it.
                    let latest = try await app.knowledge.article(id, by: v.user).latest
                    let input = ArticleInput(title: f["title"], body: f["body"], category: f["category"], keywords: Self.keywords(f["keywords"]),
                                             items: latest.items, scope: latest.scope, effectiveOn: latest.effectiveOn.description,
                                             expiresOn: f["expiresOn"].flatMap { $0.isEmpty ? nil : $0 })
                    _ = try await app.knowledge.revise(id, input, by: v.user)
                    return Web.redirect("/kb/articles/\(id)")
                }
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
                                             keywords: Self.keywords(f["keywords"]),
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

    /// Keywords as typed in one field, separated by spaces or commas.
    static func keywords(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { " ,，、".contains($0) }).map(String.init)
    }

    func articlePage(_ v: Visit, id: Int64, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let a = try await app.knowledge.article(id, by: v.user)
        let shown = a.shown
        let tree = try await app.orgs.tree()
        func category(_ c: String) -> String { WorkOrderCategory(rawValue: c).map(v.label) ?? c }
        var editing: Editing?
        if app.knowledge.canEdit(a, by: v.user) {
            let latest = a.latest
            editing = Editing(
                versions: try await app.knowledge.history(id, by: v.user).map {
                    VersionRow(version: $0.version, title: $0.title, state: v.pick($0.state.chinese, $0.state.rawValue), writer: $0.writtenBy,
                               written: Formatting.dateTime($0.writtenAt), reviewer: $0.reviewedBy ?? "—", published: $0.publishedAt.map(Formatting.dateTime) ?? "—")
                },
                title: latest.title, body: latest.body, keywords: latest.keywords.joined(separator: " "), expiresOn: latest.expiresOn?.description ?? "",
                categories: KnowledgeBase.categories.map { .init(value: $0, label: category($0), selected: $0 == latest.category) },
                canReview: latest.state == .draft, canPublish: latest.state == .reviewed, canExpire: a.published != nil, error: error)
        }
        let page = ArticlePage(id: a.id, title: shown.title, paragraphs: shown.body.split(separator: "\n").map(String.init),
                               category: category(shown.category), org: v.orgName(a.orgCode, tree),
                               expires: shown.expiresOn?.description, helpful: a.helpful, unhelpful: a.unhelpful, version: shown.version,
                               state: v.pick(shown.state.chinese, shown.state.rawValue), editing: editing)
        return web.render("kb-article", page, v, title: shown.title, status: status)
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
