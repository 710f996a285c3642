/// Turns what a caller typed into `QueryWord`s: split at spaces and punctuation, CJK cut into words by the
/// synonym table's words (longest first) and filler words dropped, each word given its synonyms.
struct QueryParser: Sendable {
    let synonyms: SynonymTable
    let limits: QueryLimits

    private enum Role { case known, filler, unknown }

    /// A word before synonyms are attached, with the stretch of written text it belongs to: words cut from
    /// one CJK run with nothing dropped between them share a stretch (`技能提升补贴` → 技能提升 + 补贴).
    private struct Cut {
        var pieces: [WordPiece]
        var stretch: Int?
    }

    func parse(_ text: String) -> (words: [QueryWord], groups: [WordGroup]) {
        let analysis = AnalyzedText(String(text.prefix(limits.maxCharacters)))
        var cuts: [(cut: Cut, role: Role)] = []
        var stretch = 0
        for piece in WordPiece.pieces(of: analysis) {
            stretch += 1
            if piece.isCJK {
                for (segment, role) in segment(piece.cjk) {
                    if role == .filler { stretch += 1 }
                    cuts.append((Cut(pieces: [segment], stretch: role == .filler ? nil : stretch), role))
                    if role == .filler { stretch += 1 }
                }
            } else {
                cuts.append((Cut(pieces: [piece], stretch: nil), synonyms.contains(key: piece.text) ? .known : .unknown))
            }
        }
        var kept = cuts.filter { $0.role != .filler }.map(\.cut)
        if kept.isEmpty { kept = cuts.map(\.cut) }
        let merged = Array(mergeMultiWordEntries(kept).prefix(limits.maxWords))
        let words = merged.map { word($0.pieces) }
        return (words, groups(of: merged))
    }

    /// Neighbouring words of one stretch, as `WordGroup`s: their written text is searched as a phrase too.
    private func groups(of cuts: [Cut]) -> [WordGroup] {
        var out: [WordGroup] = []
        var start = 0
        while start < cuts.count {
            var end = start + 1
            if let stretch = cuts[start].stretch {
                while end < cuts.count, cuts[end].stretch == stretch { end += 1 }
            }
            if end - start >= 2 {
                let chars = cuts[start..<end].flatMap { $0.pieces.flatMap(\.cjk) }
                out.append(WordGroup(words: start..<end, phrase: WordPiece(cjk: chars).phrase))
            }
            start = end
        }
        return out
    }

    /// Cuts a CJK run by forward maximum matching over the table's words and the filler words; what lies
    /// between two matches is one unknown word (matched as a phrase, like any CJK word).
    private func segment(_ chars: [Unicode.Scalar]) -> [(piece: WordPiece, role: Role)] {
        var out: [(piece: WordPiece, role: Role)] = []
        let longest = max(synonyms.longestCJKWord, QueryLexicon.longestFillerWord)
        var unknownStart: Int?
        var i = 0
        func flushUnknown(upTo end: Int) {
            if let start = unknownStart {
                out.append((WordPiece(cjk: Array(chars[start..<end])), .unknown))
                unknownStart = nil
            }
        }
        while i < chars.count {
            var matched: (length: Int, role: Role)?
            var length = min(longest, chars.count - i)
            while length >= 1, matched == nil {
                let candidate = string(chars[i..<(i + length)])
                if length >= 2, synonyms.cjkWords.contains(candidate) {
                    matched = (length, .known)
                } else if QueryLexicon.fillerWords.contains(candidate) {
                    matched = (length, .filler)
                }
                length -= 1
            }
            if let matched {
                flushUnknown(upTo: i)
                out.append((WordPiece(cjk: Array(chars[i..<(i + matched.length)])), matched.role))
                i += matched.length
            } else {
                if unknownStart == nil { unknownStart = i }
                i += 1
            }
        }
        flushUnknown(upTo: chars.count)
        return out
    }

    /// Joins neighbouring words that together are one table entry (`work permit`).
    private func mergeMultiWordEntries(_ cuts: [Cut]) -> [Cut] {
        var out: [Cut] = []
        var i = 0
        while i < cuts.count {
            var n = min(synonyms.longestEntryWords, cuts.count - i)
            while n >= 2 {
                let key = cuts[i..<(i + n)].flatMap(\.pieces).map(\.text).joined(separator: " ")
                if synonyms.contains(key: key) { break }
                n -= 1
            }
            if n >= 2 {
                out.append(Cut(pieces: cuts[i..<(i + n)].flatMap(\.pieces), stretch: nil))
                i += n
            } else {
                out.append(cuts[i])
                i += 1
            }
        }
        return out
    }

    private func word(_ pieces: [WordPiece]) -> QueryWord {
        let key = pieces.map(\.text).joined(separator: " ")
        let own = MatchExpression.allOf(pieces.map(\.phrase)) ?? .all(pieces.map(\.phrase))
        var fragments: [MatchExpression] = []
        if pieces.count == 1, let only = pieces.first, only.cjk.count >= 3 {
            fragments = only.tokens.map { .phrase([$0]) }
        }
        guard let entries = synonyms.alternatives(forKey: key) else {
            return QueryWord(text: key, alternatives: [own], fragments: fragments, isKnown: false)
        }
        let others = entries.map(\.expression).filter { $0 != own }
        let alternatives = Array(([own] + others).uniqued().prefix(limits.maxAlternatives))
        return QueryWord(text: key, alternatives: alternatives, fragments: fragments, isKnown: true)
    }

    private func string(_ chars: ArraySlice<Unicode.Scalar>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars)
        return String(s)
    }
}
