import Foundation
import KnowledgeSearch
import NIOConcurrencyHelpers
import Organisations
import SQLKit
import Storage
import WorkCalendar
import WorkOrderRules

/// The hotline knowledge base (热线知识库, after GB/T 44191-2024): articles issued by departments,
/// every version kept, written by one editor and checked by another before they are offered; each
/// offered only between its effective and expiry dates and only in its scope (the city or one
/// district). Search in Chinese without a Chinese tokenizer in either database: the application
/// writes character bigrams (KnowledgeSearch) that FTS5 (SQLite) or a `simple` tsvector
/// (PostgreSQL) index, with the editors' synonym table applied to the query.
public struct KnowledgeBase: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let catalog: Catalog
    let clock: Clockwork
    /// The synonym table as the search uses it, read again after a change here or 10 seconds (a
    /// change made through another instance).
    let synonymCache = SynonymCache()
    /// The words in most titles, left out of "any word" searches; counted again every 10 minutes.
    let commonCache = CommonTokenCache()

    public static let titleMax = 128
    public static let bodyMax = 20_000
    public static let categories = WorkOrderCategory.allCases.map(\.rawValue)
    /// Articles expiring within this many days are listed to their department.
    public static let warningDays = 30
    static let city = "500000"

    var today: LocalDate { LocalDate(shanghaiMillis: clock.nowMillis()) }

    // MARK: Who may

    func isCityAdmin(_ p: Principal) -> Bool { p.has(.admin) && (p.org.rawValue == Self.city || p.org.rawValue.hasPrefix(Self.city + ":")) }

    /// Editors of the issuing department, and the city's admins.
    func mayEdit(_ org: String, _ p: Principal) -> Bool {
        (p.has(.editor) && p.org.rawValue == org) || isCityAdmin(p)
    }

    public func isEditor(_ p: Principal) -> Bool { p.has(.editor) || isCityAdmin(p) }

    // MARK: Writing

    struct Checked {
        let title: String, body: String, category: String, keywords: [String], items: [String], scope: String
        let effectiveOn: LocalDate, expiresOn: LocalDate?, org: String
    }

    /// `knownItems`: the catalog's codes, when a caller checks many articles at once.
    func check(_ input: ArticleInput, by p: Principal, org fixed: String?, knownItems: Set<String>? = nil) async throws -> Checked {
        var errors = FieldErrors()
        let title = (input.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let body = (input.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.add("title", "必填 / required") }
        errors.text("title", title, max: Self.titleMax)
        if title.contains("\n") { errors.add("title", "标题为一行 / one line") }
        if body.isEmpty { errors.add("body", "必填 / required") }
        errors.text("body", body, max: Self.bodyMax)
        let category = input.category ?? ""
        if !Self.categories.contains(category) { errors.add("category", "应为 \(Self.categories.joined(separator: "、")) 之一 / one of \(Self.categories.joined(separator: ", "))") }
        let keywords = (input.keywords ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if keywords.count > 20 { errors.add("keywords", "至多 20 个 / at most 20") }
        for k in keywords {
            errors.text("keywords", k, max: 20)
            if k.contains("|") { errors.add("keywords", "关键词不含 | / no | in a keyword") }
        }
        let items = input.items ?? []
        if items.count > 10 { errors.add("items", "至多 10 项 / at most 10") }
        for code in items {
            let known: Bool
            if let knownItems { known = knownItems.contains(code) } else { known = try await catalog.item(code) != nil }
            if !known { errors.add("items", "服务事项 \(code) 不存在 / no such item") }
        }
        let tree = try await orgs.tree()
        let org = fixed ?? input.orgCode ?? p.org.rawValue
        if fixed == nil, org != p.org.rawValue, !isCityAdmin(p) { errors.add("orgCode", "只能以本部门名义发布 / you issue for your own department") }
        guard let orgCode = OrgCode(org), tree[orgCode] != nil else { throw CoreError.invalid("orgCode", "机构不存在 / no such organisation") }
        if !mayEdit(org, p) { throw CoreError.forbidden("只有发布部门的知识编辑可以编写 / only the issuing department's editors write its articles") }
        let scope = input.scope ?? Self.city
        let area = tree.area(of: orgCode).rawValue
        if scope != Self.city && !(OrgCode(scope).flatMap { tree[$0] }?.kind.isDistrictLevel ?? false) {
            errors.add("scope", "应为全市（500000）或一个区县代码 / the city (500000) or a district's code")
        } else if area != Self.city && scope != area {
            errors.add("scope", "区县部门的知识只适用于本区县 / a district's department writes for its district")
        }
        let effective = input.effectiveOn.map { LocalDate($0) } ?? today
        if effective == nil { errors.add("effectiveOn", "日期格式 YYYY-MM-DD / a date YYYY-MM-DD") }
        var expires: LocalDate?
        if let raw = input.expiresOn, !raw.isEmpty {
            expires = LocalDate(raw)
            if expires == nil { errors.add("expiresOn", "日期格式 YYYY-MM-DD / a date YYYY-MM-DD") }
            else if let e = effective, expires! < e { errors.add("expiresOn", "失效日期不能早于生效日期 / expires before it takes effect") }
        }
        try errors.throwIfAny()
        return Checked(title: title, body: body, category: category, keywords: keywords, items: items, scope: scope,
                       effectiveOn: effective!, expiresOn: expires, org: org)
    }

    /// A new article, as version 1 in draft.
    public func create(_ input: ArticleInput, by p: Principal) async throws -> Article {
        guard isEditor(p) else { throw CoreError.forbidden("只有知识编辑可以编写 / only editors write articles") }
        let c = try await check(input, by: p, org: nil)
        let now = clock.nowMillis()
        let id: Int64 = try await db.transaction { db in
            try await titleFree(c.title, except: nil, on: db)
            let id = try await db.raw("""
                INSERT INTO kb_articles (org_code, title, latest_version, created_by, created_at, updated_at)
                VALUES (\(bind: c.org), \(bind: c.title), 1, \(bind: p.userId), \(bind: now), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int64.self)
            try await insertVersion(id, 1, c, by: p, at: now, on: db)
            return id
        }
        return try await article(id, by: p)
    }

    /// A change: the latest version again while it is a draft, otherwise a new draft version (the
    /// published one stays offered until the new one is published).
    public func revise(_ id: Int64, _ input: ArticleInput, by p: Principal) async throws -> Article {
        let current = try await article(id, by: p)
        guard mayEdit(current.orgCode, p) else { throw CoreError.forbidden("只有发布部门的知识编辑可以修改 / only the issuing department's editors change it") }
        let c = try await check(input, by: p, org: current.orgCode)
        let now = clock.nowMillis()
        try await db.transaction { db in
            try await titleFree(c.title, except: id, on: db)
            let latest = try await db.raw("SELECT latest_version FROM kb_articles WHERE id = \(bind: id)").first()!.decode(column: "latest_version", as: Int.self)
            let state = try await db.raw("SELECT state FROM kb_article_versions WHERE article_id = \(bind: id) AND version = \(bind: latest)")
                .first()!.decode(column: "state", as: String.self)
            if state == ArticleState.draft.rawValue {
                try await db.raw("DELETE FROM kb_article_versions WHERE article_id = \(bind: id) AND version = \(bind: latest)").run()
                try await insertVersion(id, latest, c, by: p, at: now, on: db)
            } else {
                try await insertVersion(id, latest + 1, c, by: p, at: now, on: db)
                try await db.raw("UPDATE kb_articles SET latest_version = \(bind: latest + 1) WHERE id = \(bind: id)").run()
            }
            try await db.raw("UPDATE kb_articles SET title = \(bind: c.title), updated_at = \(bind: now) WHERE id = \(bind: id)").run()
        }
        return try await article(id, by: p)
    }

    func titleFree(_ title: String, except id: Int64?, on db: any SQLDatabase) async throws {
        if let row = try await db.raw("SELECT id FROM kb_articles WHERE title = \(bind: title)").first(),
           try row.decode(column: "id", as: Int64.self) != id {
            throw CoreError.invalid("title", "已有同名知识 / another article has this title")
        }
    }

    func insertVersion(_ id: Int64, _ version: Int, _ c: Checked, by p: Principal, at now: Int64, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO kb_article_versions (article_id, version, title, body, category, keywords, items, scope, effective_on, expires_on,
                state, written_by, written_at)
            VALUES (\(bind: id), \(bind: version), \(bind: c.title), \(bind: c.body), \(bind: c.category), \(bind: c.keywords.joined(separator: "|")),
                \(bind: c.items.joined(separator: "|")), \(bind: c.scope), \(bind: c.effectiveOn.description), \(bind: c.expiresOn?.description),
                \(bind: ArticleState.draft.rawValue), \(bind: p.userId), \(bind: now))
            """).run()
    }

    /// review: the latest draft checked by another editor; publish: the reviewed latest version
    /// offered (the one offered before expires); expire: the offered version withdrawn.
    public func act(_ id: Int64, _ action: String, by p: Principal) async throws -> Article {
        let current = try await article(id, by: p)
        guard mayEdit(current.orgCode, p) else { throw CoreError.notFound("article") }
        let now = clock.nowMillis()
        let latest = current.latest
        try await db.transaction { db in
            switch action {
            case "review":
                guard latest.state == .draft else { throw CoreError.conflict("只有草稿需要审核 / only a draft is reviewed") }
                let writer = try await db.raw("SELECT written_by FROM kb_article_versions WHERE article_id = \(bind: id) AND version = \(bind: latest.version)")
                    .first()!.decode(column: "written_by", as: Int64.self)
                guard writer != p.userId else { throw CoreError.conflict("不能审核自己编写的版本 / another editor reviews what you wrote") }
                try await db.raw("""
                    UPDATE kb_article_versions SET state = 'reviewed', reviewed_by = \(bind: p.userId), reviewed_at = \(bind: now)
                    WHERE article_id = \(bind: id) AND version = \(bind: latest.version)
                    """).run()
            case "publish":
                guard latest.state == .reviewed else { throw CoreError.conflict("须先审核 / review it first") }
                try await db.raw("""
                    UPDATE kb_article_versions SET state = 'expired', expired_at = \(bind: now)
                    WHERE article_id = \(bind: id) AND state = 'published'
                    """).run()
                try await db.raw("""
                    UPDATE kb_article_versions SET state = 'published', published_by = \(bind: p.userId), published_at = \(bind: now)
                    WHERE article_id = \(bind: id) AND version = \(bind: latest.version)
                    """).run()
                try await offer(id, latest, at: now, on: db)
            case "expire":
                guard let published = current.published else { throw CoreError.conflict("没有已发布的版本 / no version is published") }
                try await withdraw(id, version: published.version, at: now, on: db)
            default:
                throw CoreError.notFound("action")
            }
        }
        return try await article(id, by: p)
    }

    /// The version becomes the one offered: its fields on the article's row, its tokens in the index.
    func offer(_ id: Int64, _ v: ArticleVersion, at now: Int64, on db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE kb_articles SET published_version = \(bind: v.version), category = \(bind: v.category), scope = \(bind: v.scope),
                items = \(bind: "|" + v.items.joined(separator: "|") + "|"), effective_on = \(bind: v.effectiveOn.description),
                expires_on = \(bind: v.expiresOn?.description), updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
        try await index(id, title: v.title, body: Self.indexedBody(v), on: db)
    }

    /// What the body's index holds: the text and the keywords.
    static func indexedBody(_ v: ArticleVersion) -> String { v.body + "\n" + v.keywords.joined(separator: " ") }

    func index(_ id: Int64, title: String, body: String, on db: any SQLDatabase) async throws {
        let t = Tokenizer.storedText(of: title), b = Tokenizer.storedText(of: body)
        switch self.db.dialect {
        case .sqlite:
            try await db.raw("DELETE FROM kb_fts WHERE rowid = \(bind: id)").run()
            try await db.raw("DELETE FROM kb_titles WHERE rowid = \(bind: id)").run()
            try await db.raw("INSERT INTO kb_fts (rowid, title, body) VALUES (\(bind: id), \(bind: t), \(bind: b))").run()
            try await db.raw("INSERT INTO kb_titles (rowid, title) VALUES (\(bind: id), \(bind: t))").run()
        case .postgres:
            try await db.raw("""
                INSERT INTO kb_search (article_id, title_tokens, body_tokens) VALUES (\(bind: id), \(bind: t), \(bind: b))
                ON CONFLICT (article_id) DO UPDATE SET title_tokens = excluded.title_tokens, body_tokens = excluded.body_tokens
                """).run()
        }
    }

    func withdraw(_ id: Int64, version: Int, at now: Int64, on db: any SQLDatabase) async throws {
        try await db.raw("UPDATE kb_article_versions SET state = 'expired', expired_at = \(bind: now) WHERE article_id = \(bind: id) AND version = \(bind: version)").run()
        try await db.raw("UPDATE kb_articles SET published_version = NULL, updated_at = \(bind: now) WHERE id = \(bind: id)").run()
        switch self.db.dialect {
        case .sqlite:
            try await db.raw("DELETE FROM kb_fts WHERE rowid = \(bind: id)").run()
            try await db.raw("DELETE FROM kb_titles WHERE rowid = \(bind: id)").run()
        case .postgres: try await db.raw("DELETE FROM kb_search WHERE article_id = \(bind: id)").run()
        }
    }

    /// Background work: published versions past their expiry date are withdrawn.
    public func expireDue() async throws -> Int {
        let now = clock.nowMillis()
        let due = try await db.read { db in
            try await db.raw("""
                SELECT id, published_version FROM kb_articles WHERE published_version IS NOT NULL AND expires_on < \(bind: today.description) LIMIT 500
                """).all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "published_version", as: Int.self)) }
        }
        for (id, version) in due {
            try await db.transaction { db in try await withdraw(id, version: version, at: now, on: db) }
        }
        return due.count
    }

    // MARK: Reading

    static let versionColumns = """
        v.version, v.title, v.body, v.category, v.keywords, v.items, v.scope, v.effective_on, v.expires_on, v.state, v.written_at, v.published_at,
        w.display_name AS writer, r.display_name AS reviewer
        """

    static func version(_ row: any SQLRow) throws -> ArticleVersion {
        func list(_ column: String) throws -> [String] {
            try row.decode(column: column, as: String.self).split(separator: "|").map(String.init)
        }
        return ArticleVersion(version: try row.decode(column: "version", as: Int.self), title: try row.decode(column: "title", as: String.self),
                              body: try row.decode(column: "body", as: String.self), category: try row.decode(column: "category", as: String.self),
                              keywords: try list("keywords"), items: try list("items"), scope: try row.decode(column: "scope", as: String.self),
                              effectiveOn: LocalDate(try row.decode(column: "effective_on", as: String.self))!,
                              expiresOn: try row.decode(column: "expires_on", as: String?.self).flatMap(LocalDate.init),
                              state: ArticleState(rawValue: try row.decode(column: "state", as: String.self)) ?? .draft,
                              writtenBy: try row.decode(column: "writer", as: String?.self) ?? "", writtenAt: try row.decode(column: "written_at", as: Int64.self),
                              reviewedBy: try row.decode(column: "reviewer", as: String?.self), publishedAt: try row.decode(column: "published_at", as: Int64?.self))
    }

    func versions(_ id: Int64, only: [Int]? = nil, on db: any SQLDatabase) async throws -> [ArticleVersion] {
        var sql: SQLQueryString = """
            SELECT \(unsafeRaw: Self.versionColumns) FROM kb_article_versions v
            LEFT JOIN users w ON w.id = v.written_by LEFT JOIN users r ON r.id = v.reviewed_by
            WHERE v.article_id = \(bind: id)
            """
        if let only { sql = sql + " AND v.version IN (\(binds: only))" }
        return try await db.raw(sql + " ORDER BY v.version DESC").all().map(Self.version)
    }

    /// An article: its editors (and city admins) see every version's latest; anyone signed in sees
    /// a published article that is in force; otherwise 404.
    public func article(_ id: Int64, by p: Principal) async throws -> Article {
        try await db.read { db in
            guard let row = try await db.raw("""
                SELECT org_code, latest_version, published_version, helpful, unhelpful, effective_on, expires_on FROM kb_articles WHERE id = \(bind: id)
                """).first() else { throw CoreError.notFound("article") }
            let org = try row.decode(column: "org_code", as: String.self)
            let latestNo = try row.decode(column: "latest_version", as: Int.self)
            let publishedNo = try row.decode(column: "published_version", as: Int?.self)
            let editor = mayEdit(org, p)
            if !editor {
                let inForce = try publishedNo != nil && row.decode(column: "effective_on", as: String?.self) ?? "9999" <= today.description
                    && (row.decode(column: "expires_on", as: String?.self).map { $0 >= today.description } ?? true)
                guard inForce else { throw CoreError.notFound("article") }
            }
            let list = try await versions(id, only: [latestNo] + (publishedNo.map { [$0] } ?? []), on: db)
            let published = list.first { $0.version == publishedNo }
            return Article(id: id, orgCode: org, published: published, latest: editor ? list.first { $0.version == latestNo }! : published!,
                           helpful: try row.decode(column: "helpful", as: Int.self), unhelpful: try row.decode(column: "unhelpful", as: Int.self))
        }
    }

    /// Every version, newest first: for the article's editors.
    public func history(_ id: Int64, by p: Principal) async throws -> [ArticleVersion] {
        let a = try await article(id, by: p)
        guard mayEdit(a.orgCode, p) else { throw CoreError.notFound("article") }
        return try await db.read { db in try await versions(id, on: db) }
    }

    /// The articles an editor manages (their department's; all for a city admin), newest first,
    /// paged by id; `state` filters on the latest version.
    public func managed(by p: Principal, state: ArticleState?, limit: Int, after: Int64?) async throws -> [Article] {
        guard isEditor(p) else { throw CoreError.forbidden("只有知识编辑可以管理知识 / only editors manage articles") }
        var sql: SQLQueryString = "SELECT a.id FROM kb_articles a JOIN kb_article_versions v ON v.article_id = a.id AND v.version = a.latest_version WHERE a.id < \(bind: after ?? Int64.max)"
        if !isCityAdmin(p) { sql = sql + " AND a.org_code = \(bind: p.org.rawValue)" }
        if let state { sql = sql + " AND v.state = \(bind: state.rawValue)" }
        let query = sql
        return try await db.read { db in
            let ids = try await db.raw(query + " ORDER BY a.id DESC LIMIT \(bind: limit)").all().map { try $0.decode(column: "id", as: Int64.self) }
            return try await editorsView(ids, on: db)
        }
    }

    /// Articles as their editors see them (the latest version and the published one), in the order of
    /// `ids`, read in two statements whatever their number: for the editors' lists, whose every id is
    /// one the editor may edit.
    func editorsView(_ ids: [Int64], on db: any SQLDatabase) async throws -> [Article] {
        guard !ids.isEmpty else { return [] }
        let heads = try await db.raw("""
            SELECT id, org_code, latest_version, published_version, helpful, unhelpful FROM kb_articles WHERE id IN (\(binds: ids))
            """).all()
        var versions: [Int64: [Int: ArticleVersion]] = [:]
        for row in try await db.raw("""
            SELECT v.article_id, \(unsafeRaw: Self.versionColumns) FROM kb_article_versions v JOIN kb_articles a ON a.id = v.article_id
            LEFT JOIN users w ON w.id = v.written_by LEFT JOIN users r ON r.id = v.reviewed_by
            WHERE v.article_id IN (\(binds: ids)) AND (v.version = a.latest_version OR v.version = a.published_version)
            """).all() {
            let v = try Self.version(row)
            versions[try row.decode(column: "article_id", as: Int64.self), default: [:]][v.version] = v
        }
        var byId: [Int64: Article] = [:]
        for row in heads {
            let id = try row.decode(column: "id", as: Int64.self)
            guard let latest = versions[id]?[try row.decode(column: "latest_version", as: Int.self)] else { continue }
            byId[id] = Article(id: id, orgCode: try row.decode(column: "org_code", as: String.self),
                               published: try row.decode(column: "published_version", as: Int?.self).flatMap { versions[id]?[$0] }, latest: latest,
                               helpful: try row.decode(column: "helpful", as: Int.self), unhelpful: try row.decode(column: "unhelpful", as: Int.self))
        }
        return ids.compactMap { byId[$0] }
    }

    /// Whether `p` writes and checks this article's versions (its department's editors, city admins).
    public func canEdit(_ a: Article, by p: Principal) -> Bool { mayEdit(a.orgCode, p) }

    /// Published articles of the editor's department that expire within `warningDays`, soonest first.
    public func warnings(by p: Principal) async throws -> [Article] {
        guard isEditor(p) else { throw CoreError.forbidden("只有知识编辑可以查看 / only editors see these") }
        let until = today.adding(days: Self.warningDays).description
        var sql: SQLQueryString = "SELECT id FROM kb_articles WHERE published_version IS NOT NULL AND expires_on IS NOT NULL AND expires_on <= \(bind: until)"
        if !isCityAdmin(p) { sql = sql + " AND org_code = \(bind: p.org.rawValue)" }
        let query = sql
        return try await db.read { db in
            let ids = try await db.raw(query + " ORDER BY expires_on, id LIMIT 500").all().map { try $0.decode(column: "id", as: Int64.self) }
            return try await editorsView(ids, on: db)
        }
    }

    // MARK: Ratings

    /// A reader's rating (有用 / 没用): one per reader and article; rating again changes it.
    public func rate(_ id: Int64, helpful: Bool, by p: Principal) async throws -> Article {
        _ = try await article(id, by: p)
        let now = clock.nowMillis()
        try await db.transaction { db in
            try await db.raw("""
                INSERT INTO kb_ratings (article_id, user_id, helpful, at) VALUES (\(bind: id), \(bind: p.userId), \(bind: helpful ? 1 : 0), \(bind: now))
                ON CONFLICT (article_id, user_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at
                """).run()
            // Counted first, then written: the articles are a reference table on Citus, which
            // refuses to change one from a subquery over the ratings (a table of the coordinator).
            let counts = try await db.raw("""
                SELECT coalesce(sum(helpful), 0) AS yes, count(*) - coalesce(sum(helpful), 0) AS no FROM kb_ratings WHERE article_id = \(bind: id)
                """).first()!
            try await db.raw("""
                UPDATE kb_articles SET helpful = \(bind: try counts.decode(column: "yes", as: Int.self)),
                    unhelpful = \(bind: try counts.decode(column: "no", as: Int.self))
                WHERE id = \(bind: id)
                """).run()
        }
        return try await article(id, by: p)
    }

    // MARK: Synonyms

    /// The synonym table: groups of words that mean the same (落户 / 入户 / 户口迁入).
    public func synonymGroups() async throws -> [[String]] {
        try await db.read { db in
            // Split by scalar: a comma followed by a combining mark is one Character, not a comma.
            try await db.raw("SELECT words FROM kb_synonyms ORDER BY id").all().map {
                try $0.decode(column: "words", as: String.self).unicodeScalars.split(separator: ",").map { String(String.UnicodeScalarView($0)) }
            }
        }
    }

    /// Replaces the table (editors and city admins): each group one to twelve words of at most 20 characters.
    public func setSynonyms(_ groups: [[String]], by p: Principal) async throws -> [[String]] {
        guard isEditor(p) else { throw CoreError.forbidden("只有知识编辑可以维护同义词 / only editors keep the synonyms") }
        var errors = FieldErrors()
        var clean: [[String]] = []
        if groups.count > 2000 { errors.add("groups", "至多 2000 组 / at most 2000 groups") }
        for (i, group) in groups.enumerated() {
            let words = group.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // One word alone teaches the query parser that word (英才卡办理 is read as 英才卡 + 办理).
            if words.isEmpty || words.count > 12 { errors.add("groups[\(i)]", "每组 1–12 个词 / 1 to 12 words a group") }
            // Counted and checked by scalar, as JSON Schema counts (a skin-tone mark after a comma
            // would hide the comma from a Character test).
            for w in words where w.unicodeScalars.count > 20
                || w.unicodeScalars.contains(where: { $0 == "," || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                // A word may hold spaces: an entry of several words (work permit) needs all of them.
                errors.add("groups[\(i)]", "词至多 20 字，不含逗号或控制字符 / words of at most 20 characters, without commas or control characters")
            }
            clean.append(words)
        }
        try errors.throwIfAny()
        let now = clock.nowMillis()
        let groupsToStore = clean
        defer { synonymCache.clear() }
        try await db.transaction { db in
            try await db.raw("DELETE FROM kb_synonyms").run()
            for words in Set(groupsToStore.map { $0.joined(separator: ",") }).sorted() {
                try await db.raw("INSERT INTO kb_synonyms (words, updated_by, updated_at) VALUES (\(bind: words), \(bind: p.userId), \(bind: now))").run()
            }
        }
        return try await synonymGroups()
    }
}

