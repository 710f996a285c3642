import WorkCalendar

public enum Keyword: String, CaseIterable, Hashable, Sendable {
    case and, or, not, `in`, `is`, none, `if`, then, `else`, `true`, `false`
    // Section headers of a policy file; reserved so a rule can never shadow them.
    case policy, eligible, amount, period
}

public enum Symbol: String, CaseIterable, Hashable, Sendable {
    case leftParen = "("
    case rightParen = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case comma = ","
    case colon = ":"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
}

public enum TokenKind: Hashable, Sendable {
    case integer(Int)
    case text(String)
    case date(LocalDate)
    case identifier(String)
    case keyword(Keyword)
    case symbol(Symbol)
    case endOfInput
}

public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    public var position: SourcePosition
    /// The characters as written, for "but found …" messages.
    public var spelling: String

    /// How a diagnostic names this token.
    var described: Bilingual {
        switch kind {
        case .endOfInput: return Bilingual("文件结尾", "end of input")
        case .text:
            let shown = spelling.count > 24 ? String(spelling.prefix(23)) + "…" : spelling
            return Bilingual("文本 \(shown)", "text \(shown)")
        default: return Bilingual("\"\(spelling)\"", "\"\(spelling)\"")
        }
    }
}
