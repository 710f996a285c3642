/// 摘要片段: one piece of a snippet; the caller escapes `text` for HTML and wraps matches in `<mark>`.
public struct SnippetSegment: Sendable, Hashable {
    public let text: String
    /// A query word or one of its synonyms.
    public let isMatch: Bool

    public init(_ text: String, isMatch: Bool) {
        self.text = text
        self.isMatch = isMatch
    }
}

/// 命中高亮: the part of a text around its best match, at most `maxLength` characters with "…" where the
/// text was cut, as segments. Matches are found as the index finds them (same tokens, same phrases), so what
/// is marked is what made the article match — a synonym (落户 for a query 入户) included.
public enum Highlighter: Sendable {
    public static let ellipsis = "…"

    public static func snippet(of text: String, for query: SearchQuery, maxLength: Int = 120) -> [SnippetSegment] {
        let analysis = AnalyzedText(text)
        let units = analysis.units
        guard !units.isEmpty, maxLength > 0 else { return [] }
        let spans = MatchFinder(query: query).spans(in: analysis)
        let window = SnippetWindow.best(spans: spans, unitCount: units.count, maxLength: maxLength)

        var segments: [SnippetSegment] = []
        if window.range.lowerBound > 0 { segments.append(SnippetSegment(ellipsis, isMatch: false)) }
        var cursor = window.range.lowerBound
        for span in MatchFinder.merged(spans.map(\.units)) {
            let lower = max(span.lowerBound, window.range.lowerBound)
            let upper = min(span.upperBound, window.range.upperBound)
            guard lower < upper else { continue }
            if cursor < lower { segments.append(SnippetSegment(original(text, units, cursor..<lower), isMatch: false)) }
            segments.append(SnippetSegment(original(text, units, lower..<upper), isMatch: true))
            cursor = upper
        }
        if cursor < window.range.upperBound {
            segments.append(SnippetSegment(original(text, units, cursor..<window.range.upperBound), isMatch: false))
        }
        if window.range.upperBound < units.count { segments.append(SnippetSegment(ellipsis, isMatch: false)) }
        return tidy(segments)
    }

    /// The original characters of units `range` (marks included).
    private static func original(_ text: String, _ units: [TextUnit], _ range: Range<Int>) -> String {
        String(text.unicodeScalars[units[range.lowerBound].range.lowerBound..<units[range.upperBound - 1].range.upperBound])
    }

    /// Line breaks and runs of spaces read as one space in a one-line snippet; empty segments go.
    private static func tidy(_ segments: [SnippetSegment]) -> [SnippetSegment] {
        segments.compactMap { segment in
            let collapsed = collapseWhitespace(segment.text)
            return collapsed.isEmpty ? nil : SnippetSegment(collapsed, isMatch: segment.isMatch)
        }
    }

    private static func collapseWhitespace(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for c in text {
            if c.isWhitespace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(c)
                lastWasSpace = false
            }
        }
        return out
    }
}
