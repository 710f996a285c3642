extension KnowledgeIndex {
    /// Where one phrase occurs: matching documents in order, with the column-weighted occurrence count f.
    struct PhraseHits: Sendable {
        var documents: [Int32] = []
        var frequencies: [Double] = []
    }

    /// The articles matching `expression`, best first, at most `limit`. Ties keep the order of adding.
    public func search(_ expression: MatchExpression, limit: Int) -> [Hit] {
        var cache: [[SearchToken]: PhraseHits] = [:]
        let matching = documents(matching: expression, cache: &cache)
        guard !matching.isEmpty, limit > 0 else { return [] }
        var scores = [Double](repeating: 0, count: ids.count)
        score(expression, within: matching, into: &scores, cache: &cache)
        return top(matching, scores: scores, limit: limit)
    }

    /// How many articles match (for tests and the cascade's decision).
    public func matchCount(_ expression: MatchExpression) -> Int {
        var cache: [[SearchToken]: PhraseHits] = [:]
        return documents(matching: expression, cache: &cache).count
    }

    /// The cascade `ResultCascade` recommends: strict, then core and relaxed while the page is not full.
    public func search(_ query: SearchQuery, limit: Int) -> [Hit] {
        var hits: [Hit] = []
        for expression in query.cascade {
            let more = search(expression, limit: ResultCascade.nextLimit(shown: hits.count, limit: limit))
            hits = ResultCascade.merge(strict: hits, relaxed: more, limit: limit, id: \.id)
            if !ResultCascade.needsRelaxed(strictCount: hits.count, limit: limit) { break }
        }
        return hits
    }

    // MARK: matching

    private func documents(matching expression: MatchExpression, cache: inout [[SearchToken]: PhraseHits]) -> [Int32] {
        switch expression {
        case .phrase(let tokens):
            return hits(tokens, cache: &cache).documents
        case .all(let parts):
            guard var result = parts.first.map({ documents(matching: $0, cache: &cache) }) else { return [] }
            for part in parts.dropFirst() where !result.isEmpty {
                result = Self.intersect(result, documents(matching: part, cache: &cache))
            }
            return result
        case .any(let parts):
            return parts.reduce(into: [Int32]()) { result, part in
                result = Self.union(result, documents(matching: part, cache: &cache))
            }
        }
    }

    func hits(_ phrase: [SearchToken], cache: inout [[SearchToken]: PhraseHits]) -> PhraseHits {
        if let cached = cache[phrase] { return cached }
        let found = computeHits(phrase)
        cache[phrase] = found
        return found
    }

    private func computeHits(_ phrase: [SearchToken]) -> PhraseHits {
        var lists: [Postings] = []
        for token in phrase {
            guard let id = vocabulary[token] else { return PhraseHits() }
            lists.append(postings[Int(id)])
        }
        guard let first = lists.first else { return PhraseHits() }
        var result = PhraseHits()
        var cursors = [Int](repeating: 0, count: lists.count)
        outer: for (i, document) in first.documents.enumerated() {
            // Advance every other list to this document; all lists are sorted by document.
            for l in 1..<max(lists.count, 1) {
                let docs = lists[l].documents
                var c = cursors[l]
                while c < docs.count, docs[c] < document { c += 1 }
                cursors[l] = c
                if c == docs.count { break outer }
                if docs[c] != document { continue outer }
            }
            var title = 0
            var body = 0
            let own = first.positions[Int(first.starts[i])..<Int(first.starts[i + 1])]
            for start in own where occursAfter(start, lists: lists, cursors: cursors) {
                if start >= Self.bodyOffset { body += 1 } else { title += 1 }
            }
            if title + body > 0 {
                result.documents.append(document)
                result.frequencies.append(parameters.titleWeight * Double(title) + parameters.bodyWeight * Double(body))
            }
        }
        return result
    }

    /// True when token l of the phrase is at `start + l` for every l ≥ 1.
    private func occursAfter(_ start: Int32, lists: [Postings], cursors: [Int]) -> Bool {
        for l in 1..<max(lists.count, 1) {
            let list = lists[l]
            let c = cursors[l]
            let positions = list.positions[Int(list.starts[c])..<Int(list.starts[c + 1])]
            if !Self.contains(positions, start + Int32(l)) { return false }
        }
        return true
    }

    private static func contains(_ sorted: ArraySlice<Int32>, _ value: Int32) -> Bool {
        var low = sorted.startIndex
        var high = sorted.endIndex
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.endIndex && sorted[low] == value
    }

    static func intersect(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var out: [Int32] = []
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] { i += 1 } else if a[i] > b[j] { j += 1 } else {
                out.append(a[i])
                i += 1
                j += 1
            }
        }
        return out
    }

    static func union(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [Int32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                out.append(a[i])
                i += 1
            } else if i == a.count || b[j] < a[i] {
                out.append(b[j])
                j += 1
            } else {
                out.append(a[i])
                i += 1
                j += 1
            }
        }
        return out
    }

    // MARK: ranking

    /// FTS5's bm25() for the rows `within`, added into `scores`. Like FTS5, a phrase counts in a row only
    /// where every node above it matches that row too: in `"x" OR ("y" AND "z")` a row with x and y but no z
    /// scores x alone (FTS5 reports no instances of y there). A phrase that occurs twice counts twice.
    private func score(
        _ node: MatchExpression, within: [Int32], into scores: inout [Double], cache: inout [[SearchToken]: PhraseHits]
    ) {
        switch node {
        case .all(let parts), .any(let parts):
            for part in parts {
                let allowed = Self.intersect(within, documents(matching: part, cache: &cache))
                if !allowed.isEmpty { score(part, within: allowed, into: &scores, cache: &cache) }
            }
        case .phrase(let tokens):
            let found = hits(tokens, cache: &cache)
            guard !found.documents.isEmpty else { return }
            let n = Double(ids.count)
            let averageLength = Double(totalTokens) / n
            let k1 = parameters.k1
            let b = parameters.b
            let hitCount = Double(found.documents.count)
            var idf = naturalLog((n - hitCount + 0.5) / (hitCount + 0.5))
            if idf <= 0 { idf = 1e-6 }
            // `within` is a subset of the phrase's documents, both sorted: walk them together.
            var j = 0
            for document in within {
                while j < found.documents.count, found.documents[j] < document { j += 1 }
                guard j < found.documents.count, found.documents[j] == document else { continue }
                let f = found.frequencies[j]
                let d = Double(lengths[Int(document)])
                scores[Int(document)] += idf * (f * (k1 + 1)) / (f + k1 * (1 - b + b * d / averageLength))
            }
        }
    }

    private func top(_ documents: [Int32], scores: [Double], limit: Int) -> [Hit] {
        // Higher score first; among equal scores the document added first.
        let better: @Sendable (Int32, Int32) -> Bool = { a, b in
            let sa = scores[Int(a)]
            let sb = scores[Int(b)]
            return sa != sb ? sa > sb : a < b
        }
        var heap = TopHeap(capacity: limit, isBetter: better)
        for document in documents { heap.offer(document) }
        return heap.sorted().map { Hit(id: ids[Int($0)], score: scores[Int($0)]) }
    }
}
