/// Renders a `MatchExpression` as text for PostgreSQL's `to_tsquery('simple', $1)`.
///
/// Grammar emitted:
/// ```
/// expr   := phrase | "(" expr ( " & " expr )+ ")" | "(" expr ( " | " expr )+ ")"
/// phrase := lexeme ( " <-> " lexeme )*
/// lexeme := "'" text "'"        — a quote written twice, a backslash escaped
/// ```
/// The outermost parentheses are left off; `<->` binds tighter than `&` and `|`, so phrases need none.
/// Every lexeme is quoted, so no `!`, `&`, `|`, `:*`, weight label or parenthesis can come from user input;
/// and since `to_tsquery` sends even a quoted lexeme through the parser, the lexeme is a whole `SearchToken`
/// (letters or digits only) that the parser keeps as one word, as it did in `to_tsvector`. Never empty: an
/// empty lexeme is a tsquery syntax error, which is why `SearchQuery` has no expression for an empty query.
public enum TSQuerySyntax: Sendable {
    public static func render(_ expression: MatchExpression) -> String {
        render(expression, nested: false)
    }

    private static func render(_ expression: MatchExpression, nested: Bool) -> String {
        switch expression {
        case .phrase(let tokens):
            return tokens.map { quote($0.text) }.joined(separator: " <-> ")
        case .all(let parts):
            let inner = parts.map { render($0, nested: true) }.joined(separator: " & ")
            return nested ? "(" + inner + ")" : inner
        case .any(let parts):
            let inner = parts.map { render($0, nested: true) }.joined(separator: " | ")
            return nested ? "(" + inner + ")" : inner
        }
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingAll("\\", with: "\\\\").replacingAll("'", with: "''") + "'"
    }
}
