import WorkCalendar

public enum ComparisonOperator: String, CaseIterable, Hashable, Sendable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    public var isOrdering: Bool { self != .equal && self != .notEqual }

    /// The operator that gives the same answer with the operands swapped (`45 > age` is `age < 45`).
    public var mirrored: ComparisonOperator {
        switch self {
        case .equal, .notEqual: return self
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        }
    }

    /// The operator that holds exactly when this one fails on recorded values.
    public var complement: ComparisonOperator {
        switch self {
        case .equal: return .notEqual
        case .notEqual: return .equal
        case .less: return .greaterOrEqual
        case .lessOrEqual: return .greater
        case .greater: return .lessOrEqual
        case .greaterOrEqual: return .less
        }
    }
}

public enum ArithmeticOperator: String, CaseIterable, Hashable, Sendable {
    case plus = "+"
    case minus = "-"
    case times = "*"
    case dividedBy = "/"
}

/// Built-in helpers. `date("…")` is not here: it is read as a date literal by the parser.
public enum Function: String, CaseIterable, Hashable, Sendable {
    /// `any(xs, ys)`: some element of xs is in ys.
    case any
    /// `count(xs)`: number of elements.
    case count
    /// `min(a, b, …)`, `max(a, b, …)` on integers, for caps and floors on amounts.
    case min
    case max
}

public indirect enum ExpressionKind: Hashable, Sendable {
    case integer(Int)
    case text(String)
    case date(LocalDate)
    case boolean(Bool)
    case list([Expression])
    case attribute(Attribute)
    case negate(Expression)
    case not(Expression)
    case arithmetic(ArithmeticOperator, Expression, Expression)
    case comparison(ComparisonOperator, Expression, Expression)
    case membership(Expression, Expression, negated: Bool)
    case noneTest(Expression, negated: Bool)
    /// `a and b and c`: kept n-ary so long rule lists stay shallow and "first failing
    /// condition" is simply the first failing child.
    case all([Expression])
    /// `a or b or c`.
    case any([Expression])
    case call(Function, [Expression])
    case conditional(Expression, then: Expression, else: Expression)
}

/// A node of the syntax tree. Equality and hashing look at the structure only, never at
/// positions, so a tree printed and parsed again compares equal to the original.
public struct Expression: Hashable, Sendable {
    public var kind: ExpressionKind
    /// Where diagnostics point: the operator of an infix node, else the first token.
    public var position: SourcePosition
    /// Longest path to a leaf, counting this node; bounded by `ParseLimits.maxDepth`.
    public private(set) var height: Int

    public init(_ kind: ExpressionKind, at position: SourcePosition = .unknown) {
        self.kind = kind
        self.position = position
        self.height = 1 + (kind.children.map(\.height).max() ?? 0)
    }

    public static func == (lhs: Expression, rhs: Expression) -> Bool { lhs.kind == rhs.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }

    /// Number of nodes in the tree.
    public var size: Int { 1 + kind.children.reduce(0) { $0 + $1.size } }

    /// A literal value whose meaning needs no subject (list elements must be these).
    public var isLiteral: Bool {
        switch kind {
        case .integer, .text, .date, .boolean: return true
        case .negate(let inner):
            if case .integer = inner.kind { return true }
            return false
        default: return false
        }
    }
}

extension ExpressionKind {
    public var children: [Expression] {
        switch self {
        case .integer, .text, .date, .boolean, .attribute: return []
        case .list(let items), .all(let items), .any(let items), .call(_, let items): return items
        case .negate(let e), .not(let e), .noneTest(let e, _): return [e]
        case .arithmetic(_, let l, let r), .comparison(_, let l, let r), .membership(let l, let r, _): return [l, r]
        case .conditional(let c, let a, let b): return [c, a, b]
        }
    }
}

public enum Period: String, CaseIterable, Hashable, Sendable {
    case once
    case monthly
    case yearly

    public var label: Bilingual {
        switch self {
        case .once: return Bilingual("一次性发放", "paid once")
        case .monthly: return Bilingual("按月发放", "paid monthly")
        case .yearly: return Bilingual("按年发放", "paid yearly")
        }
    }
}

/// A parsed and type-checked policy: `eligible` is a condition and `amount` an integer.
public struct Policy: Hashable, Sendable {
    public var name: String?
    public var eligible: Expression
    public var amount: Expression
    public var period: Period

    public init(name: String?, eligible: Expression, amount: Expression, period: Period) {
        self.name = name
        self.eligible = eligible
        self.amount = amount
        self.period = period
    }

    /// The top-level conjuncts of `eligible`: the units a refusal is reported against.
    public var conditions: [Expression] {
        if case .all(let items) = eligible.kind { return items }
        return [eligible]
    }
}
