/// 匹配表达式: what a document must contain, the one tree that is rendered for FTS5 (`fts5`), for PostgreSQL
/// (`tsquery`) and evaluated by `KnowledgeIndex`, so the three agree on which documents match.
public indirect enum MatchExpression: Hashable, Sendable {
    /// The tokens at consecutive positions (one token: that token anywhere).
    case phrase([SearchToken])
    /// Every part matches (AND).
    case all([MatchExpression])
    /// At least one part matches (OR).
    case any([MatchExpression])

    /// Builds `.all`, dropping duplicates and flattening nested `.all`; one part is returned as itself.
    static func allOf(_ parts: [MatchExpression]) -> MatchExpression? {
        var flat: [MatchExpression] = []
        for part in parts {
            if case .all(let inner) = part { flat.append(contentsOf: inner) } else { flat.append(part) }
        }
        let unique = flat.uniqued()
        if unique.count <= 1 { return unique.first }
        return .all(unique)
    }

    /// Builds `.any`, dropping duplicates and flattening nested `.any`; one part is returned as itself.
    static func anyOf(_ parts: [MatchExpression]) -> MatchExpression? {
        var flat: [MatchExpression] = []
        for part in parts {
            if case .any(let inner) = part { flat.append(contentsOf: inner) } else { flat.append(part) }
        }
        let unique = flat.uniqued()
        if unique.count <= 1 { return unique.first }
        return .any(unique)
    }

    /// Every phrase of the expression once, in order (for highlighting; BM25 scores each occurrence).
    public var phrases: [[SearchToken]] {
        var out: [[SearchToken]] = []
        collectPhrases(into: &out)
        return out.uniqued()
    }

    private func collectPhrases(into out: inout [[SearchToken]]) {
        switch self {
        case .phrase(let tokens): out.append(tokens)
        case .all(let parts), .any(let parts): for part in parts { part.collectPhrases(into: &out) }
        }
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
