/// 检索式: a parsed query with the expressions to run.
///
/// Up to three expressions, run as a cascade (`ResultCascade`), each only while the page is not full:
/// - **strict** — every word must match (AND); a word matches through any of its synonyms (OR); a CJK word
///   of two or more characters is the phrase of its pairs, so 人才公寓 needs the four characters together.
/// - **core** — every word the synonym table knows (present only when some, not all, words are known).
/// - **relaxed** — any word may match (OR of every word's alternatives, plus the pairs of long unknown
///   words), ranked by BM25 so that articles matching more and rarer words come first.
/// Run strict with the page size as LIMIT; when it returns fewer rows than that, run the next one and append
/// its rows not yet shown. A nil expression is skipped: `relaxed` is nil when it would match the same as
/// strict (one word, no fragments), `core` unless some but not all words are known.
public struct SearchQuery: Sendable {
    public let words: [QueryWord]
    /// Words written together, whose run is searched as a phrase as well.
    public let groups: [WordGroup]

    public init(_ text: String, synonyms: SynonymTable = .empty, limits: QueryLimits = .standard) {
        (words, groups) = QueryParser(synonyms: synonyms, limits: limits).parse(text)
    }

    /// Nothing searchable (only punctuation or symbols): show no results rather than send an empty query,
    /// which both backends reject.
    public var isEmpty: Bool { words.isEmpty }

    /// Every word (any of its synonyms). For a group of words written together, the run as written is one
    /// more alternative of its first word: `("技能提升补贴" OR "技能提升") AND "补贴"` matches the same articles
    /// as without it (the run contains every word), and those with the run as written score the phrase too.
    /// (Not `run OR (all words)`: with an OR at the top above an AND, SQLite 3.40's FTS5 leaves some phrase
    /// instances out of bm25 on a full scan, and the in-memory index could no longer rank as SQLite does.)
    public var strict: MatchExpression? {
        var parts = words.map(\.expression)
        for group in groups where parts.indices.contains(group.words.lowerBound) {
            let first = words[group.words.lowerBound]
            parts[group.words.lowerBound] = MatchExpression.anyOf(first.alternatives + [group.phrase]) ?? group.phrase
        }
        return MatchExpression.allOf(parts)
    }

    /// The words the synonym table knows, all of them; nil unless some but not all words are known. Between
    /// strict and relaxed: a long question's unknown stretches (能办下来) sink strict, while the table's words
    /// (安家补贴, 多久) still name what is asked.
    public var core: MatchExpression? {
        let known = words.filter(\.isKnown)
        guard !known.isEmpty, known.count < words.count else { return nil }
        return MatchExpression.allOf(known.map(\.expression))
    }

    public var relaxed: MatchExpression? {
        let parts = groups.map(\.phrase) + words.flatMap { $0.alternatives + $0.fragments }
        guard let relaxed = MatchExpression.anyOf(parts), relaxed != strict else { return nil }
        return relaxed
    }

    public func expression(_ mode: MatchMode) -> MatchExpression? {
        switch mode {
        case .strict: strict
        case .core: core
        case .relaxed: relaxed
        }
    }

    /// The FTS5 MATCH string, e.g. `("落户" OR "入户" OR "户口 口迁 迁入") AND "材料"`; nil when there is none.
    public func fts5(_ mode: MatchMode) -> String? {
        expression(mode).map(FTS5Syntax.render)
    }

    /// The text for `to_tsquery('simple', …)`, e.g. `('落户' | '入户' | '户口' <-> '口迁' <-> '迁入') & '材料'`.
    public func tsquery(_ mode: MatchMode) -> String? {
        expression(mode).map(TSQuerySyntax.render)
    }
}

/// Which of the two expressions of a `SearchQuery`.
public enum MatchMode: String, Sendable, CaseIterable {
    /// 精确: all words.
    case strict
    /// 要点: all the words the synonym table knows.
    case core
    /// 放宽: any word.
    case relaxed
}