extension KnowledgeBase {
    /// Articles brought over from a hotline's existing knowledge base (`yingcai kb import`, the
    /// demo): approved there already, so a city admin's import lands published, recorded as written,
    /// reviewed and published by the importer. An existing title gets a new published version.
    public func importArticle(_ input: ArticleInput, by p: Principal) async throws -> Article {
        try await article(try await importOne(input, by: p, knownItems: nil), by: p)
    }

    /// One imported article's id; inside a caller's transaction when there is one (a file's chunk).
    func importOne(_ input: ArticleInput, by p: Principal, knownItems: Set<String>?) async throws -> Int64 {
        guard isCityAdmin(p) else { throw CoreError.forbidden("只有市级管理员可以导入知识 / only a city admin imports articles") }
        let c = try await check(input, by: p, org: nil, knownItems: knownItems)
        let now = clock.nowMillis()
        return try await db.transaction { db in
            let existing = try await db.raw("SELECT id, latest_version FROM kb_articles WHERE title = \(bind: c.title)").first()
            let id: Int64, version: Int
            if let existing {
                id = try existing.decode(column: "id", as: Int64.self)
                version = try existing.decode(column: "latest_version", as: Int.self) + 1
                try await db.raw("UPDATE kb_article_versions SET state = 'expired', expired_at = \(bind: now) WHERE article_id = \(bind: id) AND state = 'published'").run()
                try await db.raw("UPDATE kb_articles SET latest_version = \(bind: version), org_code = \(bind: c.org) WHERE id = \(bind: id)").run()
            } else {
                version = 1
                id = try await db.raw("""
                    INSERT INTO kb_articles (org_code, title, latest_version, created_by, created_at, updated_at)
                    VALUES (\(bind: c.org), \(bind: c.title), 1, \(bind: p.userId), \(bind: now), \(bind: now)) RETURNING id
                    """).first()!.decode(column: "id", as: Int64.self)
            }
            try await insertVersion(id, version, c, by: p, at: now, on: db)
            try await db.raw("""
                UPDATE kb_article_versions SET state = 'published', reviewed_by = \(bind: p.userId), reviewed_at = \(bind: now),
                    published_by = \(bind: p.userId), published_at = \(bind: now)
                WHERE article_id = \(bind: id) AND version = \(bind: version)
                """).run()
            let v = ArticleVersion(version: version, title: c.title, body: c.body, category: c.category, keywords: c.keywords, items: c.items,
                                   scope: c.scope, effectiveOn: c.effectiveOn, expiresOn: c.expiresOn, state: .published, writtenBy: "",
                                   writtenAt: now, reviewedBy: nil, publishedAt: now)
            try await offer(id, v, at: now, on: db)
            return id
        }
    }
}

