/// Renders a `MatchExpression` as an SQLite FTS5 MATCH string.
///
/// Grammar emitted (a subset of FTS5's query syntax):
/// ```
/// expr   := phrase | "(" expr ( " AND " expr )+ ")" | "(" expr ( " OR " expr )+ ")"
/// phrase := '"' token ( " " token )* '"'
/// ```
/// The outermost parentheses are left off. User input can only ever reach the inside of a phrase, and a token
/// holds only letters or digits (`SearchToken`), so no quote, parenthesis, `*`, `^`, `:`, `+`, `-`, `NEAR`,
/// `AND`/`OR`/`NOT` keyword or column filter can come from it; a user's "NEAR" is the quoted, lowercased
/// phrase `"near"`. Double quotes inside a phrase would be doubled, as FTS5 requires, though none can occur.
public enum FTS5Syntax: Sendable {
    public static func render(_ expression: MatchExpression) -> String {
        render(expression, nested: false)
    }

    private static func render(_ expression: MatchExpression, nested: Bool) -> String {
        switch expression {
        case .phrase(let tokens):
            return quote(tokens.map(\.text).joined(separator: " "))
        case .all(let parts):
            let inner = parts.map { render($0, nested: true) }.joined(separator: " AND ")
            return nested ? "(" + inner + ")" : inner
        case .any(let parts):
            let inner = parts.map { render($0, nested: true) }.joined(separator: " OR ")
            return nested ? "(" + inner + ")" : inner
        }
    }

    /// An FTS5 string: in double quotes, a double quote written twice.
    static func quote(_ text: String) -> String {
        "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Foundation-free replacement of every occurrence of one character.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for c in self {
            if c == target { out.append(replacement) } else { out.append(c) }
        }
        return out
    }
}
