/// Finds where a query's phrases occur in a text, on the same tokens and positions the index uses.
struct MatchFinder: Sendable {
    struct Span: Sendable, Equatable {
        /// Indices into `AnalyzedText.units`.
        let units: Range<Int>
        /// Which query word it belongs to, so a snippet can prefer covering several words.
        let word: Int
    }

    private let terms: [(phrase: [SearchToken], word: Int)]
    private let fragments: [(phrase: [SearchToken], word: Int)]
    /// The tokens a phrase can start with: only their positions in a text are worth keeping.
    private let starts: Set<SearchToken>

    init(query: SearchQuery) {
        var terms: [(phrase: [SearchToken], word: Int)] = []
        var fragments: [(phrase: [SearchToken], word: Int)] = []
        for (i, word) in query.words.enumerated() {
            for alternative in word.alternatives {
                for phrase in alternative.phrases { terms.append((phrase, i)) }
            }
            for fragment in word.fragments {
                for phrase in fragment.phrases { fragments.append((phrase, i)) }
            }
        }
        self.terms = terms
        self.fragments = fragments
        starts = Set((terms + fragments).compactMap(\.phrase.first))
    }

    /// The word and synonym matches; when there are none, the fragments' (pairs of long unknown words).
    func spans(in analysis: AnalyzedText) -> [Span] {
        let placed = Tokenizer.placedTokens(of: analysis)
        var positions: [SearchToken: [Int]] = [:]
        for (i, p) in placed.enumerated() where starts.contains(p.token) { positions[p.token, default: []].append(i) }
        let found = spans(of: terms, placed: placed, positions: positions)
        return found.isEmpty ? spans(of: fragments, placed: placed, positions: positions) : found
    }

    private func spans(
        of terms: [(phrase: [SearchToken], word: Int)], placed: [PlacedToken], positions: [SearchToken: [Int]]
    ) -> [Span] {
        var out: [Span] = []
        for term in terms {
            guard let first = term.phrase.first, let starts = positions[first] else { continue }
            let k = term.phrase.count
            for p in starts where p + k <= placed.count {
                var all = true
                for i in 1..<max(k, 1) where placed[p + i].token != term.phrase[i] {
                    all = false
                    break
                }
                if all { out.append(Span(units: placed[p].units.lowerBound..<placed[p + k - 1].units.upperBound, word: term.word)) }
            }
        }
        return out.sorted { ($0.units.lowerBound, $0.units.upperBound) < ($1.units.lowerBound, $1.units.upperBound) }
    }

    /// Overlapping or touching ranges joined, in order.
    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}

/// Which characters a snippet shows.
struct SnippetWindow: Sendable {
    let range: Range<Int>

    /// The window of at most `maxLength` characters, counting the "…" of each cut end, that covers the most
    /// distinct query words, then the most matches; among equals the earliest. A little context is kept
    /// before the first match so the snippet does not start on the matched word.
    static func best(spans: [MatchFinder.Span], unitCount: Int, maxLength: Int) -> SnippetWindow {
        if unitCount <= maxLength { return SnippetWindow(range: 0..<unitCount) }
        if maxLength < 3 {
            let start = min(spans.first?.units.lowerBound ?? 0, unitCount - maxLength)
            return SnippetWindow(range: start..<(start + maxLength))
        }
        let width = maxLength - 2
        let lead = width / 6
        var bestStart = 0
        var bestScore = -1
        for span in spans {
            let start = max(0, min(span.units.lowerBound - lead, unitCount - width))
            let end = start + width
            var words = Set<Int>()
            var count = 0
            for other in spans where other.units.lowerBound >= start && other.units.upperBound <= end {
                words.insert(other.word)
                count += 1
            }
            let score = words.count * 10_000 + count
            if score > bestScore {
                bestScore = score
                bestStart = start
            }
        }
        if bestStart == 0 { return SnippetWindow(range: 0..<(maxLength - 1)) }
        if bestStart + width >= unitCount { return SnippetWindow(range: (unitCount - (maxLength - 1))..<unitCount) }
        return SnippetWindow(range: bestStart..<(bestStart + width))
    }
}
