/// 先严后宽: how the caller combines the expressions of a `SearchQuery` (strict, then core, then relaxed).
///
/// ```
/// var ids: [Int] = []
/// for expression in query.cascade {
///     let rows = run(FTS5Syntax.render(expression), limit: ResultCascade.nextLimit(shown: ids.count, limit: n))
///     ids = ResultCascade.merge(strict: ids, relaxed: rows, limit: n)
///     if !ResultCascade.needsRelaxed(strictCount: ids.count, limit: n) { break }
/// }
/// ```
/// Rows of an earlier, stricter expression keep their order and come first: having every word is a stronger
/// signal than any BM25 margin.
public enum ResultCascade: Sendable {
    /// The next, looser expression is worth running only when the page is not full yet.
    public static func needsRelaxed(strictCount: Int, limit: Int) -> Bool {
        strictCount < limit
    }

    /// Each looser expression matches every row of the stricter ones too (each strict word is one of its
    /// alternatives), so it must fetch that many more rows to fill the page once the repeats are dropped.
    public static func nextLimit(shown: Int, limit: Int) -> Int {
        limit + shown
    }

    /// Rows already shown first, then new rows not already shown, at most `limit`.
    public static func merge<ID: Hashable>(strict: [ID], relaxed: [ID], limit: Int) -> [ID] {
        merge(strict: strict, relaxed: relaxed, limit: limit, id: { $0 })
    }

    static func merge<Value, ID: Hashable>(strict: [Value], relaxed: [Value], limit: Int, id: (Value) -> ID) -> [Value] {
        var seen = Set<ID>()
        var out: [Value] = []
        for value in strict + relaxed where out.count < limit {
            if seen.insert(id(value)).inserted { out.append(value) }
        }
        return out
    }
}

extension SearchQuery {
    /// The expressions to run in order, stricter first, none repeated.
    public var cascade: [MatchExpression] {
        [strict, core, relaxed].compactMap { $0 }.uniqued()
    }

    /// The cascade with the common words' alternatives left out of its ORs (`CommonTokens.pruning`).
    public func cascade(pruning common: CommonTokens) -> [MatchExpression] {
        cascade.map(common.pruning).uniqued()
    }
}
