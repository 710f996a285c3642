/// 检索词: one word of the user's query with what may stand for it.
public struct QueryWord: Sendable, Hashable {
    /// The word as read from the query, folded (落户, `ipv6`).
    public let text: String
    /// The word and its synonyms; any one of them matches. The word itself is first.
    public let alternatives: [MatchExpression]
    /// For the relaxed search only: the pairs of a CJK word of three or more characters as written
    /// (公寓补贴 → 公寓, 寓补, 补贴), so an article that has them apart still ranks, below those that have
    /// them together (which score the whole phrase as well).
    public let fragments: [MatchExpression]
    /// True when the synonym table knows the word.
    public let isKnown: Bool

    /// The word's part of the strict expression: any of its alternatives.
    public var expression: MatchExpression {
        // alternatives is never empty (the word itself), so anyOf always gives a value.
        MatchExpression.anyOf(alternatives) ?? .any(alternatives)
    }
}
