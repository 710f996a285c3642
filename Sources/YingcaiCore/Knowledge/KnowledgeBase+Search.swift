import Foundation
import KnowledgeSearch
import SQLKit
import Storage
import WorkCalendar

extension KnowledgeBase {
    /// Published articles in force matching what was typed, best first: every word (through its
    /// synonyms) before some of them, each tier ranked by BM25 (SQLite) or `ts_rank` with the title
    /// weighted 4× (PostgreSQL); with the title and a snippet marked where the words match.
    public func search(_ text: String, _ filter: ArticleFilter = .init(), limit: Int) async throws -> [ArticleHit] {
        var errors = FieldErrors()
        errors.text("q", text, max: 200)
        if let c = filter.category, !Self.categories.contains(c) { errors.add("category", "应为 \(Self.categories.joined(separator: "、")) 之一 / one of \(Self.categories.joined(separator: ", "))") }
        try errors.throwIfAny()
        let query = SearchQuery(text, synonyms: try await synonymCache.table { try await synonymGroups() })
        guard !query.isEmpty else { return [] }
        var ids: [Int64] = []
        for expression in query.cascade {
            guard ResultCascade.needsRelaxed(strictCount: ids.count, limit: limit) else { break }
            let more = try await matching(expression, filter, limit: ids.isEmpty ? limit : ResultCascade.nextLimit(shown: ids.count, limit: limit))
            ids = ResultCascade.merge(strict: ids, relaxed: more, limit: limit)
        }
        return try await hits(ids, query: query)
    }

    /// The ids of the articles one expression matches, best first.
    func matching(_ expression: MatchExpression, _ f: ArticleFilter, limit: Int) async throws -> [Int64] {
        let today = self.today.description
        var filters: SQLQueryString = """
            a.published_version IS NOT NULL AND a.effective_on <= \(bind: today) AND (a.expires_on IS NULL OR a.expires_on >= \(bind: today))
            """
        if let c = f.category { filters = filters + " AND a.category = \(bind: c)" }
        if let item = f.item { filters = filters + " AND a.items LIKE \(bind: LikePattern.containing("|" + item + "|")) ESCAPE '\\'" }
        if let d = f.district { filters = filters + " AND a.scope IN (\(bind: Self.city), \(bind: d))" }
        let condition = filters
        return try await db.read { db in
            let rows: [any SQLRow]
            switch self.db.dialect {
            case .sqlite:
                rows = try await db.raw("""
                    SELECT a.id FROM kb_fts JOIN kb_articles a ON a.id = kb_fts.rowid
                    WHERE kb_fts MATCH \(bind: FTS5Syntax.render(expression)) AND \(condition)
                    ORDER BY kb_fts.rank, a.id LIMIT \(bind: limit)
                    """).all()
            case .postgres:
                rows = try await db.raw("""
                    SELECT a.id FROM kb_search s JOIN kb_articles a ON a.id = s.article_id, to_tsquery('simple', \(bind: TSQuerySyntax.render(expression))) q
                    WHERE s.tsv @@ q AND \(condition)
                    ORDER BY ts_rank('{0.1, 0.2, 0.25, 1.0}', s.tsv, q, 1) DESC, a.id LIMIT \(bind: limit)
                    """).all()
            }
            return try rows.map { try $0.decode(column: "id", as: Int64.self) }
        }
    }

    func hits(_ ids: [Int64], query: SearchQuery) async throws -> [ArticleHit] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.read { db in
            try await db.raw("""
                SELECT a.id, a.org_code, v.title, v.body, v.category, v.scope, v.items, v.expires_on FROM kb_articles a
                JOIN kb_article_versions v ON v.article_id = a.id AND v.version = a.published_version
                WHERE a.id IN (\(binds: ids))
                """).all()
        }
        var byId: [Int64: ArticleHit] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            let title = try row.decode(column: "title", as: String.self)
            func segments(_ s: [SnippetSegment]) -> [ArticleHit.Segment] { s.map { .init(text: $0.text, match: $0.isMatch) } }
            byId[id] = ArticleHit(id: id, title: title, category: try row.decode(column: "category", as: String.self),
                                  scope: try row.decode(column: "scope", as: String.self), orgCode: try row.decode(column: "org_code", as: String.self),
                                  items: try row.decode(column: "items", as: String.self).split(separator: "|").map(String.init),
                                  expiresOn: try row.decode(column: "expires_on", as: String?.self).flatMap(LocalDate.init),
                                  titleSegments: segments(Highlighter.snippet(of: title, for: query, maxLength: Self.titleMax)),
                                  snippet: segments(Highlighter.snippet(of: try row.decode(column: "body", as: String.self), for: query)))
        }
        return ids.compactMap { byId[$0] }
    }

    // MARK: Knowledge gaps

    /// Calls answered or put through with no article used and not yet dealt with by an editor:
    /// what the knowledge base lacks, newest first.
    public func gaps(by p: Principal, limit: Int, after: Int64?) async throws -> [KnowledgeGap] {
        guard isEditor(p) else { throw CoreError.forbidden("只有知识编辑可以查看知识缺口 / only editors see knowledge gaps") }
        return try await db.read { db in
            try await db.raw("""
                SELECT c.id, c.line_code, c.question, c.outcome, c.closed_at, u.display_name FROM hotline_calls c LEFT JOIN users u ON u.id = c.dispatcher_id
                WHERE c.outcome IN ('answered', 'transferred') AND c.gap_closed_at IS NULL AND c.id < \(bind: after ?? Int64.max)
                  AND NOT EXISTS (SELECT 1 FROM hotline_call_articles ca WHERE ca.call_id = c.id)
                ORDER BY c.id DESC LIMIT \(bind: limit)
                """).all().map { row in
                KnowledgeGap(callId: try row.decode(column: "id", as: Int64.self), line: try row.decode(column: "line_code", as: String.self),
                             question: try row.decode(column: "question", as: String.self),
                             outcome: CallOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .answered,
                             closedAt: try row.decode(column: "closed_at", as: Int64?.self) ?? 0,
                             dispatcherName: try row.decode(column: "display_name", as: String?.self) ?? "")
            }
        }
    }

    /// An editor has dealt with a gap: with the article written or found for it, or none needed.
    public func closeGap(_ callId: Int64, article: Int64?, by p: Principal) async throws {
        guard isEditor(p) else { throw CoreError.forbidden("只有知识编辑可以处理知识缺口 / only editors deal with gaps") }
        if let article { _ = try await self.article(article, by: p) }
        let now = clock.nowMillis()
        try await db.transaction { db in
            let done = try await db.raw("""
                UPDATE hotline_calls SET gap_closed_by = \(bind: p.userId), gap_closed_at = \(bind: now), gap_article_id = \(bind: article)
                WHERE id = \(bind: callId) AND outcome IN ('answered', 'transferred') AND gap_closed_at IS NULL RETURNING id
                """).all()
            if done.isEmpty { throw CoreError.notFound("gap") }
        }
    }
}
