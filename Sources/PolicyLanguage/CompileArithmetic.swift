/// Integer and date arithmetic. Every operation reports overflow and division by zero as an
/// `EvaluationError` instead of trapping, exactly where the reference evaluator does.
extension Compiler {
    static func arithmetic(_ op: ArithmeticOperator, _ left: Code, _ right: Code, at: SourcePosition, node: Expression) throws(PolicyError) -> Code {
        switch (left, right) {
        case (.integer(let l, _), .integer(let r, _)):
            return .integer(integerArithmetic(op, l, r, at: at), constant: nil)
        case (.date(let date, _), .integer(let days, _)) where op != .times && op != .dividedBy:
            return .date(shift(date, days, subtract: op == .minus, at: at), constant: nil)
        case (.integer(let days, _), .date(let date, _)) where op == .plus:
            return .date(shiftInOrder(days, date, at: at), constant: nil)
        case (.date(let l, _), .date(let r, _)) where op == .minus:
            return .integer({ (s, d) throws(EvaluationError) -> Int? in
                let a = try l(s, d)
                let b = try r(s, d)
                guard let a, let b, let x = CalendarMath.unpacked(a), let y = CalendarMath.unpacked(b) else { return nil }
                return x.dayNumber - y.dayNumber
            }, constant: nil)
        default:
            try mismatch(node)
        }
    }

    static func integerArithmetic(_ op: ArithmeticOperator, _ l: @escaping IntCode, _ r: @escaping IntCode, at: SourcePosition) -> IntCode {
        switch op {
        case .plus:
            return { (s, d) throws(EvaluationError) -> Int? in
                let a = try l(s, d)
                let b = try r(s, d)
                guard let a, let b else { return nil }
                let (v, o) = a.addingReportingOverflow(b)
                if o { throw EvaluationError(.overflow, at: at) }
                return v
            }
        case .minus:
            return { (s, d) throws(EvaluationError) -> Int? in
                let a = try l(s, d)
                let b = try r(s, d)
                guard let a, let b else { return nil }
                let (v, o) = a.subtractingReportingOverflow(b)
                if o { throw EvaluationError(.overflow, at: at) }
                return v
            }
        case .times:
            return { (s, d) throws(EvaluationError) -> Int? in
                let a = try l(s, d)
                let b = try r(s, d)
                guard let a, let b else { return nil }
                let (v, o) = a.multipliedReportingOverflow(by: b)
                if o { throw EvaluationError(.overflow, at: at) }
                return v
            }
        case .dividedBy:
            return { (s, d) throws(EvaluationError) -> Int? in
                let a = try l(s, d)
                let b = try r(s, d)
                guard let a, let b else { return nil }
                if b == 0 { throw EvaluationError(.divisionByZero, at: at) }
                let (v, o) = a.dividedReportingOverflow(by: b)
                if o { throw EvaluationError(.overflow, at: at) }
                return v
            }
        }
    }

    static func shift(_ date: @escaping IntCode, _ days: @escaping IntCode, subtract: Bool, at: SourcePosition) -> IntCode {
        { (s, d) throws(EvaluationError) -> Int? in
            let p = try date(s, d)
            let n = try days(s, d)
            return try moved(p, n, subtract: subtract, at: at)
        }
    }

    static func shiftInOrder(_ days: @escaping IntCode, _ date: @escaping IntCode, at: SourcePosition) -> IntCode {
        { (s, d) throws(EvaluationError) -> Int? in
            let n = try days(s, d)
            let p = try date(s, d)
            return try moved(p, n, subtract: false, at: at)
        }
    }

    static func moved(_ packed: Int?, _ days: Int?, subtract: Bool, at: SourcePosition) throws(EvaluationError) -> Int? {
        guard let packed, var days, let date = CalendarMath.unpacked(packed) else { return nil }
        if subtract {
            let (negated, o) = (0).subtractingReportingOverflow(days)
            if o { throw EvaluationError(.overflow, at: at) }
            days = negated
        }
        do {
            return CalendarMath.packed(try CalendarMath.shift(date, by: days))
        } catch .overflow {
            throw EvaluationError(.overflow, at: at)
        } catch {
            throw EvaluationError(.dateOutOfRange, at: at)
        }
    }
}
