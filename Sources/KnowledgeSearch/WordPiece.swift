/// 词: a piece of text matched as one phrase — a CJK run, or letters and digits written together (`ipv6`).
/// A CJK run and a Latin word written together (`英才卡app`) are two pieces: the index stores a run's singles
/// after its pairs, so a phrase from CJK into Latin could never match.
struct WordPiece: Sendable, Hashable {
    /// Folded text, the key for the synonym table.
    let text: String
    /// The folded characters when the piece is CJK, else empty.
    let cjk: [Unicode.Scalar]
    let tokens: [SearchToken]

    var isCJK: Bool { !cjk.isEmpty }

    init(cjk: [Unicode.Scalar]) {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: cjk)
        self.text = String(s)
        self.cjk = cjk
        if cjk.count == 1 {
            tokens = [.single(cjk[0])]
        } else {
            tokens = (0..<(cjk.count - 1)).map { .pair(cjk[$0], cjk[$0 + 1]) }
        }
    }

    init(latin text: String, tokens: [SearchToken]) {
        self.text = text
        self.cjk = []
        self.tokens = tokens
    }

    var phrase: MatchExpression { .phrase(tokens) }

    /// The pieces of a text, in order.
    static func pieces(of analysis: AnalyzedText) -> [WordPiece] {
        var out: [WordPiece] = []
        let runs = analysis.runs
        var i = 0
        while i < runs.count {
            let run = runs[i]
            if run.kind == .cjk {
                out.append(WordPiece(cjk: analysis.folded(run)))
                i += 1
                continue
            }
            var j = i + 1
            while j < runs.count, runs[j].joinsPrevious, runs[j].kind != .cjk { j += 1 }
            let slice = runs[i..<j]
            let text = slice.map { analysis.foldedString($0) }.joined()
            out.append(WordPiece(latin: text, tokens: Tokenizer.phraseTokens(of: analysis, runs: slice)))
            i = j
        }
        return out
    }
}
