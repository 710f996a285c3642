/// Comparisons, with a literal operand kept as a captured constant.
extension Compiler {
    /// An attribute against a literal, in either order.
    static func specialized(_ op: ComparisonOperator, _ left: Expression, _ l: Code,
                            _ right: Expression, _ r: Code) -> BoolCode? {
        var (op, attributeSide, constantSide) = (op, left, r)
        if case .attribute = right.kind { (op, attributeSide, constantSide) = (op.mirrored, right, l) }
        guard case .attribute(let a) = attributeSide.kind else { return nil }
        switch constantSide {
        case .integer(_, let c?), .date(_, let c?): return Specializations.compare(a, op, c)
        case .text(_, let c?) where op == .equal || op == .notEqual:
            return Specializations.equal(a, c, negated: op == .notEqual)
        default: return nil
        }
    }

    static func comparison(_ op: ComparisonOperator, _ left: Code, _ right: Code, node: Expression) throws(PolicyError) -> BoolCode {
        switch (left, right) {
        case (.integer(let l, let lc), .integer(let r, let rc)), (.date(let l, let lc), .date(let r, let rc)):
            // Constants cannot fail, so putting one on the right changes no evaluation order.
            if let rc { return ordered(op, l, constant: rc) }
            if let lc { return ordered(op.mirrored, r, constant: lc) }
            return ordered(op, l, r)
        case (.text(let l, let lc), .text(let r, let rc)):
            let equal: BoolCode
            if let rc {
                equal = { (s, d) throws(EvaluationError) -> Bool in try l(s, d) == rc }
            } else if let lc {
                equal = { (s, d) throws(EvaluationError) -> Bool in try r(s, d) == lc }
            } else {
                equal = { (s, d) throws(EvaluationError) -> Bool in
                    let a = try l(s, d)
                    let b = try r(s, d)
                    return !a.isMissing && a == b
                }
            }
            if op == .equal { return equal }
            if op == .notEqual { return { (s, d) throws(EvaluationError) -> Bool in try !equal(s, d) } }
        case (.boolean(let l), .boolean(let r)):
            if op == .equal { return { (s, d) throws(EvaluationError) -> Bool in let a = try l(s, d); return try a == r(s, d) } }
            if op == .notEqual { return { (s, d) throws(EvaluationError) -> Bool in let a = try l(s, d); return try a != r(s, d) } }
        default:
            break
        }
        try mismatch(node)
    }

    static func ordered(_ op: ComparisonOperator, _ l: @escaping IntCode, constant c: Int) -> BoolCode {
        switch op {
        case .equal: return { (s, d) throws(EvaluationError) -> Bool in try l(s, d) == c }
        case .notEqual: return { (s, d) throws(EvaluationError) -> Bool in try l(s, d) != c }
        case .less: return { (s, d) throws(EvaluationError) -> Bool in guard let v = try l(s, d) else { return false }; return v < c }
        case .lessOrEqual: return { (s, d) throws(EvaluationError) -> Bool in guard let v = try l(s, d) else { return false }; return v <= c }
        case .greater: return { (s, d) throws(EvaluationError) -> Bool in guard let v = try l(s, d) else { return false }; return v > c }
        case .greaterOrEqual: return { (s, d) throws(EvaluationError) -> Bool in guard let v = try l(s, d) else { return false }; return v >= c }
        }
    }

    static func ordered(_ op: ComparisonOperator, _ l: @escaping IntCode, _ r: @escaping IntCode) -> BoolCode {
        func make(_ test: @escaping @Sendable (Int, Int) -> Bool, whenMissing: Bool) -> BoolCode {
            { (s, d) throws(EvaluationError) -> Bool in
                let a = try l(s, d)
                let b = try r(s, d)
                guard let a, let b else { return whenMissing }
                return test(a, b)
            }
        }
        switch op {
        case .equal: return make({ $0 == $1 }, whenMissing: false)
        case .notEqual: return make({ $0 != $1 }, whenMissing: true)
        case .less: return make({ $0 < $1 }, whenMissing: false)
        case .lessOrEqual: return make({ $0 <= $1 }, whenMissing: false)
        case .greater: return make({ $0 > $1 }, whenMissing: false)
        case .greaterOrEqual: return make({ $0 >= $1 }, whenMissing: false)
        }
    }
}
