/// 常用词: tokens found in so large a share of the articles that they barely rank (BM25's IDF of a token in half
/// the articles is zero) yet make an OR expression match, and so rank, most of the index — the common terms
/// of Lucene's `CommonTermsQuery`. Known from the index's own counts (`tokens(fromCounts:)`), a little stale
/// at worst: the set decides only which alternatives of a loose expression are worth running.
public struct CommonTokens: Sendable, Equatable {
    public let texts: Set<String>

    public static let none = CommonTokens(texts: [])

    /// A token in more than this share of the indexed articles is common.
    public static let share = 0.05

    public init(texts: Set<String>) {
        self.texts = texts
    }

    /// Below this many articles every query is cheap to rank whole, and none is pruned.
    public static let minimumArticles = 1_000

    /// From a token's stored text and the number of articles holding it, out of `articles`.
    public init(counts: [(text: String, articles: Int)], articles: Int, minimumArticles: Int = Self.minimumArticles) {
        guard articles >= minimumArticles else {
            texts = []
            return
        }
        let least = Self.minimumCount(articles: articles)
        texts = Set(counts.filter { $0.articles >= least }.map(\.text))
    }

    /// The least count of articles that makes a token common, for a query that returns only those.
    public static func minimumCount(articles: Int) -> Int {
        Int((Double(articles) * share).rounded(.down)) + 1
    }

    public func contains(_ token: SearchToken) -> Bool { texts.contains(token.text) }

    /// The expression without the alternatives of its top OR that hold only common tokens, unless nothing
    /// else is left: "any word" of 人才 外籍 永久居留 runs as `外籍 OR 永久居留`. An article with only the
    /// common word would rank at the bottom anyway; one with a rarer word as well still ranks by both, since
    /// BM25 scores every token a row matches and the common one adds almost nothing. Only the top OR, the
    /// one of "any word": an AND (every word) is kept whole, a common word there narrows the match and costs
    /// nothing to rank, and so is an OR inside it (a word's synonyms, 时限 or 多久: leaving out the common
    /// one would change what is asked).
    public func pruning(_ expression: MatchExpression) -> MatchExpression {
        guard !texts.isEmpty, case .any(let parts) = expression else { return expression }
        let kept = parts.filter { !isCommon($0) }
        if kept.isEmpty { return expression }
        return MatchExpression.anyOf(kept) ?? expression
    }

    /// Every row this part matches holds only common tokens: a phrase of common tokens, an OR of such parts,
    /// or an AND whose parts are all such.
    func isCommon(_ expression: MatchExpression) -> Bool {
        switch expression {
        case .phrase(let tokens): tokens.allSatisfy(contains)
        case .all(let parts), .any(let parts): parts.allSatisfy(isCommon)
        }
    }
}