/// The parsed synonym table, kept for a few seconds between searches.
final class SynonymCache: Sendable {
    private let entry = NIOLockedValueBox<(table: SynonymTable, loadedAt: UInt64)?>(nil)
    static let lifetime: UInt64 = 10_000_000_000

    func table(_ load: () async throws -> [[String]]) async throws -> SynonymTable {
        let now = DispatchTime.now().uptimeNanoseconds
        if let e = entry.withLockedValue({ $0 }), now - e.loadedAt < Self.lifetime { return e.table }
        let table = SynonymTable(groups: try await load())
        entry.withLockedValue { $0 = (table, now) }
        return table
    }

    func clear() { entry.withLockedValue { $0 = nil } }
}

/// The common words as last counted, and when.
final class CommonTokenCache: Sendable {
    private let entry = NIOLockedValueBox<(tokens: CommonTokens, countedAt: UInt64)?>(nil)
    static let lifetime: UInt64 = 600_000_000_000

    var tokens: CommonTokens? { entry.withLockedValue { $0?.tokens } }

    var isStale: Bool {
        guard let e = entry.withLockedValue({ $0 }) else { return true }
        return DispatchTime.now().uptimeNanoseconds - e.countedAt >= Self.lifetime
    }

    func store(_ tokens: CommonTokens) {
        entry.withLockedValue { $0 = (tokens, DispatchTime.now().uptimeNanoseconds) }
    }
}
