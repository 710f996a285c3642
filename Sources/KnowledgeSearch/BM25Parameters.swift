/// BM25 as SQLite FTS5's built-in `bm25()` computes it, so the in-memory index ranks as the SQLite backend.
///
/// For a row and the phrases P of the MATCH expression:
/// ```
/// score = Σ_P IDF(P) · f·(k1 + 1) / (f + k1·(1 − b + b·D/avgdl))
/// f     = Σ_columns weight(column) · (occurrences of P in the column)
/// IDF   = ln((N − n + 0.5) / (n + 0.5)), or 1e-6 when that is ≤ 0
/// ```
/// N rows, n rows containing P in any column, D the row's token count over all columns, avgdl the mean of
/// D. A phrase counts in a row only where every node above it in the expression matches the row (FTS5
/// reports no instances under a failed branch); a phrase written twice counts twice. FTS5 fixes k1 = 1.2
/// and b = 0.75; the column weights are the arguments of `bm25(kb_fts, title, body)`.
/// PostgreSQL ranks differently (`ts_rank`, weights per `setweight` label), so it agrees only roughly; the
/// README gives the closest weights found.
public struct BM25Parameters: Sendable, Equatable {
    /// Term-frequency saturation.
    public var k1: Double
    /// Length normalisation (0 none, 1 full).
    public var b: Double
    /// Weight of an occurrence in the title (标题). A title names what the article is about.
    public var titleWeight: Double
    /// Weight of an occurrence in the body (正文).
    public var bodyWeight: Double

    public init(k1: Double = 1.2, b: Double = 0.75, titleWeight: Double = 4.0, bodyWeight: Double = 1.0) {
        self.k1 = k1
        self.b = b
        self.titleWeight = titleWeight
        self.bodyWeight = bodyWeight
    }

    /// FTS5's k1 and b; title four times the body: `bm25(kb_fts, 4.0, 1.0)`.
    public static let standard = BM25Parameters()
}
