/// A token with the characters it came from (indices into `AnalyzedText.units`); its position is its index
/// in the token list, the position FTS5 and PostgreSQL give it too (both count tokens, not characters).
struct PlacedToken: Sendable {
    let token: SearchToken
    let units: Range<Int>
}

/// 分词 for indexing: text → tokens, in the order they are stored.
///
/// Layout, per run of the text:
/// - a CJK run of n ≥ 2 characters: its n − 1 overlapping pairs (安家补贴 → 安家 家补 补贴), then its n single
///   characters (安 家 补 贴); a run of one character: that character;
/// - a run of letters or digits: one word.
/// Pairs of a run are adjacent, so a phrase of pairs matches exactly the contiguous text. Singles go in the
/// same column, after the run's pairs: one column per field keeps the SQL simple, a one-character query
/// searches only singles and a longer word only pairs, so they never compete for a query word; and the
/// singles between two runs keep a phrase from matching across punctuation (`人才，公寓` is not 人才公寓).
/// They do lengthen documents, evenly, which BM25 length normalisation absorbs.
public enum Tokenizer: Sendable {
    /// The tokens of a text in stored order.
    public static func tokens(of text: String) -> [SearchToken] {
        placedTokens(of: AnalyzedText(text)).map(\.token)
    }

    /// 存储文本: what to store in the FTS5 column or feed to `to_tsvector('simple', …)`.
    public static func storedText(of text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count * 3)
        for (i, placed) in placedTokens(of: AnalyzedText(text)).enumerated() {
            if i > 0 { out.append(" ") }
            out.append(placed.token.text)
        }
        return out
    }

    static func placedTokens(of analysis: AnalyzedText) -> [PlacedToken] {
        var out: [PlacedToken] = []
        out.reserveCapacity(analysis.units.count * 2)
        let units = analysis.units
        for run in analysis.runs {
            switch run.kind {
            case .cjk:
                let r = run.units
                if r.count >= 2 {
                    for i in r.lowerBound..<(r.upperBound - 1) {
                        out.append(PlacedToken(token: .pair(units[i].folded, units[i + 1].folded), units: i..<(i + 2)))
                    }
                }
                for i in r {
                    out.append(PlacedToken(token: .single(units[i].folded), units: i..<(i + 1)))
                }
            case .letters, .digits:
                out.append(PlacedToken(token: .word(analysis.foldedString(run)), units: run.units))
            }
        }
        return out
    }

    /// The phrase a query word is matched as: its pairs if it is CJK of two or more characters, otherwise its
    /// single character or its word(s). Runs joined without a separator (`ipv6`) make one phrase.
    static func phraseTokens(of analysis: AnalyzedText, runs: ArraySlice<TextRun>) -> [SearchToken] {
        var out: [SearchToken] = []
        for run in runs {
            switch run.kind {
            case .cjk:
                let chars = analysis.folded(run)
                if chars.count == 1 {
                    out.append(.single(chars[0]))
                } else {
                    for i in 0..<(chars.count - 1) { out.append(.pair(chars[i], chars[i + 1])) }
                }
            case .letters, .digits:
                out.append(.word(analysis.foldedString(run)))
            }
        }
        return out
    }
}
