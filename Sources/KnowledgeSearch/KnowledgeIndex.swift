/// 内存索引: the knowledge base's articles in memory, indexed on the tokens the databases store, ranked by
/// FTS5's BM25 (`BM25Parameters`). The yardstick for tests and the benchmark, not the product's store.
public struct KnowledgeIndex: Sendable {
    /// One article found, with its BM25 score (higher is better; FTS5's `rank` is its negative).
    public struct Hit: Sendable, Hashable {
        public let id: Int
        public let score: Double
    }

    /// Where one token occurs: documents in the order added, and for each its positions. Body positions are
    /// offset by `bodyOffset`, so one sorted list holds both columns and `p + 1` never crosses from one into
    /// the other (phrases do not span columns in FTS5 either).
    struct Postings: Sendable {
        var documents: [Int32] = []
        /// `positions[starts[i]..<starts[i + 1]]` are document i's; one more entry than documents.
        var starts: [Int32] = [0]
        var positions: [Int32] = []
    }

    static let bodyOffset: Int32 = 1 << 24

    public let parameters: BM25Parameters
    var vocabulary: [SearchToken: Int32] = [:]
    var postings: [Postings] = []
    var ids: [Int] = []
    var lengths: [Int32] = []
    var totalTokens = 0
    /// Per token, its slot among the distinct tokens of the document being added; -1 between documents.
    private var scratch: [Int32] = []

    public init(parameters: BM25Parameters = .standard) {
        self.parameters = parameters
    }

    public var count: Int { ids.count }

    /// Adds an article under the caller's id; title and body are tokenized as for storage.
    public mutating func add(id: Int, title: String, body: String) {
        let document = Int32(ids.count)
        ids.append(id)
        let title = Tokenizer.placedTokens(of: AnalyzedText(title))
        let body = Tokenizer.placedTokens(of: AnalyzedText(body))
        var tokens: [Int32] = []
        var positions: [Int32] = []
        tokens.reserveCapacity(title.count + body.count)
        positions.reserveCapacity(title.count + body.count)
        for (i, placed) in title.enumerated() {
            tokens.append(tokenID(placed.token))
            positions.append(Int32(i))
        }
        for (i, placed) in body.enumerated() {
            tokens.append(tokenID(placed.token))
            positions.append(Self.bodyOffset + Int32(i))
        }
        lengths.append(Int32(tokens.count))
        totalTokens += tokens.count

        // Group the positions by token in one pass (a counting sort over the document's distinct tokens),
        // then append each token's positions, still in order, to its postings.
        var distinct: [Int32] = []
        var counts: [Int32] = []
        var slot = [Int32](repeating: 0, count: tokens.count)
        for (i, token) in tokens.enumerated() {
            let t = Int(token)
            if scratch[t] < 0 {
                scratch[t] = Int32(distinct.count)
                distinct.append(token)
                counts.append(0)
            }
            let local = Int(scratch[t])
            slot[i] = Int32(local)
            counts[local] += 1
        }
        var offsets = [Int32](repeating: 0, count: distinct.count + 1)
        for k in 0..<distinct.count { offsets[k + 1] = offsets[k] + counts[k] }
        var fill = offsets
        var grouped = [Int32](repeating: 0, count: tokens.count)
        for i in 0..<tokens.count {
            let local = Int(slot[i])
            grouped[Int(fill[local])] = positions[i]
            fill[local] += 1
        }
        for (k, token) in distinct.enumerated() {
            let t = Int(token)
            scratch[t] = -1
            postings[t].documents.append(document)
            postings[t].positions.append(contentsOf: grouped[Int(offsets[k])..<Int(offsets[k + 1])])
            postings[t].starts.append(Int32(postings[t].positions.count))
        }
    }

    private mutating func tokenID(_ token: SearchToken) -> Int32 {
        if let id = vocabulary[token] { return id }
        let id = Int32(postings.count)
        vocabulary[token] = id
        postings.append(Postings())
        scratch.append(-1)
        return id
    }
}
