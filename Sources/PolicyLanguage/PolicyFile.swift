/// The policy file format: an optional `policy "名称"` line and three sections in any order.
///
///     policy "安家补贴"
///     eligible: tier in ["A", "B", "C"] and arrival_date >= 2021-01-01 and age < 45
///     amount: if tier = "A" then 1_000_000 else if tier = "B" then 500_000 else 200_000
///     period: once
///
/// Newlines carry no meaning, so a long rule may run over several lines; a section ends where
/// the next section keyword starts.
public enum PolicyFile {
    public static func parse(_ source: String, limits: ParseLimits = .standard) throws(PolicyError) -> Policy {
        var parser = Parser(tokens: try Lexer.tokens(of: source, limits: limits), limits: limits)
        var name: String?
        var eligible: (Expression, SourcePosition)?
        var amount: (Expression, SourcePosition)?
        var period: Period?
        var seen: Set<Keyword> = []

        while parser.current.kind != .endOfInput {
            let header = parser.current
            guard case .keyword(let keyword) = header.kind,
                  [.policy, .eligible, .amount, .period].contains(keyword) else {
                throw parser.unexpected(Bilingual("段名（policy、eligible:、amount:、period:）",
                                                  "a section (policy, eligible:, amount:, period:)"))
            }
            let sectionName = keyword == .policy ? "policy" : keyword.rawValue + ":"
            if seen.contains(keyword) { throw PolicyError(.duplicateSection(sectionName), at: header.position) }
            seen.insert(keyword)
            parser.advance()

            switch keyword {
            case .policy:
                guard case .text(let text) = parser.current.kind else {
                    throw parser.unexpected(Bilingual("带引号的政策名称", "the policy name in quotes"))
                }
                name = text
                parser.advance()
            case .period:
                try parser.expect(.colon)
                guard case .identifier(let word) = parser.current.kind else {
                    throw parser.unexpected(Bilingual(" once、monthly 或 yearly", "once, monthly or yearly"))
                }
                guard let value = Period(rawValue: word) else {
                    throw PolicyError(.unknownPeriod(word), at: parser.current.position)
                }
                period = value
                parser.advance()
            default:
                try parser.expect(.colon)
                let start = parser.current.position
                let body = try parser.expression()
                if keyword == .eligible { eligible = (body, start) } else { amount = (body, start) }
            }
            if !atSectionBoundary(parser.current) {
                throw parser.unexpected(Bilingual("运算符或下一段（eligible:、amount:、period:）",
                                                  "an operator or the next section (eligible:, amount:, period:)"))
            }
        }

        let end = parser.current.position
        guard let eligible else { throw PolicyError(.missingSection("eligible:"), at: end) }
        guard let amount else { throw PolicyError(.missingSection("amount:"), at: end) }
        guard let period else { throw PolicyError(.missingSection("period:"), at: end) }

        let eligibleType = try TypeChecker.type(of: eligible.0)
        if eligibleType != .boolean {
            throw PolicyError(.sectionType("eligible:", expected: .boolean, found: eligibleType), at: eligible.1)
        }
        let amountType = try TypeChecker.type(of: amount.0)
        if amountType != .integer {
            throw PolicyError(.sectionType("amount:", expected: .integer, found: amountType), at: amount.1)
        }
        return Policy(name: name, eligible: eligible.0, amount: amount.0, period: period)
    }

    private static func atSectionBoundary(_ token: Token) -> Bool {
        switch token.kind {
        case .endOfInput, .keyword(.policy), .keyword(.eligible), .keyword(.amount), .keyword(.period): return true
        default: return false
        }
    }

    /// Parses and type-checks a lone expression, as the tests and tools do.
    public static func parseExpression(_ source: String, limits: ParseLimits = .standard) throws(PolicyError) -> (Expression, ValueType) {
        let expression = try Parser.expression(source, limits: limits)
        return (expression, try TypeChecker.type(of: expression))
    }

    /// Parses without type-checking, to test the grammar on its own.
    public static func parseUnchecked(_ source: String, limits: ParseLimits = .standard) throws(PolicyError) -> Expression {
        try Parser.expression(source, limits: limits)
    }
}
