import Foundation
import KnowledgeSearch
import SQLKit
import Storage
import WorkCalendar

extension KnowledgeBase {
    /// Where an expression is looked for: the titles first, then titles and bodies together.
    enum SearchField: CaseIterable {
        case title, all
    }

    /// Published articles in force matching what was typed, best first. Each expression of the query
    /// (every word, through its synonyms, then the known words, then any word) is looked for first in
    /// the titles and then in titles and bodies, each step only while the page is not full, and each
    /// ranked by BM25 (SQLite; the title 4× the body) or `ts_rank` (PostgreSQL). Words in most
    /// articles are left out of "any word" (`CommonTokens`). With the title and a snippet marked where
    /// the words match.
    public func search(_ text: String, _ filter: ArticleFilter = .init(), limit: Int) async throws -> [ArticleHit] {
        var errors = FieldErrors()
        errors.text("q", text, max: 200)
        if let c = filter.category, !Self.categories.contains(c) { errors.add("category", "应为 \(Self.categories.joined(separator: "、")) 之一 / one of \(Self.categories.joined(separator: ", "))") }
        try errors.throwIfAny()
        let query = SearchQuery(text, synonyms: try await synonymCache.table { try await synonymGroups() })
        guard !query.isEmpty else { return [] }
        let common = try await commonTokens()
        var ids: [Int64] = []
        search: for field in SearchField.allCases {
            for expression in query.cascade(pruning: common) {
                guard ResultCascade.needsRelaxed(strictCount: ids.count, limit: limit) else { break search }
                let more = try await matching(expression, in: field, filter, limit: ResultCascade.nextLimit(shown: ids.count, limit: limit))
                ids = ResultCascade.merge(strict: ids, relaxed: more, limit: limit)
            }
        }
        return try await hits(ids, query: query)
    }

    /// The words in more than `CommonTokens.share` of the titles, counted again in the background
    /// (`refreshCommonTokens`), here only when never counted yet.
    func commonTokens() async throws -> CommonTokens {
        if let known = commonCache.tokens { return known }
        return try await refreshCommonTokens()
    }

    /// Counts the words of the titles index: FTS5's `fts5vocab` on SQLite, `ts_stat` on PostgreSQL
    /// (about 0.1 s and 1 s at 100,000 articles), keeping those in more than 5 % of them.
    /// `minimumArticles`: below it nothing is common (tests count smaller indexes).
    @discardableResult
    public func refreshCommonTokens(minimumArticles: Int = CommonTokens.minimumArticles) async throws -> CommonTokens {
        let tokens = try await db.read { db in
            let countSQL: SQLQueryString = self.db.dialect == .sqlite ? "SELECT count(*) AS n FROM kb_titles" : "SELECT count(*) AS n FROM kb_search"
            let articles = try await db.raw(countSQL).first()?.decode(column: "n", as: Int.self) ?? 0
            guard articles >= minimumArticles else { return CommonTokens.none }
            let least = CommonTokens.minimumCount(articles: articles)
            let rows = switch self.db.dialect {
            case .sqlite: try await db.raw("SELECT term AS token, doc AS n FROM kb_titles_vocab WHERE doc >= \(bind: least)").all()
            case .postgres: try await db.raw("SELECT word AS token, ndoc AS n FROM ts_stat('SELECT title_tsv FROM kb_search') WHERE ndoc >= \(bind: least)").all()
            }
            let counts = try rows.map { (text: try $0.decode(column: "token", as: String.self), articles: try $0.decode(column: "n", as: Int.self)) }
            return CommonTokens(counts: counts, articles: articles, minimumArticles: minimumArticles)
        }
        commonCache.store(tokens)
        return tokens
    }

