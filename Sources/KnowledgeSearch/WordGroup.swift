/// 连写词组: query words that were written together in one CJK run (技能提升补贴 → 技能提升 + 补贴). The
/// run as written is also searched as a phrase: where an article has the words together it ranks above one
/// that has them apart, which matters most when a synonym of one word is rare (and so weighs much in BM25).
public struct WordGroup: Sendable, Hashable {
    /// Indices into `SearchQuery.words`.
    public let words: Range<Int>
    /// The phrase of the whole run.
    public let phrase: MatchExpression
}
