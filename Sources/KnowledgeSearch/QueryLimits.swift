/// Bounds on what one query may cost: a pasted page must not become an expression of thousands of phrases.
public struct QueryLimits: Sendable, Equatable {
    /// Characters of the query read; the rest is ignored.
    public var maxCharacters: Int
    /// Words kept, in order.
    public var maxWords: Int
    /// Synonyms (the word itself included) kept per word.
    public var maxAlternatives: Int

    public init(maxCharacters: Int = 200, maxWords: Int = 24, maxAlternatives: Int = 12) {
        self.maxCharacters = maxCharacters
        self.maxWords = maxWords
        self.maxAlternatives = maxAlternatives
    }

    public static let standard = QueryLimits()
}