    /// After a bulk import, the indexes as a server that has run for a while would have them: on
    /// SQLite each FTS5 index merged into one segment (an import leaves one per transaction, and every
    /// query reads them all), the planner's statistics, and the log folded into the file; on
    /// PostgreSQL the statistics of the tables the import filled. Then the common words counted again.
    func settleAfterBulkLoad() async throws {
        switch db.dialect {
        case .sqlite:
            try await db.longTransaction { db in
                try await db.raw("INSERT INTO kb_fts(kb_fts) VALUES ('optimize')").run()
                try await db.raw("INSERT INTO kb_titles(kb_titles) VALUES ('optimize')").run()
            }
            try await db.longTransaction { db in try await db.raw("PRAGMA optimize").run() }
            try await db.read { db in try await db.raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
        case .postgres:
            try await db.longTransaction { db in try await db.raw("ANALYZE kb_articles, kb_article_versions, kb_search").run() }
        }
        try await refreshCommonTokens()
    }

    /// Background work: the common words counted again once they are older than their lifetime.
    func refreshCommonTokensIfStale() async throws {
        if commonCache.isStale { try await refreshCommonTokens() }
    }

    /// The ids of the articles one expression matches in one field, best first. With no filter of the
    /// caller's, the index is ranked alone and the few best rows are then checked to be in force (an
    /// article not yet effective, or expired today, is in the index until the background work takes it
    /// out), which gives the same rows as ranking with the check joined in, as long as enough of them
    /// pass; otherwise, and with a filter, the articles are joined into the ranking.
    func matching(_ expression: MatchExpression, in field: SearchField, _ f: ArticleFilter, limit: Int) async throws -> [Int64] {
        let today = self.today.description
        var filters: SQLQueryString = """
            a.published_version IS NOT NULL AND a.effective_on <= \(bind: today) AND (a.expires_on IS NULL OR a.expires_on >= \(bind: today))
            """
        let unfiltered = f.category == nil && f.item == nil && f.district == nil
        if let c = f.category { filters = filters + " AND a.category = \(bind: c)" }
        if let item = f.item { filters = filters + " AND a.items LIKE \(bind: LikePattern.containing("|" + item + "|")) ESCAPE '\\'" }
        if let d = f.district { filters = filters + " AND a.scope IN (\(bind: Self.city), \(bind: d))" }
        let condition = filters
        let dialect = self.db.dialect
        return try await db.read { db in
            if unfiltered {
                let asked = limit + 8
                let ranked = try await db.raw(Self.ranking(expression, in: field, dialect, joining: nil, limit: asked)).all()
                    .map { try $0.decode(column: "id", as: Int64.self) }
                guard !ranked.isEmpty else { return [] }
                let inForce = Set(try await db.raw("SELECT a.id FROM kb_articles a WHERE a.id IN (\(binds: ranked)) AND \(condition)").all()
                    .map { try $0.decode(column: "id", as: Int64.self) })
                let kept = ranked.filter(inForce.contains)
                if kept.count >= limit || ranked.count < asked { return Array(kept.prefix(limit)) }
            }
            return try await db.raw(Self.ranking(expression, in: field, dialect, joining: condition, limit: limit)).all()
                .map { try $0.decode(column: "id", as: Int64.self) }
        }
    }

    /// One field's ranked matches as SQL, with the articles joined in when there is a condition on them.
    static func ranking(_ expression: MatchExpression, in field: SearchField, _ dialect: Dialect, joining condition: SQLQueryString?, limit: Int) -> SQLQueryString {
        switch dialect {
        case .sqlite:
            let table: SQLQueryString = field == .title ? "kb_titles" : "kb_fts"
            let join: SQLQueryString = condition.map { " JOIN kb_articles a ON a.id = f.rowid AND " + $0 } ?? ""
            return "SELECT f.rowid AS id FROM \(table) f\(join) WHERE f.\(table) MATCH \(bind: FTS5Syntax.render(expression)) ORDER BY f.rank, f.rowid LIMIT \(bind: limit)"
        case .postgres:
            let (vector, rank): (SQLQueryString, SQLQueryString) = field == .title
                ? ("s.title_tsv", "ts_rank(s.title_tsv, q, 1)")
                : ("s.tsv", "ts_rank('{0.1, 0.2, 0.25, 1.0}', s.tsv, q, 1)")
            let join: SQLQueryString = condition.map { " JOIN kb_articles a ON a.id = s.article_id AND " + $0 } ?? ""
            return """
                SELECT s.article_id AS id FROM kb_search s\(join), to_tsquery('simple', \(bind: TSQuerySyntax.render(expression))) q
                WHERE \(vector) @@ q ORDER BY \(rank) DESC, s.article_id LIMIT \(bind: limit)
                """
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
