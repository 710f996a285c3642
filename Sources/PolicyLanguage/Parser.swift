import WorkCalendar

/// Recursive-descent parser for expressions. Precedence, loosest first:
/// `if…then…else` < `or` < `and` < `not` < comparisons/`in`/`is none` < `+ -` < `* /` < unary `-`.
/// Comparisons do not chain; `and`/`or` chains become one n-ary node.
struct Parser {
    private let tokens: [Token]
    private var index = 0
    private let limits: ParseLimits
    private var nodeCount = 0
    private var nesting = 0

    init(tokens: [Token], limits: ParseLimits) {
        self.tokens = tokens
        self.limits = limits
    }

    /// Parses a source that holds exactly one expression (tests, tools, the REPL of a case worker).
    static func expression(_ source: String, limits: ParseLimits = .standard) throws(PolicyError) -> Expression {
        var parser = Parser(tokens: try Lexer.tokens(of: source, limits: limits), limits: limits)
        let result = try parser.expression()
        if parser.current.kind != .endOfInput {
            throw parser.unexpected(Bilingual("运算符或输入结尾", "an operator or the end of input"))
        }
        return result
    }

    // MARK: Token access

    var current: Token { tokens[index] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    func isKeyword(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }
    func isSymbol(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }

    func unexpected(_ expected: Bilingual) -> PolicyError {
        PolicyError(.expected(expected, found: current.described), at: current.position)
    }

    mutating func expect(_ symbol: Symbol) throws(PolicyError) {
        guard isSymbol(symbol) else { throw unexpected(Bilingual(" \"\(symbol.rawValue)\"", "\"\(symbol.rawValue)\"")) }
        advance()
    }

    mutating func expect(_ keyword: Keyword) throws(PolicyError) {
        guard isKeyword(keyword) else { throw unexpected(Bilingual(" \"\(keyword.rawValue)\"", "\"\(keyword.rawValue)\"")) }
        advance()
    }

    // MARK: Bounds

    /// Every node goes through here, so size and depth can never escape the limits.
    private mutating func node(_ kind: ExpressionKind, at position: SourcePosition) throws(PolicyError) -> Expression {
        nodeCount += 1
        if nodeCount > limits.maxNodes { throw PolicyError(.tooManyNodes(limit: limits.maxNodes), at: position) }
        let made = Expression(kind, at: position)
        if made.height > limits.maxDepth { throw PolicyError(.tooDeep(limit: limits.maxDepth), at: position) }
        return made
    }

    /// Guards the parser's own recursion, which can run ahead of the tree height (`((((x))))`).
    private mutating func nested<T>(_ body: (inout Parser) throws(PolicyError) -> T) throws(PolicyError) -> T {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > limits.maxDepth { throw PolicyError(.tooDeep(limit: limits.maxDepth), at: current.position) }
        return try body(&self)
    }

    // MARK: Grammar

    mutating func expression() throws(PolicyError) -> Expression {
        try nested { (p: inout Parser) throws(PolicyError) in try p.disjunction() }
    }

    private mutating func disjunction() throws(PolicyError) -> Expression {
        let first = try conjunction()
        guard isKeyword(.or) else { return first }
        let position = current.position
        var items = [first]
        while isKeyword(.or) {
            advance()
            items.append(try conjunction())
        }
        return try node(.any(items), at: position)
    }

    private mutating func conjunction() throws(PolicyError) -> Expression {
        let first = try negation()
        guard isKeyword(.and) else { return first }
        let position = current.position
        var items = [first]
        while isKeyword(.and) {
            advance()
            items.append(try negation())
        }
        return try node(.all(items), at: position)
    }

    private mutating func negation() throws(PolicyError) -> Expression {
        guard isKeyword(.not) else { return try comparison() }
        let position = current.position
        advance()
        let operand = try nested { (p: inout Parser) throws(PolicyError) in try p.negation() }
        return try node(.not(operand), at: position)
    }

    private static let comparisonSymbols: [Symbol: ComparisonOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessOrEqual: .lessOrEqual,
        .greater: .greater, .greaterOrEqual: .greaterOrEqual,
    ]

    private var atComparison: Bool {
        if case .symbol(let s) = current.kind, Parser.comparisonSymbols[s] != nil { return true }
        if isKeyword(.in) || isKeyword(.is) { return true }
        if isKeyword(.not), index + 1 < tokens.count, tokens[index + 1].kind == .keyword(.in) { return true }
        return false
    }

    private mutating func comparison() throws(PolicyError) -> Expression {
        let left = try additive()
        guard atComparison else { return left }
        let position = current.position
        let result: Expression
        if case .symbol(let s) = current.kind, let op = Parser.comparisonSymbols[s] {
            advance()
            result = try node(.comparison(op, left, try additive()), at: position)
        } else if isKeyword(.in) {
            advance()
            result = try node(.membership(left, try additive(), negated: false), at: position)
        } else if isKeyword(.not) {
            advance()
            advance()  // `in`, checked by atComparison
            result = try node(.membership(left, try additive(), negated: true), at: position)
        } else {
            advance()  // `is`
            var negated = false
            if isKeyword(.not) {
                negated = true
                advance()
            }
            try expect(.none)
            result = try node(.noneTest(left, negated: negated), at: position)
        }
        if atComparison { throw PolicyError(.chainedComparison, at: current.position) }
        return result
    }

    private mutating func additive() throws(PolicyError) -> Expression {
        var left = try multiplicative()
        while isSymbol(.plus) || isSymbol(.minus) {
            let op: ArithmeticOperator = isSymbol(.plus) ? .plus : .minus
            let position = current.position
            advance()
            left = try node(.arithmetic(op, left, try multiplicative()), at: position)
        }
        return left
    }

    private mutating func multiplicative() throws(PolicyError) -> Expression {
        var left = try unary()
        while isSymbol(.star) || isSymbol(.slash) {
            let op: ArithmeticOperator = isSymbol(.star) ? .times : .dividedBy
            let position = current.position
            advance()
            left = try node(.arithmetic(op, left, try unary()), at: position)
        }
        return left
    }

    private mutating func unary() throws(PolicyError) -> Expression {
        guard isSymbol(.minus) else { return try primary() }
        let position = current.position
        advance()
        let operand = try nested { (p: inout Parser) throws(PolicyError) in try p.unary() }
        return try node(.negate(operand), at: position)
    }

    private mutating func primary() throws(PolicyError) -> Expression {
        let token = current
        switch token.kind {
        case .integer(let value):
            advance()
            return try node(.integer(value), at: token.position)
        case .text(let value):
            advance()
            return try node(.text(value), at: token.position)
        case .date(let value):
            advance()
            return try node(.date(value), at: token.position)
        case .keyword(.true), .keyword(.false):
            advance()
            return try node(.boolean(token.kind == .keyword(.true)), at: token.position)
        case .keyword(.if):
            return try conditional()
        case .symbol(.leftParen):
            advance()
            let inner = try expression()
            try expect(.rightParen)
            return inner
        case .symbol(.leftBracket):
            return try list()
        case .identifier(let name):
            advance()
            if isSymbol(.leftParen) { return try call(name, at: token.position) }
            guard let attribute = Attribute(spelling: name) else {
                let suggestion = Suggestion.nearest(to: name, among: Attribute.allCases.map(\.spelling))
                throw PolicyError(.unknownAttribute(name, suggestion: suggestion), at: token.position)
            }
            return try node(.attribute(attribute), at: token.position)
        default:
            throw unexpected(Bilingual("表达式", "an expression"))
        }
    }

    private mutating func conditional() throws(PolicyError) -> Expression {
        let position = current.position
        advance()  // if
        let condition = try expression()
        try expect(.then)
        let whenTrue = try expression()
        try expect(.else)
        let whenFalse = try expression()
        return try node(.conditional(condition, then: whenTrue, else: whenFalse), at: position)
    }

    private mutating func list() throws(PolicyError) -> Expression {
        let position = current.position
        advance()  // [
        if isSymbol(.rightBracket) { throw PolicyError(.emptyList, at: position) }
        var items: [Expression] = []
        while true {
            items.append(try expression())
            if isSymbol(.comma) {
                advance()
                continue
            }
            guard isSymbol(.rightBracket) else { throw unexpected(Bilingual(" \",\" 或 \"]\"", "\",\" or \"]\"")) }
            advance()
            return try node(.list(items), at: position)
        }
    }

    private mutating func call(_ name: String, at position: SourcePosition) throws(PolicyError) -> Expression {
        if name == "date" { return try dateCall(at: position) }
        guard let function = Function(rawValue: name) else {
            let suggestion = Suggestion.nearest(to: name, among: Function.allCases.map(\.rawValue) + ["date"])
            throw PolicyError(.unknownFunction(name, suggestion: suggestion), at: position)
        }
        advance()  // (
        var arguments: [Expression] = []
        if !isSymbol(.rightParen) {
            while true {
                arguments.append(try expression())
                if isSymbol(.comma) {
                    advance()
                    continue
                }
                guard isSymbol(.rightParen) else { throw unexpected(Bilingual(" \",\" 或 \")\"", "\",\" or \")\"")) }
                break
            }
        }
        advance()  // )
        return try node(.call(function, arguments), at: position)
    }

    /// `date("2021-01-01")` is the spelled-out form of the literal `2021-01-01`.
    private mutating func dateCall(at position: SourcePosition) throws(PolicyError) -> Expression {
        advance()  // (
        guard case .text(let text) = current.kind else {
            throw unexpected(Bilingual("日期文本，如 \"2021-01-01\"", "a date in quotes such as \"2021-01-01\""))
        }
        let date = try Lexer.date(from: text, at: current.position)
        advance()
        try expect(.rightParen)
        return try node(.date(date), at: position)
    }
}
