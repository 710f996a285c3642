import WorkCalendar

/// Turns a checked tree into closures (see CompiledCode.swift). Text literals are interned
/// into the caller's table, so ids in compiled code and in subjects agree.
public struct Compiler {
    private var texts: TextTable

    private init(texts: TextTable) {
        self.texts = texts
    }

    public static func compile(_ expression: Expression, texts: inout TextTable) throws(PolicyError) -> CompiledExpression {
        _ = try TypeChecker.type(of: expression)
        var compiler = Compiler(texts: texts)
        defer { texts = compiler.texts }
        return CompiledExpression(code: try compiler.code(expression))
    }

    public static func compile(_ policy: Policy, texts: inout TextTable) throws(PolicyError) -> CompiledPolicy {
        var compiler = Compiler(texts: texts)
        defer { texts = compiler.texts }
        var conditions: [BoolBox] = []
        var stages: [Stage] = []
        for (index, condition) in policy.conditions.enumerated() {
            guard case .boolean(let c) = try compiler.code(condition) else { try mismatch(condition) }
            conditions.append(BoolBox(code: c))
            stages.append(try compiler.stage(condition, index: index, code: c))
        }
        guard case .integer(let amount, _) = try compiler.code(policy.amount) else { try mismatch(policy.amount) }
        return CompiledPolicy(policy: policy, conditions: conditions, amount: amount, stages: stages,
                              finish: try compiler.finish(policy.amount, code: amount))
    }

    /// Only an unchecked tree gets here; the checker names the real problem.
    static func mismatch(_ e: Expression) throws(PolicyError) -> Never {
        _ = try TypeChecker.type(of: e)
        throw PolicyError(.listNotAllowed(.textList), at: e.position)
    }

    // MARK: Nodes

    mutating func code(_ e: Expression) throws(PolicyError) -> Code {
        switch e.kind {
        case .integer(let v): return .integer({ _, _ in v }, constant: v)
        case .date(let v):
            let p = CalendarMath.packed(v)
            return .date({ _, _ in p }, constant: p)
        case .text(let v):
            let id = texts.intern(v)
            return .text({ _, _ in id }, constant: id)
        case .boolean(let v): return .boolean({ _, _ in v })
        case .attribute(let a): return Compiler.attribute(a)
        case .list(let items): return .list(try list(items))

        case .negate(let operand):
            guard case .integer(let c, let constant) = try code(operand) else { try Compiler.mismatch(e) }
            if let constant, constant >= 0 { return .integer({ _, _ in -constant }, constant: -constant) }
            let at = e.position
            return .integer({ (s, d) throws(EvaluationError) -> Int? in
                guard let v = try c(s, d) else { return nil }
                let (r, o) = (0).subtractingReportingOverflow(v)
                if o { throw EvaluationError(.overflow, at: at) }
                return r
            }, constant: nil)

        case .not(let operand):
            let c = try condition(operand)
            return .boolean({ (s, d) throws(EvaluationError) -> Bool in try !c(s, d) })

        case .all(let items): return .boolean(Compiler.all(try items.map { (i) throws(PolicyError) in BoolBox(code: try condition(i)) }))
        case .any(let items): return .boolean(Compiler.any(try items.map { (i) throws(PolicyError) in BoolBox(code: try condition(i)) }))

        case .arithmetic(let op, let left, let right):
            return try Compiler.arithmetic(op, try code(left), try code(right), at: e.position, node: e)

        case .comparison(let op, let left, let right):
            let l = try code(left), r = try code(right)
            if let fast = Compiler.specialized(op, left, l, right, r) { return .boolean(fast) }
            return .boolean(try Compiler.comparison(op, l, r, node: e))

        case .membership(let element, let list, let negated):
            if case .attribute(let a) = element.kind, case .list(.texts(let set, _)) = try code(list),
               let fast = Specializations.member(a, set, negated: negated) {
                return .boolean(fast)
            }
            let test = try Compiler.membership(try code(element), try code(list), node: e)
            if !negated { return .boolean(test) }
            return .boolean({ (s, d) throws(EvaluationError) -> Bool in try !test(s, d) })

        case .noneTest(let operand, let negated):
            let missing: BoolCode
            switch try code(operand) {
            case .integer(let c, _), .date(let c, _):
                missing = { (s, d) throws(EvaluationError) -> Bool in try c(s, d) == nil }
            case .text(let c, _):
                missing = { (s, d) throws(EvaluationError) -> Bool in try c(s, d).isMissing }
            case .boolean(let c):
                missing = { (s, d) throws(EvaluationError) -> Bool in _ = try c(s, d); return false }
            case .list: try Compiler.mismatch(e)
            }
            if !negated { return .boolean(missing) }
            return .boolean({ (s, d) throws(EvaluationError) -> Bool in try !missing(s, d) })

        case .conditional(let c, let whenTrue, let whenFalse):
            let test = try condition(c)
            switch (try code(whenTrue), try code(whenFalse)) {
            case (.integer(let a, _), .integer(let b, _)):
                return .integer({ (s, d) throws(EvaluationError) -> Int? in try test(s, d) ? a(s, d) : b(s, d) }, constant: nil)
            case (.date(let a, _), .date(let b, _)):
                return .date({ (s, d) throws(EvaluationError) -> Int? in try test(s, d) ? a(s, d) : b(s, d) }, constant: nil)
            case (.text(let a, _), .text(let b, _)):
                return .text({ (s, d) throws(EvaluationError) -> TextID in try test(s, d) ? a(s, d) : b(s, d) }, constant: nil)
            case (.boolean(let a), .boolean(let b)):
                return .boolean({ (s, d) throws(EvaluationError) -> Bool in try test(s, d) ? a(s, d) : b(s, d) })
            default: try Compiler.mismatch(e)
            }

        case .call(let function, let arguments):
            var codes: [Code] = []
            for argument in arguments { codes.append(try code(argument)) }
            return try Compiler.call(function, codes, node: e)
        }
    }

    private mutating func condition(_ e: Expression) throws(PolicyError) -> BoolCode {
        guard case .boolean(let c) = try code(e) else { try Compiler.mismatch(e) }
        return c
    }

    private mutating func list(_ items: [Expression]) throws(PolicyError) -> ListCode {
        var integers: [Int] = [], dates: [Int] = [], ids: [TextID] = []
        for item in items {
            switch try code(item) {
            case .integer(_, let v?): integers.append(v)
            case .date(_, let v?): dates.append(v)
            case .text(_, let v?): ids.append(v)
            default: try Compiler.mismatch(item)
            }
        }
        if !ids.isEmpty { return .texts(TextSet(ids), ids) }
        if !dates.isEmpty { return .dates(dates) }
        return .integers(integers)
    }
}
